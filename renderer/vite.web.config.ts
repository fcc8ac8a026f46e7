import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { cspDevPlugin } from './csp-dev-plugin.ts';

/** The same renderer, built for the local browser host (web/server.ts) used by e2e tests. */
export default defineConfig({
  root: resolve(import.meta.dirname),
  base: './',
  plugins: [react(), cspDevPlugin()],
  build: {
    outDir: resolve(import.meta.dirname, '../dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
