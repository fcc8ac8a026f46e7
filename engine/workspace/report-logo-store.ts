import type { SqliteHandle } from '../db/open-database';
import { deleteSetting, readSetting, writeSetting } from './settings-table';
import { logoDataUrl, parseReportLogo, type ReportLogo } from '../../shared/format/report-logo';
import { ok, type Result } from '../../shared/result';

/**
 * The logo a workspace's printed reports carry in their header (settings table, key
 * `report_logo`), set and removed in Settings. Stored checked (shared/format/report-logo.ts), and
 * checked again when read: a value a newer or older app wrote that does not parse is no logo.
 */
const KEY = 'report_logo';

export function loadReportLogo(sqlite: SqliteHandle): ReportLogo | null {
  const row = readSetting(sqlite, KEY);
  if (row === undefined) return null;
  try {
    const stored: unknown = JSON.parse(row);
    if (typeof stored !== 'object' || stored === null || !('dataUrl' in stored)) return null;
    if (typeof stored.dataUrl !== 'string') return null;
    const logo = parseReportLogo(stored.dataUrl);
    return logo.ok ? logo.value : null;
  } catch {
    return null;
  }
}

/** Sets the logo from a data URL, or removes it (null). A refused image changes nothing. */
export function saveReportLogo(sqlite: SqliteHandle, dataUrl: string | null): Result<ReportLogo | null> {
  if (dataUrl === null) {
    deleteSetting(sqlite, KEY);
    return ok(null);
  }
  const logo = parseReportLogo(dataUrl);
  if (!logo.ok) return logo;
  const value_json = JSON.stringify({ dataUrl: logoDataUrl(logo.value) });
  writeSetting(sqlite, KEY, value_json);
  return logo;
}
