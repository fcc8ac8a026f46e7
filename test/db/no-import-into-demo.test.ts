import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../engine/api/engine';

/**
 * Issue #12, item 8: with the demo open, an import must not go into the demo silently. The
 * screens open the user's workspace first (test/e2e/import-checks.test.ts); the engine refuses an
 * import into the demo whatever asks for it.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'qc-demo-import-'));
const engine = new Engine({
  dataDir: dir,
  resourcesDir: path.resolve(import.meta.dirname, '../../resources'),
  now: () => new Date('2026-01-02T03:04:05.000Z'),
});
afterAll(() => {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the demo workspace takes no imports', () => {
  it('refuses import.run while the demo is open, and imports into the user workspace', async () => {
    const demo = await engine.handlers['workspace.openDemo']({});
    if (!demo.ok) throw new Error(demo.error.message);
    const dealsBefore = demo.value.counts.deals;
    const staged = await engine.handlers['import.stage']({
      fileName: 'team.csv',
      bytes: new TextEncoder().encode('Sales Agent,Manager,Regional Office\nAnn Lee,Bo Chen,East\n'),
    });
    if (!staged.ok) throw new Error(staged.error.message);
    const run = {
      jobId: 'j',
      stagedId: staged.value.stagedId,
      kind: 'reps' as const,
      mapping: staged.value.mapping,
    };
    const refused = await engine.handlers['import.run'](run);
    expect(refused.ok ? null : refused.error.code).toBe('demo_workspace');
    const demoAfter = await engine.handlers['workspace.info']({});
    expect(demoAfter.ok && demoAfter.value.counts.deals).toBe(dealsBefore);
    expect(demoAfter.ok && demoAfter.value.counts.batches).toBe(demo.value.counts.batches);

    const user = await engine.handlers['workspace.openUser']({});
    if (!user.ok) throw new Error(user.error.message);
    const imported = await engine.handlers['import.run'](run);
    if (!imported.ok) throw new Error(imported.error.message);
    expect(imported.value.counts.added).toBe(1);
  });
});
