import { describe, expect, it } from 'vitest';
import { computeTiers } from '../../shared/customers/tiers';
import { DEFAULT_TIER_SETTINGS } from '../../shared/analysis/settings';
import { computeKpis, type KpiValues } from '../../shared/kpi/compute-kpis';
import { KPI_DEFINITIONS } from '../../shared/kpi/kpi-definitions';
import { dayNumber, parsePeriod, type Period } from '../../shared/period/period';
import { buildWorkingSet, type TestActivity, type TestDeal } from './working-set-builder';

const period = (text: string): Period => {
  const p = parsePeriod(text);
  if (!p.ok) throw new Error(text);
  return p.value;
};

/**
 * One hand-computed quarter (2024-Q1) exercising every KPI. Accounts 0..5; the numbers in the
 * comments are the ones the assertions check, worked out on paper from the rows below.
 *
 * Tiers (80/20 on all won revenue up to 2024-03-31): acct3 3000, acct0 1500 + 800 = 2300,
 * acct1 500; total 5800. acct3 alone is 51.7% < 80%, with acct0 91.4%: A = {3, 0}; acct1 takes
 * it to 100% >= 95%: B = {1}; C none; D = {2, 4, 5}. Target segment (A+B) = {0, 1, 3}.
 *
 * Working days: the first activity in the data is Tue 2024-01-02 and the last Fri 2024-03-29, so
 * rates run over 2024-01-02..2024-03-29 = 65 - 1 (Mon 1 Jan) = 64 days; Bob, hired Mon 15 Jan,
 * has Jan 15-31 (13) + Feb (21) + Mar (21) = 55.
 */
const ws = buildWorkingSet({
  reps: ['Ann', 'Bob', 'Cy'],
  hireDates: { Bob: '2024-01-15' },
  deals: [
    // Ann: Q4 2023 revenue 800 (growth base); in Q1 won 1500 + 500, lost 1000.
    { rep: 'Ann', status: 'won', amount: 800, created: '2023-10-01', closed: '2023-11-15', account: 0 },
    { rep: 'Ann', status: 'won', amount: 1500, created: '2023-12-01', closed: '2024-01-20', account: 0 },
    { rep: 'Ann', status: 'won', amount: 500, created: '2024-02-01', closed: '2024-02-11', account: 1 },
    { rep: 'Ann', status: 'lost', amount: 1000, created: '2024-02-10', closed: '2024-03-01', account: 2 },
    // Bob: won 3000 on the last day; one deal still open.
    { rep: 'Bob', status: 'won', amount: 3000, created: '2024-01-10', closed: '2024-03-31', account: 3 },
    {
      rep: 'Bob',
      status: 'open',
      amount: 2000,
      created: '2024-02-15',
      closed: null,
      account: 4,
      expectedClose: '2024-04-15',
    },
    // Cy: one lost deal.
    { rep: 'Cy', status: 'lost', amount: 400, created: '2023-12-20', closed: '2024-01-05', account: 5 },
  ],
  activities: [
    { rep: 'Ann', type: 'call', day: '2024-01-02', account: 0, connected: true },
    { rep: 'Ann', type: 'call', day: '2024-01-03', account: 0 },
    { rep: 'Ann', type: 'meeting', day: '2024-01-10', account: 0 },
    { rep: 'Ann', type: 'email', day: '2024-01-11', account: 1 },
    { rep: 'Ann', type: 'task', day: '2024-01-12', account: 2 },
    { rep: 'Ann', type: 'visit', day: '2024-02-01', account: 1 },
    { rep: 'Bob', type: 'call', day: '2024-01-15', account: 3, connected: true },
    { rep: 'Bob', type: 'visit', day: '2024-02-15', account: 4 },
    { rep: 'Bob', type: 'call', day: '2024-02-20', account: 4, connected: true },
    { rep: 'Bob', type: 'email', day: '2024-03-01', account: 4 },
    { rep: 'Bob', type: 'call', day: '2024-03-29', account: 1, connected: true },
    { rep: 'Cy', type: 'call', day: '2024-01-02', account: 0 },
  ],
  quotas: [
    { rep: 'Ann', start: '2024-01-01', end: '2024-01-31', amount: 1000 },
    { rep: 'Ann', start: '2024-02-01', end: '2024-02-29', amount: 1000 },
    { rep: 'Ann', start: '2024-03-01', end: '2024-03-31', amount: 1000 },
    { rep: 'Bob', start: '2024-01-01', end: '2024-03-31', amount: 2000 },
    { rep: 'Bob', start: '2024-04-01', end: '2024-06-30', amount: 4000 },
  ],
});

const tiers = computeTiers(ws, dayNumber('2024-03-31'), DEFAULT_TIER_SETTINGS);
const q1 = computeKpis(ws, period('2024-Q1'), { tiers: tiers.tier, targetTiers: ['A', 'B'] });
const values = (rep: number): KpiValues => q1.reps[rep]!.values;

describe('the KPI engine on a hand-computed quarter', () => {
  it('tiers the accounts by the 80/20 rule', () => {
    expect([...tiers.tier]).toEqual([0, 1, 3, 0, 3, 3]);
  });

  it('computes the result KPIs', () => {
    expect(values(0)).toMatchObject({
      won_revenue: 2000,
      deals_won: 2,
      deals_lost: 1,
      avg_deal_size: 1000,
      // Quota 3 x 1000; Q4 2023 revenue 800 -> (2000 - 800) / 800.
      revenue_growth: 1.5,
      // acct1's first win is in Q1; acct0 was first won in 2023.
      new_customers_won: 1,
      target_segment_revenue: 2000,
      // Cycles 50 and 10 days.
      sales_cycle_days: 30,
    });
    expect(values(0).win_rate).toBeCloseTo(2 / 3, 12);
    expect(values(0).win_rate_value).toBeCloseTo(2000 / 3000, 12);
    expect(values(0).quota_attainment).toBeCloseTo(2000 / 3000, 12);
    expect(values(1)).toMatchObject({
      won_revenue: 3000,
      win_rate: 1,
      win_rate_value: 1,
      quota_attainment: 1.5,
      new_customers_won: 1,
      // Nothing won in Q4 2023: growth has no base.
      revenue_growth: null,
      // 2024-01-10 to 2024-03-31: 21 + 29 + 31 days.
      sales_cycle_days: 81,
      target_segment_revenue: 3000,
    });
    expect(values(2)).toMatchObject({
      won_revenue: 0,
      deals_won: 0,
      win_rate: 0,
      win_rate_value: 0,
      avg_deal_size: null,
      // No quota: unavailable for Cy, not 0.
      quota_attainment: null,
      sales_cycle_days: null,
      target_segment_revenue: 0,
    });
  });

  it('computes penetration of the rep’s own target accounts', () => {
    // Ann: targets {0, 1} (deals), both won in Q1. Bob: {3 (deal), 1 (activity)}, won 3.
    // Cy: {0} (activity), won none.
    expect(values(0).target_segment_penetration).toBe(1);
    expect(values(1).target_segment_penetration).toBe(0.5);
    expect(values(2).target_segment_penetration).toBe(0);
  });

  it('computes activity rates over the days each rep was active', () => {
    expect(q1.reps[0]!.activeDays).toBe(64);
    expect(q1.reps[1]!.activeDays).toBe(55);
    expect(q1.reps[2]!.activeDays).toBe(64);
    expect(values(0)).toMatchObject({ activities: 6, calls: 2, meetings: 1, visits: 1, emails: 1 });
    expect(values(0).calls_per_day).toBeCloseTo(2 / 64, 12);
    expect(values(0).meetings_per_week).toBeCloseTo(2 / 12.8, 12);
    expect(values(1).calls_per_day).toBeCloseTo(3 / 55, 12);
    expect(values(1).meetings_per_week).toBeCloseTo(1 / 11, 12);
  });

  it('counts quality contacts: meetings, visits and connected calls with target accounts', () => {
    // Ann: connected call acct0, meeting acct0, visit acct1 (the other call did not connect,
    // emails never count). Bob: connected calls to acct3 and acct1; acct4 is tier D.
    expect(values(0).quality_contacts_per_week).toBeCloseTo(3 / 12.8, 12);
    expect(values(1).quality_contacts_per_week).toBeCloseTo(2 / 11, 12);
    expect(values(2).quality_contacts_per_week).toBe(0);
  });

  it('counts relationships and customers served', () => {
    // Ann: acct0 has 3 touches; acct1 2 touches but won; acct2 a task only (served, no touch).
    expect(values(0)).toMatchObject({
      substantive_relationships: 2,
      customers_served: 3,
      customers_served_existing: 1,
      customers_served_new: 2,
    });
    // Bob: acct4 3 touches, acct3 won, acct1 one touch.
    expect(values(1)).toMatchObject({
      substantive_relationships: 2,
      customers_served: 3,
      customers_served_existing: 0,
    });
    expect(values(2)).toMatchObject({
      substantive_relationships: 0,
      customers_served: 1,
      customers_served_existing: 1,
    });
  });

  it('counts prospects, follow-up cadence and pipeline coverage', () => {
    expect(values(0).prospects_created).toBe(2);
    expect(values(0).prospects_per_week).toBeCloseTo(2 / 12.8, 12);
    expect(values(1).prospects_created).toBe(2);
    expect(values(2).prospects_created).toBe(0);
    // Bob's open deal is on acct4: touches on Feb 15, Feb 20 and Mar 1 -> gaps 5 and 10.
    expect(values(1).follow_up_days).toBe(7.5);
    expect(values(0).follow_up_days).toBeNull();
    // The quarter is over: open pipeline 2000 / next quarter's quota 4000.
    expect(values(1).pipeline_coverage).toBe(0.5);
    expect(values(0).pipeline_coverage).toBeNull();
  });

  it('uses the substantive-touch threshold from the options', () => {
    const n2 = computeKpis(ws, period('2024-Q1'), { tiers: tiers.tier, substantiveTouches: 2 });
    // Ann's acct1 (2 touches) already counted as won; nothing else reaches 2.
    expect(n2.reps[0]!.values.substantive_relationships).toBe(2);
    const n1 = computeKpis(ws, period('2024-Q1'), { tiers: tiers.tier, substantiveTouches: 1 });
    // Bob's acct1 now counts (1 touch).
    expect(n1.reps[1]!.values.substantive_relationships).toBe(3);
  });

  it('scales quotas by the quota unit', () => {
    const k = computeKpis(ws, period('2024-Q1'), { quotaScale: 1000 });
    expect(k.reps[1]!.values.quota_attainment).toBeCloseTo(1.5 / 1000, 12);
  });

  it('prorates a quarterly quota in a month and uses the quota to date while the period runs', () => {
    // January: Ann's January quota 1000; Bob's quarterly quota prorated 31/91.
    const jan = computeKpis(ws, period('2024-01'));
    expect(jan.reps[0]!.values.quota_attainment).toBeCloseTo(1500 / 1000, 12);
    expect(jan.reps[1]!.values.quota_attainment).toBeCloseTo(0, 12);
    // 2024 is still running (data ends 2024-03-31): the quota counts to that day.
    const year = computeKpis(ws, period('2024'));
    expect(year.partial).toBe(true);
    // Bob: Q1 quota 2000 + none of Q2's (it starts after the data ends).
    expect(year.reps[1]!.values.quota_attainment).toBeCloseTo(3000 / 2000, 12);
    // Pipeline coverage while running: open 2000 / (full-year quota 6000 - won 3000).
    expect(year.reps[1]!.values.pipeline_coverage).toBeCloseTo(2000 / 3000, 12);
  });

  it('marks KPIs without their data unavailable, never 0', () => {
    const noTiers = computeKpis(ws, period('2024-Q1'));
    expect(noTiers.kpiAvailable.quality_contacts_per_week).toBe(false);
    expect(noTiers.kpiAvailable.target_segment_revenue).toBe(false);
    expect(noTiers.reps[0]!.values.quality_contacts_per_week).toBeNull();
    expect(noTiers.kpiAvailable.calls_per_day).toBe(true);
    // A year with no data at all: everything unavailable.
    const empty = computeKpis(ws, period('2019'));
    for (const def of KPI_DEFINITIONS) {
      expect(empty.kpiAvailable[def.id], def.id).toBe(false);
      expect(empty.reps[0]!.values[def.id], def.id).toBeNull();
    }
  });

  it('handles an empty workspace', () => {
    const none = buildWorkingSet({ reps: [] });
    const k = computeKpis(none, period('2024'));
    expect(k.reps).toEqual([]);
    expect(Object.values(k.kpiAvailable).every((v) => !v)).toBe(true);
  });

  it('does not depend on the order of the rows', () => {
    const shuffled = buildWorkingSet({
      reps: ['Ann', 'Bob', 'Cy'],
      hireDates: { Bob: '2024-01-15' },
      deals: [...ws.deals.rep]
        .map((_, i) => i)
        .reverse()
        .map((i) => dealRow(i)),
      activities: [...Array(ws.activities.length).keys()].reverse().map((i) => activityRow(i)),
      quotas: [
        { rep: 'Bob', start: '2024-04-01', end: '2024-06-30', amount: 4000 },
        { rep: 'Bob', start: '2024-01-01', end: '2024-03-31', amount: 2000 },
        { rep: 'Ann', start: '2024-03-01', end: '2024-03-31', amount: 1000 },
        { rep: 'Ann', start: '2024-02-01', end: '2024-02-29', amount: 1000 },
        { rep: 'Ann', start: '2024-01-01', end: '2024-01-31', amount: 1000 },
      ],
    });
    const again = computeKpis(shuffled, period('2024-Q1'), {
      tiers: computeTiers(shuffled, dayNumber('2024-03-31'), DEFAULT_TIER_SETTINGS).tier,
    });
    expect(again.reps.map((r) => r.values)).toEqual(q1.reps.map((r) => r.values));
  });
});

const names = ['Ann', 'Bob', 'Cy'];
const iso = (day: number): string | null =>
  day === -2_147_483_648 ? null : new Date(day * 86_400_000).toISOString().slice(0, 10);

function dealRow(i: number): TestDeal {
  const d = ws.deals;
  const status = (['open', 'won', 'lost'] as const)[d.status[i] as number]!;
  const expected = iso(d.expectedCloseDay[i] as number);
  return {
    rep: names[d.rep[i] as number]!,
    status,
    amount: d.amount[i] as number,
    created: iso(d.createdDay[i] as number),
    closed: iso(d.closeDay[i] as number),
    account: d.account[i],
    ...(expected ? { expectedClose: expected } : {}),
  };
}

function activityRow(i: number): TestActivity {
  const a = ws.activities;
  const types = ['call', 'meeting', 'visit', 'email', 'task', 'other'] as const;
  return {
    rep: names[a.rep[i] as number]!,
    type: types[a.type[i] as number]!,
    day: iso(a.day[i] as number)!,
    account: a.account[i],
    connected: (a.flags[i] as number) === 1,
  };
}

describe('active days when every record falls on a weekend', () => {
  it('counts one active day, so the rep is ranked next to a colleague who closed on Friday', () => {
    // Fri 2024-01-05 and Sat 2024-01-06; the data ends on the Saturday.
    const weekend = buildWorkingSet({
      reps: ['Dorothy', 'Harold'],
      deals: [
        { rep: 'Dorothy', status: 'won', amount: 100, created: null, closed: '2024-01-05' },
        { rep: 'Harold', status: 'lost', amount: 50, created: null, closed: '2024-01-06' },
      ],
    });
    const kpis = computeKpis(weekend, period('2024-Q1'));
    expect(kpis.reps.map((r) => r.activeDays)).toEqual([1, 1]);
  });
});
