import { describe, expect, it } from 'vitest';
import {
  benjaminiHochberg,
  medianOfPrefix,
  quantile,
  cliffsDelta,
  mannWhitneyP,
  median,
  midRanks,
  normalCdf,
  spearman,
} from '../../shared/stats/statistics';
import { mulberry32 } from '../../shared/random/mulberry32';

/** The statistics behind the team view, each against a value worked out by hand. */
describe('coaching statistics', () => {
  it('median of odd, even, empty', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it("Cliff's delta counts pairs, ties for neither side", () => {
    // [3,4,5] vs [1,2,3]: 9 pairs, 8 above, 1 tie (3 = 3), none below.
    expect(cliffsDelta([3, 4, 5], [1, 2, 3])).toBeCloseTo(8 / 9, 12);
    expect(cliffsDelta([1, 2, 3], [3, 4, 5])).toBeCloseTo(-8 / 9, 12);
    expect(cliffsDelta([2, 2], [2, 2, 2])).toBe(0);
    expect(cliffsDelta([], [1])).toBeNull();
  });

  it('mid-ranks share tied ranks', () => {
    expect(midRanks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
  });

  it('Mann-Whitney: exact for small samples without ties', () => {
    // Complete separation of 3 vs 3: U = 9 has 1 arrangement of C(6,3) = 20; two-sided 2/20.
    expect(mannWhitneyP([4, 5, 6], [1, 2, 3])).toBeCloseTo(0.1, 12);
    // 2 vs 6 completely separated: 1 of C(8,2) = 28 arrangements, two-sided 2/28 > 0.05:
    // a team of 8 can never call a practice distinguishing by this test alone.
    expect(mannWhitneyP([10, 11], [1, 2, 3, 4, 5, 6])).toBeCloseTo(2 / 28, 12);
    // U = 4 of 9 with 3 vs 3 ([1,4,6] vs [2,3,5]): P(U <= 4) = 10/20... symmetric around 4.5: p = 1.
    expect(mannWhitneyP([1, 4, 6], [2, 3, 5])).toBeCloseTo(1, 12);
  });

  it('Mann-Whitney: normal approximation with ties, equal samples give 1', () => {
    expect(mannWhitneyP([3, 3, 3], [3, 3, 3, 3])).toBe(1);
    const p = mannWhitneyP([5, 6, 6, 7, 8, 9, 9], [1, 2, 2, 3, 4, 5, 6]);
    expect(p).not.toBeNull();
    expect(p!).toBeLessThan(0.01);
    expect(p!).toBeGreaterThan(0);
  });

  it('Mann-Whitney is symmetric in its two samples', () => {
    const rand = mulberry32(7);
    for (let k = 0; k < 50; k++) {
      const a = Array.from({ length: 3 + Math.floor(rand() * 8) }, () => Math.round(rand() * 20));
      const b = Array.from({ length: 3 + Math.floor(rand() * 20) }, () => Math.round(rand() * 20));
      expect(mannWhitneyP(a, b)).toBeCloseTo(mannWhitneyP(b, a)!, 12);
    }
  });

  it('normal CDF', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1.959964)).toBeCloseTo(0.025, 6);
  });

  it('Benjamini-Hochberg adjusts in input order and keeps nulls', () => {
    // Sorted 0.01, 0.03, 0.04, 0.5 of m = 4: 0.04, 0.06, 0.0533, 0.5, then monotone from the top.
    const q = benjaminiHochberg([0.01, 0.04, 0.03, null, 0.5]);
    expect(q[0]).toBeCloseTo(0.04, 12);
    expect(q[1]).toBeCloseTo(0.04 * (4 / 3), 12);
    expect(q[2]).toBeCloseTo(0.04 * (4 / 3), 12);
    expect(q[3]).toBeNull();
    expect(q[4]).toBeCloseTo(0.5, 12);
  });

  it('Spearman: monotone pairs give +1 / -1, nulls dropped, too few pairs give null', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 400])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
    expect(spearman([1, null, 3, 4, 5], [1, 99, 2, 3, 4])).toBeCloseTo(1, 12);
    expect(spearman([1, 2], [1, 2])).toBeNull();
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNull();
  });
});

describe('medianOfPrefix and quantile (one statistics module for the KPI pass and coaching)', () => {
  it('takes the median of a scratch array prefix, sorting only that prefix', () => {
    const scratch = Float64Array.from([9, 1, 5, 100, -3]);
    expect(medianOfPrefix(scratch, 3)).toBe(5);
    expect(scratch[3]).toBe(100);
    expect(medianOfPrefix(Float64Array.from([4, 2, 8, 6]), 4)).toBe(5);
    expect(medianOfPrefix(new Float64Array(4), 0)).toBeNull();
  });

  it('interpolates quantiles between neighbours, as the improvement thresholds read them', () => {
    expect(quantile([10, 20, 30, 40, 50], 0.25)).toBe(20);
    expect(quantile([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75);
    expect(quantile([3], 0.75)).toBe(3);
    expect(quantile([], 0.5)).toBeNull();
  });
});
