import { describe, expect, it } from 'vitest';
import { rankPeriod } from '../../shared/analysis/analyze';
import { defaultAnalysisSettings, type AnalysisSettings } from '../../shared/analysis/settings';
import { KPI_DEFINITIONS, type KpiId, type RankingWeights } from '../../shared/kpi/kpi-definitions';
import { yearPeriod } from '../../shared/period/period';
import { mulberry32 } from '../../shared/random/mulberry32';
import {
  assignBands,
  bandSize,
  percentileRanks,
  rankReps,
  type RankInput,
} from '../../shared/ranking/ranking';
import { buildWorkingSet } from './working-set-builder';

describe('percentileRanks', () => {
  it('gives the best 1, the worst 0 and spaces the rest evenly', () => {
    expect(percentileRanks([10, 30, 20, 40], 'higher')).toEqual([0, 2 / 3, 1 / 3, 1]);
  });

  it('shares one percentile between tied reps (mid-rank)', () => {
    // 10 beats nobody; the two 20s each beat one rep and tie one: (1 + 0.5) / 3 = 0.5.
    expect(percentileRanks([10, 20, 20, 40], 'higher')).toEqual([0, 0.5, 0.5, 1]);
  });

  it('inverts for lower-is-better KPIs', () => {
    expect(percentileRanks([30, 10, 20], 'lower')).toEqual([0, 1, 0.5]);
  });

  it('leaves reps without a value out, and gives a lone rep 0.5', () => {
    expect(percentileRanks([null, 5, null], 'higher')).toEqual([null, 0.5, null]);
    expect(percentileRanks([null, 5, 7], 'higher')).toEqual([null, 0, 1]);
  });

  it('treats all-equal values as ties at 0.5', () => {
    expect(percentileRanks([3, 3, 3, 3], 'higher')).toEqual([0.5, 0.5, 0.5, 0.5]);
  });

  it('treats values that differ only by float noise as tied', () => {
    const p = percentileRanks([0.1 + 0.2, 0.3, 0.1], 'higher');
    expect(p[0]).toBe(p[1]);
  });
});

describe('bandSize', () => {
  it('is round(n/4), and 0 below 2 reps', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 30, 35, 40].map(bandSize)).toEqual([
      0, 0, 1, 1, 1, 1, 2, 2, 2, 3, 8, 9, 10,
    ]);
  });
});

describe('assignBands', () => {
  const count = (bands: string[]): Record<string, number> =>
    bands.reduce<Record<string, number>>((acc, b) => ({ ...acc, [b]: (acc[b] ?? 0) + 1 }), {});

  it('splits distinct scores 25/50/25', () => {
    const scores = Array.from({ length: 40 }, (_, i) => i);
    expect(count(assignBands(scores))).toEqual({ top: 10, middle: 20, bottom: 10 });
  });

  it('puts the single best and worst of 4 in top and bottom', () => {
    expect(assignBands([50, 90, 10, 60])).toEqual(['middle', 'top', 'bottom', 'middle']);
  });

  it('never splits ties across a band boundary', () => {
    // k = 1; two reps tie for first: both are top, nobody scores strictly above them.
    expect(assignBands([90, 90, 50, 40, 10])).toEqual(['top', 'top', 'middle', 'middle', 'bottom']);
    // Ties at the bottom cut: both bottom.
    expect(assignBands([90, 60, 50, 10, 10])).toEqual(['top', 'middle', 'middle', 'bottom', 'bottom']);
  });

  it('puts everyone in the middle when all scores are equal', () => {
    expect(assignBands([70, 70, 70, 70, 70])).toEqual(['middle', 'middle', 'middle', 'middle', 'middle']);
  });

  it('handles tiny groups: 1 rep is middle, 2 reps are top and bottom, 3 reps one each', () => {
    expect(assignBands([42])).toEqual(['middle']);
    expect(assignBands([42, 7])).toEqual(['top', 'bottom']);
    expect(assignBands([1, 3, 2])).toEqual(['bottom', 'top', 'middle']);
  });

  it('leaves null scores unranked without counting them', () => {
    expect(assignBands([null, 10, 20, null, 30, 40])).toEqual([
      'unranked',
      'bottom',
      'middle',
      'unranked',
      'middle',
      'top',
    ]);
  });

  it('does not depend on input order', () => {
    const scores = [13, 88, 42, 42, 7, 99, 61, 42, 5, 70, 70, 33];
    const bands = assignBands(scores);
    const order = scores.map((_, i) => i).reverse();
    const shuffled = assignBands(order.map((i) => scores[i]!));
    order.forEach((from, to) => expect(shuffled[to]).toBe(bands[from]));
  });
});

/** Weights on the five KPIs of the hand computation below, everything else 0. */
const FIVE: RankingWeights = {
  groups: { results: 60, activity: 40 },
  kpis: { won_revenue: 3, deals_won: 1, win_rate: 2, avg_deal_size: 1, sales_cycle_days: 1 },
};
const settingsWith = (weights: RankingWeights, more: Partial<AnalysisSettings> = {}): AnalysisSettings => ({
  ...defaultAnalysisSettings(),
  weights,
  ...more,
});

describe('rankPeriod', () => {
  // Hand-computed: four reps, deals closed in 2017.
  // Ann:  won 100 + 300, lost 1  -> revenue 400, won 2, win rate 2/3, avg 200, cycle median (10,30)=20
  // Bob:  won 1000                -> revenue 1000, won 1, win rate 1,   avg 1000, cycle 40
  // Cy:   lost 2                  -> revenue 0, won 0, win rate 0, avg null, cycle null
  // Dee:  no closed deal (open)   -> not ranked: no closed deals
  const deals = [
    { rep: 'Ann', status: 'won', amount: 100, created: '2017-01-01', closed: '2017-01-11' },
    { rep: 'Ann', status: 'won', amount: 300, created: '2017-02-01', closed: '2017-03-03' },
    { rep: 'Ann', status: 'lost', amount: 50, created: '2017-02-01', closed: '2017-03-03' },
    { rep: 'Bob', status: 'won', amount: 1000, created: '2017-05-01', closed: '2017-06-10' },
    { rep: 'Cy', status: 'lost', amount: 80, created: '2017-05-01', closed: '2017-06-10' },
    { rep: 'Cy', status: 'lost', amount: 80, created: '2017-05-01', closed: '2017-07-10' },
    { rep: 'Dee', status: 'open', amount: 500, created: '2017-05-01', closed: null },
    // Closed in 2016: outside the period.
    { rep: 'Dee', status: 'won', amount: 9999, created: '2016-05-01', closed: '2016-06-10' },
  ] as const;
  const ws = buildWorkingSet({ reps: ['Ann', 'Bob', 'Cy', 'Dee'], deals: [...deals] });
  const { kpis, ranking: outcome } = rankPeriod(ws, yearPeriod(2017), settingsWith(FIVE));
  const byName = (name: string) => outcome.reps[ws.reps.findIndex((r) => r.name === name)]!;

  it('computes the KPIs by hand', () => {
    const ann = kpis.reps[0]!.values;
    expect(ann.won_revenue).toBe(400);
    expect(ann.deals_won).toBe(2);
    expect(ann.deals_lost).toBe(1);
    expect(ann.win_rate).toBeCloseTo(2 / 3, 12);
    expect(ann.avg_deal_size).toBe(200);
    expect(ann.sales_cycle_days).toBe(20);
    const cy = kpis.reps[2]!.values;
    expect(cy.win_rate).toBe(0);
    expect(cy.avg_deal_size).toBeNull();
    expect(cy.sales_cycle_days).toBeNull();
    // Activity KPIs are unavailable (no activity data), never 0.
    expect(ann.calls_per_day).toBeNull();
    expect(kpis.kpiAvailable.calls_per_day).toBe(false);
  });

  it('does not rank a rep with no closed deal, and says why', () => {
    expect(byName('Dee').band).toBe('unranked');
    expect(byName('Dee').unrankedReason).toBe('no_closed_deals');
    expect(outcome.rankedCount).toBe(3);
    expect(outcome.smallGroup).toBe(true);
  });

  it('computes the composite from weighted percentiles', () => {
    // Percentiles among Ann, Bob, Cy (n = 3):
    // won_revenue (w3): Ann .5, Bob 1, Cy 0. deals_won (w1): Ann 1, Bob .5, Cy 0.
    // win_rate (w2): Ann .5, Bob 1, Cy 0. avg_deal_size (w1): Ann 0, Bob 1 (Cy none).
    // sales_cycle_days (w1, lower better): Ann 1, Bob 0 (Cy none).
    // Ann = (3*.5 + 1*1 + 2*.5 + 1*0 + 1*1) / 8 = 4.5/8 = 56.25
    // Bob = (3*1 + 1*.5 + 2*1 + 1*1 + 1*0) / 8 = 6.5/8 = 81.25
    // Cy  = (0 + 0 + 0) / (3+1+2) = 0
    expect(byName('Ann').composite).toBeCloseTo(56.25, 10);
    expect(byName('Bob').composite).toBeCloseTo(81.25, 10);
    expect(byName('Cy').composite).toBe(0);
    expect([byName('Bob').band, byName('Ann').band, byName('Cy').band]).toEqual(['top', 'middle', 'bottom']);
  });

  it('adds the activity group at its weight once it has a used KPI', () => {
    // Default weights add win rate by value (Ann 400/450, Bob 1, Cy 0 -> .5, 1, 0) and, from the
    // deals' created dates, prospects per week (Ann 3 in 136 days, Bob 1 in 51, Cy 2 in 51 ->
    // .5, 0, 1), the only activity KPI with data.
    // Ann results = (3*.5 + 1*1 + 2*.5 + 1*.5 + 1*0 + 1*1) / 9 = 5/9; activity .5
    // Bob results = (3 + .5 + 2 + 1 + 1 + 0) / 9 = 7.5/9; activity 0
    // Cy results 0; activity 1. Composite = 60% results + 40% activity.
    const full = rankPeriod(ws, yearPeriod(2017), defaultAnalysisSettings()).ranking;
    expect(full.usedKpis).toContain('win_rate_value');
    expect(full.usedKpis).toContain('prospects_per_week');
    expect(full.reps[0]!.composite).toBeCloseTo(60 * (5 / 9) + 40 * 0.5, 9);
    expect(full.reps[1]!.composite).toBeCloseTo(60 * (7.5 / 9), 9);
    expect(full.reps[2]!.composite).toBeCloseTo(40, 9);
    expect(full.reps.map((r) => r.band)).toEqual(['top', 'middle', 'bottom', 'unranked']);
    expect(full.reps[2]!.resultsBand).toBe('bottom');
    expect(full.reps[2]!.activityBand).toBe('top');
  });

  it('applies the minimum closed deals and active days', () => {
    const strict = rankPeriod(ws, yearPeriod(2017), settingsWith(FIVE, { minClosedDeals: 2 })).ranking;
    // Bob closed 1 deal: below 2.
    expect(strict.reps[1]!.unrankedReason).toBe('no_closed_deals');
    expect(strict.reps[0]!.band).not.toBe('unranked');
  });

  it('never lowers a rep when one of their KPIs improves', () => {
    const better = buildWorkingSet({
      reps: ['Ann', 'Bob', 'Cy', 'Dee'],
      deals: [...deals].map((d, i) => (i === 1 ? { ...d, amount: 900 } : d)),
    });
    const after = rankPeriod(better, yearPeriod(2017), settingsWith(FIVE)).ranking;
    expect(after.reps[0]!.composite!).toBeGreaterThanOrEqual(byName('Ann').composite!);
  });
});

describe('tiny and tied teams', () => {
  it('ranks a lone rep in the middle at 50 with a small-group flag', () => {
    const ws = buildWorkingSet({
      reps: ['Solo'],
      deals: [{ rep: 'Solo', status: 'won', amount: 10, created: '2017-01-02', closed: '2017-02-01' }],
    });
    const { ranking } = rankPeriod(ws, yearPeriod(2017), settingsWith(FIVE));
    expect(ranking.reps[0]).toMatchObject({ band: 'middle', composite: 50 });
    expect(ranking.smallGroup).toBe(true);
  });

  it('gives reps with identical figures the same score and band', () => {
    const deal = (rep: string, amount: number) => ({
      rep,
      status: 'won' as const,
      amount,
      created: '2017-01-02',
      closed: '2017-02-01',
    });
    const ws = buildWorkingSet({
      reps: ['A', 'B', 'C', 'D', 'E'],
      deals: [deal('A', 500), deal('B', 500), deal('C', 300), deal('D', 100), deal('E', 100)],
    });
    const { ranking } = rankPeriod(ws, yearPeriod(2017), settingsWith(FIVE));
    // k = 1; A and B tie at the top, D and E at the bottom: both pairs share their band.
    expect(ranking.reps.map((r) => r.band)).toEqual(['top', 'top', 'middle', 'bottom', 'bottom']);
    expect(ranking.reps[0]!.composite).toBe(ranking.reps[1]!.composite);
  });
});

describe('peer groups', () => {
  // Two teams of three; within each team the bands are decided by that team's reps alone.
  const ws = buildWorkingSet({
    reps: ['A1', 'A2', 'A3', 'B1', 'B2', 'B3'],
    repInfo: {
      A1: { team: 'North' },
      A2: { team: 'North' },
      A3: { team: 'North' },
      B1: { team: 'South' },
      B2: { team: 'South' },
      B3: { team: 'South' },
    },
    deals: ['A1', 'A2', 'A3', 'B1', 'B2', 'B3'].map((rep, i) => ({
      rep,
      status: 'won' as const,
      // South's best (B3: 600) beats North's best (A3: 300).
      amount: (i + 1) * 100,
      created: '2017-01-01',
      closed: '2017-02-01',
    })),
  });
  const weights: RankingWeights = { groups: { results: 100, activity: 0 }, kpis: { won_revenue: 1 } };

  it('ranks each rep against their own team', () => {
    const byTeam = rankPeriod(ws, yearPeriod(2017), settingsWith(weights, { peerGroup: 'team' })).ranking;
    expect(byTeam.reps.map((r) => r.band)).toEqual(['bottom', 'middle', 'top', 'bottom', 'middle', 'top']);
    expect(byTeam.groups.map((g) => [g.key, g.ranked, g.smallGroup])).toEqual([
      ['North', 3, true],
      ['South', 3, true],
    ]);
    // Company-wide, A3 is only middle.
    const company = rankPeriod(ws, yearPeriod(2017), settingsWith(weights)).ranking;
    expect(company.reps[2]!.band).toBe('middle');
    expect(company.groups).toHaveLength(1);
  });

  it('puts reps without a team in a group of their own', () => {
    const mixed = rankReps(
      [
        { values: { won_revenue: 1 }, unrankedReason: null, peerKey: 'North' },
        { values: { won_revenue: 2 }, unrankedReason: null, peerKey: null },
        { values: { won_revenue: 3 }, unrankedReason: null, peerKey: 'North' },
      ],
      { weights, kpiAvailable: allAvailable() },
    );
    expect(mixed.groups.map((g) => g.key)).toEqual(['North', null]);
    expect(mixed.reps[1]!.composite).toBe(50);
  });
});

function allAvailable(): Record<KpiId, boolean> {
  return Object.fromEntries(KPI_DEFINITIONS.map((d) => [d.id, true])) as Record<KpiId, boolean>;
}

/** Random reps with random values (some missing) on every ranked KPI, in 1-3 peer groups. */
function randomInput(seed: number): RankInput[] {
  const rand = mulberry32(seed);
  const n = 1 + Math.floor(rand() * 30);
  return Array.from({ length: n }, () => ({
    values: Object.fromEntries(
      KPI_DEFINITIONS.map((d) => [d.id, rand() < 0.15 ? null : Math.round(rand() * 20) / 2]),
    ),
    unrankedReason: rand() < 0.1 ? 'no_closed_deals' : null,
    peerKey: ['North', 'South', null][Math.floor(rand() * 3)] ?? null,
  }));
}

describe('ranking properties (random teams)', () => {
  const options = { weights: defaultAnalysisSettings().weights, kpiAvailable: allAvailable() };

  it('gives every rep the same result whatever the order of the rows', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const input = randomInput(seed);
      const rand = mulberry32(seed * 7919);
      const order = input.map((_, i) => i).sort(() => rand() - 0.5);
      const base = rankReps(input, options);
      const shuffled = rankReps(
        order.map((i) => input[i]!),
        options,
      );
      order.forEach((from, to) => expect(shuffled.reps[to]).toEqual(base.reps[from]));
    }
  });

  it('never lowers a rep’s composite when one of their KPIs improves', () => {
    const ranked = KPI_DEFINITIONS.filter((d) => d.direction !== 'none');
    for (let seed = 1; seed <= 300; seed++) {
      const input = randomInput(seed);
      const rand = mulberry32(seed * 104729);
      const who = Math.floor(rand() * input.length);
      if (input[who]!.unrankedReason !== null) continue;
      const def = ranked[Math.floor(rand() * ranked.length)]!;
      const before = rankReps(input, options).reps[who]!.composite;
      const current = input[who]!.values[def.id] ?? null;
      if (current === null || before === null) continue;
      const step = 0.5 + Math.floor(rand() * 6);
      const improved = def.direction === 'higher' ? current + step : current - step;
      const changed = input.map((rep, i) =>
        i === who ? { ...rep, values: { ...rep.values, [def.id]: improved } } : rep,
      );
      const after = rankReps(changed, options).reps[who]!.composite!;
      expect(after, `seed ${seed}, ${def.id}`).toBeGreaterThanOrEqual(before - 1e-9);
    }
  });

  it('puts about a quarter of each group on top and bottom, never splitting ties', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const result = rankReps(randomInput(seed), options);
      for (const group of result.groups) {
        const members = result.reps.filter(
          (_, i) => randomInput(seed)[i]!.peerKey === group.key && result.reps[i]!.composite !== null,
        );
        const k = bandSize(members.length);
        const top = members.filter((r) => r.band === 'top');
        // Ties can only push a band past k, never below it when scores differ.
        if (new Set(members.map((r) => r.composite)).size === members.length) expect(top).toHaveLength(k);
        for (const a of members)
          for (const b of members)
            if (Math.abs(a.composite! - b.composite!) < 1e-9) expect(a.band).toBe(b.band);
      }
    }
  });
});
