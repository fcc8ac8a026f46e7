/**
 * `npm run bench`: generates its own data and reports the speed figures the issues set as targets.
 * - import of 1,000,000 activity rows (~90 MB CSV): time, rows/s, peak memory, progress cadence,
 *   against the sqlite3 command line's `.import` of the same file into a typed table;
 * - opening a workspace of 500 reps, 1,000,000 activities and 200,000 deals (loading the working
 *   set) and recomputing every KPI, percentile and band for a year;
 * - the CLI's start as a whole process (issue #14), against a bare `node` start;
 * - DuckDB as the peer (issue #14): reading the same activity file into a database file, and one
 *   per-rep KPI query for the year, against our import and our KPI pass;
 * - printing (issue #11) on the demo workspace: every rep's coaching dossier (one PDF each plus
 *   the combined one) and the director's report, each a whole print job, browser start included.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../engine/db/open-database';
import { inspectTable } from '../engine/import/stage-file';
import { prewarmActivityReader } from '../engine/import/activities/activity-reader';
import { runImport } from '../engine/import/run-import';
import { loadWorkingSetAsync } from '../engine/analysis/working-set';
import { prewarmActivityColumnsReader } from '../engine/analysis/activity-columns-reader';
import { activityCachePath } from '../engine/analysis/activity-cache';
import { activityRowsPath } from '../engine/analysis/activity-rows-file';
import { activityKeyFilePath } from '../engine/import/activities/key-file';
import { buildRankingView } from '../engine/analysis/ranking-view';
import { rankPeriod } from '../shared/analysis/analyze';
import { analyzeCoaching } from '../shared/coaching/analyze-coaching';
import { defaultAnalysisSettings } from '../shared/analysis/settings';
import { quarterPeriod, yearPeriod } from '../shared/period/period';
import { mulberry32 } from '../shared/random/mulberry32';
import { median as medianOf } from '../shared/stats/statistics';
import { assignmentOf, planTeams, rescorePlan } from '../shared/teams/plan-teams';
import { Engine } from '../engine/api/engine';
import { buildDemoWorkspace } from '../engine/workspace/demo-workspace';
import { Workspace } from '../engine/workspace/workspace';
import type { PrintedReports } from '../shared/api/contract';
import type { Result } from '../shared/result';
import { duckdbPeer } from './bench/duckdb-peer';
import { writeCsv } from './bench/write-csv';

const ACTIVITY_ROWS = Number(process.env.BENCH_ACTIVITIES ?? 1_000_000);
const DEAL_ROWS = Number(process.env.BENCH_DEALS ?? 200_000);
const REPS = 500;
const IMPORT_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

function settleDisk(): void {
  try {
    execFileSync('sync');
  } catch {
    // No sync(1): the runs are merely noisier.
  }
}

/**
 * An activities export of `rows` rows, every one with a CRM id: 500 reps, calls half the rows,
 * dates over `days` days from 2024-01-01, `accounts` accounts.
 */
async function writeActivities(
  file: string,
  rows: number,
  rand: () => number,
  shape: { days: number; accounts: number; firstId?: number },
): Promise<void> {
  const firstId = shape.firstId ?? 0;
  const types = ['Call', 'Call', 'Call', 'Meeting', 'Visit', 'Email'];
  await writeCsv(
    file,
    'Activity ID,Assigned To,Activity Type,Subject,Activity Date,Account Name,Call Result,Duration (min)',
    rows,
    (i) => {
      const type = types[Math.floor(rand() * types.length)]!;
      const rep = `Rep ${String(1 + Math.floor(rand() * REPS)).padStart(3, '0')}`;
      return `ACT-${firstId + i},${rep},${type},Follow-up on proposal and next steps,${day(Math.floor(rand() * shape.days))},Account ${Math.floor(rand() * shape.accounts)},${type === 'Call' ? 'Connected' : ''},${Math.floor(rand() * 60)}`;
    },
  );
}

/** Activity files for the CLI's whole-process imports: BENCH_CLI_SIZES (default 1M; e.g. "1000000,5000000,10000000"). */
const CLI_SIZES = (process.env.BENCH_CLI_SIZES ?? '1000000')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n > 0);

interface CliRun {
  ms: number;
  /** The process's peak resident memory, every thread's. */
  peakMb: number;
}

interface CliImport extends CliRun {
  rows: number;
  referenceMs: number | null;
  /** Each sqlite3 run: a size run once has two, before and after ours (referenceMs is their mean). */
  referenceRunsMs: number[];
  /** Alternating runs of ours and of sqlite3 (medians of each). */
  rounds: number;
  /** The same file imported in this process, as the app's engine imports it (median of the rounds). */
  inProcessMs: number;
}

/** Opening the largest workspace and ranking its last full year (issue #14: 10M activities). */
interface LargeOpen {
  activities: number;
  deals: number;
  /**
   * `quartile-coach analyze` as a whole process: the first open after the imports (no cache yet;
   * the activity rows file the import wrote), then the next (the cache), then an open with neither
   * file beside the workspace (a copy without them: the table is read).
   */
  cold: CliRun;
  warm: CliRun;
  bare: CliRun;
  /** In-process, the working set loaded: the whole ranking view per period, a re-rank per weight. */
  periodMs: number[];
  weightMs: number[];
}

const LARGE_DEALS = 500_000;

/** What the largest workspace of the CLI imports does next (issue #14). */
interface CliFollowUps {
  rows: number;
  /** The same file again: nothing changes. */
  reimport: CliRun;
  firstMs: number;
  /** A second file of new rows into that workspace, against sqlite3 appending it to its table. */
  second: CliRun & { rows: number; referenceMs: number | null; inProcessMs: number };
}

/** A workspace's file, SQLite's beside it, and the files its imports and opens keep beside it. */
function workspaceFiles(db: string): string[] {
  return [
    db,
    `${db}-wal`,
    `${db}-shm`,
    `${db}-journal`,
    activityCachePath(db),
    activityKeyFilePath(db),
    activityRowsPath(db),
  ];
}

/** Copies a workspace and every file beside it. */
function copyWorkspace(from: string, to: string): void {
  removeWorkspace(to);
  const targets = workspaceFiles(to);
  workspaceFiles(from).forEach((file, i) => {
    if (existsSync(file)) copyFileSync(file, targets[i] as string);
  });
}

/** Removes a workspace and every file beside it. */
function removeWorkspace(db: string): void {
  for (const file of workspaceFiles(db)) rmSync(file, { force: true });
}

const SECOND_FILE_ROWS = 1_000_000;
const SECOND_FILE_ROUNDS = 3;

/** A CLI command as a whole process, with its peak memory. */
function cliRun(args: string[]): CliRun {
  const rssFile = join(dir, 'peak-rss.txt');
  rmSync(rssFile, { force: true });
  const preload = pathToFileURL(join(import.meta.dirname, 'bench', 'peak-rss.mjs')).href;
  settleDisk();
  const t0 = performance.now();
  execFileSync(process.execPath, ['--import', preload, ...args], {
    stdio: 'ignore',
    env: { ...process.env, QC_BENCH_RSS_FILE: rssFile },
  });
  const ms = performance.now() - t0;
  return { ms, peakMb: Number(readFileSync(rssFile, 'utf8')) };
}

/**
 * `quartile-coach import` as a whole process, with its peak memory. Like the sqlite3 reference,
 * it starts on a synced disk: run right after the reference, it paid for writing back the
 * reference's database (470 MB at 5M): 9.19 s and 10.02 s at 5M in two benches, 8.55 s once
 * synced, 8.4–9.0 s in runs of its own.
 */
function cliImport(file: string, db: string): CliRun {
  settleDisk();
  return cliRun([join(import.meta.dirname, '..', 'bin', 'quartile-coach.mjs'), 'import', file, '--db', db]);
}

/**
 * `quartile-coach import` as a user runs it (issue #14): a whole process into a new workspace, for
 * each size, against `sqlite3 .import` of the same file in the same minute. The file is 500 reps,
 * 50,000 accounts and three years, every row with a CRM id, like the issue's own measurements.
 * Into the largest workspace, then: the same file again (nothing changes), and a second file of a
 * million new rows, against sqlite3 appending the same file to its own table of the first.
 */
async function benchCliImports(): Promise<{
  imports: CliImport[];
  followUps: CliFollowUps | null;
  large: LargeOpen | null;
}> {
  const imports: CliImport[] = [];
  let followUps: CliFollowUps | null = null;
  let large: LargeOpen | null = null;
  for (const [k, rows] of CLI_SIZES.entries()) {
    const file = join(dir, `cli-${rows}.csv`);
    await writeActivities(file, rows, mulberry32(rows), { days: 1095, accounts: 50_000 });
    settleDisk();
    const last = k === CLI_SIZES.length - 1;
    // The issue's follow-ups run in the 5M workspace (the largest, when 5M is not measured).
    const followUpSize = CLI_SIZES.includes(5_000_000) ? 5_000_000 : CLI_SIZES.at(-1);
    const withFollowUps = rows === followUpSize;
    const db = join(dir, `cli-${rows}.sqlite`);
    // Up to a million rows a run takes two or three seconds, where one noisy run moves the ratio
    // by a tenth: three alternating runs of each, medians. Larger sizes run once.
    const rounds = rows <= 1_000_000 ? 3 : 1;
    const references: number[] = [];
    const runs: CliRun[] = [];
    const inProcess: number[] = [];
    const inProcessDb = join(dir, 'in-process.sqlite');
    for (let round = 0; round < rounds; round++) {
      const reference = sqliteCliImport(file, { keep: withFollowUps && round === rounds - 1 });
      if (reference !== null) references.push(reference);
      removeWorkspace(db);
      runs.push(cliImport(file, db));
      // Both ways, as issue #14 asks: the whole process above, and this process's engine here.
      settleDisk();
      inProcess.push((await importFile(inProcessDb, file)).ms);
      removeWorkspace(inProcessDb);
    }
    // A size run once: sqlite3 again after our two imports, so that the host's drift during them
    // weighs on both sides (one sqlite3 run at 5M took 10.09 s in one bench and 8.61 s in the
    // next, our CLI 11.75 and 11.55 s: docs/decisions.md, ninth part).
    if (rounds === 1) {
      const after = sqliteCliImport(file, { keep: withFollowUps });
      if (after !== null) references.push(after);
    }
    const referenceRuns = rounds === 1 ? 2 : rounds;
    // Of a size run once, the two sqlite3 runs' median is their mean.
    const referenceMs = references.length !== referenceRuns ? null : median(references);
    // The median run's time and memory; the workspace the follow-ups use is the last run's.
    const first = [...runs].sort((a, b) => a.ms - b.ms)[(rounds - 1) >> 1] as CliRun;
    imports.push({
      rows,
      referenceMs,
      referenceRunsMs: references,
      rounds,
      inProcessMs: median(inProcess),
      ...first,
    });
    let added = 0;
    if (withFollowUps) {
      const reimport = cliImport(file, db);
      const second = join(dir, 'cli-second.csv');
      await writeActivities(second, SECOND_FILE_ROWS, mulberry32(rows + 1), {
        days: 1095,
        accounts: 50_000,
        firstId: rows,
      });
      // Single runs of the second file moved by a third with the disk and page cache (2.8-4.1 s on
      // one build): three rounds, each into a copy of the workspace as the re-import left it,
      // alternating with sqlite3 appending the file to its table (5M rows, then 6M, then 7M) and
      // the same import in this process; medians. The last CLI round goes into the workspace
      // itself, which the large open below reads.
      const secondRuns: CliRun[] = [];
      const secondReferences: number[] = [];
      const secondInProcess: number[] = [];
      const copyDb = join(dir, 'second-copy.sqlite');
      for (let round = 0; round < SECOND_FILE_ROUNDS; round++) {
        copyWorkspace(db, inProcessDb);
        settleDisk();
        secondInProcess.push((await importFile(inProcessDb, second)).ms);
        removeWorkspace(inProcessDb);
        const reference = sqliteCliImport(second, { append: true });
        if (reference !== null) secondReferences.push(reference);
        const lastRound = round === SECOND_FILE_ROUNDS - 1;
        if (!lastRound) copyWorkspace(db, copyDb);
        secondRuns.push(cliImport(second, lastRound ? db : copyDb));
        removeWorkspace(copyDb);
      }
      const secondRun = [...secondRuns].sort((a, b) => a.ms - b.ms)[(SECOND_FILE_ROUNDS - 1) >> 1] as CliRun;
      followUps = {
        rows,
        firstMs: first.ms,
        reimport,
        second: {
          rows: SECOND_FILE_ROWS,
          referenceMs: secondReferences.length === SECOND_FILE_ROUNDS ? median(secondReferences) : null,
          inProcessMs: median(secondInProcess),
          ...secondRun,
        },
      };
      added = SECOND_FILE_ROWS;
      rmSync(second, { force: true });
      rmSync(join(dir, 'reference.sqlite'), { force: true });
    }
    if (last) {
      rmSync(file, { force: true });
      large = await benchLargeOpen(db, rows + added);
    }
    rmSync(file, { force: true });
    removeWorkspace(db);
  }
  rmSync(join(dir, 'reference.sqlite'), { force: true });
  return { imports, followUps, large };
}

/**
 * The largest CLI workspace with 500k deals over the same three years, opened as a user opens it:
 * `quartile-coach analyze` of the last full year, the first time (the activity cache is written)
 * and the next (it is read); then, in this process, every period of that year and the next and a
 * few weight changes, each the whole ranking view the screen waits for.
 */
async function benchLargeOpen(db: string, activities: number): Promise<LargeOpen> {
  const bin = join(import.meta.dirname, '..', 'bin', 'quartile-coach.mjs');
  const deals = join(dir, 'large-deals.csv');
  const rand = mulberry32(7);
  const stages = ['Closed Won', 'Closed Lost', 'Closed Lost', 'Proposal', 'Negotiation'];
  await writeCsv(
    deals,
    'Opportunity ID,Opportunity Owner,Account Name,Stage,Amount,Created Date,Close Date',
    LARGE_DEALS,
    (i) => {
      const created = Math.floor(rand() * 1050);
      const rep = `Rep ${String(1 + Math.floor(rand() * REPS)).padStart(3, '0')}`;
      return `OPP-${i},${rep},Account ${Math.floor(rand() * 50_000)},${stages[Math.floor(rand() * stages.length)]},${(rand() * 50_000).toFixed(2)},${day(created)},${day(created + Math.floor(rand() * 90))}`;
    },
  );
  execFileSync(process.execPath, [bin, 'import', deals, '--db', db], { stdio: 'ignore' });
  rmSync(deals, { force: true });
  const out = join(dir, 'large-analysis');
  const analyze = (): CliRun => cliRun([bin, 'analyze', '--db', db, '--period', '2025', '--out', out]);
  const cold = analyze();
  const warm = analyze();
  for (const file of [activityCachePath(db), activityRowsPath(db)]) rmSync(file, { force: true });
  const bare = analyze();
  rmSync(out, { recursive: true, force: true });

  const workspace = new Workspace(db, false);
  try {
    await workspace.prepareWorkingSet();
    const ws = workspace.getWorkingSet();
    const settings = defaultAnalysisSettings();
    buildRankingView(ws, yearPeriod(2025), workspace.dataRange(), settings);
    const periodMs = [1, 2, 3, 4]
      .map((q) => quarterPeriod(2025, q))
      .concat([yearPeriod(2024), yearPeriod(2026)])
      .map((period) => {
        const t = performance.now();
        buildRankingView(ws, period, workspace.dataRange(), settings);
        return performance.now() - t;
      });
    const weightMs = [2, 3, 4, 5, 6].map((w) => {
      const reweighted = {
        ...settings,
        weights: { ...settings.weights, kpis: { ...settings.weights.kpis, win_rate: w } },
      };
      const t = performance.now();
      buildRankingView(ws, yearPeriod(2025), workspace.dataRange(), reweighted);
      return performance.now() - t;
    });
    return { activities, deals: LARGE_DEALS, cold, warm, bare, periodMs, weightMs };
  } finally {
    workspace.close();
  }
}

/**
 * `quartile-coach --help` as a user runs it, a whole process (issue #14: under 0.3 s), against
 * `node -e ''` (the floor any Node program pays) in alternating runs. The first run is left out:
 * it builds the bundle if the sources changed since the last build.
 */
function benchCliStart(): { cliMs: number; nodeMs: number } {
  const bin = join(import.meta.dirname, '..', 'bin', 'quartile-coach.mjs');
  const time = (args: string[]): number => {
    const started = performance.now();
    execFileSync(process.execPath, args, { stdio: 'ignore' });
    return performance.now() - started;
  };
  time([bin, '--help']);
  const cli: number[] = [];
  const node: number[] = [];
  for (let i = 0; i < 7; i++) {
    cli.push(time([bin, '--help']));
    node.push(time(['-e', '']));
  }
  return { cliMs: median(cli), nodeMs: median(node) };
}

/** The median of a bench's runs (of an even count, the mean of the middle two); NaN for none. */
const median = (values: readonly number[]): number => medianOf(values) ?? Number.NaN;
const dir = mkdtempSync(join(tmpdir(), 'qc-bench-'));
let workerStartMs: number | undefined;

const day = (n: number): string => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

async function importFile(
  dbFile: string,
  file: string,
): Promise<{ ms: number; rows: number; peakMb: number; maxGapMs: number }> {
  const database = openDatabase(dbFile);
  const { sqlite } = database;
  // The app starts the activity reader worker when a file is staged, before the user confirms
  // the mapping; so does this, and its start-up is reported on its own line.
  const warm = performance.now();
  await prewarmActivityReader();
  workerStartMs ??= performance.now() - warm;
  const staged = await inspectTable(file, file, 'bench', statSync(file).size);
  if (!staged.ok || !staged.value.info.kind)
    throw new Error(`bench file not recognised: ${JSON.stringify(staged)}`);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  let last = performance.now();
  let maxGap = 0;
  const t0 = performance.now();
  const result = await runImport(sqlite, {
    staged: staged.value,
    kind: staged.value.info.kind,
    mapping: staged.value.info.mapping,
    now: '2026-01-01T00:00:00.000Z',
    onProgress: () => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
    },
  });
  const ms = performance.now() - t0;
  clearInterval(sampler);
  database.close();
  if (!result.ok) throw new Error(result.error.message);
  return { ms, rows: result.value.counts.read, peakMb: peak / 2 ** 20, maxGapMs: maxGap };
}

/**
 * `sqlite3 .import` of the file into a typed table: into a new database, or appended to the
 * table the previous call kept (`keep`, then `append`).
 */
function sqliteCliImport(file: string, how: { keep?: boolean; append?: boolean } = {}): number | null {
  const db = join(dir, 'reference.sqlite');
  if (!how.append) rmSync(db, { force: true });
  const create = how.append
    ? ''
    : 'CREATE TABLE activities (activity_id TEXT, assigned_to TEXT, activity_type TEXT, subject TEXT, activity_date TEXT, account TEXT, call_result TEXT, duration REAL);';
  const sql = `${create}
.mode csv
.import --skip 1 ${file} activities`;
  try {
    settleDisk();
    const t0 = performance.now();
    execFileSync('sqlite3', [db], { input: sql });
    return performance.now() - t0;
  } catch {
    return null;
  } finally {
    if (!how.keep && !how.append) rmSync(db, { force: true });
  }
}

/**
 * The printed reports on the demo workspace (40 reps, a year), as `report --all --director`
 * prints them: each job starts its browser, gathers every view, lays out and prints.
 */
async function benchReports(dir: string): Promise<{ dossiers: string; director: string }> {
  const workspace = new Workspace(':memory:', true);
  try {
    const built = await buildDemoWorkspace(
      workspace.sqlite,
      join(import.meta.dirname, '..', 'resources'),
      '2026-01-01T00:00:00.000Z',
    );
    if (!built.ok) throw new Error(built.error.message);
    workspace.invalidate();
    const engine = Engine.inProcess(workspace);
    const job = async (
      request: Record<string, unknown>,
    ): Promise<{ ms: number; files: number; pages: number }> => {
      const t = performance.now();
      const r = (await engine.call('reports.printTo', {
        jobId: 'bench',
        period: '2025',
        lang: 'en',
        dir: join(dir, 'reports'),
        ...request,
      })) as Result<PrintedReports>;
      if (!r.ok) throw new Error(r.error.message);
      const ms = performance.now() - t;
      return { ms, files: r.value.files.length, pages: r.value.files.reduce((n, f) => n + f.pages, 0) };
    };
    const all = await job({ allReps: true, combined: true });
    const director = await job({ director: true });
    return {
      dossiers: `${(all.ms / 1000).toFixed(1)} s (${all.files} PDFs, ${all.pages} pages)`,
      director: `${(director.ms / 1000).toFixed(2)} s (${director.pages} pages)`,
    };
  } finally {
    workspace.close();
  }
}

async function main(): Promise<void> {
  const rand = mulberry32(42);
  const reps = Array.from({ length: REPS }, (_, i) => `Rep ${String(i + 1).padStart(3, '0')}`);
  const activitiesCsv = join(dir, 'activities.csv');
  await writeActivities(activitiesCsv, ACTIVITY_ROWS, rand, { days: 365, accounts: 20_000 });
  const dealsCsv = join(dir, 'deals.csv');
  const stages = ['Closed Won', 'Closed Lost', 'Closed Lost', 'Proposal'];
  await writeCsv(
    dealsCsv,
    'Opportunity ID,Opportunity Owner,Account Name,Stage,Amount,Created Date,Close Date',
    DEAL_ROWS,
    (i) => {
      const created = Math.floor(rand() * 300);
      return `OPP-${i},${reps[Math.floor(rand() * REPS)]},Account ${Math.floor(rand() * 20000)},${stages[Math.floor(rand() * 4)]},${(rand() * 50000).toFixed(2)},${day(created)},${day(created + Math.floor(rand() * 60))}`;
    },
  );
  const quotasCsv = join(dir, 'quotas.csv');
  await writeCsv(quotasCsv, 'Sales Rep,Period Start,Period End,Quota', REPS * 12, (i) => {
    const month = (i % 12) + 1;
    const end = new Date(Date.UTC(2024, month, 0)).toISOString().slice(0, 10);
    return `${reps[Math.floor(i / 12)]},2024-${String(month).padStart(2, '0')}-01,${end},${(20000 + rand() * 10000).toFixed(0)}`;
  });
  // A roster: 60 teams in 4 regions, so the team planner has teams to keep and regions to respect.
  const repsCsv = join(dir, 'reps.csv');
  await writeCsv(repsCsv, 'Sales Rep,Team,Region', REPS, (i) => {
    const team = i % 60;
    return `${reps[i]},Team ${String(team + 1).padStart(2, '0')},Region ${(team % 4) + 1}`;
  });
  const sizeMb = statSync(activitiesCsv).size / 2 ** 20;

  // The machine's speed drifts by a quarter between runs on shared 2-core hosts, so the import and
  // the sqlite3 reference alternate, three times each, and the medians are compared.
  const imports: Awaited<ReturnType<typeof importFile>>[] = [];
  const references: number[] = [];
  let dbFile = '';
  for (let round = 0; round < IMPORT_ROUNDS; round++) {
    dbFile = join(dir, `workspace-${round}.sqlite`);
    // Each timed run starts with the previous one's writes on disk, not still being flushed by
    // the kernel while it runs; and the two go first in turn.
    const ours = async (): Promise<void> => {
      settleDisk();
      imports.push(await importFile(dbFile, activitiesCsv));
    };
    const theirs = (): void => {
      settleDisk();
      const reference = sqliteCliImport(activitiesCsv);
      if (reference !== null) references.push(reference);
    };
    if (round % 2 === 0) {
      await ours();
      theirs();
    } else {
      theirs();
      await ours();
    }
    if (round < IMPORT_ROUNDS - 1) rmSync(dbFile, { force: true });
  }
  const imp = {
    ms: median(imports.map((r) => r.ms)),
    rows: imports[0]!.rows,
    peakMb: Math.max(...imports.map((r) => r.peakMb)),
    maxGapMs: Math.max(...imports.map((r) => r.maxGapMs)),
  };
  const reference = references.length > 0 ? median(references) : null;
  await importFile(dbFile, dealsCsv);
  await importFile(dbFile, quotasCsv);
  await importFile(dbFile, repsCsv);

  // The app starts the working set's activity reader worker with the engine, before any
  // workspace is opened; so does this, and its start-up is reported on its own line.
  const warmOpen = performance.now();
  await prewarmActivityColumnsReader();
  const openWorkerStartMs = performance.now() - warmOpen;
  // Opened as the app opens a workspace file: the activities read in that worker on its own
  // connection while this thread reads the rest.
  const t0 = performance.now();
  const database = openDatabase(dbFile, { readonly: true });
  const { sqlite } = database;
  const ws = await loadWorkingSetAsync(sqlite, { file: dbFile });
  const openMs = performance.now() - t0;
  // A weight change: every KPI, percentile and band again (the tiers, which only the period end
  // and the tier settings change, are cached after the first run, as in the app).
  const settings = defaultAnalysisSettings();
  rankPeriod(ws, yearPeriod(2024), settings);
  const runs: number[] = [];
  const weightRuns: number[] = [];
  for (let i = 0; i < 7; i++) {
    // Every KPI computed afresh: a holiday outside the data changes no figure but the KPI
    // cache's key, so this measures the KPI pass itself, not a cache hit.
    const changed = {
      ...settings,
      holidays: [`2099-01-0${i + 1}`],
      weights: { ...settings.weights, kpis: { ...settings.weights.kpis, won_revenue: 1 + i } },
    };
    const t = performance.now();
    rankPeriod(ws, yearPeriod(2024), changed);
    runs.push(performance.now() - t);
    // What a weight change costs in the app: the KPIs of the period are cached, only ranked again.
    const reweighted = {
      ...changed,
      weights: { ...changed.weights, kpis: { ...changed.weights.kpis, win_rate: 1 + i } },
    };
    const w = performance.now();
    rankPeriod(ws, yearPeriod(2024), reweighted);
    weightRuns.push(performance.now() - w);
  }
  const recompute = median(runs);
  const weightMs = median(weightRuns);
  // What the screen waits for when the period changes: the whole view (this and the previous
  // period ranked, tiers for a new period end, funnel, forecast, coverage, matrix). The app has
  // shown the year first (the view's code is warm, as in a running app); each quarter is new.
  buildRankingView(ws, yearPeriod(2024), null, settings);
  const viewRuns: number[] = [];
  for (let q = 1; q <= 4; q++) {
    const t = performance.now();
    buildRankingView(ws, quarterPeriod(2024, q), null, settings);
    viewRuns.push(performance.now() - t);
  }
  // The coaching team view of a quarter (issue #5): its ranking, the previous period's practices
  // and the comparison of every practice.
  const coachRuns: number[] = [];
  for (let q = 1; q <= 4; q++) {
    const t = performance.now();
    analyzeCoaching(ws, quarterPeriod(2024, q), settings);
    coachRuns.push(performance.now() - t);
  }
  // The team planner (issue #10): the whole teams.plan request for 500 reps in 60 teams (the
  // coaching analysis of the year, leaders, the optimal placement, every reason), then a what-if
  // (one rep moved by the director, the plan re-scored), as the screen does on a drag.
  const planRuns: number[] = [];
  const budgetRuns: number[] = [];
  const whatIfRuns: number[] = [];
  let planFacts = '';
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const c = analyzeCoaching(ws, yearPeriod(2024), settings);
    const plan = planTeams(ws, c, { constraints: { teams: 60 } });
    planRuns.push(performance.now() - t);
    if (!plan.ok) throw new Error(plan.error.message);
    planFacts = `${plan.value.placements.length} placed, ${plan.value.objective.moves} moved`;
    const b = performance.now();
    const budget = planTeams(ws, c, { constraints: { teams: 60, maxMoves: 300, within: 'region' } });
    budgetRuns.push(performance.now() - b);
    if (!budget.ok) throw new Error(budget.error.message);
    const assignment = assignmentOf(plan.value);
    const member = plan.value.placements.find((p) => p.role !== 'leader')!;
    const other = plan.value.teams.find((team) => team.leaderId !== member.leaderId)!;
    const moved = assignment.map((a) => (a.repId === member.repId ? { ...a, leaderId: other.leaderId } : a));
    const w = performance.now();
    rescorePlan(plan.value, moved);
    whatIfRuns.push(performance.now() - w);
  }
  database.close();
  const viewMs = median(viewRuns);
  const coachMs = median(coachRuns);

  const perMillion = (imp.ms / imp.rows) * 1e6;
  const reports = await benchReports(dir);
  const start = benchCliStart();
  const { imports: cliImports, followUps, large } = await benchCliImports();
  const perMillionOf = (c: CliImport): number => (c.ms / c.rows) * 1e6;
  settleDisk();
  const duck = await duckdbPeer(join(dir, 'peer.duckdb'), activitiesCsv, dealsCsv, 2024);
  const lines: [string, string, string][] = [
    [
      'CLI start, whole process: quartile-coach --help (median of 7)',
      `${start.cliMs.toFixed(0)} ms (node -e '': ${start.nodeMs.toFixed(0)} ms, ratio ${(start.cliMs / start.nodeMs).toFixed(1)}x)`,
      'target < 300 ms',
    ],
    [
      'activity CSV',
      `${imp.rows.toLocaleString('en')} rows, ${sizeMb.toFixed(1)} MB`,
      `median of ${IMPORT_ROUNDS} alternating runs`,
    ],
    [
      'import, end to end',
      `${(imp.ms / 1000).toFixed(2)} s (${(perMillion / 1000).toFixed(2)} s per million rows)`,
      'target < 3 s per million',
    ],
    [
      'sqlite3 .import reference',
      reference === null
        ? 'sqlite3 not installed'
        : `${(reference / 1000).toFixed(2)} s (ratio ${(imp.ms / reference).toFixed(2)}x)`,
      'target <= 1.2x',
    ],
    [
      'activity reader worker start (before the import, from sources)',
      `${(workerStartMs ?? 0).toFixed(0)} ms`,
      '',
    ],
    ...cliImports.map((c): [string, string, string] => [
      `CLI import, whole process, new workspace: ${c.rows.toLocaleString('en')} rows${c.rounds > 1 ? ` (median of ${c.rounds})` : ''}`,
      `${(c.ms / 1000).toFixed(2)} s (${(perMillionOf(c) / 1000).toFixed(2)} s per million${
        c.referenceMs === null
          ? ''
          : `; sqlite3 .import ${(c.referenceMs / 1000).toFixed(2)} s${
              c.rounds === 1
                ? ` (mean of ${c.referenceRunsMs.map((ms) => (ms / 1000).toFixed(2)).join(' before and ')} after ours)`
                : ''
            }, ratio ${(c.ms / c.referenceMs).toFixed(2)}x`
      }); peak memory ${c.peakMb.toFixed(0)} MB`,
      'target <= 1.2x, < 400 MB',
    ]),
    ...cliImports.map((c): [string, string, string] => [
      `import in this process, new workspace: ${c.rows.toLocaleString('en')} rows (the CLI's file)${c.rounds > 1 ? ` (median of ${c.rounds})` : ''}`,
      `${(c.inProcessMs / 1000).toFixed(2)} s${
        c.referenceMs === null
          ? ''
          : ` (sqlite3 .import ratio ${(c.inProcessMs / c.referenceMs).toFixed(2)}x)`
      }`,
      'target <= 1.2x',
    ]),
    ...(cliImports.length > 1
      ? [
          [
            'CLI import linearity: time per million, largest / smallest size',
            `${(perMillionOf(cliImports.at(-1)!) / perMillionOf(cliImports[0]!)).toFixed(2)}x`,
            'target <= 1.15x',
          ] as [string, string, string],
        ]
      : []),
    ...(followUps === null
      ? []
      : ([
          [
            `CLI re-import of the same ${followUps.rows.toLocaleString('en')} rows (nothing changes)`,
            `${(followUps.reimport.ms / 1000).toFixed(2)} s (first import ${(followUps.firstMs / 1000).toFixed(2)} s, ratio ${(followUps.reimport.ms / followUps.firstMs).toFixed(2)}x); peak memory ${followUps.reimport.peakMb.toFixed(0)} MB`,
            'target <= 1x',
          ],
          [
            `CLI import of ${followUps.second.rows.toLocaleString('en')} new rows into that workspace (median of ${SECOND_FILE_ROUNDS})`,
            `${(followUps.second.ms / 1000).toFixed(2)} s${
              followUps.second.referenceMs === null
                ? ''
                : ` (sqlite3 .import appending to its table of ${followUps.rows.toLocaleString('en')} rows or more ${(followUps.second.referenceMs / 1000).toFixed(2)} s, ratio ${(followUps.second.ms / followUps.second.referenceMs).toFixed(2)}x)`
            }; peak memory ${followUps.second.peakMb.toFixed(0)} MB`,
            'target <= 1.2x, < 400 MB',
          ],
          [
            `the same ${followUps.second.rows.toLocaleString('en')} new rows in this process, into a copy of that workspace (median of ${SECOND_FILE_ROUNDS})`,
            `${(followUps.second.inProcessMs / 1000).toFixed(2)} s${
              followUps.second.referenceMs === null
                ? ''
                : ` (ratio ${(followUps.second.inProcessMs / followUps.second.referenceMs).toFixed(2)}x)`
            }`,
            'target <= 1.2x',
          ],
        ] as [string, string, string][])),
    ...(large === null
      ? []
      : ([
          [
            `open ${large.activities.toLocaleString('en')} activities, ${large.deals.toLocaleString('en')} deals, rank a year: quartile-coach analyze, whole process`,
            `first open after the imports ${(large.cold.ms / 1000).toFixed(2)} s (peak ${large.cold.peakMb.toFixed(0)} MB, activity rows file); next ${(large.warm.ms / 1000).toFixed(2)} s (peak ${large.warm.peakMb.toFixed(0)} MB, activity cache); a copy without the files beside it ${(large.bare.ms / 1000).toFixed(2)} s (peak ${large.bare.peakMb.toFixed(0)} MB, the table read)`,
            'target < 4 s, < 1.2 GB',
          ],
          [
            'that workspace: period change, whole ranking view (2025 Q1-Q4, 2024, 2026)',
            large.periodMs.map((ms) => ms.toFixed(0)).join(', ') + ' ms',
            'target < 200 ms each',
          ],
          [
            'that workspace: weight change, whole ranking view',
            large.weightMs.map((ms) => ms.toFixed(0)).join(', ') + ' ms',
            'target < 200 ms each',
          ],
        ] as [string, string, string][])),
    [
      'DuckDB peer: read_csv into a database file',
      duck === null
        ? 'DuckDB not installed'
        : `${(duck.importMs / 1000).toFixed(2)} s (our import: ratio ${(imp.ms / duck.importMs).toFixed(2)}x)`,
      '',
    ],
    ['import peak memory (RSS)', `${imp.peakMb.toFixed(0)} MB`, 'target < 300 MB'],
    ['longest gap between progress events', `${imp.maxGapMs.toFixed(0)} ms`, 'target <= 250 ms'],
    [
      'working set reader worker start (before the open, from sources)',
      `${openWorkerStartMs.toFixed(0)} ms`,
      '',
    ],
    ['open workspace (500 reps, 1M activities, 200k deals)', `${openMs.toFixed(0)} ms`, 'target < 2000 ms'],
    ['recompute every KPI, percentile, band (median of 7)', `${recompute.toFixed(1)} ms`, 'target < 150 ms'],
    [
      `DuckDB peer: one per-rep KPI query for the year (${duck?.reps ?? 0} reps)`,
      duck === null
        ? 'DuckDB not installed'
        : `${duck.kpiMs.toFixed(1)} ms (our KPI pass: ratio ${(recompute / duck.kpiMs).toFixed(2)}x)`,
      '',
    ],
    [
      'weight change: re-rank a year, KPIs cached (median of 7)',
      `${weightMs.toFixed(1)} ms`,
      'target < 200 ms',
    ],
    ['whole dashboard view for a new period (median of 4)', `${viewMs.toFixed(1)} ms`, 'target < 200 ms'],
    ['coaching team view for a quarter (median of 4)', `${coachMs.toFixed(1)} ms`, ''],
    [
      `team plan, 500 reps in 60 teams (median of 3; ${planFacts})`,
      `${median(planRuns).toFixed(0)} ms`,
      'target < 1000 ms',
    ],
    ['team plan within regions, at most 300 moves (median of 3)', `${median(budgetRuns).toFixed(0)} ms`, ''],
    [
      'team what-if: one rep moved, plan re-scored (median of 3)',
      `${median(whatIfRuns).toFixed(1)} ms`,
      'target < 100 ms',
    ],
    ['print every demo rep’s dossier, one PDF each + combined (en)', reports.dossiers, 'target < 20 s'],
    ['print the director’s report of the demo year (en)', reports.director, 'target < 3 s'],
  ];
  const width = Math.max(...lines.map((l) => l[0].length));
  for (const [name, value, target] of lines)
    process.stdout.write(`${name.padEnd(width)}  ${value.padEnd(44)}  ${target}\n`);
  // BENCH_KEEP=<file>: keep the bench workspace there, to profile the analytics on it.
  if (process.env.BENCH_KEEP) copyFileSync(dbFile, process.env.BENCH_KEEP);
  rmSync(dir, { recursive: true, force: true });
}

await main();
