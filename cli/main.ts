import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ImportSummary, KpiPeriod } from '../shared/api/contract';
import { parsePeriod } from '../shared/period/period';
import type { AppError } from '../shared/result';
import { buildRankingView } from '../engine/analysis/ranking-view';
import { importPaths } from '../engine/import/import-files';
import { Workspace } from '../engine/workspace/workspace';
import { rankingsCsv, summaryJson } from './analyze-output';

const USAGE = `Usage:
  quartile-coach analyze <files...> --period <period> --out <dir> [--db <workspace.sqlite>] [--kpi-period <month>]
  quartile-coach import <files...> --db <workspace.sqlite> [--period <month>]

Periods: 2017, 2017-Q3, 2017-03, or 2017-01-01..2017-06-30.
Files are CSV exports (deals, activities, reps/teams, accounts, quotas, rep KPI summaries),
recognised by their columns. A rep KPI summary that does not say which month it covers (columns
like "Calls (last month)") needs the month: import --period 2024-05 ("last month" is May 2024),
analyze --kpi-period 2024-05.`;

class UsageError extends Error {}

function fail(error: AppError | string): never {
  const message = typeof error === 'string' ? error : error.message;
  process.stderr.write(`quartile-coach: ${message.replace(/\s+/g, ' ').trim()}\n`);
  process.exit(1);
}

function openWorkspace(db: string | undefined): Workspace {
  try {
    // Without --db the analysis runs in a throw-away in-memory workspace: nothing is left behind.
    return new Workspace(db ? resolve(db) : ':memory:', false);
  } catch (e) {
    fail(`cannot open workspace ${db ?? ''}: ${(e as Error).message}`);
  }
}

/** The month given for rep KPI summaries that do not date their values, or undefined. */
function kpiPeriodOption(value: string | undefined): KpiPeriod | undefined {
  if (value === undefined) return undefined;
  const period = parsePeriod(value);
  if (!period.ok) fail(period.error);
  return { start: period.value.start, end: period.value.end };
}

async function importInto(
  workspace: Workspace,
  files: string[],
  kpiPeriod: KpiPeriod | undefined,
  kpiFlag: string,
): Promise<ImportSummary[]> {
  if (files.length === 0) return [];
  const result = await importPaths(
    workspace.sqlite,
    files.map((f) => resolve(f)),
    new Date().toISOString(),
    kpiPeriod ? { kpiPeriod } : {},
  );
  if (!result.ok) {
    if (result.error.code === 'kpi_period_required') {
      fail(`${result.error.message.replace(/give the month\.$/, '')}give it with ${kpiFlag} YYYY-MM.`);
    }
    fail(result.error);
  }
  workspace.invalidate();
  return result.value;
}

async function analyze(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      period: { type: 'string' },
      out: { type: 'string' },
      db: { type: 'string' },
      'kpi-period': { type: 'string' },
    },
  });
  if (!values.period) throw new UsageError('analyze needs --period');
  if (!values.out) throw new UsageError('analyze needs --out <dir>');
  if (positionals.length === 0 && !values.db) throw new UsageError('analyze needs files or --db');
  const period = parsePeriod(values.period);
  if (!period.ok) fail(period.error);
  const kpiPeriod = kpiPeriodOption(values['kpi-period']);
  const workspace = openWorkspace(values.db);
  try {
    const files = await importInto(workspace, positionals, kpiPeriod, '--kpi-period');
    const view = buildRankingView(workspace.getWorkingSet(), period.value, workspace.dataRange());
    const out = resolve(values.out);
    mkdirSync(out, { recursive: true });
    writeFileSync(resolve(out, 'rankings.csv'), rankingsCsv(view));
    writeFileSync(resolve(out, 'summary.json'), summaryJson(view, files));
    const b = view.bandCounts;
    process.stdout.write(
      `${period.value.id}: ${view.rankedCount} ranked (top ${b.top}, middle ${b.middle}, bottom ${b.bottom}), ${b.unranked} not ranked -> ${out}\n`,
    );
  } finally {
    workspace.close();
  }
}

async function importCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { db: { type: 'string' }, period: { type: 'string' } },
  });
  if (!values.db) throw new UsageError('import needs --db <workspace.sqlite>');
  if (positionals.length === 0) throw new UsageError('import needs at least one file');
  const kpiPeriod = kpiPeriodOption(values.period);
  const workspace = openWorkspace(values.db);
  try {
    const files = await importInto(workspace, positionals, kpiPeriod, '--period');
    const summary = files.map((f) => ({
      file: f.fileName,
      kind: f.kind,
      preset: f.preset,
      batch_id: f.batchId,
      mapping: f.mapping,
      counts: f.counts,
      warnings: f.warnings,
    }));
    process.stdout.write(`${JSON.stringify({ db: resolve(values.db), files: summary }, null, 2)}\n`);
  } finally {
    workspace.close();
  }
}

export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  try {
    if (command === 'analyze') await analyze(rest);
    else if (command === 'import') await importCommand(rest);
    else if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(`${USAGE}\n`);
    } else throw new UsageError(`unknown command "${command}"`);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`quartile-coach: ${(e as Error).message}\n${USAGE}\n`);
      process.exit(2);
    }
    fail(`unexpected error: ${(e as Error).message}`);
  }
}
