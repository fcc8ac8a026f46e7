import { describe, expect, it } from 'vitest';
import { KPI_DEFINITIONS, type KpiId, type RankingWeights } from '../../shared/kpi/kpi-definitions';
import { assignBands, bandsWithTies, bandSize, rankReps, type RankInput } from '../../shared/ranking/ranking';

// Issue #12, item 2: ties at a cut-off used to all go up, so "top 25%" could hold half a team.
// The rule (docs/ranking.md §4): ties are broken by the KPIs in order of weight; reps still tied
// on everything go together to the side that keeps the band nearest k, and are named.

const count = (bands: string[]): Record<string, number> =>
  bands.reduce<Record<string, number>>((acc, b) => ({ ...acc, [b]: (acc[b] ?? 0) + 1 }), {});

describe('band cut-offs with ties', () => {
  it('keeps three reps tied on everything out of a top band of 2 (8 reps)', () => {
    // k = 2: 90 is top; the three 80s would make the top 4 (2 away from k) or leave it at 1
    // (1 away): they stay in the middle together, and are named as tied at the cut-off.
    const scores = [90, 80, 80, 80, 50, 40, 30, 10];
    const { bands, ties } = bandsWithTies(scores, []);
    expect(bands).toEqual(['top', 'middle', 'middle', 'middle', 'middle', 'middle', 'bottom', 'bottom']);
    expect(ties).toEqual([
      null,
      { brokenBy: null },
      { brokenBy: null },
      { brokenBy: null },
      null,
      null,
      null,
      null,
    ]);
  });

  it('breaks a tie at the cut-off by the next KPI', () => {
    const scores = [90, 80, 80, 80, 50, 40, 30, 10];
    const next = [0.5, 0.9, 0.5, 0.1, 0.5, 0.5, 0.5, 0.5];
    const { bands, ties } = bandsWithTies(scores, [next]);
    expect(bands).toEqual(['top', 'top', 'middle', 'middle', 'middle', 'middle', 'bottom', 'bottom']);
    expect(ties.slice(0, 4)).toEqual([null, { brokenBy: 0 }, { brokenBy: 0 }, { brokenBy: 0 }]);
  });

  it('goes to the second tie-breaker when the first ties too, a missing value counting as the middle', () => {
    const scores = [70, 70, 20, 10];
    const first = [0.5, null, 0.2, 0.1];
    const second = [0, 1, 0, 0];
    expect(assignBands(scores, [first, second])).toEqual(['middle', 'top', 'middle', 'bottom']);
  });

  it('puts all-equal teams of 1 to 8 reps in the middle', () => {
    for (let n = 1; n <= 8; n++) {
      expect(assignBands(Array.from({ length: n }, () => 42))).toEqual(
        Array.from({ length: n }, () => 'middle'),
      );
    }
  });

  it('splits distinct scores of 1 to 8 reps k / n - 2k / k', () => {
    const expected: Record<number, [number, number, number]> = {
      1: [0, 1, 0],
      2: [1, 0, 1],
      3: [1, 1, 1],
      4: [1, 2, 1],
      5: [1, 3, 1],
      6: [2, 2, 2],
      7: [2, 3, 2],
      8: [2, 4, 2],
    };
    for (let n = 1; n <= 8; n++) {
      const c = count(assignBands(Array.from({ length: n }, (_, i) => i)));
      expect([c.top ?? 0, c.middle ?? 0, c.bottom ?? 0], `n = ${n}`).toEqual(expected[n]);
      expect(c.top ?? 0).toBe(bandSize(n));
    }
  });

  it('keeps 36 reps with a block of ties near 9 / 18 / 9', () => {
    // 8 distinct leaders, then 4 tied on everything at the cut-off: 8 + 4 = 12 is 3 away, 8 is 1.
    const scores = [
      ...Array.from({ length: 8 }, (_, i) => 100 - i),
      50,
      50,
      50,
      50,
      ...Array.from({ length: 24 }, (_, i) => 40 - i),
    ];
    const c = count(assignBands(scores));
    expect(c).toEqual({ top: 8, middle: 19, bottom: 9 });
  });

  it('sends a fully tied pair up when both sides are as far from k', () => {
    // k = 1 of 4: the pair makes the top 2 or 0, both 1 away: the band is not left empty.
    expect(assignBands([90, 90, 50, 10])).toEqual(['top', 'top', 'middle', 'bottom']);
  });
});

describe('rankReps tie-breaks by the most important KPI', () => {
  const weights: RankingWeights = {
    groups: { results: 60, activity: 40 },
    kpis: { won_revenue: 2, win_rate: 1, deals_won: 1 },
  };
  const available = Object.fromEntries(KPI_DEFINITIONS.map((d) => [d.id, true])) as Record<KpiId, boolean>;
  const rep = (won_revenue: number, win_rate: number, deals_won: number): RankInput => ({
    values: { won_revenue, win_rate, deals_won },
    unrankedReason: null,
    peerKey: null,
  });

  it('puts one of three reps tied on the composite on top, by won revenue, and says so', () => {
    // Percentiles (4 reps): revenue A 1, B 2/3, C 1/3, D 0; win rate and deals won A 1/3, B 2/3,
    // C 1, D 0. Composites: A = (2 + 1/3 + 1/3) / 4 = B = (4/3 + 2/3 + 2/3) / 4 = C = 2/3 × 100.
    const out = rankReps([rep(400, 0.3, 2), rep(300, 0.5, 3), rep(200, 0.6, 4), rep(100, 0.1, 1)], {
      weights,
      kpiAvailable: available,
    });
    expect(out.reps[0]!.composite).toBeCloseTo(out.reps[1]!.composite!, 9);
    expect(out.reps[1]!.composite).toBeCloseTo(out.reps[2]!.composite!, 9);
    expect(out.reps.map((r) => r.band)).toEqual(['top', 'middle', 'middle', 'bottom']);
    expect(out.bandCounts).toMatchObject({ top: 1, middle: 2, bottom: 1 });
    expect(out.reps.map((r) => r.cutoffTie)).toEqual([
      { brokenBy: 'won_revenue' },
      { brokenBy: 'won_revenue' },
      { brokenBy: 'won_revenue' },
      null,
    ]);
    // Equal weights keep the registry order: deals won before win rate.
    expect(out.tieBreakers).toEqual(['won_revenue', 'deals_won', 'win_rate']);
  });
});
