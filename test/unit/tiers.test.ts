import { describe, expect, it } from 'vitest';
import { computeTiers, tierLabelOf } from '../../shared/customers/tiers';
import { DEFAULT_TIER_SETTINGS, TIER_METHODS, type TierSettings } from '../../shared/analysis/settings';
import { TIERS, type Tier } from '../../shared/domain/types';
import { dayNumber } from '../../shared/period/period';
import { mulberry32 } from '../../shared/random/mulberry32';
import { buildWorkingSet, type TestAccount, type TestDeal } from './working-set-builder';

const END = dayNumber('2024-06-30');

const settings = (overrides: Partial<TierSettings> = {}): TierSettings => ({
  ...DEFAULT_TIER_SETTINGS,
  ...overrides,
});

const won = (account: number, amount: number | null, closed = '2024-03-01'): TestDeal => ({
  rep: 'r',
  status: 'won',
  amount,
  created: null,
  closed,
  account,
});

const tiersOf = (tier: Uint8Array): Tier[] => Array.from(tier, (t) => TIERS[t] as Tier);

/** Won deals of the given revenue, one account each, in account order. */
const revenueSet = (revenues: number[], extra: TestDeal[] = [], accountCount = revenues.length) =>
  buildWorkingSet({ reps: ['r'], deals: [...revenues.map((r, i) => won(i, r)), ...extra], accountCount });

describe('computeTiers: empty and single', () => {
  it.each(TIER_METHODS)('%s: an empty working set has no tiers and is unavailable', (method) => {
    const t = computeTiers(buildWorkingSet({ reps: [] }), END, settings({ method }));
    expect(t.tier).toHaveLength(0);
    expect(t.available).toBe(false);
    expect(t.accounts).toEqual({ A: 0, B: 0, C: 0, D: 0 });
    expect(t.basisShare).toEqual({ A: 0, B: 0, C: 0, D: 0 });
  });

  it('revenue: a lone buying account is A with the whole revenue', () => {
    const t = computeTiers(revenueSet([100]), END, settings());
    expect(tiersOf(t.tier)).toEqual(['A']);
    expect(t.available).toBe(true);
    expect(t.accounts).toEqual({ A: 1, B: 0, C: 0, D: 0 });
    expect(t.basisShare).toEqual({ A: 1, B: 0, C: 0, D: 0 });
  });

  it('frequency: a lone buying account is A (percentiles 0.5, at least one A)', () => {
    const t = computeTiers(revenueSet([100]), END, settings({ method: 'frequency' }));
    expect(tiersOf(t.tier)).toEqual(['A']);
    expect(t.basisShare.A).toBe(1);
  });

  it('man: a lone account with only a need is A', () => {
    const ws = buildWorkingSet({ reps: ['r'], accounts: { 0: { need: 0.1 } } });
    const t = computeTiers(ws, END, settings({ method: 'man' }));
    expect(tiersOf(t.tier)).toEqual(['A']);
    expect(t.available).toBe(true);
  });
});

describe('computeTiers: revenue (80/20)', () => {
  it('puts the account that reaches exactly 80% in A and the one reaching 95% in B', () => {
    // Running shares 50, 80, 95, 100; account 4 bought nothing.
    const t = computeTiers(revenueSet([50, 30, 15, 5], [], 5), END, settings());
    expect(tiersOf(t.tier)).toEqual(['A', 'A', 'B', 'C', 'D']);
    expect(t.accounts).toEqual({ A: 2, B: 1, C: 1, D: 1 });
    expect(t.basisShare.A).toBeCloseTo(0.8, 12);
    expect(t.basisShare.B).toBeCloseTo(0.15, 12);
    expect(t.basisShare.C).toBeCloseTo(0.05, 12);
    expect(t.basisShare.D).toBe(0);
  });

  it('puts the account crossing the 80% line in A, even when it also crosses 95%', () => {
    // Running shares 50, 79, 95: the third account crosses 80% and 95% at once.
    expect(tiersOf(computeTiers(revenueSet([50, 29, 16, 5]), END, settings()).tier)).toEqual([
      'A',
      'A',
      'A',
      'C',
    ]);
    // Running shares 60, 85: two accounts are the smallest set reaching 80%.
    expect(tiersOf(computeTiers(revenueSet([60, 25, 10, 5]), END, settings()).tier)).toEqual([
      'A',
      'A',
      'B',
      'C',
    ]);
  });

  it('orders by revenue, not by account index', () => {
    expect(tiersOf(computeTiers(revenueSet([5, 15, 30, 50]), END, settings()).tier)).toEqual([
      'C',
      'B',
      'A',
      'A',
    ]);
  });

  it('gives accounts tied with the crossing account the better tier', () => {
    // Running shares 70, 80: the first 10 crosses the line; the other two 10s tie with it.
    expect(tiersOf(computeTiers(revenueSet([70, 10, 10, 10]), END, settings()).tier)).toEqual([
      'A',
      'A',
      'A',
      'A',
    ]);
    // Running shares 50, 70, 90: a tied 20 crosses 80%; both 20s are A, 10 reaches 95%.
    expect(tiersOf(computeTiers(revenueSet([50, 20, 20, 10]), END, settings()).tier)).toEqual([
      'A',
      'A',
      'A',
      'B',
    ]);
  });

  it('treats revenues equal up to float noise as tied', () => {
    // Account 0: 0.1 + 0.2 = 0.30000000000000004; account 1: 0.3. Total 10.6: 10 is A; the B line
    // (10.07) is crossed by account 0, and account 1 ties with it.
    const ws = buildWorkingSet({ reps: ['r'], deals: [won(0, 0.1), won(0, 0.2), won(1, 0.3), won(2, 10)] });
    expect(tiersOf(computeTiers(ws, END, settings()).tier)).toEqual(['B', 'B', 'A']);
  });

  it('uses the configured cutoffs', () => {
    // 50% line crossed by the first, 80% by the second.
    const t = computeTiers(revenueSet([50, 30, 15, 5]), END, settings({ revenueCutoffs: [50, 80] }));
    expect(tiersOf(t.tier)).toEqual(['A', 'B', 'C', 'C']);
  });

  it('counts won deals only, with an amount and an account', () => {
    const extra: TestDeal[] = [
      won(-1, 1000), // no account
      won(3, null), // no amount: account 3 did buy, but brings no revenue
      { rep: 'r', status: 'open', amount: 1000, created: '2024-01-01', closed: null, account: 3 },
      { rep: 'r', status: 'lost', amount: 1000, created: '2024-01-01', closed: '2024-02-01', account: 3 },
    ];
    const t = computeTiers(revenueSet([50, 30, 15], extra), END, settings());
    expect(tiersOf(t.tier)).toEqual(['A', 'A', 'B', 'D']);
    expect(t.basisShare.A).toBeCloseTo(80 / 95, 12);
  });

  it('is unavailable when nothing was won with an amount', () => {
    const t = computeTiers(revenueSet([], [won(0, null), won(1, 0)]), END, settings());
    expect(t.available).toBe(false);
    expect(tiersOf(t.tier)).toEqual(['D', 'D']);
    expect(t.accounts).toEqual({ A: 0, B: 0, C: 0, D: 2 });
    expect(t.basisShare).toEqual({ A: 0, B: 0, C: 0, D: 0 });
  });

  it('leaves accounts whose net revenue is not positive in D', () => {
    const ws = buildWorkingSet({ reps: ['r'], deals: [won(0, 100), won(1, 50), won(1, -80)] });
    expect(tiersOf(computeTiers(ws, END, settings()).tier)).toEqual(['A', 'D']);
  });
});

describe('computeTiers: history window', () => {
  const deals = [
    won(0, 1000, '2023-06-30'), // the day 12 months before the end: outside
    won(1, 10, '2023-07-01'), // first day of the window
    won(2, 10, '2024-06-30'), // the end day: inside
    won(3, 1000, '2024-07-01'), // after the end: outside
    { ...won(3, 1000), closed: null }, // no close day: outside
  ];
  const ws = buildWorkingSet({ reps: ['r'], deals });

  it('takes (end − lookbackMonths calendar months, end]', () => {
    const t = computeTiers(ws, END, settings({ lookbackMonths: 12 }));
    expect(tiersOf(t.tier)).toEqual(['D', 'A', 'A', 'D']);
  });

  it('takes everything up to the end day when lookbackMonths is 0', () => {
    // 1000 of 1020 is 98%: it crosses both lines alone, so the 10s that were A above are C.
    const t = computeTiers(ws, END, settings({ lookbackMonths: 0 }));
    expect(tiersOf(t.tier)).toEqual(['A', 'C', 'C', 'D']);
  });

  it('clamps to the month end: 1 month to 2024-03-31 is March', () => {
    const march = buildWorkingSet({
      reps: ['r'],
      deals: [won(0, 10, '2024-02-29'), won(1, 10, '2024-03-01'), won(2, 10, '2024-03-31')],
    });
    const t = computeTiers(march, dayNumber('2024-03-31'), settings({ lookbackMonths: 1 }));
    expect(tiersOf(t.tier)).toEqual(['D', 'A', 'A']);
  });

  it('applies the window to frequency too', () => {
    const t = computeTiers(ws, END, settings({ method: 'frequency', lookbackMonths: 12 }));
    expect(tiersOf(t.tier)).toEqual(['D', 'A', 'A', 'D']);
  });

  it('is unavailable when every win is outside the window', () => {
    for (const method of ['revenue', 'frequency'] as const) {
      const t = computeTiers(ws, dayNumber('2023-01-01'), settings({ method }));
      expect(t.available).toBe(false);
      expect(t.accounts.D).toBe(4);
    }
  });
});

describe('computeTiers: frequency', () => {
  it('scores the mean of the frequency and amount percentiles among buying accounts', () => {
    const ws = buildWorkingSet({
      reps: ['r'],
      accountCount: 5,
      deals: [won(0, 100), won(0, 100), won(0, 100), won(1, 500), won(2, 100), won(2, null), won(3, 50)],
    });
    // Wins 3, 1, 2, 1 → percentiles 1, 1/6, 2/3, 1/6; revenue 300, 500, 100, 50 → 2/3, 1, 1/3, 0.
    // Scores 5/6, 7/12, 1/2, 1/12 (sum 2). Of 4: A = round(0.8) = 1, B to 2, C to round(3.2) = 3.
    const t = computeTiers(ws, END, settings({ method: 'frequency' }));
    expect(tiersOf(t.tier)).toEqual(['A', 'B', 'C', 'D', 'D']);
    expect(t.available).toBe(true);
    expect(t.accounts).toEqual({ A: 1, B: 1, C: 1, D: 2 });
    expect(t.basisShare.A).toBeCloseTo(5 / 12, 12);
    expect(t.basisShare.B).toBeCloseTo(7 / 24, 12);
    expect(t.basisShare.C).toBeCloseTo(1 / 4, 12);
    expect(t.basisShare.D).toBeCloseTo(1 / 24, 12);
  });

  it('gives tied scores the better tier and rounds the cutoffs half up', () => {
    // Scores 0.875, 0.875, 0.375, 0.25, 0.125. Of 5: A = 1 (but the tie makes 2), B to
    // round(2.5) = 3, C to 4.
    const ws = buildWorkingSet({
      reps: ['r'],
      deals: [won(0, 100), won(0, 100), won(1, 100), won(1, 100), won(2, 100), won(3, 50), won(4, 10)],
    });
    const t = computeTiers(ws, END, settings({ method: 'frequency' }));
    expect(tiersOf(t.tier)).toEqual(['A', 'A', 'B', 'C', 'D']);
  });

  it('is unavailable without won deals', () => {
    const ws = buildWorkingSet({
      reps: ['r'],
      deals: [{ rep: 'r', status: 'lost', amount: 5, created: null, closed: '2024-01-01', account: 0 }],
    });
    const t = computeTiers(ws, END, settings({ method: 'frequency' }));
    expect(t.available).toBe(false);
    expect(tiersOf(t.tier)).toEqual(['D']);
    expect(t.basisShare).toEqual({ A: 0, B: 0, C: 0, D: 0 });
  });
});

describe('computeTiers: man', () => {
  it('averages the percentiles of the components each account has', () => {
    const accounts: Record<number, TestAccount> = {
      0: { annualRevenue: 1e6, authority: 0.9, need: 0.8 },
      1: { annualRevenue: 5e5, authority: 0.5 },
      2: { annualRevenue: 1e5 },
      3: { need: 0.2, employees: 5000 }, // employees unused: some accounts carry annual revenue
      4: {},
    };
    // Money 1, 0.5, 0; authority 1, 0; need 1 (acc 0), 0 (acc 3). Scores 1, 0.25, 0, 0.
    // Of 4: A 1, B to 2, C to 3: the third score (0) ties with the fourth, so both are C.
    const t = computeTiers(buildWorkingSet({ reps: ['r'], accounts }), END, settings({ method: 'man' }));
    expect(tiersOf(t.tier)).toEqual(['A', 'B', 'C', 'C', 'D']);
    expect(t.accounts).toEqual({ A: 1, B: 1, C: 2, D: 1 });
    expect(t.basisShare.A).toBeCloseTo(0.8, 12);
    expect(t.basisShare.B).toBeCloseTo(0.2, 12);
    expect(t.basisShare.C).toBe(0);
  });

  it('falls back to employees only when no account has annual revenue', () => {
    const accounts = { 0: { employees: 10 }, 1: { employees: 1000 } };
    // Of 2: A = 1, B to round(1) = 1, C to round(1.6) = 2.
    const t = computeTiers(buildWorkingSet({ reps: ['r'], accounts }), END, settings({ method: 'man' }));
    expect(tiersOf(t.tier)).toEqual(['C', 'A']);
  });

  it('is unavailable when no account carries any component', () => {
    const ws = buildWorkingSet({ reps: ['r'], deals: [won(0, 100), won(1, 10)] });
    const t = computeTiers(ws, END, settings({ method: 'man' }));
    expect(t.available).toBe(false);
    expect(tiersOf(t.tier)).toEqual(['D', 'D']);
  });
});

describe('computeTiers: imported', () => {
  it('maps the tier column, unknown and missing labels to D, and shares revenue by tier', () => {
    const labels = ['A', 'b类', 'Tier 3', 'VIP', 'gold', undefined, 'D'];
    const accounts = Object.fromEntries(labels.map((tier, i) => [i, tier === undefined ? {} : { tier }]));
    const ws = buildWorkingSet({ reps: ['r'], accounts, deals: [won(0, 300), won(1, 100)] });
    const t = computeTiers(ws, END, settings({ method: 'imported' }));
    expect(tiersOf(t.tier)).toEqual(['A', 'B', 'C', 'A', 'D', 'D', 'D']);
    expect(t.available).toBe(true);
    expect(t.accounts).toEqual({ A: 2, B: 1, C: 1, D: 3 });
    expect(t.basisShare).toEqual({ A: 0.75, B: 0.25, C: 0, D: 0 });
  });

  it('is unavailable when no label names A to C', () => {
    const ws = buildWorkingSet({ reps: ['r'], accounts: { 0: { tier: 'D' }, 1: { tier: 'n/a' }, 2: {} } });
    const t = computeTiers(ws, END, settings({ method: 'imported' }));
    expect(t.available).toBe(false);
    expect(tiersOf(t.tier)).toEqual(['D', 'D', 'D']);
  });
});

describe('tierLabelOf', () => {
  it.each([
    ['A', 'A'],
    ['b', 'B'],
    [' c ', 'C'],
    ['D', 'D'],
    ['A类', 'A'],
    ['B级', 'B'],
    ['C类客户', 'C'],
    ['Tier 1', 'A'],
    ['tier-2', 'B'],
    ['TIER3', 'C'],
    ['Tier 4', 'D'],
    ['1', 'A'],
    ['4', 'D'],
    ['Ａ', 'A'],
    ['Key', 'A'],
    ['Key Account', 'A'],
    ['VIP', 'A'],
    ['重点客户', 'A'],
    ['大客户', 'A'],
    ['Strategic', 'A'],
  ])('%s → %s', (raw, tier) => {
    expect(tierLabelOf(raw)).toBe(tier);
  });

  it.each([null, '', '   ', 'E', '5', 'Tier 5', 'gold', 'AB', 'A+', 'key person'])(
    '%s names no tier',
    (raw) => {
      expect(tierLabelOf(raw)).toBeNull();
    },
  );
});

describe('computeTiers: revenue on large random data', () => {
  /** The rule written plainly: objects, a sort, a running total. Integer amounts keep sums exact. */
  function reference(revenue: number[]): Tier[] {
    const buyers = revenue
      .map((r, i) => ({ r, i }))
      .filter((x) => x.r > 0)
      .sort((x, y) => y.r - x.r);
    const total = buyers.reduce((s, x) => s + x.r, 0);
    let running = 0;
    let tA = Infinity;
    let tB = Infinity;
    for (const x of buyers) {
      running += x.r;
      if (tA === Infinity && running >= 0.8 * total) tA = x.r;
      if (tB === Infinity && running >= 0.95 * total) tB = x.r;
    }
    return revenue.map((r) => (r <= 0 ? 'D' : r >= tA ? 'A' : r >= tB ? 'B' : 'C'));
  }

  it.each([1, 2, 3])('matches the plain rule (seed %i)', (seed) => {
    const random = mulberry32(seed);
    const accountCount = 20_000;
    const deals: TestDeal[] = [];
    const revenue = new Array<number>(accountCount).fill(0);
    const start = dayNumber('2022-01-01');
    for (let i = 0; i < 40_000; i++) {
      const account = Math.floor(random() ** 2 * accountCount);
      // Heavy tail, in hundreds: many equal revenues, so ties at the cutoffs are common.
      const amount = random() < 0.05 ? null : Math.round(1 / (random() + 0.01)) * 100;
      const closedDay = start + Math.floor(random() * 1000);
      const closed = new Date(closedDay * 86_400_000).toISOString().slice(0, 10);
      deals.push(won(account, amount, closed));
      if (amount !== null && closed > '2023-06-30' && closed <= '2024-06-30') revenue[account]! += amount;
    }
    const ws = buildWorkingSet({ reps: ['r'], deals, accountCount });
    const t = computeTiers(ws, END, settings({ lookbackMonths: 12 }));
    const expected = reference(revenue);
    expect(tiersOf(t.tier)).toEqual(expected);
    for (const tier of TIERS) expect(t.accounts[tier]).toBe(expected.filter((x) => x === tier).length);
    expect(t.accounts.A).toBeGreaterThan(0);
    expect(t.basisShare.A).toBeGreaterThanOrEqual(0.8);
  });
});

describe('computeTiers: revenue with every buyer in a narrow band', () => {
  it.each([4, 5])('matches the plain rule (seed %i)', (seed) => {
    // Revenues 1000..1100 in quarters (exact in binary): one or two histogram buckets hold them all.
    const random = mulberry32(seed);
    const revenue = Array.from({ length: 5000 }, () => 1000 + Math.floor(random() * 400) / 4);
    const t = computeTiers(revenueSet(revenue), END, settings());
    const sorted = [...revenue].sort((x, y) => y - x);
    const total = sorted.reduce((s, x) => s + x, 0);
    let running = 0;
    const crossing = (share: number): number => {
      running = 0;
      for (const r of sorted) if ((running += r) >= share * total) return r;
      return sorted[sorted.length - 1] as number;
    };
    const tA = crossing(0.8);
    const tB = crossing(0.95);
    expect(tiersOf(t.tier)).toEqual(revenue.map((r) => (r >= tA ? 'A' : r >= tB ? 'B' : 'C')));
    expect(t.accounts.B).toBeGreaterThan(0);
    expect(t.accounts.C).toBeGreaterThan(0);
  });
});

describe('computeTiers: frequency on large random data', () => {
  /**
   * The rule in integers: a mid-rank percentile times 2(n − 1) is 2 × below + equal others, so the
   * sum of the two is the score times 4(n − 1), compared exactly.
   */
  function reference(wins: number[], revenue: number[]): Tier[] {
    const scored = wins.map((_, i) => i).filter((i) => wins[i]! > 0);
    const n = scored.length;
    const key = (values: number[]): Map<number, number> => {
      const v = scored.map((i) => values[i]!);
      const sorted = [...v].sort((x, y) => x - y);
      const out = new Map<number, number>();
      for (const x of sorted) {
        if (out.has(x)) continue;
        const below = sorted.indexOf(x);
        const equal = sorted.lastIndexOf(x) - below + 1;
        out.set(x, 2 * below + equal - 1);
      }
      return out;
    };
    const winKey = key(wins);
    const revenueKey = key(revenue);
    const score = new Map(scored.map((i) => [i, winKey.get(wins[i]!)! + revenueKey.get(revenue[i]!)!]));
    const desc = [...score.values()].sort((x, y) => y - x);
    const kA = Math.max(1, Math.round(n * 0.2));
    const [tA, tB, tC] = [kA, Math.round(n * 0.5), Math.round(n * 0.8)].map((k) => desc[k - 1]!);
    return wins.map((_, i) => {
      const s = score.get(i);
      return s === undefined ? 'D' : s >= tA! ? 'A' : s >= tB! ? 'B' : s >= tC! ? 'C' : 'D';
    });
  }

  it.each([6, 7])('matches the plain rule (seed %i)', (seed) => {
    const random = mulberry32(seed);
    const accountCount = 3000;
    const wins = new Array<number>(accountCount).fill(0);
    const revenue = new Array<number>(accountCount).fill(0);
    const deals: TestDeal[] = [];
    for (let i = 0; i < 6000; i++) {
      const account = Math.floor(random() ** 2 * accountCount);
      const amount = random() < 0.1 ? null : Math.floor(random() * 20) * 50;
      deals.push(won(account, amount));
      wins[account]!++;
      revenue[account]! += amount ?? 0;
    }
    const ws = buildWorkingSet({ reps: ['r'], deals, accountCount });
    const t = computeTiers(ws, END, settings({ method: 'frequency' }));
    const expected = reference(wins, revenue);
    expect(tiersOf(t.tier)).toEqual(expected);
    expect(new Set(expected)).toEqual(new Set(TIERS));
  });
});
