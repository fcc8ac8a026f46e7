import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { err, ok, type Result } from '../../shared/result';
import type { SqliteHandle } from '../db/open-database';
import { importPaths } from '../import/import-files';

/**
 * Builds the demo workspace by importing resources/demo/*.csv through the normal import path,
 * so the demo exercises exactly what a user's own files go through.
 */
export async function buildDemoWorkspace(
  sqlite: SqliteHandle,
  resourcesDir: string,
  now: string,
): Promise<Result<number>> {
  const dir = join(resourcesDir, 'demo');
  if (!existsSync(dir)) return err('not_found', `The demo data is missing (${dir}).`);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => join(dir, f));
  const result = await importPaths(sqlite, files, now);
  return result.ok ? ok(result.value.reduce((n, s) => n + s.counts.read, 0)) : result;
}
