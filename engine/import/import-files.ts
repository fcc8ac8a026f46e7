import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { ColumnMapping, DayMonthOrder, ImportSummary, KpiPeriod } from '../../shared/api/contract';
import type { FileKind } from '../../shared/domain/types';
import { err, ok, type Result } from '../../shared/result';
import type { SqliteHandle } from '../db/open-database';
import { prewarmActivityReader } from './activities/activity-reader';
import { knownPeople } from './known-people';
import { checkSourceFile } from './source-file';
import { doubtNotices, missingColumnsMessage, missingLabels } from './missing-columns';
import { runImport, type ImportRequest } from './run-import';
import { applySavedMapping, rememberDateOrder, savedDateOrder } from './saved-mappings';
import { stageTable, withMapping, type StagedTable } from './stage-file';
import { loadWorkspaceCurrency } from '../workspace/currency-store';
import { repKpiImportMapping } from './writers/rep-kpis-writer';

/*
 * The one import recipe. Every road into the workspace takes these steps: the app's (the
 * engine's `import.stage`/`import.stagePath` then `import.run`, a person answering between them)
 * and the hosts' with no one to ask (`import.files`: the CLI, the demo workspace), whose batch
 * is importPaths below.
 */

/**
 * A file just inspected, read as the workspace reads it: with the kind, mapping, stage choices
 * and date order saved for its exact headers (when there are some), and the workspace's currency
 * for amounts whose file says none.
 */
export function withWorkspaceChoices(sqlite: SqliteHandle, inspected: StagedTable): StagedTable {
  const saved = applySavedMapping(sqlite, inspected);
  return withMapping(
    { ...saved, workspaceCurrency: loadWorkspaceCurrency(sqlite) },
    saved.info.kind,
    saved.info.mapping,
  );
}

/**
 * The mapping a file is imported with: the one given, but for a rep KPI summary, whose columns
 * are planned here (which period each column's values go to; a summary that does not date its
 * values needs `period`, else kpi_period_required).
 */
export function importMapping(
  staged: StagedTable,
  kind: FileKind,
  mapping: ColumnMapping,
  period: KpiPeriod | undefined,
): Result<ColumnMapping> {
  return kind === 'rep_kpis' ? repKpiImportMapping(staged, mapping, period) : ok(mapping);
}

/** How to import one staged file: runImport's request, the day/month order possibly null (none). */
export type StagedImport = Omit<ImportRequest, 'staged' | 'dateOrder'> & {
  dateOrder?: DayMonthOrder | null | undefined;
};

/**
 * Imports one staged file (one transaction) with a mapping from importMapping, then remembers how
 * its dates read for the next file with these headers.
 */
export async function importStaged(
  sqlite: SqliteHandle,
  staged: StagedTable,
  request: StagedImport,
): Promise<Result<ImportSummary>> {
  const { dateOrder, ...rest } = request;
  const result = await runImport(sqlite, {
    ...rest,
    // The workspace's currency as it is now: the user may have just answered "which currency?".
    staged: { ...staged, workspaceCurrency: loadWorkspaceCurrency(sqlite) },
    ...(dateOrder ? { dateOrder } : {}),
  });
  if (result.ok) rememberDateOrder(sqlite, staged, dateOrder);
  return result;
}

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
  /** How each import copies the WAL into the file afterwards (ImportRequest.checkpoint). */
  checkpoint?: () => void;
  /**
   * The month of rep KPI summaries that do not date their values (the CLI's --period): what
   * their newest relative label ("last month") means, or the month the sheet covers. Without it
   * such a file is refused before anything is imported.
   */
  kpiPeriod?: KpiPeriod;
}

/**
 * Imports files from disk with no one to ask (the `import.files` method, the demo workspace):
 * each file read where it is (never copied), with the saved or detected kind and mapping. Every
 * file is its own transaction; the first failure stops the run and names the file. Files are
 * recognised by content, never by name.
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

/** A file staged for a run, with the mapping it will be imported with. */
interface Planned {
  table: StagedTable;
  kind: FileKind;
  mapping: ColumnMapping;
}

async function importAll(
  sqlite: SqliteHandle,
  paths: readonly string[],
  now: string,
  workDir: string,
  options: ImportPathsOptions,
): Promise<Result<ImportSummary[]>> {
  const planned: Planned[] = [];
  // The activity reader takes about 0.15 s to start: let it load while the files are staged (as
  // the app's staging does). Idle, it keeps nothing alive; a run without activities never uses it.
  void prewarmActivityReader();
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
    const table = withWorkspaceChoices(sqlite, inspected.value);
    const { kind, closestKind: closest } = table.info;
    if (kind === null && closest) {
      // Say which column is missing and how to pick it, not only that the kind is unknown.
      return err('missing_columns', missingColumnsMessage(name, closest.kind, closest.missing), {
        file: name,
        kind: closest.kind,
        fields: missingLabels(closest.kind, closest.missing),
      });
    }
    if (kind === null) {
      return err(
        'unknown_file_kind',
        `Could not tell what "${name}" holds (deals, activities, reps, accounts or quotas).`,
        { file: name },
      );
    }
    // Planned before anything is imported: a rep KPI summary without its month stops the run here.
    const mapping = importMapping(table, kind, table.info.mapping, options.kpiPeriod);
    if (!mapping.ok) return mapping;
    planned.push({ table, kind, mapping: mapping.value });
  }
  planned.sort((a, b) => IMPORT_ORDER.indexOf(a.kind) - IMPORT_ORDER.indexOf(b.kind));
  // The WAL is copied into the file once, after the run's last import (or its failure), not after
  // each file: each copy starts a worker of its own, and the next file's would find the last one's
  // still running.
  const checkpoint = options.checkpoint;
  try {
    return await importPlanned(sqlite, planned, now, checkpoint ? () => {} : undefined);
  } finally {
    checkpoint?.();
  }
}

/** Imports the planned files in order; `checkpoint` is each import's (ImportRequest.checkpoint). */
async function importPlanned(
  sqlite: SqliteHandle,
  planned: readonly Planned[],
  now: string,
  checkpoint: (() => void) | undefined,
): Promise<Result<ImportSummary[]>> {
  const summaries: ImportSummary[] = [];
  for (const { table, kind, mapping } of planned) {
    const result = await importStaged(sqlite, table, {
      kind,
      mapping,
      now,
      // No one to ask: ambiguous dates read as saved for these headers (also by an earlier file
      // of this run), else month-first with a warning.
      dateOrder: savedDateOrder(sqlite, table.info.headers),
      ...(checkpoint ? { checkpoint } : {}),
      // No one confirmed columns guessed from their values: import with them, but do not
      // remember the guess as if it were a confirmed mapping.
      ...((table.info.guessedFromValues?.length ?? 0) > 0 ? { rememberMapping: false } : {}),
    });
    if (!result.ok) return result;
    // No one to ask about doubtful mappings: imported as they are, and reported.
    const doubts = doubtNotices(kind, table.info.doubtful ?? []);
    summaries.push(
      doubts.length > 0 ? { ...result.value, warnings: [...doubts, ...result.value.warnings] } : result.value,
    );
  }
  return ok(summaries);
}
