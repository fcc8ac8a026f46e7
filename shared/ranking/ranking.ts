import type { Band, UnrankedReason } from '../domain/types';
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
 *   when fewer than k score strictly lower. Ties are never split across a band boundary;
 * - all of it within the rep's peer group (whole company, region, team or role).
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

/** One rep as the ranking sees it: KPI values, whether they may be ranked, and their peer group. */
export interface RankInput {
  values: Partial<Record<KpiId, number | null>>;
  /** null: eligible. */
  unrankedReason: UnrankedReason | null;
  /** Reps are ranked only against reps with the same key (null is a group of its own). */
  peerKey: string | null;
}

export interface RankingOptions {
  weights: RankingWeights;
  /** KPIs the period has data for; the others carry no weight. */
  kpiAvailable: Record<KpiId, boolean>;
}

export interface RankedRep {
  band: Band;
  resultsBand: Band;
  activityBand: Band;
  /** 0..100, null when unranked. */
  composite: number | null;
  resultsScore: number | null;
  activityScore: number | null;
  /** 0..1 within the peer group, for each ranked KPI the rep has a value for. */
  percentiles: Partial<Record<KpiId, number>>;
  unrankedReason: UnrankedReason | null;
}

export interface PeerGroupOutcome {
  key: string | null;
  reps: number;
  ranked: number;
  smallGroup: boolean;
}

export interface RankingOutcome {
  /** In input order. */
  reps: RankedRep[];
  rankedCount: number;
  bandCounts: Record<Band, number>;
  /** KPIs that carry weight in this period's composite. */
  usedKpis: KpiId[];
  groups: PeerGroupOutcome[];
  /** Some group has fewer than 8 ranked reps: quartiles of so few people are fragile. */
  smallGroup: boolean;
}

export const SMALL_GROUP_LIMIT = 8;

function weightedScore(
  ids: readonly KpiId[],
  percentiles: Partial<Record<KpiId, number>>,
  weights: RankingWeights,
): number | null {
  let sum = 0;
  let total = 0;
  for (const id of ids) {
    const p = percentiles[id];
    const w = weights.kpis[id] ?? 0;
    if (p === undefined || w <= 0) continue;
    sum += w * p;
    total += w;
  }
  return total > 0 ? sum / total : null;
}

/**
 * Ranks reps within their peer groups: per-KPI percentiles among the group's eligible reps, the
 * weighted composite, and bands. Pure and order-free: the same input in any order gives each rep
 * the same result (a property test checks it).
 */
export function rankReps(input: readonly RankInput[], options: RankingOptions): RankingOutcome {
  const { weights } = options;
  const usedKpis = KPI_DEFINITIONS.filter(
    (k) => k.direction !== 'none' && options.kpiAvailable[k.id] && (weights.kpis[k.id] ?? 0) > 0,
  ).map((k) => k.id);
  const byGroup: Record<KpiGroup, KpiId[]> = { results: [], activity: [] };
  for (const id of usedKpis) byGroup[KPI_DEFINITIONS.find((k) => k.id === id)!.group].push(id);

  const out: RankedRep[] = input.map((rep) => ({
    band: 'unranked',
    resultsBand: 'unranked',
    activityBand: 'unranked',
    composite: null,
    resultsScore: null,
    activityScore: null,
    percentiles: {},
    unrankedReason: rep.unrankedReason,
  }));

  // Members of each peer group, in first-seen order of the key, sorted by key for a stable list.
  const members = new Map<string | null, number[]>();
  input.forEach((rep, i) => {
    const list = members.get(rep.peerKey);
    if (list) list.push(i);
    else members.set(rep.peerKey, [i]);
  });
  const groups: PeerGroupOutcome[] = [];
  const keys = [...members.keys()].sort((x, y) =>
    x === null ? 1 : y === null ? -1 : x < y ? -1 : x > y ? 1 : 0,
  );
  for (const key of keys) {
    const idx = members.get(key)!;
    const eligible = idx.filter((i) => input[i]!.unrankedReason === null);
    for (const def of KPI_DEFINITIONS) {
      if (def.direction === 'none' || !options.kpiAvailable[def.id]) continue;
      const ranks = percentileRanks(
        eligible.map((i) => input[i]!.values[def.id] ?? null),
        def.direction,
      );
      ranks.forEach((p, j) => {
        if (p !== null) out[eligible[j]!]!.percentiles[def.id] = p;
      });
    }
    const results: (number | null)[] = [];
    const activity: (number | null)[] = [];
    const composite: (number | null)[] = [];
    for (const i of eligible) {
      const rs = weightedScore(byGroup.results, out[i]!.percentiles, weights);
      const as = weightedScore(byGroup.activity, out[i]!.percentiles, weights);
      results.push(rs === null ? null : rs * 100);
      activity.push(as === null ? null : as * 100);
      let sum = 0;
      let total = 0;
      for (const [score, w] of [
        [rs, weights.groups.results],
        [as, weights.groups.activity],
      ] as const) {
        if (score === null || w <= 0) continue;
        sum += score * w;
        total += w;
      }
      composite.push(total > 0 ? (sum / total) * 100 : null);
    }
    const bands = assignBands(composite);
    const resultsBands = assignBands(results);
    const activityBands = assignBands(activity);
    let ranked = 0;
    eligible.forEach((i, j) => {
      const rep = out[i]!;
      rep.composite = composite[j]!;
      rep.resultsScore = results[j]!;
      rep.activityScore = activity[j]!;
      rep.band = bands[j]!;
      rep.resultsBand = resultsBands[j]!;
      rep.activityBand = activityBands[j]!;
      // An eligible rep with no usable KPI at all is still unranked, and says why.
      if (rep.composite === null) rep.unrankedReason = 'no_data_in_period';
      else ranked++;
    });
    groups.push({ key, reps: idx.length, ranked, smallGroup: ranked > 0 && ranked < SMALL_GROUP_LIMIT });
  }

  const bandCounts: Record<Band, number> = { top: 0, middle: 0, bottom: 0, unranked: 0 };
  for (const rep of out) bandCounts[rep.band]++;
  return {
    reps: out,
    rankedCount: out.length - bandCounts.unranked,
    bandCounts,
    usedKpis,
    groups,
    smallGroup: groups.some((g) => g.smallGroup),
  };
}
