import {
  ACTIVITY_TYPES,
  DEAL_LOST,
  DEAL_OPEN,
  DEAL_WON,
  NO_DAY,
  type RepInfo,
  type WorkingSet,
} from '../../shared/domain/types';
import { dayNumber } from '../../shared/period/period';
import type { SqliteHandle } from '../db/open-database';

/**
 * Reads the workspace into typed arrays once; every KPI, percentile and band is then computed in
 * memory, so changing the period or a weight never goes back to SQLite.
 */
export function loadWorkingSet(sqlite: SqliteHandle): WorkingSet {
  const repRows = sqlite
    .prepare(
      `SELECT r.id, r.name, COALESCE(t.name, r.manager_name) AS team, COALESCE(r.region, t.region) AS region, r.role, r.hire_date
       FROM reps r LEFT JOIN teams t ON t.id = r.team_id ORDER BY r.name COLLATE NOCASE, r.id`,
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

  const accountIds = sqlite.prepare('SELECT id FROM accounts ORDER BY id').pluck().all() as number[];
  const accountIndex = new Map(accountIds.map((id, i) => [id, i]));

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
  const statusCode = { open: DEAL_OPEN, won: DEAL_WON, lost: DEAL_LOST } as const;

  const dealCount = sqlite.prepare('SELECT count(*) FROM deals').pluck().get() as number;
  const deals = {
    length: dealCount,
    rep: new Int32Array(dealCount),
    status: new Uint8Array(dealCount),
    amount: new Float64Array(dealCount),
    createdDay: new Int32Array(dealCount),
    closeDay: new Int32Array(dealCount),
    account: new Int32Array(dealCount),
  };
  const currencies = new Set<string>();
  let i = 0;
  for (const row of sqlite
    .prepare(
      'SELECT rep_id, status, amount, created_date, close_date, account_id, currency FROM deals ORDER BY id',
    )
    .raw()
    .iterate() as IterableIterator<
    [
      number | null,
      'open' | 'won' | 'lost',
      number | null,
      string | null,
      string | null,
      number | null,
      string | null,
    ]
  >) {
    if (i >= dealCount) break;
    deals.rep[i] = row[0] === null ? -1 : (repIndex.get(row[0]) ?? -1);
    deals.status[i] = statusCode[row[1]];
    deals.amount[i] = row[2] ?? Number.NaN;
    deals.createdDay[i] = day(row[3]);
    deals.closeDay[i] = day(row[4]);
    deals.account[i] = row[5] === null ? -1 : (accountIndex.get(row[5]) ?? -1);
    if (row[6]) currencies.add(row[6]);
    i++;
  }

  const activityCount = sqlite.prepare('SELECT count(*) FROM activities').pluck().get() as number;
  const activities = {
    length: activityCount,
    rep: new Int32Array(activityCount),
    type: new Uint8Array(activityCount),
    day: new Int32Array(activityCount),
    account: new Int32Array(activityCount),
  };
  const otherType = ACTIVITY_TYPES.indexOf('other');
  i = 0;
  // Stored as numbers already (migration 004): the type's code and the day number.
  for (const row of sqlite
    .prepare('SELECT rep_id, type_code, activity_day, account_id FROM activities ORDER BY id')
    .raw()
    .iterate() as IterableIterator<[number | null, number, number, number | null]>) {
    if (i >= activityCount) break;
    activities.rep[i] = row[0] === null ? -1 : (repIndex.get(row[0]) ?? -1);
    activities.type[i] = row[1] >= 0 && row[1] < ACTIVITY_TYPES.length ? row[1] : otherType;
    activities.day[i] = row[2];
    activities.account[i] = row[3] === null ? -1 : (accountIndex.get(row[3]) ?? -1);
    i++;
  }

  return { reps, accountCount: accountIds.length, deals, activities, currencies: [...currencies].sort() };
}
