import type { SqliteHandle } from '../db/open-database';
import { execute, query, selectFirst } from '../db/sync-query';

/**
 * The workspace's settings table: one JSON value per key (`analysis`, `currency`, `report_logo`),
 * read and written through typed queries. Each store (analysis-settings-store, currency-store,
 * report-logo-store) checks its own value; a value that no longer parses is the store's to treat.
 */
export function readSetting(sqlite: SqliteHandle, key: string): string | undefined {
  return selectFirst(sqlite, query.selectFrom('settings').select('value_json').where('key', '=', key))
    ?.value_json;
}

export function writeSetting(sqlite: SqliteHandle, key: string, valueJson: string): void {
  execute(
    sqlite,
    query
      .insertInto('settings')
      .values({ key, value_json: valueJson })
      .onConflict((c) => c.column('key').doUpdateSet({ value_json: valueJson })),
  );
}

export function deleteSetting(sqlite: SqliteHandle, key: string): void {
  execute(sqlite, query.deleteFrom('settings').where('key', '=', key));
}
