import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { ColumnMapping, ImportSummary, KpiPeriod } from '../../shared/api/contract';
import type { FileKind } from '../../shared/domain/types';
import { err, ok, type Result } from '../../shared/result';
import type { SqliteHandle } from '../db/open-database';
import { knownPeople } from './known-people';
import { checkSourceFile } from './source-file';
import { doubtNotices, missingColumnsMessage, missingLabels } from './missing-columns';
import { runImport } from './run-import';
import { applySavedMapping, rememberDateOrder, savedDateOrder } from './saved-mappings';
import { stageTable, withMapping, type StagedTable } from './stage-file';
import { loadWorkspaceCurrency } from '../workspace/currency-store';
import { repKpiImportMapping } from './writers/rep-kpis-writer';

/**
 * Org and account files first, so deals and activities link to reps and accounts that exist; deal
 * history after the deals its rows name.
 */
export const IMPORT_ORDER: readonly FileKind[] = [
  'reps',
  'rep_kpis',
  'accounts',
  'deals',
  'deal_history',
  'activities',
  'quotas',
];

export interface ImportPathsOptions {
  /**
   * The month of rep KPI summaries that do not date their values (the CLI's --period): what
   * their newest relative label ("last month") means, or the month the sheet covers. Without it
   * such a file is refused before anything is imported.
   */
  kpiPeriod?: KpiPeriod;
}

/**
 * Imports files from disk with detected kinds and mappings: the headless path used by the CLI
 * and the demo workspace. Every file is its own transaction; the first failure stops the run and
 * names the file. Files are recognised by content, never by name.
 */
export async function importPaths(
  sqlite: SqliteHandle,
  paths: readonly string[],
  now: string,
  options: ImportPathsOptions = {},
): Promise<Result<ImportSummary[]>> {
  // Workbook sheets are converted to CSV here for the import, then removed.
  const workDir = mkdtempSync(join(tmpdir(), 'quartile-import-'));
  try {
    return await importAll(sqlite, paths, now, workDir, options);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function importAll(
  sqlite: SqliteHandle,
  paths: readonly string[],
  now: string,
  workDir: string,
  options: ImportPathsOptions,
): Promise<Result<ImportSummary[]>> {
  const staged: StagedTable[] = [];
  /** The import mapping of each rep KPI summary, planned before anything is imported. */
  const kpiMappings = new Map<StagedTable, ColumnMapping>();
  // The workspace's reps before this run: a column of their names is an owner column.
  const known = knownPeople(sqlite);
  for (const [i, path] of paths.entries()) {
    const name = basename(path);
    // The app's own checks of a chosen file (a folder is not_a_file, a missing file not_found,
    // past the size limit file_too_large), so both roads refuse the same files the same way.
    const checked = await checkSourceFile(resolve(path), name);
    if (!checked.ok) return checked;
    const inspected = await stageTable(path, name, `file-${i}`, checked.value.size, {
      workDir,
      knownPeople: known,
    });
    if (!inspected.ok) return inspected;
    const saved = applySavedMapping(sqlite, inspected.value);
    // The workspace's currency stands in for amounts whose file says none.
    const table = withMapping(
      { ...saved, workspaceCurrency: loadWorkspaceCurrency(sqlite) },
      saved.info.kind,
      saved.info.mapping,
    );
    const closest = table.info.closestKind;
    if (table.info.kind === null && closest) {
      // Say which column is missing and how to pick it, not only that the kind is unknown.
      return err('missing_columns', missingColumnsMessage(name, closest.kind, closest.missing), {
        file: name,
        kind: closest.kind,
        fields: missingLabels(closest.kind, closest.missing),
      });
    }
    if (table.info.kind === null) {
      return err(
        'unknown_file_kind',
        `Could not tell what "${name}" holds (deals, activities, reps, accounts or quotas).`,
        { file: name },
      );
    }
    if (table.info.kind === 'rep_kpis') {
      const planned = repKpiImportMapping(table, table.info.mapping, options.kpiPeriod);
      if (!planned.ok) return planned;
      kpiMappings.set(table, planned.value);
    }
    staged.push(table);
  }
  staged.sort(
    (a, b) => IMPORT_ORDER.indexOf(a.info.kind as FileKind) - IMPORT_ORDER.indexOf(b.info.kind as FileKind),
  );
  const summaries: ImportSummary[] = [];
  for (const table of staged) {
    // No one to ask: ambiguous dates read as saved for these headers (also by an earlier file of
    // this run), else month-first with a warning.
    const dateOrder = savedDateOrder(sqlite, table.info.headers);
    const result = await runImport(sqlite, {
      staged: table,
      kind: table.info.kind as FileKind,
      mapping: kpiMappings.get(table) ?? table.info.mapping,
      now,
      ...(dateOrder ? { dateOrder } : {}),
      // No one confirmed columns guessed from their values: import with them, but do not
      // remember the guess as if it were a confirmed mapping.
      ...((table.info.guessedFromValues?.length ?? 0) > 0 ? { rememberMapping: false } : {}),
    });
    if (!result.ok) return result;
    rememberDateOrder(sqlite, table, dateOrder);
    // No one to ask about doubtful mappings: imported as they are, and reported.
    const doubts = doubtNotices(table.info.kind as FileKind, table.info.doubtful ?? []);
    summaries.push(
      doubts.length > 0 ? { ...result.value, warnings: [...doubts, ...result.value.warnings] } : result.value,
    );
  }
  return ok(summaries);
}
