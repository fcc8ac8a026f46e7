import { orderActivities } from '../../shared/analysis/activity-order';
import {
  ACTIVITY_CONNECTED,
  ACTIVITY_TYPES,
  DEAL_LOST,
  DEAL_OPEN,
  DEAL_WON,
  FUNNEL_STAGES,
  NO_DAY,
  NO_FUNNEL,
  type AccountColumns,
  type QuotaColumns,
  type RepInfo,
  type WorkingSet,
} from '../../shared/domain/types';
import { callConnected } from '../../shared/import/call-outcome';
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

  const accountRows = sqlite
    .prepare(
      'SELECT id, tier, annual_revenue, employees, authority, need, owner_rep_id FROM accounts ORDER BY id',
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
  const accountIndex = new Map(accountRows.map((row, i) => [row[0], i]));
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
  const statusCode = { open: DEAL_OPEN, won: DEAL_WON, lost: DEAL_LOST } as const;

  const dealCount = sqlite.prepare('SELECT count(*) FROM deals').pluck().get() as number;
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
  const funnelCode = new Map<string, number>(FUNNEL_STAGES.map((f, k) => [f, k]));
  const currencies = new Set<string>();
  let i = 0;
  for (const row of sqlite
    .prepare(
      `SELECT rep_id, status, amount, created_date, close_date, account_id, currency,
              expected_close_date, funnel_stage, probability
       FROM deals ORDER BY id`,
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
      string | null,
      string | null,
      number | null,
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
    // An open deal's close date is the date the rep expects (Salesforce's CloseDate, HubSpot's
    // Close date): the forecast reads it when the export has no separate expected date.
    deals.expectedCloseDay[i] =
      row[7] !== null ? day(row[7]) : row[1] === 'open' ? deals.closeDay[i]! : NO_DAY;
    deals.funnel[i] = row[8] === null ? NO_FUNNEL : (funnelCode.get(row[8]) ?? NO_FUNNEL);
    deals.probability[i] = nan(row[9]);
    i++;
  }

  const activityCount = sqlite.prepare('SELECT count(*) FROM activities').pluck().get() as number;
  const facts = {
    length: activityCount,
    rep: new Int32Array(activityCount),
    type: new Uint8Array(activityCount),
    day: new Int32Array(activityCount),
    account: new Int32Array(activityCount),
    flags: new Uint8Array(activityCount),
  };
  const otherType = ACTIVITY_TYPES.indexOf('other');
  const call = ACTIVITY_TYPES.indexOf('call');
  // Whether a call connected depends on its outcome text, of which a workspace has a handful of
  // distinct values: classify each once here, and let SQLite flag the rows.
  const outcomes = sqlite
    .prepare('SELECT DISTINCT outcome FROM activities WHERE type_code = ? AND outcome IS NOT NULL')
    .pluck()
    .all(call) as string[];
  const connected = outcomes.filter((o) => callConnected(o, null) && callConnected(o, 0));
  const connectedIfLong = outcomes.filter((o) => !callConnected(o, 0) && callConnected(o, 1));
  const nullIfLong = callConnected(null, 1) ? 1 : 0;
  i = 0;
  // Stored as numbers already (migration 004): the type's code and the day number.
  for (const row of sqlite
    .prepare(
      `SELECT rep_id, type_code, activity_day, account_id,
         type_code = :call AND (
           outcome IN (SELECT value FROM json_each(:connected))
           OR (duration_min >= 1 AND (outcome IN (SELECT value FROM json_each(:long)) OR (outcome IS NULL AND :nullIfLong)))
         ) AS connected
       FROM activities ORDER BY id`,
    )
    .raw()
    .iterate({
      call,
      connected: JSON.stringify(connected),
      long: JSON.stringify(connectedIfLong),
      nullIfLong,
    }) as IterableIterator<[number | null, number, number, number | null, number]>) {
    if (i >= activityCount) break;
    facts.rep[i] = row[0] === null ? -1 : (repIndex.get(row[0]) ?? -1);
    facts.type[i] = row[1] >= 0 && row[1] < ACTIVITY_TYPES.length ? row[1] : otherType;
    facts.day[i] = row[2];
    facts.account[i] = row[3] === null ? -1 : (accountIndex.get(row[3]) ?? -1);
    facts.flags[i] = row[4] ? ACTIVITY_CONNECTED : 0;
    i++;
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

  return {
    reps,
    accountCount: accounts.length,
    accounts,
    deals,
    activities: orderActivities(facts, reps.length),
    quotas,
    currencies: [...currencies].sort(),
    quotaCurrencies,
  };
}
