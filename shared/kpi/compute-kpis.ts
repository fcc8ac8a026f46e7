import { ACTIVITY_TYPES, DEAL_LOST, DEAL_WON, NO_DAY, type WorkingSet } from '../domain/types';
import { dayNumber, fromDayNumber, workingDays, type Period } from '../period/period';
import { KPI_DEFINITIONS, type KpiId, type KpiSource } from './kpi-definitions';

export type KpiValues = Record<KpiId, number | null>;

export interface RepKpis {
  repIndex: number;
  values: KpiValues;
  closedDeals: number;
  /** Deals created in the period, whatever their status: evidence the rep was selling. */
  dealsCreated: number;
  activityCount: number;
  /** Working days used as the denominator of per-day and per-week rates; null without activity data. */
  activeDays: number | null;
}

export interface PeriodKpis {
  period: Period;
  /** Per source: does the workspace hold any record of that kind dated in the period? */
  sourceAvailable: Record<KpiSource, boolean>;
  /** Per KPI: false when the data it needs is missing, so it is shown as unavailable, never 0. */
  kpiAvailable: Record<KpiId, boolean>;
  reps: RepKpis[];
}

export interface KpiOptions {
  holidays?: ReadonlySet<string>;
}

const CALL = ACTIVITY_TYPES.indexOf('call');
const MEETING = ACTIVITY_TYPES.indexOf('meeting');
const VISIT = ACTIVITY_TYPES.indexOf('visit');
const EMAIL = ACTIVITY_TYPES.indexOf('email');

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Computes every KPI for every rep over one period in a single pass per fact table.
 * Pure: the working set is read, never changed.
 */
export function computeKpis(ws: WorkingSet, period: Period, options: KpiOptions = {}): PeriodKpis {
  const nReps = ws.reps.length;
  const from = dayNumber(period.start);
  const to = dayNumber(period.end);

  const wonRevenue = new Float64Array(nReps);
  const wonWithAmount = new Int32Array(nReps);
  const won = new Int32Array(nReps);
  const lost = new Int32Array(nReps);
  const created = new Int32Array(nReps);
  const cycles: number[][] = Array.from({ length: nReps }, () => []);
  // The first day each rep appears anywhere, so a rep's active days start when they did.
  const firstSeen = new Int32Array(nReps).fill(2_147_483_647);
  let dealsInPeriod = 0;

  const d = ws.deals;
  for (let i = 0; i < d.length; i++) {
    const r = d.rep[i] as number;
    if (r < 0) continue;
    const createdDay = d.createdDay[i] as number;
    const closed = d.closeDay[i] as number;
    const seen = createdDay !== NO_DAY ? createdDay : closed;
    if (seen !== NO_DAY && seen < (firstSeen[r] as number)) firstSeen[r] = seen;
    if (createdDay !== NO_DAY && createdDay >= from && createdDay <= to) created[r]!++;
    if (closed === NO_DAY || closed < from || closed > to) continue;
    const status = d.status[i] as number;
    if (status === DEAL_WON) {
      dealsInPeriod++;
      won[r]!++;
      const amount = d.amount[i] as number;
      if (!Number.isNaN(amount)) {
        wonRevenue[r]! += amount;
        wonWithAmount[r]!++;
      }
      if (createdDay !== NO_DAY && closed >= createdDay) cycles[r]!.push(closed - createdDay);
    } else if (status === DEAL_LOST) {
      dealsInPeriod++;
      lost[r]!++;
    }
  }

  const a = ws.activities;
  const typeCounts = Array.from({ length: ACTIVITY_TYPES.length }, () => new Int32Array(nReps));
  const total = new Int32Array(nReps);
  const accountsTouched: Set<number>[] = Array.from({ length: nReps }, () => new Set());
  let activitiesInPeriod = 0;
  let activitiesWithAccount = 0;
  let minActivity = 2_147_483_647;
  let maxActivity = -2_147_483_647;
  for (let i = 0; i < a.length; i++) {
    const day = a.day[i] as number;
    if (day === NO_DAY) continue;
    if (day < minActivity) minActivity = day;
    if (day > maxActivity) maxActivity = day;
    const r = a.rep[i] as number;
    if (r < 0) continue;
    if (day < (firstSeen[r] as number)) firstSeen[r] = day;
    if (day < from || day > to) continue;
    activitiesInPeriod++;
    total[r]!++;
    typeCounts[a.type[i] as number]![r]!++;
    const account = a.account[i] as number;
    if (account >= 0) {
      activitiesWithAccount++;
      accountsTouched[r]!.add(account);
    }
  }

  const sourceAvailable: Record<KpiSource, boolean> = {
    deals: dealsInPeriod > 0,
    activities: activitiesInPeriod > 0,
  };
  const kpiAvailable = Object.fromEntries(
    KPI_DEFINITIONS.map((k) => [
      k.id,
      sourceAvailable[k.source] && (k.id !== 'customers_touched' || activitiesWithAccount > 0),
    ]),
  ) as Record<KpiId, boolean>;

  // Rates only count days on which activity could have been logged: a partial period that
  // ends after the export was taken must not dilute everybody's calls per day.
  const rateFrom = Math.max(from, minActivity);
  const rateTo = Math.min(to, maxActivity);

  const reps: RepKpis[] = [];
  for (let r = 0; r < nReps; r++) {
    const rep = ws.reps[r]!;
    const deals = sourceAvailable.deals;
    const acts = sourceAvailable.activities;
    let activeDays: number | null = null;
    if (acts) {
      let start = rateFrom;
      const hire = rep.hireDate ? dayNumber(rep.hireDate) : (firstSeen[r] as number);
      if (hire > start && hire !== 2_147_483_647) start = hire;
      activeDays =
        start <= rateTo ? workingDays(fromDayNumber(start), fromDayNumber(rateTo), options.holidays) : 0;
    }
    const perDay = (count: number): number | null =>
      acts && activeDays !== null && activeDays > 0 ? count / activeDays : null;
    const closedDeals = (won[r] as number) + (lost[r] as number);
    const calls = typeCounts[CALL]![r] as number;
    const meetings = typeCounts[MEETING]![r] as number;
    const visits = typeCounts[VISIT]![r] as number;
    const values: KpiValues = {
      won_revenue: deals ? (wonRevenue[r] as number) : null,
      deals_won: deals ? (won[r] as number) : null,
      deals_lost: deals ? (lost[r] as number) : null,
      win_rate: deals && closedDeals > 0 ? (won[r] as number) / closedDeals : null,
      avg_deal_size:
        deals && (wonWithAmount[r] as number) > 0
          ? (wonRevenue[r] as number) / (wonWithAmount[r] as number)
          : null,
      sales_cycle_days: deals ? median(cycles[r]!) : null,
      activities: acts ? (total[r] as number) : null,
      calls: acts ? calls : null,
      meetings: acts ? meetings : null,
      visits: acts ? visits : null,
      emails: acts ? (typeCounts[EMAIL]![r] as number) : null,
      calls_per_day: perDay(calls),
      meetings_per_week: ((v) => (v === null ? null : v * 5))(perDay(meetings + visits)),
      customers_touched: kpiAvailable.customers_touched ? accountsTouched[r]!.size : null,
    };
    reps.push({
      repIndex: r,
      values,
      closedDeals,
      dealsCreated: created[r] as number,
      activityCount: total[r] as number,
      activeDays,
    });
  }
  return { period, sourceAvailable, kpiAvailable, reps };
}
