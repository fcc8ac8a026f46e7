import { describe, expect, it } from 'vitest';
import { rankPeriod } from '../../shared/analysis/analyze';
import { defaultAnalysisSettings } from '../../shared/analysis/settings';
import { parsePeriod, type Period } from '../../shared/period/period';
import { buildWorkingSet } from './working-set-builder';

const period = (text: string): Period => {
  const p = parsePeriod(text);
  if (!p.ok) throw new Error(text);
  return p.value;
};

const input = {
  reps: ['Ann', 'Bob'],
  deals: [
    { rep: 'Ann', status: 'won' as const, amount: 100, created: '2024-01-02', closed: '2024-01-10' },
    { rep: 'Bob', status: 'lost' as const, amount: 50, created: '2024-01-03', closed: '2024-01-11' },
  ],
  activities: [
    { rep: 'Ann', type: 'call' as const, day: '2024-01-04' },
    { rep: 'Ann', type: 'call' as const, day: '2024-01-08' },
  ],
};

/** The KPI cache behind fast weight changes: reused only when no figure can differ. */
describe('KPI cache', () => {
  it('a weight change re-ranks the same KPIs; the ranking still follows the weights', () => {
    const ws = buildWorkingSet(input);
    const base = defaultAnalysisSettings();
    const a = rankPeriod(ws, period('2024-Q1'), base);
    const reweighted = {
      ...base,
      weights: { ...base.weights, groups: { results: 0, activity: 100 } },
    };
    const b = rankPeriod(ws, period('2024-Q1'), reweighted);
    expect(b.kpis).toBe(a.kpis);
    expect(b.ranking.reps[0]!.composite).not.toBe(a.ranking.reps[0]!.composite);
  });

  it('settings that change a figure, another period or a new working set compute afresh', () => {
    const ws = buildWorkingSet(input);
    const base = defaultAnalysisSettings();
    const a = rankPeriod(ws, period('2024-Q1'), base).kpis;
    const holiday = rankPeriod(ws, period('2024-Q1'), { ...base, holidays: ['2024-01-05'] }).kpis;
    expect(holiday).not.toBe(a);
    // Calls run Thu 4 to Mon 8 January: 3 working days, 2 once Friday is a holiday.
    expect(a.reps[0]!.values.calls_per_day).toBeCloseTo(2 / 3, 12);
    expect(holiday.reps[0]!.values.calls_per_day).toBe(1);
    expect(rankPeriod(ws, period('2024-Q1'), { ...base, substantiveTouches: 5 }).kpis).not.toBe(a);
    expect(rankPeriod(ws, period('2024-Q1'), { ...base, quotaScale: 1000 }).kpis).not.toBe(a);
    expect(rankPeriod(ws, period('2024-01'), base).kpis).not.toBe(a);
    const again = buildWorkingSet(input);
    expect(rankPeriod(again, period('2024-Q1'), base).kpis).not.toBe(a);
    expect(rankPeriod(ws, period('2024-Q1'), base).kpis).toBe(a);
  });
});
