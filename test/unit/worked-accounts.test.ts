import { describe, expect, it } from 'vitest';
import { DEAL_LOST, DEAL_OPEN, DEAL_WON, NO_DAY, TIERS } from '../../shared/domain/types';
import { computeKpis } from '../../shared/kpi/compute-kpis';
import { countWorkedTargets } from '../../shared/kpi/customer-kpis';
import { F_OWN, F_TARGET, STATS, STRIDE, S_TARGETS } from '../../shared/kpi/pass-layout';
import {
  bitCount,
  buildWorkedAccounts,
  firstTouchesBefore,
  NEVER_TOUCHED,
  targetBits,
  targetsWorkedBefore,
} from '../../shared/kpi/worked-accounts';
import { dayNumber, quarterPeriod, yearPeriod, type Period } from '../../shared/period/period';
import { buildWorkingSet, type TestActivity, type TestDeal } from './working-set-builder';

describe('bitCount', () => {
  it('counts the set bits of a 32-bit word, the sign bit too', () => {
    expect(bitCount(0)).toBe(0);
    expect(bitCount(1)).toBe(1);
    expect(bitCount(0b1011)).toBe(3);
    expect(bitCount(0x55555555)).toBe(16);
    expect(bitCount(1 << 31)).toBe(1);
    expect(bitCount(-1)).toBe(32);
  });
});

/*
 * Two reps. Rep 0's activities (positions 0..5) name accounts 3, none, 3, 1, 0, 1: first
 * touches at 0 (account 3), 3 (1) and 4 (0). Rep 1's (6..8) name 1, 1, 2: first touches at 6
 * (1) and 8 (2). Position 9 has no rep and is left out. Deals, grouped by rep: rep 0's name
 * accounts 1 (first named by rep 0 at 3), 4 (never) and none; rep 1's names 0, which rep 1
 * never worked with (rep 0 did).
 */
const activityAccounts = Int32Array.from([3, -1, 3, 1, 0, 1, 1, 1, 2, 4]);
const repStart = Int32Array.from([0, 6, 9]);
const dealStart = Int32Array.from([0, 3, 4]);
const dealAccounts = Int32Array.from([1, 4, -1, 0]);
const worked = buildWorkedAccounts(activityAccounts, repStart, 5, dealStart, dealAccounts);

describe('buildWorkedAccounts', () => {
  it('lists each rep’s accounts once, in order of first activity', () => {
    expect([...worked.accounts]).toEqual([3, 1, 0, 1, 2]);
  });

  it('counts the first touches before each activity position', () => {
    const before = Array.from({ length: 11 }, (_, i) => firstTouchesBefore(worked, i));
    expect(before).toEqual([0, 1, 1, 1, 2, 3, 3, 4, 4, 5, 5]);
  });

  it('notes where the deal’s rep first named the deal’s account', () => {
    expect([...worked.dealFirstTouch]).toEqual([3, NEVER_TOUCHED, NEVER_TOUCHED, NEVER_TOUCHED]);
  });

  it('keeps each rep’s accounts ever worked with as bits', () => {
    expect(worked.accountWords).toBe(1);
    // Rep 0: accounts 0, 1, 3; rep 1: accounts 1, 2.
    expect([...worked.everWorked!]).toEqual([0b1011, 0b0110]);
  });

  it('counts across word boundaries, the sign bit included', () => {
    // One rep, 40 activities on account 0 but for 5 at 31, 1 at 33 and 2 at 39.
    const accounts = new Int32Array(40);
    accounts[31] = 5;
    accounts[33] = 1;
    accounts[39] = 2;
    const w = buildWorkedAccounts(
      accounts,
      Int32Array.from([0, 40]),
      6,
      Int32Array.from([0, 0]),
      new Int32Array(0),
    );
    expect([...w.accounts]).toEqual([0, 5, 1, 2]);
    expect([0, 1, 31, 32, 33, 34, 39, 40].map((i) => firstTouchesBefore(w, i))).toEqual([
      0, 1, 1, 2, 2, 3, 3, 4,
    ]);
  });

  it('handles no activities and no reps', () => {
    const none = buildWorkedAccounts(
      new Int32Array(0),
      Int32Array.from([0, 0]),
      3,
      Int32Array.from([0, 1]),
      Int32Array.from([2]),
    );
    expect(none.accounts.length).toBe(0);
    expect(firstTouchesBefore(none, 0)).toBe(0);
    expect([...none.dealFirstTouch]).toEqual([NEVER_TOUCHED]);
    const noReps = buildWorkedAccounts(
      Int32Array.from([1]),
      Int32Array.from([0]),
      2,
      Int32Array.from([0]),
      new Int32Array(0),
    );
    expect(noReps.accounts.length).toBe(0);
    expect(firstTouchesBefore(noReps, 1)).toBe(0);
  });

  it('leaves out the per-rep bits when they would outweigh the accounts list', () => {
    // 2 reps x 4 words of 100 accounts > 2 accounts worked with.
    const sparse = buildWorkedAccounts(
      Int32Array.from([7, 99]),
      Int32Array.from([0, 1, 2]),
      100,
      Int32Array.from([0, 0, 0]),
      new Int32Array(0),
    );
    expect(sparse.everWorked).toBeNull();
    expect(targetsWorkedBefore(sparse, 1, 1, 2, 2, new Uint8Array(100).fill(1), null)).toBe(1);
  });
});

describe('targetsWorkedBefore', () => {
  // Targets: accounts 0 and 3.
  const isTarget = Uint8Array.from([1, 0, 0, 1, 0]);
  const bits = targetBits(isTarget, worked.accountWords);

  it('lays the target flags out as bits', () => {
    expect([...bits]).toEqual([0b1001]);
  });

  it('counts the target accounts first named before the cut, from either end of the list', () => {
    // Rep 0 (0..6): before 0 none; before 1 account 3; before 4 accounts 3, 1; before 5 and 6
    // also 0. Rep 1 (6..9): accounts 1 and 2, neither a target.
    const rep0 = [0, 1, 2, 3, 4, 5, 6].map((end) =>
      targetsWorkedBefore(worked, 0, 0, end, 6, isTarget, bits),
    );
    expect(rep0).toEqual([0, 1, 1, 1, 1, 2, 2]);
    const walkOnly = [0, 1, 2, 3, 4, 5, 6].map((end) =>
      targetsWorkedBefore(worked, 0, 0, end, 6, isTarget, null),
    );
    expect(walkOnly).toEqual(rep0);
    expect([6, 7, 8, 9].map((end) => targetsWorkedBefore(worked, 1, 6, end, 9, isTarget, bits))).toEqual([
      0, 0, 0, 0,
    ]);
  });
});

describe('countWorkedTargets', () => {
  /*
   * Period days 100..199, cut (end) at activity position 10. Accounts 0..7, all targets but 5.
   * Deals of rep (mark) 1:
   *  0: account 0, created 50, open              -> counts (begun by the end)
   *  1: account 0, created 60, lost at 70         -> same account: once
   *  2: account 1, created 80, first named at 4   -> already counted from the activities
   *  3: account 2, created 250, won at 150        -> counts (won in the period)
   *  4: account 3, created 250, open              -> not begun by the end
   *  5: account 4, no created day, won at 90      -> counts (began when closed)
   *  6: account 5, created 10                     -> not a target
   *  7: no account
   *  8: account 6, created 150, first named at 12 -> counts (named only after the cut)
   *  9: account 7, no created day, lost at 300    -> not begun by the end
   */
  const created = [50, 60, 80, 250, 250, NO_DAY, 10, 20, 150, NO_DAY];
  const closed = [NO_DAY, 70, NO_DAY, 150, NO_DAY, 90, NO_DAY, NO_DAY, NO_DAY, 300];
  const status = [
    DEAL_OPEN,
    DEAL_LOST,
    DEAL_OPEN,
    DEAL_WON,
    DEAL_OPEN,
    DEAL_WON,
    DEAL_OPEN,
    DEAL_OPEN,
    DEAL_OPEN,
    DEAL_LOST,
  ];
  const accounts = [0, 0, 1, 2, 3, 4, 5, -1, 6, 7];
  const firstTouch = [
    NEVER_TOUCHED,
    NEVER_TOUCHED,
    4,
    NEVER_TOUCHED,
    NEVER_TOUCHED,
    NEVER_TOUCHED,
    NEVER_TOUCHED,
    NEVER_TOUCHED,
    12,
    NEVER_TOUCHED,
  ];
  const isTarget = Uint8Array.from([1, 1, 1, 1, 1, 0, 1, 1]);

  const run = (workedTargets: number, lo: number, hi: number, acct = new Int32Array(8 * STRIDE)): number => {
    const stats = new Float64Array(STATS);
    countWorkedTargets(
      workedTargets,
      10,
      isTarget,
      Int32Array.from(accounts),
      Uint8Array.from(status),
      Int32Array.from(created),
      Int32Array.from(closed),
      Int32Array.from(firstTouch),
      lo,
      hi,
      100,
      199,
      acct,
      1,
      stats,
      0,
    );
    return stats[S_TARGETS]!;
  };

  it('adds the target accounts of deals begun by the end or won in the period, once each', () => {
    expect(run(2, 0, 10)).toBe(2 + 4);
  });

  it('adds nothing without deals', () => {
    expect(run(3, 0, 0)).toBe(3);
    expect(run(0, 0, 0)).toBe(0);
  });

  it('ignores stamps of other reps', () => {
    const acct = new Int32Array(8 * STRIDE);
    for (let acc = 0; acc < 8; acc++) {
      acct[acc * STRIDE + F_OWN] = 2;
      acct[acc * STRIDE + F_TARGET] = isTarget[acc]!;
    }
    expect(run(0, 0, 10, acct)).toBe(4);
  });
});

/*
 * The pass against a direct reading of the definitions, on a seeded random workspace: a rep's
 * target accounts are those named by the rep's activities up to the period end, by the rep's
 * deals begun by then, and by those won in the period; penetration is the share of them won.
 */
describe('penetration without owners against its definition', () => {
  let seed = 12345;
  const random = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const reps = ['Ann', 'Bob', 'Cy', 'Dee'];
  const iso = (day: number): string =>
    new Date(Date.UTC(2023, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
  const accountCount = 40;
  const activities: TestActivity[] = Array.from({ length: 600 }, () => ({
    rep: pick(reps),
    type: pick(['call', 'meeting', 'visit', 'email', 'task', 'other'] as const),
    day: iso(Math.floor(random() * 730)),
    account: random() < 0.1 ? undefined : Math.floor(random() * accountCount),
    connected: random() < 0.5,
  }));
  const deals: TestDeal[] = Array.from({ length: 150 }, () => {
    const created = Math.floor(random() * 730);
    const status = pick(['won', 'lost', 'open'] as const);
    return {
      rep: pick(reps),
      status,
      amount: 1000,
      created: random() < 0.1 ? null : iso(created),
      closed: status === 'open' && random() < 0.5 ? null : iso(created + Math.floor(random() * 120) - 10),
      account: random() < 0.1 ? undefined : Math.floor(random() * accountCount),
    };
  });
  // Some reps touch no activities at all in a period; the tiers are given, not computed.
  const ws = buildWorkingSet({ reps, activities, deals, accountCount });
  const tiers = Uint8Array.from({ length: accountCount }, () => Math.floor(random() * TIERS.length));
  const target = (acc: number): boolean => tiers[acc] === 0 || tiers[acc] === 1;

  const expected = (rep: number, period: Period): number | null => {
    const from = dayNumber(period.start);
    const to = dayNumber(period.end);
    const mine = new Set<number>();
    const won = new Set<number>();
    const a = ws.activities;
    for (let i = 0; i < a.length; i++)
      if (a.rep[i] === rep && a.account[i]! >= 0 && a.day[i]! <= to) mine.add(a.account[i]!);
    const d = ws.deals;
    for (let i = 0; i < d.length; i++) {
      const acc = d.account[i]!;
      if (d.rep[i] !== rep || acc < 0) continue;
      const closedDay = d.closeDay[i]!;
      const wonIn = d.status[i] === DEAL_WON && closedDay !== NO_DAY && closedDay >= from && closedDay <= to;
      const began = d.createdDay[i] !== NO_DAY ? d.createdDay[i]! : closedDay;
      if (wonIn) won.add(acc);
      if (wonIn || (began !== NO_DAY && began <= to)) mine.add(acc);
    }
    const targets = [...mine].filter(target);
    return targets.length === 0 ? null : targets.filter((acc) => won.has(acc)).length / targets.length;
  };

  const periods = [
    yearPeriod(2022),
    quarterPeriod(2023, 1),
    quarterPeriod(2023, 3),
    yearPeriod(2023),
    quarterPeriod(2024, 2),
    yearPeriod(2024),
    quarterPeriod(2025, 1),
  ];
  it.each(periods.map((p) => [p.id, p] as const))('matches in %s', (_, period) => {
    const kpis = computeKpis(ws, period, { tiers, targetTiers: ['A', 'B'] });
    expect(kpis.dataAvailable.tiers).toBe(true);
    reps.forEach((_, r) => {
      const value = kpis.reps[r]!.values.target_segment_penetration;
      if (kpis.kpiAvailable.target_segment_penetration) expect(value).toBe(expected(r, period));
      else expect(value).toBeNull();
    });
  });
});
