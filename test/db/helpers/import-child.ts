/**
 * Child process for the kill-during-import test: imports a file into a workspace and prints
 * "progress" on every progress event, so the parent can kill it mid-transaction.
 */
import { statSync } from 'node:fs';
import { openDatabase } from '../../../engine/db/open-database';
import { runImport } from '../../../engine/import/run-import';
import { inspectTable } from '../../../engine/import/stage-file';

const [dbFile, csvFile, how] = process.argv.slice(2) as [string, string, string | undefined];
// "exclusive": the workspace is held as the CLI holds it for its imports (OpenOptions.exclusive);
// "large": opened as the app opens it, and held for this import alone, as a large file is.
const database = openDatabase(dbFile, how === 'exclusive' ? { exclusive: true } : {});
if (how === 'exclusive' && !database.exclusive) throw new Error('not held exclusively');
const { sqlite } = database;
const staged = await inspectTable(csvFile, 'big.csv', 'child', statSync(csvFile).size);
if (!staged.ok || !staged.value.info.kind) throw new Error('not staged');
await runImport(sqlite, {
  staged: staged.value,
  kind: staged.value.info.kind,
  mapping: staged.value.info.mapping,
  now: '2026-01-01T00:00:00.000Z',
  onProgress: (p) => process.stdout.write(`progress ${p.rowsRead}\n`),
  ...(how === 'large' ? { exclusiveFromBytes: 0 } : {}),
});
database.finishExclusive();
process.stdout.write('finished\n');
