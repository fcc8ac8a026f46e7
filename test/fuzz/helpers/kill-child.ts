/**
 * Child process of the kill campaign (test/fuzz/kill-campaign.test.ts): imports a file into a
 * workspace and undoes it, over and over, saying on stdout what it is doing, until the parent
 * kills it with SIGKILL at a random moment.
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { openDatabase } from '../../../engine/db/open-database';
import { runImport } from '../../../engine/import/run-import';
import { inspectTable } from '../../../engine/import/stage-file';
import { undoImport } from '../../../engine/import/undo-import';
import type { FileKind } from '../../../shared/domain/types';

const [dbFile, file, kind] = process.argv.slice(2) as [string, string, FileKind];
const { sqlite } = openDatabase(dbFile);
const say = (what: string): boolean => process.stdout.write(`${what}\n`);
/**
 * A pause after each commit: a committed import lasts only as long as the undo takes to start
 * otherwise, and kills must land on the complete state too, not only before it.
 */
const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 150));
say('ready');
for (let cycle = 0; ; cycle++) {
  say('staging');
  const staged = await inspectTable(file, basename(file), `kill-${cycle}`, statSync(file).size, kind);
  if (!staged.ok) throw new Error(`not staged: ${staged.error.message}`);
  say('importing');
  const r = await runImport(sqlite, {
    staged: staged.value,
    kind,
    mapping: staged.value.info.mapping,
    now: '2026-01-01T00:00:00.000Z',
    rememberMapping: false,
    onProgress: (p) => {
      if (p.phase === 'committing') say('committing');
    },
  });
  if (!r.ok) throw new Error(`import failed: ${r.error.message}`);
  say('imported');
  await pause();
  say('undoing');
  undoImport(sqlite, r.value.batchId);
  say('undone');
  await pause();
}
