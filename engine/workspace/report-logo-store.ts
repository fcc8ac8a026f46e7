import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { SqliteHandle } from '../db/open-database';
import { execute, selectFirst } from '../db/sync-query';
import { logoDataUrl, parseReportLogo, type ReportLogo } from '../../shared/format/report-logo';
import { ok, type Result } from '../../shared/result';

/**
 * The logo a workspace's printed reports carry in their header (settings table, key
 * `report_logo`), set and removed in Settings. Stored checked (shared/format/report-logo.ts), and
 * checked again when read: a value a newer or older app wrote that does not parse is no logo.
 */
const KEY = 'report_logo';

export function loadReportLogo(sqlite: SqliteHandle, db: Kysely<Database>): ReportLogo | null {
  const row = selectFirst(sqlite, db.selectFrom('settings').select('value_json').where('key', '=', KEY));
  if (!row) return null;
  try {
    const stored = JSON.parse(row.value_json) as { dataUrl?: unknown };
    if (typeof stored.dataUrl !== 'string') return null;
    const logo = parseReportLogo(stored.dataUrl);
    return logo.ok ? logo.value : null;
  } catch {
    return null;
  }
}

/** Sets the logo from a data URL, or removes it (null). A refused image changes nothing. */
export function saveReportLogo(
  sqlite: SqliteHandle,
  db: Kysely<Database>,
  dataUrl: string | null,
): Result<ReportLogo | null> {
  if (dataUrl === null) {
    execute(sqlite, db.deleteFrom('settings').where('key', '=', KEY));
    return ok(null);
  }
  const logo = parseReportLogo(dataUrl);
  if (!logo.ok) return logo;
  const value_json = JSON.stringify({ dataUrl: logoDataUrl(logo.value) });
  execute(
    sqlite,
    db
      .insertInto('settings')
      .values({ key: KEY, value_json })
      .onConflict((c) => c.column('key').doUpdateSet({ value_json })),
  );
  return logo;
}
