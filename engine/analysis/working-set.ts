import { orderActivities } from '../../shared/analysis/activity-order';
import {
  DEAL_LOST,
  DEAL_OPEN,
  DEAL_WON,
  FUNNEL_STAGES,
  NO_DAY,
  NO_FUNNEL,
  type AccountColumns,
  type ActivityColumns,
  type DealSnapshotColumns,
  type QuotaColumns,
  type RepInfo,
  type WorkingSet,
} from '../../shared/domain/types';
import { dayNumber } from '../../shared/period/period';
import type { SqliteHandle } from '../db/open-database';
import { readIntegerColumns, WHOLE_TABLE } from './chunked-rows';
import {
  decodeActivityColumns,
  joinActivityColumns,
  readActivityColumns,
  type ActivityColumnsRead,
} from './activity-columns';
import { readActivityColumnsInWorker } from './activity-columns-reader';
import { activityCacheKey, readActivityCache, writeActivityCache } from './activity-cache';
import {
  activityIdBounds,
  activityRowsState,
  readActivityRows,
  writeActivityRows,
  type ActivityRowsState,
} from './activity-rows-file';

/** Index by row id -> position, -1 where no row; id 0 (used for NULL) is never a row. */
function denseLookup(ids: readonly number[]): Int32Array {
  let max = 0;
  for (const id of ids) if (id > max) max = id;
  const lookup = new Int32Array(max + 1).fill(-1);
  ids.forEach((id, i) => {
    if (id > 0) lookup[id] = i;
  });
  return lookup;
}

/** Everything but the activities, and the lookups their rep and account ids are mapped with. */
interface WorkingSetRest {
  set: Omit<WorkingSet, 'activities'>;
  repLookup: Int32Array;
  accountLookup: Int32Array;
}

// Raw prepared statements in this file: loading the working set is a measured hot path (npm run
// bench, "open workspace"; the activities through engine/analysis/chunked-rows.ts), and the rep and
// account orders below are shared by the cache key and the load as SQL text.

/** The orders the working set lists reps and accounts in: activity positions point into them. */
const REP_ORDER = 'ORDER BY r.name COLLATE NOCASE, r.id';
const ACCOUNT_ORDER = 'ORDER BY id';

/**
 * Where the ordered activity columns are cached (engine/analysis/activity-cache.ts) and whether
 * the workspace may be written (to give it a cache token when it has none).
 */
export interface ActivityCacheFile {
  path: string;
  /** The activity rows file its imports write (activity-rows-file.ts), read before the table. */
  rows?: string;
  writable: boolean;
}

interface CacheProbe {
  key: string | null;
  activities: ActivityColumns | null;
  /** The state the rows file must name, taken before any activity is read; null without rows. */
  rows: (ActivityRowsState & { firstId: number }) | null;
}

/** The cache's key for the workspace as it is now, and the cached columns when they match it. */
function probeCache(sqlite: SqliteHandle, cache: ActivityCacheFile | undefined): CacheProbe | null {
  if (!cache) return null;
  const repIds = sqlite.prepare(`SELECT r.id FROM reps r ${REP_ORDER}`).pluck().all() as number[];
  const accountIds = sqlite.prepare(`SELECT id FROM accounts ${ACCOUNT_ORDER}`).pluck().all() as number[];
  const key = activityCacheKey(sqlite, denseLookup(repIds), denseLookup(accountIds), cache.writable);
  const activities = key === null ? null : readActivityCache(cache.path, key);
  return { key, activities, rows: activities || cache.rows === undefined ? null : activityRowsState(sqlite) };
}

/** The activities from the rows file when it names the workspace as the probe found it. */
function fromRowsFile(
  probe: CacheProbe | null,
  cache: ActivityCacheFile | undefined,
): ActivityColumnsRead | null {
  return probe?.rows && cache?.rows ? readActivityRows(cache.rows, probe.rows) : null;
}

/** The working set with the cached activities, when the probe found them. */
function fromCache(sqlite: SqliteHandle, probe: CacheProbe | null): WorkingSet | null {
  return probe?.activities ? { ...loadRest(sqlite).set, activities: probe.activities } : null;
}

/**
 * The working set from the activities as the table gives them (read from it, or from the rows
 * file), written to the cache when there is one; a read from the table also to the rows file.
 */
function fromTable(
  rest: WorkingSetRest,
  read: ActivityColumnsRead,
  probe: CacheProbe | null,
  cache: ActivityCacheFile | undefined,
  from: 'table' | 'rows file',
): WorkingSet {
  const set = withActivities(rest, read);
  if (cache && probe?.key) writeActivityCache(cache.path, probe.key, set.activities, read.outcomes);
  if (from === 'table' && cache?.writable && cache.rows && probe?.rows)
    writeActivityRows(cache.rows, probe.rows, read);
  return set;
}

/**
 * Reads the workspace into typed arrays once; every KPI, percentile and band is then computed in
 * memory, so changing the period or a weight never goes back to SQLite. On this thread's
 * connection only: the CLI, tests and ':memory:' workspaces (which no second connection can open).
 * With `cache`, unchanged activities come from the cache file instead of the table.
 */
export function loadWorkingSet(sqlite: SqliteHandle, cache?: ActivityCacheFile): WorkingSet {
  const probe = probeCache(sqlite, cache);
  const cached = fromCache(sqlite, probe);
  if (cached) return cached;
  const stored = fromRowsFile(probe, cache);
  return stored
    ? fromTable(loadRest(sqlite), stored, probe, cache, 'rows file')
    : fromTable(loadRest(sqlite), readActivityColumns(sqlite), probe, cache, 'table');
}

export interface WorkingSetFile {
  /** The workspace's file, opened read-only by the worker (never ':memory:'). */
  file: string;
  nativeBinding?: string;
}

/**
 * The share of the activities (by id) this thread reads while the worker reads the rest: this
 * thread first reads everything else (deals, accounts, quotas), so it takes the smaller part.
 */
const THIS_THREAD_SHARE = 0.35;

/** The last id of this thread's part of the activities, or null when there are none. */
function splitActivities(sqlite: SqliteHandle): number | null {
  const bounds = activityIdBounds(sqlite);
  if (bounds === null) return null;
  return bounds.first - 1 + Math.floor((bounds.last - bounds.first + 1) * THIS_THREAD_SHARE);
}

/**
 * The same working set as loadWorkingSet, read in two threads: the activities (most of the time)
 * in the activity columns worker on its own read-only connection, the rest here meanwhile, then
 * the first ids' part of the activities here too (at 10M activities, the worker's whole read took
 * 6 s of a first open, this thread waiting for most of it: issue #14). The engine runs requests one at a time, so nothing writes to
 * the file between the reads. The cache key is taken before the activities are read: a change in
 * between leaves a cache that no later key matches, never one that passes for newer rows.
 */
export async function loadWorkingSetAsync(
  sqlite: SqliteHandle,
  source: WorkingSetFile,
  cache?: ActivityCacheFile,
): Promise<WorkingSet> {
  const probe = probeCache(sqlite, cache);
  const cached = fromCache(sqlite, probe);
  if (cached) return cached;
  // After an import, its rows file: one read, no worker.
  const stored = fromRowsFile(probe, cache);
  if (stored) return fromTable(loadRest(sqlite), stored, probe, cache, 'rows file');
  const split = splitActivities(sqlite);
  const inWorker = readActivityColumnsInWorker(
    source.file,
    source.nativeBinding,
    split === null ? undefined : { ...WHOLE_TABLE, after: split },
  );
  // Awaited below, after this thread's reads; a failure must not count as unhandled meanwhile.
  inWorker.catch(() => undefined);
  const rest = loadRest(sqlite);
  const mine = split === null ? null : readActivityColumns(sqlite, { ...WHOLE_TABLE, upTo: split });
  let read: ActivityColumnsRead;
  try {
    const theirs = await inWorker;
    read = mine === null ? theirs : joinActivityColumns(mine, theirs);
  } catch {
    // A worker that cannot start or read (a file it may not open): slower, on this thread.
    read = readActivityColumns(sqlite);
  }
  return fromTable(rest, read, probe, cache, 'table');
}

function withActivities(rest: WorkingSetRest, read: ActivityColumnsRead): WorkingSet {
  const facts = decodeActivityColumns(read, rest.repLookup, rest.accountLookup);
  return { ...rest.set, activities: orderActivities(facts, rest.set.reps.length) };
}

function loadRest(sqlite: SqliteHandle): WorkingSetRest {
  const repRows = sqlite
    .prepare(
      `SELECT r.id, r.name, COALESCE(t.name, r.manager_name) AS team, COALESCE(r.region, t.region) AS region, r.role, r.hire_date
       FROM reps r LEFT JOIN teams t ON t.id = r.team_id ${REP_ORDER}`,
    )
    .all() as {
    id: number;
    name: string;
    team: string | null;
    region: string | null;
    role: string | null;
    hire_date: string | null;
  }[];
  const reps: RepInfo[] = repRows.map((r) => ({
    id: r.id,
    name: r.name,
    team: r.team,
    region: r.region,
    role: r.role,
    hireDate: r.hire_date,
  }));
  const repIndex = new Map(repRows.map((r, i) => [r.id, i]));
  // Row ids are small dense integers: an array indexed by id is much cheaper than a Map lookup
  // for a million activity rows.
  const repLookup = denseLookup(repRows.map((r) => r.id));

  const accountRows = sqlite
    .prepare(
      `SELECT id, tier, annual_revenue, employees, authority, need, owner_rep_id FROM accounts ${ACCOUNT_ORDER}`,
    )
    .raw()
    .all() as [
    number,
    string | null,
    number | null,
    number | null,
    number | null,
    number | null,
    number | null,
  ][];
  const accountLookup = denseLookup(accountRows.map((row) => row[0]));
  const nan = (v: number | null): number => (v === null ? Number.NaN : v);
  const accounts: AccountColumns = {
    length: accountRows.length,
    tierRaw: accountRows.map((row) => row[1]),
    annualRevenue: Float64Array.from(accountRows, (row) => nan(row[2])),
    employees: Float64Array.from(accountRows, (row) => nan(row[3])),
    authority: Float64Array.from(accountRows, (row) => nan(row[4])),
    need: Float64Array.from(accountRows, (row) => nan(row[5])),
    owner: Int32Array.from(accountRows, (row) => (row[6] === null ? -1 : (repIndex.get(row[6]) ?? -1))),
  };

  // A workspace has a few thousand distinct dates and millions of rows: convert each date once.
  const days = new Map<string, number>();
  const day = (iso: string | null): number => {
    if (iso === null) return NO_DAY;
    let n = days.get(iso);
    if (n === undefined) {
      n = dayNumber(iso);
      days.set(iso, n);
    }
    return n;
  };

  const currencies = new Set(
    sqlite
      .prepare('SELECT DISTINCT currency FROM deals WHERE currency IS NOT NULL')
      .pluck()
      .all() as string[],
  );
  // Numbers only: SQLite turns the dates into day numbers and the status and funnel stage into
  // codes, which reads 200,000 deals in about half the time text columns take; the integers are
  // read as chunked text (engine/analysis/chunked-rows.ts), the two real columns one each.
  const dayOf = (column: string): string => `CAST(julianday(${column}) - 2440587.5 AS INTEGER)`;
  const funnelCase = FUNNEL_STAGES.map((f, k) => `WHEN '${f}' THEN ${k}`).join(' ');
  const realColumn = (column: string) => sqlite.prepare(`SELECT ${column} FROM deals ORDER BY id`).pluck();
  // One read transaction: the reads line up row for row.
  const [integers, amounts, probabilities] = sqlite.transaction(
    (): [Float64Array[], (number | null)[], (number | null)[]] => [
      readIntegerColumns(sqlite, 'deals', [
        'coalesce(rep_id, 0)',
        `CASE status WHEN 'won' THEN ${DEAL_WON} WHEN 'lost' THEN ${DEAL_LOST} ELSE ${DEAL_OPEN} END`,
        `CASE funnel_stage ${funnelCase} ELSE ${NO_FUNNEL} END`,
        dayOf('created_date'),
        dayOf('close_date'),
        dayOf('expected_close_date'),
        'coalesce(account_id, 0)',
      ]),
      realColumn('amount').all() as (number | null)[],
      realColumn('probability').all() as (number | null)[],
    ],
  )();
  const [repIds, statuses, funnels, created, closed, expectedClose, accountIds] = integers as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const dealCount = Math.min(repIds.length, amounts.length, probabilities.length);
  const deals = {
    length: dealCount,
    rep: new Int32Array(dealCount),
    status: new Uint8Array(dealCount),
    amount: new Float64Array(dealCount),
    createdDay: new Int32Array(dealCount),
    closeDay: new Int32Array(dealCount),
    expectedCloseDay: new Int32Array(dealCount),
    funnel: new Uint8Array(dealCount),
    probability: new Float64Array(dealCount),
    account: new Int32Array(dealCount),
  };
  // NULL reads as NaN: no day.
  const dayOrNone = (v: number): number => (Number.isNaN(v) ? NO_DAY : v);
  for (let i = 0; i < dealCount; i++) {
    const repId = repIds[i] as number;
    const status = statuses[i] as number;
    const closeDay = dayOrNone(closed[i] as number);
    const expected = expectedClose[i] as number;
    const accountId = accountIds[i] as number;
    deals.rep[i] = repId < repLookup.length ? (repLookup[repId] as number) : -1;
    deals.status[i] = status;
    deals.funnel[i] = funnels[i] as number;
    deals.amount[i] = nan(amounts[i] as number | null);
    deals.createdDay[i] = dayOrNone(created[i] as number);
    deals.closeDay[i] = closeDay;
    // An open deal's close date is the date the rep expects (Salesforce's CloseDate, HubSpot's
    // Close date): the forecast reads it when the export has no separate expected date.
    deals.expectedCloseDay[i] = !Number.isNaN(expected) ? expected : status === DEAL_OPEN ? closeDay : NO_DAY;
    deals.probability[i] = nan(probabilities[i] as number | null);
    deals.account[i] = accountId < accountLookup.length ? (accountLookup[accountId] as number) : -1;
  }

  const quotaRows = sqlite
    .prepare('SELECT rep_id, period_start, period_end, amount, currency FROM quotas ORDER BY id')
    .raw()
    .all() as [number, string, string, number, string | null][];
  const quotas: QuotaColumns = {
    length: quotaRows.length,
    rep: Int32Array.from(quotaRows, (row) => repIndex.get(row[0]) ?? -1),
    startDay: Int32Array.from(quotaRows, (row) => day(row[1])),
    endDay: Int32Array.from(quotaRows, (row) => day(row[2])),
    amount: Float64Array.from(quotaRows, (row) => row[3]),
  };
  const quotaCurrencies = [...new Set(quotaRows.map((row) => row[4]).filter((c): c is string => !!c))].sort();
  const snapshots = loadSnapshots(sqlite, funnelCase, dayOf);

  return {
    set: {
      reps,
      accountCount: accounts.length,
      accounts,
      deals,
      quotas,
      snapshots,
      currencies: [...currencies].sort(),
      quotaCurrencies,
    },
    repLookup,
    accountLookup,
  };
}

/**
 * Deal history, oldest snapshot first (same day: import order), each pointed at its deal's index
 * in the deals arrays (loaded ordered by id). A snapshot imported before its deal is linked here
 * by the deal's CRM id, else by a name exactly one deal has: the same rule as the import's.
 */
function loadSnapshots(
  sqlite: SqliteHandle,
  funnelCase: string,
  dayOf: (column: string) => string,
): DealSnapshotColumns {
  const rows = sqlite
    .prepare(
      `SELECT coalesce(s.deal_id,
           (SELECT d.id FROM deals d WHERE d.record_key = 'id:' || s.deal_external_id),
           (SELECT CASE WHEN count(*) = 1 THEN min(d.id) END FROM deals d WHERE d.name = s.deal_name)),
         ${dayOf('s.snapshot_date')},
         CASE s.status WHEN 'won' THEN ${DEAL_WON} WHEN 'lost' THEN ${DEAL_LOST} ELSE ${DEAL_OPEN} END,
         CASE s.funnel_stage ${funnelCase} ELSE ${NO_FUNNEL} END,
         s.amount, ${dayOf('s.expected_close_date')}, s.probability
       FROM deal_snapshots s ORDER BY s.snapshot_date, s.id`,
    )
    .raw()
    .all() as [number | null, number, number, number, number | null, number | null, number | null][];
  const dealIds =
    rows.length > 0 ? (sqlite.prepare('SELECT id FROM deals ORDER BY id').pluck().all() as number[]) : [];
  const dealLookup = denseLookup(dealIds);
  const kept = rows.flatMap((row) => {
    const id = row[0];
    const deal = id !== null && id < dealLookup.length ? (dealLookup[id] as number) : -1;
    return deal >= 0 ? [{ deal, row }] : [];
  });
  const n = kept.length;
  const out: DealSnapshotColumns = {
    length: n,
    deal: new Int32Array(n),
    day: new Int32Array(n),
    status: new Uint8Array(n),
    funnel: new Uint8Array(n),
    amount: new Float64Array(n),
    expectedCloseDay: new Int32Array(n),
    probability: new Float64Array(n),
    unmatched: rows.length - n,
  };
  kept.forEach(({ deal, row }, k) => {
    out.deal[k] = deal;
    out.day[k] = row[1];
    out.status[k] = row[2];
    out.funnel[k] = row[3];
    out.amount[k] = row[4] === null ? Number.NaN : row[4];
    out.expectedCloseDay[k] = row[5] === null ? NO_DAY : row[5];
    out.probability[k] = row[6] === null ? Number.NaN : row[6];
  });
  return out;
}
