import { describe, expect, it } from 'vitest';
import { computeKpis } from '../../shared/kpi/compute-kpis';
import { parsePeriod, type Period } from '../../shared/period/period';
import { buildWorkingSet, type TestActivity } from './working-set-builder';

const period = (text: string): Period => {
  const p = parsePeriod(text);
  if (!p.ok) throw new Error(text);
  return p.value;
};

/** One activity of `type` on every weekday between two dates. */
function everyWeekday(
  rep: string,
  type: TestActivity['type'],
  from: string,
  to: string,
  account?: number,
): TestActivity[] {
  const out: TestActivity[] = [];
  for (
    let d = new Date(`${from}T00:00:00Z`);
    d <= new Date(`${to}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1)
  ) {
    const wd = d.getUTCDay();
    if (wd === 0 || wd === 6) continue;
    const a: TestActivity = { rep, type, day: d.toISOString().slice(0, 10) };
    if (account !== undefined) a.account = account;
    out.push(a);
  }
  return out;
}

describe('activity KPIs', () => {
  // January 2024 has 23 weekdays. Ann works all month; Bob is hired on Monday 2024-01-15
  // (13 weekdays left) and makes the same one call per weekday.
  const ws = buildWorkingSet({
    reps: ['Ann', 'Bob'],
    hireDates: { Bob: '2024-01-15' },
    accountCount: 3,
    activities: [
      ...everyWeekday('Ann', 'call', '2024-01-01', '2024-01-31', 0),
      ...everyWeekday('Ann', 'call', '2024-01-01', '2024-01-31', 1),
      ...everyWeekday('Ann', 'meeting', '2024-01-01', '2024-01-05', 2),
      ...everyWeekday('Bob', 'call', '2024-01-15', '2024-01-31'),
      { rep: 'Bob', type: 'visit', day: '2024-01-16', account: 2 },
      { rep: 'Bob', type: 'email', day: '2024-01-17' },
    ],
  });
  const k = computeKpis(ws, period('2024-01'));
  const ann = k.reps[0]!;
  const bob = k.reps[1]!;

  it('divides by the working days the rep was active', () => {
    expect(ann.activeDays).toBe(23);
    expect(ann.values.calls).toBe(46);
    expect(ann.values.calls_per_day).toBeCloseTo(2, 12);
    expect(bob.activeDays).toBe(13);
    // A mid-month hire making one call a day has 1 call per day, not 13/23.
    expect(bob.values.calls_per_day).toBeCloseTo(1, 12);
  });

  it('counts meetings and visits per week of active days', () => {
    // Ann: 5 meetings over 23 days = 23/5 weeks -> 5 / 4.6
    expect(ann.values.meetings_per_week).toBeCloseTo(5 / 4.6, 12);
    expect(ann.values.visits).toBe(0);
    // Bob: 1 visit over 13/5 weeks
    expect(bob.values.meetings_per_week).toBeCloseTo(5 / 13, 12);
    expect(bob.values.emails).toBe(1);
    expect(bob.values.activities).toBe(15);
  });

  it('counts distinct customers served', () => {
    expect(ann.values.customers_served).toBe(3);
    expect(bob.values.customers_served).toBe(1);
  });

  it('marks deal KPIs unavailable (not 0) when there is no deal data', () => {
    expect(k.kpiAvailable.won_revenue).toBe(false);
    expect(ann.values.won_revenue).toBeNull();
    expect(ann.values.win_rate).toBeNull();
  });

  it('uses only the days covered by the data in a partial period', () => {
    // The data ends on 2024-01-31, so for Q1 the rate is still per January working day.
    const q = computeKpis(ws, period('2024-Q1'));
    expect(q.reps[0]!.activeDays).toBe(23);
    expect(q.reps[0]!.values.calls_per_day).toBeCloseTo(2, 12);
  });

  it('treats an empty period as unavailable', () => {
    const empty = computeKpis(ws, period('2023'));
    expect(empty.dataAvailable.activities).toBe(false);
    expect(empty.reps[0]!.values.calls).toBeNull();
  });
});
