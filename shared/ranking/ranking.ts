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
 * - bands: k = round(n / 4); the k best composites are top, the k worst bottom. Equal composites
 *   at a cut-off are told apart by the KPIs in order of weight; reps equal on every KPI go
 *   together to the side that keeps the band nearer k, and are named (bandsWithTies);
 * - a period is ranked only when its data supports it (a weighted results KPI, unless the
 *   workspace has no results anywhere), and bands are compared across periods only when the two
 *   rankings share 75% of their weight (comparableRankings);
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

/**
 * A rep whose score equals a score on the other side of a band cut-off: `brokenBy` is the index
 * of the tie-breaker that separated them, or null when they tie on every tie-breaker too and so
 * all went to the same side.
 */
export interface CutoffTie<K = number> {
  brokenBy: K | null;
}

/** A missing tie-breaker value counts as the middle (0.5): it neither helps nor hurts. */
const tieKey = (v: number | null | undefined): number => (v === null || v === undefined ? 0.5 : v);

/**
 * Bands from scores, with ties broken (docs/ranking.md §4):
 * 1. reps are ordered by score, then by each tie-breaker in turn (higher is better; the ranking
 *    passes the percentiles of the KPIs in order of weight);
 * 2. the top band takes the best reps up to k = round(n / 4). A block of reps tied on the score
 *    and every tie-breaker is never split: it goes in whole or stays out whole, whichever leaves
 *    the band nearer k (in whole when both are as near, so a band is not left empty by a tie);
 * 3. the bottom band the same from the worst; a rep who would be in both is middle.
 * Order-free: the result depends on the values, never on the order of the reps.
 */
export function bandsWithTies(
  scores: ReadonlyArray<number | null>,
  tieBreakers: ReadonlyArray<ReadonlyArray<number | null | undefined>>,
): { bands: Band[]; ties: (CutoffTie | null)[] } {
  const present: number[] = [];
  scores.forEach((s, i) => {
    if (s !== null) present.push(i);
  });
  const n = present.length;
  const k = bandSize(n);
  const score = (i: number): number => scores[i] as number;
  /** < 0: a is better. The first tie-breaker index that separates them is in `level`. */
  const compare = (a: number, b: number): { order: number; level: number | null } => {
    if (Math.abs(score(a) - score(b)) > TIE_EPSILON) return { order: score(b) - score(a), level: -1 };
    for (const [level, values] of tieBreakers.entries()) {
      const x = tieKey(values[a]);
      const y = tieKey(values[b]);
      if (Math.abs(x - y) > TIE_EPSILON) return { order: y - x, level };
    }
    return { order: 0, level: null };
  };
  const sorted = [...present].sort((a, b) => compare(a, b).order);
  // Blocks of reps tied on the score and every tie-breaker, best first.
  const blocks: [number, ...number[]][] = [];
  for (const i of sorted) {
    const last = blocks.at(-1);
    if (last && compare(last[0], i).level === null) last.push(i);
    else blocks.push([i]);
  }
  const take = (ordered: number[][]): Set<number> => {
    const chosen = new Set<number>();
    for (const block of ordered) {
      if (chosen.size >= k) break;
      const withBlock = chosen.size + block.length;
      if (withBlock > k && withBlock - k > k - chosen.size) break;
      for (const i of block) chosen.add(i);
    }
    return chosen;
  };
  const top = take(blocks);
  const bottom = take([...blocks].reverse());
  const bands: Band[] = scores.map((s, i) => {
    if (s === null) return 'unranked';
    // With every score equal a rep can be both "top" and "bottom": nothing separates them.
    if (top.has(i) && !bottom.has(i)) return 'top';
    if (bottom.has(i) && !top.has(i)) return 'bottom';
    return 'middle';
  });
  // Ties at a cut-off, said: a rep whose score equals a score in another band was separated by a
  // tie-breaker; a block that straddled k went whole to one side.
  const ties: (CutoffTie | null)[] = scores.map(() => null);
  // Reps of equal score are contiguous in the sorted order: compare each only with those.
  for (let from = 0; from < sorted.length;) {
    let to = from + 1;
    while (to < sorted.length && Math.abs(score(sorted[to]!) - score(sorted[from]!)) <= TIE_EPSILON) to++;
    for (let a = from; a < to; a++) {
      const i = sorted[a]!;
      for (let b = from; b < to; b++) {
        const j = sorted[b]!;
        if (bands[j] === bands[i]) continue;
        const level = compare(i, j).level as number;
        const known = ties[i]?.brokenBy;
        ties[i] = { brokenBy: known === undefined || known === null ? level : Math.min(known, level) };
      }
    }
    from = to;
  }
  let rank = 0;
  for (const block of blocks) {
    const worse = n - rank - block.length;
    const straddles = (before: number): boolean => before < k && before + block.length > k;
    if (block.length > 1 && (straddles(rank) || straddles(worse))) {
      for (const i of block) ties[i] ??= { brokenBy: null };
    }
    rank += block.length;
  }
  return { bands, ties };
}

export function assignBands(
  scores: ReadonlyArray<number | null>,
  tieBreakers: ReadonlyArray<ReadonlyArray<number | null | undefined>> = [],
): Band[] {
  return bandsWithTies(scores, tieBreakers).bands;
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
  /**
   * The workspace has results (deals won or lost) in some period. Then a period without any
   * weighted results KPI is a gap in the data, not an activity-only ranking: it is not ranked.
   */
  workspaceHasResults?: boolean;
}

/**
 * Whether the period's data supports a ranking (docs/ranking.md §1a): `no_results` when no
 * weighted results KPI has data in it while the workspace has results in other periods,
 * `no_weighted_kpi` when no weighted KPI has data at all.
 */
export interface PeriodSupport {
  ranked: boolean;
  reason: 'no_results' | 'no_weighted_kpi' | null;
}

/** Whether two periods' bands may be compared (▲/▼, previous band), and why not. */
export interface Comparison {
  available: boolean;
  reason: 'not_ranked' | 'previous_not_ranked' | 'different_kpis' | null;
}

/**
 * Two rankings are comparable when at least this share of their weight sits on the same KPIs
 * (the sum over KPIs of the smaller of the two effective weights). A quarter without quotas
 * (a KPI of 10% of the weight) stays comparable; a year ranked with activities (40%) is not
 * comparable with one ranked on deals alone.
 */
export const COMPARABLE_WEIGHT_SHARE = 0.75;

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
  /** The rep's composite equals a composite across a band cut-off (see bandsWithTies). */
  cutoffTie: CutoffTie<KpiId> | null;
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
  /** Each used KPI's share of the composite (group weight × KPI weight in its group), summing to 1. */
  weightShares: Partial<Record<KpiId, number>>;
  /** Used KPIs by weight share, most important first: the tie-breakers at a band cut-off. */
  tieBreakers: KpiId[];
  support: PeriodSupport;
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
  const used = KPI_DEFINITIONS.filter(
    (k) => k.direction !== 'none' && options.kpiAvailable[k.id] && (weights.kpis[k.id] ?? 0) > 0,
  );
  const usedKpis = used.map((k) => k.id);
  const byGroup: Record<KpiGroup, KpiId[]> = { results: [], activity: [] };
  for (const k of used) byGroup[k.group].push(k.id);
  const weightShares = shareOfWeight(byGroup, weights);
  // Most important first; equal weights in registry order (usedKpis is in it; the sort is stable).
  const tieBreakers = [...usedKpis].sort((a, b) => (weightShares[b] ?? 0) - (weightShares[a] ?? 0));
  const byWeight = (ids: readonly KpiId[]): KpiId[] => tieBreakers.filter((id) => ids.includes(id));
  const support: PeriodSupport =
    usedKpis.length === 0
      ? { ranked: false, reason: 'no_weighted_kpi' }
      : byGroup.results.length === 0 && options.workspaceHasResults === true
        ? { ranked: false, reason: 'no_results' }
        : { ranked: true, reason: null };

  // Each rep's input beside the result being built for it.
  const reps = input.map((rep): { rep: RankInput; out: RankedRep } => ({
    rep,
    out: {
      band: 'unranked',
      resultsBand: 'unranked',
      activityBand: 'unranked',
      composite: null,
      resultsScore: null,
      activityScore: null,
      percentiles: {},
      // A period without the data for a ranking ranks nobody, and each row says why.
      unrankedReason:
        support.reason === 'no_results' && rep.unrankedReason === null
          ? 'no_results_in_period'
          : rep.unrankedReason,
      cutoffTie: null,
    },
  }));
  const out = reps.map((r) => r.out);

  // Members of each peer group, in first-seen order of the key, sorted by key for a stable list.
  const members = new Map<string | null, (typeof reps)[number][]>();
  for (const r of reps) {
    const list = members.get(r.rep.peerKey);
    if (list) list.push(r);
    else members.set(r.rep.peerKey, [r]);
  }
  const groups: PeerGroupOutcome[] = [];
  const byKey = [...members].sort(([x], [y]) =>
    x === null ? 1 : y === null ? -1 : x < y ? -1 : x > y ? 1 : 0,
  );
  for (const [key, group] of byKey) {
    const eligible = group.filter((r) => r.out.unrankedReason === null);
    for (const def of KPI_DEFINITIONS) {
      if (def.direction === 'none' || !options.kpiAvailable[def.id]) continue;
      const ranks = percentileRanks(
        eligible.map((r) => r.rep.values[def.id] ?? null),
        def.direction,
      );
      eligible.forEach((r, j) => {
        const p = ranks[j];
        if (p !== null && p !== undefined) r.out.percentiles[def.id] = p;
      });
    }
    const results: (number | null)[] = [];
    const activity: (number | null)[] = [];
    const composite: (number | null)[] = [];
    for (const { out: rep } of eligible) {
      const rs = weightedScore(byGroup.results, rep.percentiles, weights);
      const as = weightedScore(byGroup.activity, rep.percentiles, weights);
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
    // Ties at a cut-off are broken by the KPIs of the score, most important first.
    const keys = (ids: readonly KpiId[]): (number | undefined)[][] =>
      ids.map((id) => eligible.map((r) => r.out.percentiles[id]));
    const compositeBands = bandsWithTies(composite, keys(tieBreakers));
    const bands = compositeBands.bands;
    const resultsBands = assignBands(results, keys(byWeight(byGroup.results)));
    const activityBands = assignBands(activity, keys(byWeight(byGroup.activity)));
    let ranked = 0;
    eligible.forEach(({ out: rep }, j) => {
      rep.composite = composite[j]!;
      rep.resultsScore = results[j]!;
      rep.activityScore = activity[j]!;
      rep.band = bands[j]!;
      rep.resultsBand = resultsBands[j]!;
      rep.activityBand = activityBands[j]!;
      const tie = compositeBands.ties[j];
      rep.cutoffTie = tie ? { brokenBy: tie.brokenBy === null ? null : tieBreakers[tie.brokenBy]! } : null;
      // An eligible rep with no usable KPI at all is still unranked, and says why.
      if (rep.composite === null) rep.unrankedReason = 'no_data_in_period';
      else ranked++;
    });
    groups.push({ key, reps: group.length, ranked, smallGroup: ranked > 0 && ranked < SMALL_GROUP_LIMIT });
  }

  const bandCounts: Record<Band, number> = { top: 0, middle: 0, bottom: 0, unranked: 0 };
  for (const rep of out) bandCounts[rep.band]++;
  return {
    reps: out,
    rankedCount: out.length - bandCounts.unranked,
    bandCounts,
    usedKpis,
    weightShares,
    tieBreakers,
    support,
    groups,
    smallGroup: groups.some((g) => g.smallGroup),
  };
}

/** Each KPI's share of the composite: the group's share of the groups with data × its share in the group. */
function shareOfWeight(
  byGroup: Record<KpiGroup, KpiId[]>,
  weights: RankingWeights,
): Partial<Record<KpiId, number>> {
  const groups = (['results', 'activity'] as const).filter(
    (g) => byGroup[g].length > 0 && weights.groups[g] > 0,
  );
  const groupTotal = groups.reduce((sum, g) => sum + weights.groups[g], 0);
  const shares: Partial<Record<KpiId, number>> = {};
  for (const g of groups) {
    const total = byGroup[g].reduce((sum, id) => sum + (weights.kpis[id] ?? 0), 0);
    for (const id of byGroup[g])
      shares[id] = (weights.groups[g] / groupTotal) * ((weights.kpis[id] ?? 0) / total);
  }
  return shares;
}

/**
 * Whether `now` may be compared with `before` (movement, previous band): both ranked, and at least
 * COMPARABLE_WEIGHT_SHARE of their weight on the same KPIs (docs/ranking.md §4b).
 */
export function comparableRankings(now: RankingOutcome, before: RankingOutcome): Comparison {
  if (!now.support.ranked || now.rankedCount === 0) return { available: false, reason: 'not_ranked' };
  if (!before.support.ranked || before.rankedCount === 0)
    return { available: false, reason: 'previous_not_ranked' };
  let common = 0;
  for (const [id, share] of Object.entries(now.weightShares) as [KpiId, number][]) {
    common += Math.min(share, before.weightShares[id] ?? 0);
  }
  return common >= COMPARABLE_WEIGHT_SHARE - 1e-9
    ? { available: true, reason: null }
    : { available: false, reason: 'different_kpis' };
}
