import { describe, expect, it } from 'vitest';
import { analyzePeriod } from '../../shared/analysis/analyze';
import { defaultAnalysisSettings } from '../../shared/analysis/settings';
import { yearPeriod } from '../../shared/period/period';
import { buildWorkingSet } from './working-set-builder';

// Issue #12, smaller things: "overdue" listed deals expected to close years before the viewed
// period. Overdue is the viewed period's: open deals expected to close in it, before the data ends.
describe('overdue deals of the viewed period', () => {
  it('counts the open deals expected in the period, not those of years before', () => {
    const ws = buildWorkingSet({
      reps: ['Ann', 'Bob'],
      deals: [
        { rep: 'Ann', status: 'won', amount: 100, created: '2025-01-02', closed: '2025-12-20' },
        { rep: 'Bob', status: 'lost', amount: 100, created: '2025-01-02', closed: '2025-11-20' },
        // Expected in 2025, still open at the data's end: overdue in 2025.
        {
          rep: 'Ann',
          status: 'open',
          amount: 300,
          created: '2025-02-01',
          closed: null,
          expectedClose: '2025-06-30',
        },
        // Expected in 2021: stale pipeline, not 2025's overdue.
        {
          rep: 'Bob',
          status: 'open',
          amount: 700,
          created: '2020-02-01',
          closed: null,
          expectedClose: '2021-03-31',
        },
      ],
    });
    const { forecast } = analyzePeriod(ws, yearPeriod(2025), defaultAnalysisSettings());
    expect(forecast.total.overdue).toEqual({ deals: 1, amount: 300 });
  });
});
