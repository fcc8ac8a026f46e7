import {
  defaultAnalysisSettings,
  parseAnalysisSettings,
  type AnalysisSettings,
} from '../../shared/analysis/settings';
import type { SqliteHandle } from '../db/open-database';
import { readSetting, writeSetting } from './settings-table';

const KEY = 'analysis';

/**
 * The director's analysis settings live in the workspace (settings table), so a workspace
 * copied to another machine ranks the same way. A row that no longer parses (written by a
 * newer version, or edited by hand) falls back to the defaults rather than blocking the app.
 */
export function loadAnalysisSettings(sqlite: SqliteHandle): AnalysisSettings {
  const row = readSetting(sqlite, KEY);
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
  writeSetting(sqlite, KEY, JSON.stringify(settings));
}
