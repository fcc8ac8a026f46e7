import type { Band, UnrankedReason, WorkingSet } from '../domain/types';
import { dayNumber } from '../period/period';
import type { PeriodKpis } from '../kpi/compute-kpis';
import {
  KPI_DEFINITIONS,
  type KpiDirection,
  type KpiGroup,
  type KpiId,
  type RankingWeights,
} from '../kpi/kpi-definitions';

/**
 * The ranking rule, written out in docs/ranking.md. In short:
 * - a KPI percentile is the mid-rank of the rep's value among the ranked reps: ties share one
 *   percentile, the best is 1, the worst 0, a lone rep 0.5;
 * - the composite is the weighted mean of the available KPI percentiles, per group, and the
 *   groups are combined by their weights (60/40 by default), scaled to 0..100;
 * - bands: k = round(n / 4); a rep is top when fewer than k reps score strictly higher, bottom
 *   when fewer than k score strictly lower. Ties are never split across a band boundary.
 */

/** Scores closer than this are the same score: float noise must not break a tie. */
const TIE_EPSILON = 1e-9;

export function percentileRanks(
  values: ReadonlyArray<number | null>,
  direction: Exclude<KpiDirection, 'none'>,
): (number | null)[] {
  const present: number[] = [];
  for (const v of values) if (v !== null && Number.isFinite(v)) present.push(v);
  const n = present.length;
  const sorted = present.sort((x, y) => x - y);
  return values.map((v) => {
    if (v === null || !Number.isFinite(v)) return null;
    if (n === 1) return 0.5;
    const below = lowerBound(sorted, v - TIE_EPSILON);
    const notAbove = lowerBound(sorted, v + TIE_EPSILON);
    const equalOthers = notAbove - below - 1;
    const worse = direction === 'higher' ? below : n - notAbove;
    return (worse + equalOthers / 2) / (n - 1);
  });
}

/** First index whose value is >= x in an ascending array. */
function lowerBound(sorted: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many reps go to the top (and to the bottom) band out of n ranked reps. */
export function bandSize(n: number): number {
  return n < 2 ? 0 : Math.round(n / 4);
}

export function assignBands(scores: ReadonlyArray<number | null>): Band[] {
  const present = scores.filter((s): s is number => s !== null).sort((x, y) => x - y);
  const n = present.length;
  const k = bandSize(n);
  return scores.map((s) => {
    if (s === null) return 'unranked';
    const lower = lowerBound(present, s - TIE_EPSILON);
    const higher = n - lowerBound(present, s + TIE_EPSILON);
    const top = higher < k;
    const bottom = lower < k;
    // With every score equal a rep is both "top" and "bottom": nothing separates them.
    if (top && !bottom) return 'top';
    if (bottom && !top) return 'bottom';
    return 'middle';
  });
}

export interface RankingOptions {
  weights: RankingWeights;
  /** A rep needs at least this many closed deals in the period to be ranked on results. */
  minClosedDeals: number;
}

export const DEFAULT_RANKING_OPTIONS: Omit<RankingOptions, 'weights'> = { minClosedDeals: 1 };

export interface RankedRep {
  repIndex: number;
  band: Band;
  resultsBand: Band;
  activityBand: Band;
  /** 0..100, null when unranked. */
  composite: number | null;
  resultsScore: number | null;
  activityScore: number | null;
  percentiles: Partial<Record<KpiId, number | null>>;
  unrankedReason: UnrankedReason | null;
}

export interface RankingOutcome {
  reps: RankedRep[];
  rankedCount: number;
  bandCounts: Record<Band, number>;
  /** KPIs that carry weight in this period's composite. */
  usedKpis: KpiId[];
  /** Fewer than 8 ranked reps: quartiles of so few people are fragile. */
  smallGroup: boolean;
}

export const SMALL_GROUP_LIMIT = 8;

function eligibility(
  ws: WorkingSet,
  kpis: PeriodKpis,
  repIndex: number,
  options: RankingOptions,
): UnrankedReason | null {
  const rk = kpis.reps[repIndex]!;
  const rep = ws.reps[repIndex]!;
  if (rep.hireDate && dayNumber(rep.hireDate) > dayNumber(kpis.period.end)) {
    return 'joined_after_period';
  }
  const hasDeals = kpis.sourceAvailable.deals;
  if (rk.closedDeals === 0 && rk.activityCount === 0 && rk.dealsCreated === 0) return 'no_data_in_period';
  if (hasDeals && rk.closedDeals < options.minClosedDeals) return 'no_closed_deals';
  return null;
}

function weightedScore(
  ids: KpiId[],
  percentiles: Partial<Record<KpiId, number | null>>,
  weights: RankingWeights,
): number | null {
  let sum = 0;
  let total = 0;
  for (const id of ids) {
    const p = percentiles[id];
    const w = weights.kpis[id] ?? 0;
    if (p === null || p === undefined || w <= 0) continue;
    sum += w * p;
    total += w;
  }
  return total > 0 ? sum / total : null;
}

/** Ranks every rep of the working set for one period. */
export function rankReps(ws: WorkingSet, kpis: PeriodKpis, options: RankingOptions): RankingOutcome {
  const reasons = ws.reps.map((_, i) => eligibility(ws, kpis, i, options));
  const eligible = reasons.map((r) => r === null);
  const usedKpis = KPI_DEFINITIONS.filter(
    (k) => k.direction !== 'none' && kpis.kpiAvailable[k.id] && (options.weights.kpis[k.id] ?? 0) > 0,
  ).map((k) => k.id);

  const percentiles: Partial<Record<KpiId, number | null>>[] = ws.reps.map(() => ({}));
  for (const def of KPI_DEFINITIONS) {
    if (def.direction === 'none' || !kpis.kpiAvailable[def.id]) continue;
    const values = kpis.reps.map((r, i) => (eligible[i] ? r.values[def.id] : null));
    const ranks = percentileRanks(values, def.direction);
    ranks.forEach((p, i) => {
      if (eligible[i]) percentiles[i]![def.id] = p;
    });
  }

  const byGroup: Record<KpiGroup, KpiId[]> = { results: [], activity: [] };
  for (const id of usedKpis) {
    const def = KPI_DEFINITIONS.find((k) => k.id === id)!;
    byGroup[def.group].push(id);
  }

  const resultsScores: (number | null)[] = [];
  const activityScores: (number | null)[] = [];
  const composites: (number | null)[] = [];
  for (let i = 0; i < ws.reps.length; i++) {
    if (!eligible[i]) {
      resultsScores.push(null);
      activityScores.push(null);
      composites.push(null);
      continue;
    }
    const rs = weightedScore(byGroup.results, percentiles[i]!, options.weights);
    const as = weightedScore(byGroup.activity, percentiles[i]!, options.weights);
    resultsScores.push(rs === null ? null : rs * 100);
    activityScores.push(as === null ? null : as * 100);
    let sum = 0;
    let total = 0;
    const groups: [number | null, number][] = [
      [rs, options.weights.groups.results],
      [as, options.weights.groups.activity],
    ];
    for (const [score, w] of groups) {
      if (score === null || w <= 0) continue;
      sum += score * w;
      total += w;
    }
    composites.push(total > 0 ? (sum / total) * 100 : null);
  }

  const bands = assignBands(composites);
  const resultsBands = assignBands(resultsScores);
  const activityBands = assignBands(activityScores);
  const bandCounts: Record<Band, number> = { top: 0, middle: 0, bottom: 0, unranked: 0 };
  const reps: RankedRep[] = ws.reps.map((_, i) => {
    const band = bands[i]!;
    bandCounts[band]++;
    return {
      repIndex: i,
      band,
      resultsBand: resultsBands[i]!,
      activityBand: activityBands[i]!,
      composite: composites[i]!,
      resultsScore: resultsScores[i]!,
      activityScore: activityScores[i]!,
      percentiles: percentiles[i]!,
      // An eligible rep with no usable KPI at all is still unranked, and says why.
      unrankedReason: reasons[i] ?? (composites[i] === null ? 'no_data_in_period' : null),
    };
  });
  const rankedCount = reps.length - bandCounts.unranked;
  return {
    reps,
    rankedCount,
    bandCounts,
    usedKpis,
    smallGroup: rankedCount < SMALL_GROUP_LIMIT,
  };
}
