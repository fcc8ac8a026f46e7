import { statSync } from 'node:fs';
import type { SqliteHandle } from '../../../engine/db/open-database';
import { runImport, type ImportRequest } from '../../../engine/import/run-import';
import { inspectTable } from '../../../engine/import/stage-file';

let staged = 0;

/** Stages and imports an activities file with its detected mapping; throws unless it imports. */
export async function importActivityFile(
  sqlite: SqliteHandle,
  path: string,
  options: Pick<ImportRequest, 'sideFiles' | 'maxKeysInMemory' | 'checkpoint'> = {},
) {
  const inspected = await inspectTable(path, 'activities.csv', `s${++staged}`, statSync(path).size);
  if (!inspected.ok || inspected.value.info.kind !== 'activities') throw new Error(`not activities: ${path}`);
  const result = await runImport(sqlite, {
    staged: inspected.value,
    kind: 'activities',
    mapping: inspected.value.info.mapping,
    now: '2026-01-01T00:00:00.000Z',
    ...options,
  });
  if (!result.ok) throw new Error(result.error.message);
  return { batchId: result.value.batchId, counts: result.value.counts, warnings: result.value.warnings };
}
