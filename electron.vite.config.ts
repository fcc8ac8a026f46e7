import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { cspDevPlugin } from './renderer/csp-dev-plugin.ts';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          main: resolve(import.meta.dirname, 'electron/main.ts'),
          'engine-worker': resolve(import.meta.dirname, 'engine/host/engine-worker.ts'),
          // Started by the engine for each workbook, with its own memory limit.
          'xlsx-worker': resolve(import.meta.dirname, 'engine/import/xlsx/xlsx-worker.ts'),
          // Reads and checks activity files in parallel with the inserts (kept warm between imports).
          'activity-reader-worker': resolve(
            import.meta.dirname,
            'engine/import/activities/activity-reader-worker.ts',
          ),
          // Reads the activities of a workspace being opened on its own connection, in parallel with
          // the engine's reads (kept warm between opens).
          'activity-columns-worker': resolve(
            import.meta.dirname,
            'engine/analysis/activity-columns-worker.ts',
          ),
        },
        // Native and large runtime deps load from node_modules at run time.
        external: ['better-sqlite3'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { preload: resolve(import.meta.dirname, 'electron/preload.ts') },
        // A sandboxed preload must be a single CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react(), cspDevPlugin()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: resolve(import.meta.dirname, 'renderer/index.html') },
    },
  },
});
