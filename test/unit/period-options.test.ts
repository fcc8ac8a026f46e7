import { describe, expect, it } from 'vitest';
import { periodOptions } from '../../renderer/src/ui/period-options';

// Issue #12, smaller things: after one import the period list held about 230 entries. It lists
// the years, then the quarters and months of the chosen year only (plus a custom range).
describe('period options', () => {
  const periods = {
    year: ['2025', '2024', '2023'],
    quarter: ['2025-Q2', '2025-Q1', '2024-Q4', '2024-Q3', '2024-Q2', '2024-Q1', '2023-Q4'],
    month: ['2025-05', '2025-04', '2025-03', '2024-12', '2024-11', '2024-01', '2023-12'],
  };

  it('lists every year, and the quarters and months of the chosen year', () => {
    expect(periodOptions(periods, '2024-Q3')).toEqual({
      year: ['2025', '2024', '2023'],
      quarter: ['2024-Q4', '2024-Q3', '2024-Q2', '2024-Q1'],
      month: ['2024-12', '2024-11', '2024-01'],
    });
    expect(periodOptions(periods, '2025').quarter).toEqual(['2025-Q2', '2025-Q1']);
    expect(periodOptions(periods, '2023-12').month).toEqual(['2023-12']);
  });

  it('takes a range by its start year, and keeps a chosen period listed even outside the data', () => {
    expect(periodOptions(periods, '2024-02-01..2024-06-30').quarter).toHaveLength(4);
    expect(periodOptions(periods, '2022').year).toEqual(['2025', '2024', '2023']);
  });
});
