import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layers' boundaries are kept by the linter (eslint.config.js, docs/architecture.md
 * "Boundaries"): each case lints one import as if written in a file of that layer.
 */
const root = resolve(import.meta.dirname, '../..');
// The imagined files are in no tsconfig, so the type-aware rules (which need the file in the
// TypeScript project) are off for them; the import rules under test need no types.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: [{ ...tseslint.configs.disableTypeChecked, files: ['**/*.{ts,tsx}'] }],
});

async function restricted(file: string, source: string): Promise<boolean> {
  const [result] = await eslint.lintText(`import { x } from '${source}';\nexport const y = x;\n`, {
    filePath: resolve(root, file),
  });
  if (result!.messages.some((m) => m.fatal)) throw new Error(JSON.stringify(result!.messages));
  return result!.messages.some((m) => m.ruleId === 'no-restricted-imports');
}

describe('layer boundaries', () => {
  it('keeps the renderer off Node, the database, the engine and the hosts', async () => {
    for (const source of [
      'node:fs',
      'better-sqlite3',
      'electron',
      '../../../../engine/api/engine',
      '../../../../web/security',
      '../../../../cli/main',
    ])
      expect(await restricted('renderer/src/features/rankings/X.tsx', source), source).toBe(true);
    expect(await restricted('renderer/src/features/rankings/X.tsx', '../../../../shared/format/format')).toBe(
      false,
    );
  }, 30_000);

  it('keeps the engine off Electron, the UI and the hosts', async () => {
    for (const source of [
      'electron',
      '../../renderer/src/App',
      '../../electron/main',
      '../../cli/main',
      '../../web/server',
    ])
      expect(await restricted('engine/analysis/x.ts', source), source).toBe(true);
    expect(await restricted('engine/analysis/x.ts', '../../shared/kpi/compute-kpis')).toBe(false);
  }, 30_000);

  it('keeps shared/ and reports/ pure and independent of every other layer', async () => {
    for (const source of [
      'node:fs',
      '../../engine/api/engine',
      '../../renderer/src/App',
      '../../reports/types',
    ])
      expect(await restricted('shared/kpi/x.ts', source), source).toBe(true);
    for (const source of ['node:fs', 'playwright-core', '../engine/api/engine', '../renderer/src/App'])
      expect(await restricted('reports/x.tsx', source), source).toBe(true);
    expect(await restricted('reports/x.tsx', '../shared/format/format')).toBe(false);
  }, 30_000);

  it('lets hosts use the engine through its API and host-facing modules only', async () => {
    for (const file of ['cli/x.ts', 'web/x.ts', 'electron/x.ts']) {
      for (const source of [
        '../engine/api/engine',
        '../engine/host/engine-client',
        '../engine/import/source-file',
      ])
        expect(await restricted(file, source), `${file} ${source}`).toBe(false);
      for (const source of [
        '../engine/analysis/ranking-view',
        '../engine/db/open-database',
        '../engine/import/writers/deals-writer',
      ])
        expect(await restricted(file, source), `${file} ${source}`).toBe(true);
    }
    expect(await restricted('cli/x.ts', 'electron')).toBe(true);
  }, 30_000);
});
