import { DEAL_WON, NO_DAY, TIERS, type Tier, type WorkingSet } from '../domain/types';
import type { TierSettings } from '../analysis/settings';
import { monthsBefore } from '../period/period';

/**
 * Customer tiers A–D (field notes §3): who deserves the reps' attention. Every method works on
 * typed arrays and selects thresholds instead of sorting objects: tiers are recomputed for every
 * period viewed, over workspaces of hundreds of thousands of accounts.
 */

export interface AccountTiers {
  /** Per account index: 0..3 = A..D (index into TIERS). */
  tier: Uint8Array;
  /** False when the method's data is missing (then every account is D). */
  available: boolean;
  /** Accounts per tier. */
  accounts: Record<Tier, number>;
  /**
   * Share 0..1 of the basis held by each tier: won revenue in the history window for `revenue`
   * and `imported` (how much the CRM's own A accounts really bring), the score sum for `man` and
   * `frequency`. All 0 when unavailable.
   */
  basisShare: Record<Tier, number>;
}

const A = 0;
const B = 1;
const C = 2;
const D = 3;
// Local copies: some module loaders (tsx) turn every use of an imported binding into a getter
// call, which the per-deal loops below would pay on every deal.
const STATUS_WON = DEAL_WON;
const MISSING_DAY = NO_DAY;

/**
 * Values this close are the same value: sums of the same amounts added in another order differ
 * in the last bits, and that noise must not split a tie across tiers.
 */
const tolerance = (v: number): number => 1e-9 * Math.max(1, Math.abs(v));
const atLeast = (v: number, threshold: number): boolean => v >= threshold - tolerance(threshold);

/** Won revenue and won deal count per account over the history window. */
interface History {
  revenue: Float64Array;
  wins: Int32Array;
}

/**
 * The window is (monthsBefore(endDay, lookbackMonths), endDay]: 12 months ending 2024-06-30 start
 * on 2023-07-01, 1 month ending 2024-03-31 is March (the day before clamps to 02-29). Won deals
 * without a close day cannot be placed in it and are left out, as everywhere else.
 */
function wonHistory(ws: WorkingSet, endDay: number, lookbackMonths: number): History {
  const n = ws.accountCount;
  const revenue = new Float64Array(n);
  const wins = new Int32Array(n);
  if (endDay === MISSING_DAY) return { revenue, wins };
  const after = lookbackMonths > 0 ? monthsBefore(endDay, lookbackMonths) : MISSING_DAY;
  const d = ws.deals;
  for (let i = 0; i < d.length; i++) {
    if (d.status[i] !== STATUS_WON) continue;
    const account = d.account[i] as number;
    if (account < 0 || account >= n) continue;
    const closed = d.closeDay[i] as number;
    if (closed === MISSING_DAY || closed > endDay || closed <= after) continue;
    wins[account]!++;
    const amount = d.amount[i] as number;
    if (amount === amount) revenue[account]! += amount;
  }
  return { revenue, wins };
}

function emptyRecord(): Record<Tier, number> {
  return { A: 0, B: 0, C: 0, D: 0 };
}

/**
 * Counts per tier and the share of the positive `basis` each tier holds. `scored`: whether the
 * method scored any account; null when having an account in A–C is what makes it available.
 */
function summarise(tier: Uint8Array, basis: Float64Array, scored: boolean | null): AccountTiers {
  const counts = new Float64Array(TIERS.length);
  const sums = new Float64Array(TIERS.length);
  for (let i = 0; i < tier.length; i++) {
    const t = tier[i] as number;
    counts[t]!++;
    const v = basis[i] as number;
    // An account that net lost money (credit notes) shrinks nobody's share.
    if (v > 0) sums[t]! += v;
  }
  const available = scored ?? (counts[A] as number) + (counts[B] as number) + (counts[C] as number) > 0;
  const total = (sums[A] as number) + (sums[B] as number) + (sums[C] as number) + (sums[D] as number);
  const accounts = emptyRecord();
  const basisShare = emptyRecord();
  TIERS.forEach((name, t) => {
    accounts[name] = counts[t] as number;
    basisShare[name] = available && total > 0 ? (sums[t] as number) / total : 0;
  });
  return { tier, available, accounts, basisShare };
}

const anyScored = (score: Float64Array): boolean => {
  for (let i = 0; i < score.length; i++) if (!Number.isNaN(score[i])) return true;
  return false;
};

/**
 * Positive doubles bucketed by their top 16 bits (the exponent and 4 mantissa bits): buckets
 * 1/16 of an octave wide whose order is the order of the values.
 */
const BUCKETS = 1 << 15;
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
const HIGH_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const bucketOf = (v: number): number => {
  bits[0] = v;
  return (words[HIGH_WORD] as number) >>> 16;
};

/**
 * The 80/20 rule: accounts with revenue > 0, best first; A is the smallest set of top accounts whose
 * revenue reaches at least cutoffs[0]% of the total (the account crossing the line is A), B the
 * smallest reaching cutoffs[1]%, C every other account that bought, D the rest. An account tied
 * with the last one in a tier joins that tier, so equal revenue never splits.
 */
function revenueTiers(revenue: Float64Array, cutoffs: readonly [number, number]): Uint8Array {
  const tier = new Uint8Array(revenue.length).fill(D);
  // A histogram of revenue by bucket finds the bucket each line falls in without sorting anything.
  const count = new Int32Array(BUCKETS);
  const sum = new Float64Array(BUCKETS);
  let total = 0;
  let lowest = BUCKETS;
  for (let i = 0; i < revenue.length; i++) {
    const v = revenue[i] as number;
    if (!(v > 0)) continue;
    const b = bucketOf(v);
    count[b]!++;
    sum[b]! += v;
    total += v;
    if (b < lowest) lowest = b;
  }
  if (lowest === BUCKETS) return tier;
  // Sums taken in another order differ in the last bits: a line met to within them is met.
  const slack = total * 1e-12;
  const lines = [(total * cutoffs[0]) / 100 - slack, (total * cutoffs[1]) / 100 - slack];
  const bucket: number[] = [];
  const before: number[] = [];
  let b = BUCKETS - 1;
  let above = 0;
  for (const line of lines) {
    while (b > lowest && above + (sum[b] as number) < line) above += sum[b--] as number;
    bucket.push(b);
    before.push(above);
  }
  const [bucketA, bucketB] = bucket as [number, number];
  const [beforeA, beforeB] = before as [number, number];
  const [lineA, lineB] = lines as [number, number];
  const inA = new Float64Array(count[bucketA] as number);
  const inB = bucketB === bucketA ? inA : new Float64Array(count[bucketB] as number);
  for (let i = 0, ja = 0, jb = 0; i < revenue.length; i++) {
    const v = revenue[i] as number;
    if (!(v > 0)) continue;
    const k = bucketOf(v);
    if (k === bucketA) inA[ja++] = v;
    else if (k === bucketB) inB[jb++] = v;
  }
  const [thresholdA, thresholdB] = (
    bucketB === bucketA
      ? crossingValues(inA, [lineA - beforeA, lineB - beforeA])
      : [...crossingValues(inA, [lineA - beforeA]), ...crossingValues(inB, [lineB - beforeB])]
  ) as [number, number];
  const floorA = thresholdA - tolerance(thresholdA);
  const floorB = thresholdB - tolerance(thresholdB);
  for (let i = 0; i < revenue.length; i++) {
    const v = revenue[i] as number;
    if (v > 0) tier[i] = v >= floorA ? A : v >= floorB ? B : C;
  }
  return tier;
}

/**
 * For each line (ascending), the value of the account whose revenue, added best first, first brings
 * the running total to it: the v with sum(values > v) < line <= sum(values >= v). With `byCount`
 * each value weighs 1, so line k gives the k-th largest. A quickselect on sums rather than a full
 * sort (linear on average); the search for a line resumes below the previous line's value.
 * Reorders `values`.
 */
function crossingValues(values: Float64Array, lines: readonly number[], byCount = false): number[] {
  const out: number[] = [];
  let lo = 0; // [0, lo) holds values larger than any undecided one; `above` is their sum
  let above = 0;
  for (const line of lines) {
    if (out.length > 0 && above >= line) {
      out.push(out[out.length - 1] as number);
      continue;
    }
    let hi = values.length;
    let found = Number.NaN;
    while (hi > lo && Number.isNaN(found)) {
      const pivot = medianOfThree(
        values[lo] as number,
        values[(lo + hi) >>> 1] as number,
        values[hi - 1] as number,
      );
      // Three-way partition, descending: [lo, gt) > pivot, [gt, lt) = pivot, [lt, hi) < pivot.
      let gt = lo;
      let i = lo;
      let lt = hi;
      let sumGreater = 0;
      let sumEqual = 0;
      while (i < lt) {
        const v = values[i] as number;
        if (v > pivot) {
          values[i] = values[gt] as number;
          values[gt++] = v;
          sumGreater += byCount ? 1 : v;
          i++;
        } else if (v < pivot) {
          values[i] = values[--lt] as number;
          values[lt] = v;
        } else {
          sumEqual += byCount ? 1 : v;
          i++;
        }
      }
      if (above + sumGreater >= line) {
        hi = gt;
        continue;
      }
      if (above + sumGreater + sumEqual >= line) found = pivot;
      above += sumGreater + sumEqual;
      lo = lt;
    }
    // Not found only when rounding leaves the line a hair above the total: the last account crosses it.
    out.push(Number.isNaN(found) ? values.reduce((m, v) => Math.min(m, v), Number.POSITIVE_INFINITY) : found);
  }
  return out;
}

function medianOfThree(x: number, y: number, z: number): number {
  return x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
}

/**
 * Mid-rank percentile 0..1 of each present value (NaN = absent) among the present ones: the share
 * of the others it beats, ties counting half, as rep percentiles are; a lone value gets 0.5.
 */
function percentiles(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length).fill(Number.NaN);
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) n++;
  if (n === 0) return out;
  const keys = new Float64Array(n);
  const index = new Int32Array(n);
  for (let i = 0, j = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) continue;
    keys[j] = v;
    index[j++] = i;
  }
  sortPairs(keys, index);
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && (keys[end] as number) - (keys[end - 1] as number) <= tolerance(keys[end - 1] as number))
      end++;
    const p = n === 1 ? 0.5 : (start + (end - start - 1) / 2) / (n - 1);
    for (let j = start; j < end; j++) out[index[j] as number] = p;
    start = end;
  }
  return out;
}

/**
 * Sorts `keys` ascending and moves `index` along: a quicksort with three-way partitions (equal
 * counts and amounts are common) and insertion sort for short runs. Sorting the pairs lets the
 * ranks be read off in one pass instead of a binary search per account.
 */
function sortPairs(keys: Float64Array, index: Int32Array): void {
  const stack: number[] = [0, keys.length - 1];
  while (stack.length > 0) {
    let hi = stack.pop() as number;
    let lo = stack.pop() as number;
    while (hi - lo >= 16) {
      const pivot = medianOfThree(keys[lo] as number, keys[(lo + hi) >>> 1] as number, keys[hi] as number);
      // [lo, lt) < pivot, [lt, i) = pivot, (gt, hi] > pivot.
      let lt = lo;
      let i = lo;
      let gt = hi;
      while (i <= gt) {
        const k = keys[i] as number;
        if (k < pivot) {
          swap(keys, index, lt++, i++);
        } else if (k > pivot) {
          swap(keys, index, i, gt--);
        } else i++;
      }
      // The larger side waits on the stack, so the stack stays logarithmic.
      if (lt - lo < hi - gt) {
        stack.push(gt + 1, hi);
        hi = lt - 1;
      } else {
        stack.push(lo, lt - 1);
        lo = gt + 1;
      }
    }
    for (let i = lo + 1; i <= hi; i++) {
      const k = keys[i] as number;
      const x = index[i] as number;
      let j = i - 1;
      for (; j >= lo && (keys[j] as number) > k; j--) {
        keys[j + 1] = keys[j] as number;
        index[j + 1] = index[j] as number;
      }
      keys[j + 1] = k;
      index[j + 1] = x;
    }
  }
}

function swap(keys: Float64Array, index: Int32Array, a: number, b: number): void {
  const k = keys[a] as number;
  keys[a] = keys[b] as number;
  keys[b] = k;
  const x = index[a] as number;
  index[a] = index[b] as number;
  index[b] = x;
}

/**
 * Score methods: of the n scored accounts (NaN = unscored, D), best first, A = the top
 * round(n × cutoffs[0]%) (at least 1), B down to round(n × cutoffs[1]%), C down to
 * round(n × cutoffs[2]%), the rest D. Halves round up; ties with the last account of a tier join it.
 */
function scoreTiers(score: Float64Array, cutoffs: readonly [number, number, number]): Uint8Array {
  const tier = new Uint8Array(score.length).fill(D);
  let n = 0;
  for (let i = 0; i < score.length; i++) if (!Number.isNaN(score[i])) n++;
  if (n === 0) return tier;
  const scored = new Float64Array(n);
  for (let i = 0, j = 0; i < score.length; i++) {
    const v = score[i] as number;
    if (!Number.isNaN(v)) scored[j++] = v;
  }
  const kA = Math.max(1, Math.round((n * cutoffs[0]) / 100));
  const kB = Math.max(kA, Math.round((n * cutoffs[1]) / 100));
  // Cutoffs are below 100%, but a k beyond n would leave C without a last account.
  const kC = Math.min(n, Math.max(kB, Math.round((n * cutoffs[2]) / 100)));
  const [tA, tB, tC] = crossingValues(scored, [Math.min(kA, kC), Math.min(kB, kC), kC], true) as [
    number,
    number,
    number,
  ];
  for (let i = 0; i < score.length; i++) {
    const v = score[i] as number;
    if (Number.isNaN(v)) continue;
    tier[i] = atLeast(v, tA) ? A : atLeast(v, tB) ? B : atLeast(v, tC) ? C : D;
  }
  return tier;
}

/** Frequency and amount: the mean of the two percentiles among accounts that won in the window. */
function frequencyScores(history: History): Float64Array {
  const n = history.wins.length;
  const count = new Float64Array(n).fill(Number.NaN);
  const amount = new Float64Array(n).fill(Number.NaN);
  for (let i = 0; i < n; i++) {
    if ((history.wins[i] as number) === 0) continue;
    count[i] = history.wins[i] as number;
    amount[i] = history.revenue[i] as number;
  }
  const pCount = percentiles(count);
  const pAmount = percentiles(amount);
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) score[i] = ((pCount[i] as number) + (pAmount[i] as number)) / 2;
  return score;
}

/**
 * MAN: the mean of the percentiles the account has among accounts that carry the same attribute.
 * Money is the annual revenue; only a file with no annual revenue at all falls back to employees,
 * so two accounts are never compared on different measures.
 */
function manScores(ws: WorkingSet): Float64Array {
  const acc = ws.accounts;
  const n = ws.accountCount;
  const has = (column: Float64Array): boolean => {
    for (let i = 0; i < n; i++) if (Number.isFinite(column[i])) return true;
    return false;
  };
  const finiteOnly = (column: Float64Array): Float64Array => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = column[i] as number;
      out[i] = Number.isFinite(v) ? v : Number.NaN;
    }
    return out;
  };
  const money = has(acc.annualRevenue) ? acc.annualRevenue : acc.employees;
  const parts = [money, acc.authority, acc.need].map((column) => percentiles(finiteOnly(column)));
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    let count = 0;
    for (const p of parts) {
      const v = p[i] as number;
      if (Number.isNaN(v)) continue;
      sum += v;
      count++;
    }
    score[i] = count > 0 ? sum / count : Number.NaN;
  }
  return score;
}

const KEY_ACCOUNT_WORDS = new Set([
  'key',
  'key account',
  'key accounts',
  'key customer',
  'vip',
  'strategic',
  'strategic account',
  '重点客户',
  '大客户',
]);

/** "A", "b类", "C级", "Tier 2", "tier-3", "4", "Class A": a letter or a rank 1–4, with its usual wrapping. */
const LETTER_OR_RANK =
  /^(?:tier|class|level|grade|rank)?\s?([abcd1-4])\s?(?:类客户|级客户|类|级|客户|tier|class)?$/;

/**
 * The tier a CRM's tier column names, or null when it names none. NFKC first, so full-width
 * "Ａ" and "１" read as A and 1.
 */
export function tierLabelOf(raw: string | null): Tier | null {
  if (raw === null) return null;
  const text = raw
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
  if (text === '') return null;
  if (KEY_ACCOUNT_WORDS.has(text)) return 'A';
  const m = LETTER_OR_RANK.exec(text);
  if (!m) return null;
  const key = m[1] as string;
  const index = key >= '1' && key <= '4' ? Number(key) - 1 : key.charCodeAt(0) - 'a'.charCodeAt(0);
  return TIERS[index] ?? null;
}

function importedTiers(ws: WorkingSet): Uint8Array {
  const tier = new Uint8Array(ws.accountCount).fill(D);
  // Exports repeat a handful of labels over many accounts: parse each label once.
  const seen = new Map<string, number>();
  const raw = ws.accounts.tierRaw;
  for (let i = 0; i < ws.accountCount; i++) {
    const label = raw[i] ?? null;
    if (label === null) continue;
    let t = seen.get(label);
    if (t === undefined) {
      const name = tierLabelOf(label);
      t = name === null ? D : TIERS.indexOf(name);
      seen.set(label, t);
    }
    tier[i] = t;
  }
  return tier;
}

/**
 * Tiers every account by the chosen method as of `endDay` (the end of the viewed period). When the
 * method's data is missing every account is D and `available` is false, so the screens can say so
 * instead of showing a tiering that means nothing.
 */
export function computeTiers(ws: WorkingSet, endDay: number, settings: TierSettings): AccountTiers {
  switch (settings.method) {
    case 'revenue': {
      const { revenue } = wonHistory(ws, endDay, settings.lookbackMonths);
      return summarise(revenueTiers(revenue, settings.revenueCutoffs), revenue, null);
    }
    case 'frequency': {
      const score = frequencyScores(wonHistory(ws, endDay, settings.lookbackMonths));
      return summarise(scoreTiers(score, settings.scoreCutoffs), score, anyScored(score));
    }
    case 'man': {
      const score = manScores(ws);
      return summarise(scoreTiers(score, settings.scoreCutoffs), score, anyScored(score));
    }
    case 'imported': {
      const { revenue } = wonHistory(ws, endDay, settings.lookbackMonths);
      return summarise(importedTiers(ws), revenue, null);
    }
  }
}
