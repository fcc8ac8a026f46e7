import {
  defaultAnalysisSettings,
  parseAnalysisSettings,
  type AnalysisSettings,
} from '../../shared/analysis/settings';
import type { SqliteHandle } from '../db/open-database';

const KEY = 'analysis';

/**
 * The director's analysis settings live in the workspace (settings table), so a workspace
 * copied to another machine ranks the same way. A row that no longer parses (written by a
 * newer version, or edited by hand) falls back to the defaults rather than blocking the app.
 */
export function loadAnalysisSettings(sqlite: SqliteHandle): AnalysisSettings {
  const row = sqlite.prepare('SELECT value_json FROM settings WHERE key = ?').pluck().get(KEY) as
    string | undefined;
  if (row === undefined) return defaultAnalysisSettings();
  let parsed: unknown;
  try {
    parsed = JSON.parse(row);
  } catch {
    return defaultAnalysisSettings();
  }
  const settings = parseAnalysisSettings(parsed);
  return settings.ok ? settings.value : defaultAnalysisSettings();
}

export function saveAnalysisSettings(sqlite: SqliteHandle, settings: AnalysisSettings): void {
  sqlite
    .prepare(
      'INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json',
    )
    .run(KEY, JSON.stringify(settings));
}
