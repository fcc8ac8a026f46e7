import { orderActivities } from '../../shared/analysis/activity-order';
import {
  DEAL_OPEN,
  NO_DAY,
  type AccountColumns,
  type ActivityColumns,
  type DealSnapshotColumns,
  type QuotaColumns,
  type RepInfo,
  type WorkingSet,
} from '../../shared/domain/types';
import { dayNumber } from '../../shared/period/period';
import type { SqliteHandle } from '../db/open-database';
import { WHOLE_TABLE } from './chunked-rows';
import {
  decodeActivityColumns,
  joinActivityColumns,
  readActivityColumns,
  type ActivityColumnsRead,
} from './activity-columns';
import { readActivityColumnsInWorker, readDealColumnsInWorker } from './activity-columns-reader';
import { activityCacheKey, readActivityCache, writeActivityCache } from './activity-cache';
import {
  activityIdBounds,
  activityRowsState,
  readActivityRows,
  writeActivityRows,
  type ActivityRowsState,
} from './activity-rows-file';
import {
  dayOfSql,
  funnelCaseSql,
  readDealColumns,
  statusCaseSql,
  type DealColumnsRead,
} from './deal-columns';

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
  people: People;
}

/** The reps and accounts as the working set lists them, and the lookups from their ids to positions. */
interface People {
  reps: RepInfo[];
  repIndex: Map<number, number>;
  /** By rep id: the rep's position, -1 for none (denseLookup). */
  repLookup: Int32Array;
  accounts: AccountColumns;
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
  /** The activities already decoded and ordered from `read`. */
  activities: ActivityColumns = orderedActivities(rest.people, read),
): WorkingSet {
  const set: WorkingSet = { ...rest.set, activities };
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
 * thread first reads everything else (deals, accounts, quotas), so it takes the smaller part; half
 * when the worker has read the deals first (10M activities, 500k deals, through the CLI: 5.9-6.3 s
 * at 0.5 and 0.55, 6.6-6.8 at 0.45, 7.2-7.4 at 0.35, 6.4-6.9 at 0.6 and 0.65).
 */
const THIS_THREAD_SHARE = 0.35;
const THIS_THREAD_SHARE_WITHOUT_DEALS = 0.5;

/** The last id of this thread's part of the activities, or null when there are none. */
function splitActivities(sqlite: SqliteHandle, share: number): number | null {
  const bounds = activityIdBounds(sqlite);
  if (bounds === null) return null;
  return bounds.first - 1 + Math.floor((bounds.last - bounds.first + 1) * share);
}

/**
 * Deals from which the worker reads them: fewer take this thread less time (about 1.2 µs a deal)
 * than a reply from the worker, which in the CLI must first start.
 */
const DEALS_READ_IN_WORKER = 50_000;

/** Whether the workspace holds DEALS_READ_IN_WORKER deals or more (by id: no count over the table). */
function manyDeals(sqlite: SqliteHandle): boolean {
  const span = sqlite.prepare('SELECT max(id) - min(id) + 1 FROM deals').pluck().get() as number | null;
  return span !== null && span >= DEALS_READ_IN_WORKER;
}

/**
 * The same working set as loadWorkingSet, read in two threads unless the activities are cached.
 * Many deals are read in the activity columns worker on its own read-only connection while this
 * thread reads the activities from the rows file (at 10M activities and 500k deals each took
 * about a second of the first open: issue #14). Without either file the worker reads most of the
 * activities from the table, and this thread the rest and the first ids' part of the activities
 * (at 10M activities, the worker's whole read took 6 s of a first open, this thread waiting for
 * most of it). The engine runs requests one at a time, so nothing writes to the file between the
 * reads. The cache key is taken before the activities are read: a change in between leaves a
 * cache that no later key matches, never one that passes for newer rows.
 */
export async function loadWorkingSetAsync(
  sqlite: SqliteHandle,
  source: WorkingSetFile,
  cache?: ActivityCacheFile,
): Promise<WorkingSet> {
  const probe = probeCache(sqlite, cache);
  // The cached activities take this thread less time than the deals take the worker (0.15 s
  // against 0.85 s at 10M activities and 500k deals, the CLI's worker starting first): read here.
  const cached = fromCache(sqlite, probe);
  if (cached) return cached;
  const deals = manyDeals(sqlite) ? readDealColumnsInWorker(source.file, source.nativeBinding) : null;
  // Awaited below, after this thread's reads; a failure must not count as unhandled meanwhile.
  deals?.catch(() => undefined);
  const stored = fromRowsFile(probe, cache);
  if (stored) {
    const people = loadPeople(sqlite);
    const activities = orderedActivities(people, stored);
    const rest = loadRest(sqlite, people, await dealsOrNone(deals));
    return fromTable(rest, stored, probe, cache, 'rows file', activities);
  }
  const split = splitActivities(sqlite, deals ? THIS_THREAD_SHARE_WITHOUT_DEALS : THIS_THREAD_SHARE);
  const inWorker = readActivityColumnsInWorker(
    source.file,
    source.nativeBinding,
    split === null ? undefined : { ...WHOLE_TABLE, after: split },
  );
  inWorker.catch(() => undefined);
  const people = loadPeople(sqlite);
  const mine = split === null ? null : readActivityColumns(sqlite, { ...WHOLE_TABLE, upTo: split });
  const rest = loadRest(sqlite, people, await dealsOrNone(deals));
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

/** The deals the worker read, or undefined (then loadRest reads them) when it read none or failed. */
async function dealsOrNone(deals: Promise<DealColumnsRead> | null): Promise<DealColumnsRead | undefined> {
  try {
    return (await deals) ?? undefined;
  } catch {
    return undefined;
  }
}

/** The activities as the working set holds them: rep and account positions, ordered by rep, then day. */
function orderedActivities(people: People, read: ActivityColumnsRead): ActivityColumns {
  const facts = decodeActivityColumns(read, people.repLookup, people.accountLookup);
  return orderActivities(facts, people.reps.length);
}

/** The reps and accounts, and the lookups from their ids to their positions. */
function loadPeople(sqlite: SqliteHandle): People {
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
  return { reps, repIndex, repLookup, accounts, accountLookup };
}

/**
 * Everything but the activities, with the reps and accounts `people` read; the deals as `dealsRead`
 * has them (read in the worker), else read here.
 */
function loadRest(
  sqlite: SqliteHandle,
  people: People = loadPeople(sqlite),
  dealsRead?: DealColumnsRead,
): WorkingSetRest {
  const { reps, repIndex, repLookup, accounts, accountLookup } = people;

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
  const read = dealsRead ?? readDealColumns(sqlite);
  const dealCount = read.rep.length;
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
    const repId = read.rep[i] as number;
    const status = read.status[i] as number;
    const closeDay = dayOrNone(read.closeDay[i] as number);
    const expected = read.expectedCloseDay[i] as number;
    const accountId = read.account[i] as number;
    deals.rep[i] = repId < repLookup.length ? (repLookup[repId] as number) : -1;
    deals.status[i] = status;
    deals.funnel[i] = read.funnel[i] as number;
    deals.amount[i] = read.amount[i] as number;
    deals.createdDay[i] = dayOrNone(read.createdDay[i] as number);
    deals.closeDay[i] = closeDay;
    // An open deal's close date is the date the rep expects (Salesforce's CloseDate, HubSpot's
    // Close date): the forecast reads it when the export has no separate expected date.
    deals.expectedCloseDay[i] = !Number.isNaN(expected) ? expected : status === DEAL_OPEN ? closeDay : NO_DAY;
    deals.probability[i] = read.probability[i] as number;
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
  const snapshots = loadSnapshots(sqlite);

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
    people,
  };
}

/**
 * Deal history, oldest snapshot first (same day: import order), each pointed at its deal's index
 * in the deals arrays (loaded ordered by id). A snapshot imported before its deal is linked here
 * by the deal's CRM id, else by a name exactly one deal has: the same rule as the import's.
 */
function loadSnapshots(sqlite: SqliteHandle): DealSnapshotColumns {
  const rows = sqlite
    .prepare(
      `SELECT coalesce(s.deal_id,
           (SELECT d.id FROM deals d WHERE d.record_key = 'id:' || s.deal_external_id),
           (SELECT CASE WHEN count(*) = 1 THEN min(d.id) END FROM deals d WHERE d.name = s.deal_name)),
         ${dayOfSql('s.snapshot_date')},
         ${statusCaseSql('s.status')},
         ${funnelCaseSql('s.funnel_stage')},
         s.amount, ${dayOfSql('s.expected_close_date')}, s.probability
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
