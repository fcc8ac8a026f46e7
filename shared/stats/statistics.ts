/**
 * The statistics behind "what separates the top quartile here". Rank-based throughout: sales
 * figures are skewed (a few big deals, a few very busy reps), so medians, Cliff's delta and the
 * Mann-Whitney test say more than means and t-tests, and none of them assume a distribution.
 */

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * The median of the first `length` values, sorting them in place: for the KPI pass's scratch
 * arrays (a rep's gaps or cycles), where a copy per rep would cost more than the sort.
 */
export function medianOfPrefix(values: Float64Array, length: number): number | null {
  if (length === 0) return null;
  const sorted = values.subarray(0, length).sort();
  const mid = length >> 1;
  return length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The value at quantile q (0..1) of the values, linearly interpolated between neighbours. */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

/**
 * Cliff's delta: P(x > y) - P(x < y) for x drawn from `a` and y from `b`. +1: every a is above
 * every b; 0: no difference; ties count for neither side.
 */
export function cliffsDelta(a: readonly number[], b: readonly number[]): number | null {
  if (a.length === 0 || b.length === 0) return null;
  let more = 0;
  let less = 0;
  for (const x of a) {
    for (const y of b) {
      if (x > y) more++;
      else if (x < y) less++;
    }
  }
  return (more - less) / (a.length * b.length);
}

/** Mid-ranks (1-based) of the values; ties share the mean of the ranks they span. */
export function midRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((x, y) => x[0] - y[0]);
  const ranks = new Array<number>(values.length);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]![1]] = rank;
    i = j + 1;
  }
  return ranks;
}

/** Above this many pairs the exact distribution is not needed: the normal approximation is good. */
const EXACT_LIMIT = 2_500;

/**
 * Two-sided Mann-Whitney U p-value for "a and b come from the same distribution". Exact (the
 * permutation distribution of U) for small samples without ties, where the normal approximation
 * is poor; otherwise the normal approximation with the tie correction and a continuity
 * correction.
 */
export function mannWhitneyP(a: readonly number[], b: readonly number[]): number | null {
  const m = a.length;
  const n = b.length;
  if (m === 0 || n === 0) return null;
  const all = [...a, ...b];
  const ranks = midRanks(all);
  let rankSumA = 0;
  for (let i = 0; i < m; i++) rankSumA += ranks[i] as number;
  const u = rankSumA - (m * (m + 1)) / 2;
  const hasTies = new Set(all).size < all.length;
  if (!hasTies && m * n <= EXACT_LIMIT) return exactTwoSided(u, m, n);

  const meanU = (m * n) / 2;
  // Tie correction: sum of (t^3 - t) over groups of tied values.
  const counts = new Map<number, number>();
  for (const v of all) counts.set(v, (counts.get(v) ?? 0) + 1);
  let tieTerm = 0;
  for (const t of counts.values()) tieTerm += t * t * t - t;
  const total = m + n;
  const variance = ((m * n) / 12) * (total + 1 - tieTerm / (total * (total - 1)));
  if (variance <= 0) return 1; // every value equal: nothing to tell apart
  const z = (Math.abs(u - meanU) - 0.5) / Math.sqrt(variance);
  return Math.min(1, 2 * (1 - normalCdf(Math.max(0, z))));
}

/** P(U <= u) and P(U >= u) from the exact distribution of U for sizes m, n (no ties). */
function exactTwoSided(u: number, m: number, n: number): number {
  // counts[k] = number of arrangements with U = k, built by the standard recurrence over n.
  const maxU = m * n;
  // dp over (i items of a, j items of b): use the generating-function product
  // prod_{k=1..m} (1 - q^{n+k}) / (1 - q^k), computed by polynomial steps.
  let poly = new Float64Array(maxU + 1);
  poly[0] = 1;
  for (let k = 1; k <= m; k++) {
    // multiply by (1 - q^{n+k})
    const next = new Float64Array(maxU + 1);
    for (let d = 0; d <= maxU; d++) {
      const c = poly[d] as number;
      if (c === 0) continue;
      next[d]! += c;
      if (d + n + k <= maxU) next[d + n + k]! -= c;
    }
    // divide by (1 - q^k): running sums with stride k
    for (let d = k; d <= maxU; d++) next[d]! += next[d - k] as number;
    poly = next;
  }
  let total = 0;
  for (let d = 0; d <= maxU; d++) total += poly[d] as number;
  const lo = Math.floor(u + 1e-9);
  const hi = Math.ceil(u - 1e-9);
  let below = 0;
  let above = 0;
  for (let d = 0; d <= maxU; d++) {
    if (d <= lo) below += poly[d] as number;
    if (d >= hi) above += poly[d] as number;
  }
  return Math.min(1, (2 * Math.min(below, above)) / total);
}

/** Standard normal CDF (Abramowitz-Stegun 7.1.26 via erf; error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/**
 * Benjamini-Hochberg adjusted p-values (q-values), in input order; nulls stay null. Twenty-odd
 * practices are tested at once, so without it about one null practice in twenty would look
 * "significant" by chance.
 */
export function benjaminiHochberg(pValues: readonly (number | null)[]): (number | null)[] {
  const present = pValues
    .map((p, i) => [p, i] as const)
    .filter((x): x is readonly [number, number] => x[0] !== null)
    .sort((x, y) => x[0] - y[0]);
  const m = present.length;
  const out: (number | null)[] = pValues.map(() => null);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    const [p, i] = present[k]!;
    running = Math.min(running, (p * m) / (k + 1));
    out[i] = running;
  }
  return out;
}

/** Spearman's rank correlation of paired values (pairs with a null dropped); null under 3 pairs. */
export function spearman(x: readonly (number | null)[], y: readonly (number | null)[]): number | null {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const yi = y[i];
    if (xi === null || xi === undefined || yi === null || yi === undefined) continue;
    a.push(xi);
    b.push(yi);
  }
  if (a.length < 3) return null;
  const ra = midRanks(a);
  const rb = midRanks(b);
  const mean = (a.length + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < a.length; i++) {
    const dx = (ra[i] as number) - mean;
    const dy = (rb[i] as number) - mean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}
