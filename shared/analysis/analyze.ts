import type { ForecastTotals } from '../funnel/forecast';
import { computeForecast } from '../funnel/forecast';
import { computeForecastAccuracy, type ForecastAccuracy } from '../funnel/forecast-accuracy';
import { computeFunnels } from '../funnel/funnel';
import { computeTiers, type AccountTiers } from '../customers/tiers';
import type { Band, RepInfo, UnrankedReason, WorkingSet } from '../domain/types';
import { DEAL_LOST, DEAL_WON, NO_DAY } from '../domain/types';
import { computeKpis, type KpiValues, type PeriodKpis, type RepKpis } from '../kpi/compute-kpis';
import {
  dayNumber,
  holidayDays,
  nextPeriod,
  previousPeriod,
  workingDaysBetween,
  type Period,
} from '../period/period';
import { comparableRankings, rankReps, type Comparison, type RankingOutcome } from '../ranking/ranking';
import type { FunnelView } from '../funnel/types';
import type { AnalysisSettings, PeerGroupBy } from './settings';

/**
 * One period analysed end to end: KPIs, eligibility, peer groups, ranks and bands, customer
 * tiers, funnel and forecast. Pure; the engine, the CLI and the bench all call this, so the app
 * and the CLI cannot disagree on a number.
 */
export interface PeriodAnalysis {
  period: Period;
  previous: Period;
  next: Period;
  kpis: PeriodKpis;
  tiers: AccountTiers;
  ranking: RankingOutcome;
  /** Per rep: the peer group key they were ranked in. */
  peerKeys: (string | null)[];
  /** Per rep: for a minimum not met, the rep's figure and the minimum. */
  unrankedDetail: ({ actual: number; min: number } | null)[];
  /**
   * Per rep: the band of the previous period; null when not asked for, or when the two periods
   * are not comparable (comparison says why).
   */
  previousBands: (Band | null)[] | null;
  /** Whether the previous period's bands may be compared with this one's (null when not asked for). */
  comparison: Comparison | null;
  /** Per rep: the KPI values of the previous period (null when not asked for). */
  previousValues: KpiValues[] | null;
  funnels: { team: FunnelView; byRep: FunnelView[] };
  forecast: ReturnType<typeof computeForecast>;
  /** The period's own forecast, as it stood at its start, against what was won in it. */
  forecastAccuracy: ForecastAccuracy;
}

export function peerKeyOf(rep: RepInfo, by: PeerGroupBy): string | null {
  switch (by) {
    case 'company':
      return null;
    case 'region':
      return rep.region;
    case 'team':
      return rep.team;
    case 'role':
      return rep.role;
  }
}

export interface Eligibility {
  reason: UnrankedReason | null;
  detail: { actual: number; min: number } | null;
}

/**
 * Who may be ranked. The minimum of active days is capped at the working days the data covers in
 * the period, so a month whose data ends on the 5th still ranks the reps present all five days.
 */
export function eligibilityOf(
  rk: RepKpis,
  rep: RepInfo,
  kpis: PeriodKpis,
  coveredDays: number,
  settings: Pick<AnalysisSettings, 'minActiveDays' | 'minClosedDeals'>,
): Eligibility {
  if (rep.hireDate && dayNumber(rep.hireDate) > dayNumber(kpis.period.end)) {
    return { reason: 'joined_after_period', detail: null };
  }
  if (rk.closedDeals === 0 && rk.activityCount === 0 && rk.dealsCreated === 0) {
    return { reason: 'no_data_in_period', detail: null };
  }
  const minDays = Math.min(settings.minActiveDays, coveredDays);
  // Without activities, a rep's active days are inferred from deal dates, which say when a deal
  // was created or closed, not when the rep started working: a rep whose first deal closed late
  // in the period is not a new hire. The minimum then applies only to reps with a hire date.
  const daysKnown = kpis.dataAvailable.activities || rep.hireDate !== null;
  if (daysKnown && rk.activeDays !== null && rk.activeDays < minDays) {
    return { reason: 'too_few_active_days', detail: { actual: rk.activeDays, min: minDays } };
  }
  if (kpis.dataAvailable.closed_deals && rk.closedDeals < settings.minClosedDeals) {
    return { reason: 'no_closed_deals', detail: { actual: rk.closedDeals, min: settings.minClosedDeals } };
  }
  return { reason: null, detail: null };
}

const tierCache = new WeakMap<WorkingSet, Map<string, AccountTiers>>();

/** Tiers depend only on the period end and the tier settings: cached, as every weight change reuses them. */
export function tiersFor(ws: WorkingSet, endDay: number, settings: AnalysisSettings): AccountTiers {
  let cache = tierCache.get(ws);
  if (!cache) {
    cache = new Map();
    tierCache.set(ws, cache);
  }
  const key = `${endDay}|${JSON.stringify(settings.tiers)}`;
  let tiers = cache.get(key);
  if (!tiers) {
    tiers = computeTiers(ws, endDay, settings.tiers);
    const oldest = cache.keys().next();
    if (cache.size >= 32 && !oldest.done) cache.delete(oldest.value);
    cache.set(key, tiers);
  }
  return tiers;
}

const kpiCache = new WeakMap<WorkingSet, Map<string, PeriodKpis>>();
/** Periods whose KPIs are kept per working set: a trend's 8 periods and the ones around them. */
const KPI_CACHE_SIZE = 24;

/**
 * A period's KPIs depend on the working set, the period and the settings that define a figure
 * (holidays, what a substantive relationship is, tiers, quota unit), never on weights, peer group
 * or minimums: so a weight change re-ranks cached KPIs, and moving to the next period reuses the
 * previous period's. The working set is immutable (an import builds a new one), so a WeakMap on
 * it can never serve stale figures. Callers must not mutate the returned KPIs.
 */
export function kpisFor(
  ws: WorkingSet,
  period: Period,
  settings: AnalysisSettings,
  tiers: AccountTiers,
): PeriodKpis {
  let cache = kpiCache.get(ws);
  if (!cache) {
    cache = new Map();
    kpiCache.set(ws, cache);
  }
  const key = JSON.stringify([
    period.start,
    period.end,
    settings.holidays,
    settings.substantiveTouches,
    settings.tiers,
    settings.quotaScale,
  ]);
  let kpis = cache.get(key);
  if (kpis) {
    // Most recently used last, so the oldest goes first when the cache is full.
    cache.delete(key);
  } else {
    kpis = computeKpis(ws, period, {
      holidays: settings.holidays,
      substantiveTouches: settings.substantiveTouches,
      tiers: tiers.available ? tiers.tier : null,
      targetTiers: settings.tiers.target,
      quotaScale: settings.quotaScale,
    });
    const oldest = cache.keys().next();
    if (cache.size >= KPI_CACHE_SIZE && !oldest.done) cache.delete(oldest.value);
  }
  cache.set(key, kpis);
  return kpis;
}

const hasResultsCache = new WeakMap<WorkingSet, boolean>();

/** Whether any deal in the workspace was won or lost: then a period without results is a gap. */
export function workspaceHasResults(ws: WorkingSet): boolean {
  let has = hasResultsCache.get(ws);
  if (has === undefined) {
    has = false;
    const status = ws.deals.status;
    for (let i = 0; i < status.length && !has; i++) has = status[i] === DEAL_WON || status[i] === DEAL_LOST;
    hasResultsCache.set(ws, has);
  }
  return has;
}

/** KPIs, eligibility and ranking of one period: the part a weight change recomputes. */
export function rankPeriod(
  ws: WorkingSet,
  period: Period,
  settings: AnalysisSettings,
): { kpis: PeriodKpis; tiers: AccountTiers; ranking: RankingOutcome; eligibility: Eligibility[] } {
  const tiers = tiersFor(ws, dayNumber(period.end), settings);
  const kpis = kpisFor(ws, period, settings, tiers);
  const covered = coveredWorkingDays(kpis, settings);
  const rows = kpis.reps.map((rk, i) => {
    const rep = ws.reps[i]!;
    return { rk, rep, eligibility: eligibilityOf(rk, rep, kpis, covered, settings) };
  });
  const eligibility = rows.map((r) => r.eligibility);
  const ranking = rankReps(
    rows.map(({ rk, rep, eligibility }) => ({
      values: rk.values,
      unrankedReason: eligibility.reason,
      peerKey: peerKeyOf(rep, settings.peerGroup),
    })),
    {
      weights: settings.weights,
      kpiAvailable: kpis.kpiAvailable,
      workspaceHasResults: workspaceHasResults(ws),
    },
  );
  return { kpis, tiers, ranking, eligibility };
}

/** The most working days any rep can have in the period: the days the data covers. */
function coveredWorkingDays(kpis: PeriodKpis, settings: AnalysisSettings): number {
  let most = 0;
  for (const rk of kpis.reps) if (rk.activeDays !== null && rk.activeDays > most) most = rk.activeDays;
  if (most > 0) return most;
  const from = dayNumber(kpis.period.start);
  const to =
    kpis.dataEndDay === NO_DAY
      ? dayNumber(kpis.period.end)
      : Math.min(dayNumber(kpis.period.end), kpis.dataEndDay);
  return workingDaysBetween(from, to, holidayDays(settings.holidays));
}

export function analyzePeriod(
  ws: WorkingSet,
  period: Period,
  settings: AnalysisSettings,
  options: { withPrevious?: boolean } = {},
): PeriodAnalysis {
  const { kpis, tiers, ranking, eligibility } = rankPeriod(ws, period, settings);
  const previous = previousPeriod(period);
  const next = nextPeriod(period);
  let previousBands: (Band | null)[] | null = null;
  let previousValues: KpiValues[] | null = null;
  let comparison: Comparison | null = null;
  if (options.withPrevious) {
    const before = rankPeriod(ws, previous, settings);
    comparison = comparableRankings(ranking, before.ranking);
    // Movement only between rankings on comparable KPIs: else there is no previous band at all.
    previousBands = comparison.available
      ? before.ranking.reps.map((r) => (r.band === 'unranked' ? null : r.band))
      : null;
    previousValues = before.kpis.reps.map((r) => r.values);
  }
  const from = dayNumber(period.start);
  const to = dayNumber(period.end);
  const dataEnd = kpis.dataEndDay === NO_DAY ? to : kpis.dataEndDay;
  return {
    period,
    previous,
    next,
    kpis,
    tiers,
    ranking,
    peerKeys: ws.reps.map((rep) => peerKeyOf(rep, settings.peerGroup)),
    unrankedDetail: eligibility.map((e) => e.detail),
    previousBands,
    comparison,
    previousValues,
    funnels: computeFunnels(ws, from, to, dataEnd),
    // Overdue is the viewed period's: deals expected in it, still open (docs/kpis.md, Forecast).
    forecast: computeForecast(ws, dayNumber(next.start), dayNumber(next.end), dataEnd, from),
    forecastAccuracy: computeForecastAccuracy(ws, from, to),
  };
}

export type { ForecastTotals };
