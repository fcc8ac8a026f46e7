import { describe, expect, it } from 'vitest';
import { dataRangeOf } from '../../shared/analysis/data-range';
import { buildWorkingSet } from './working-set-builder';

// The dates a workspace spans (the period picker's bounds and the default period's end): every
// activity's day and every won or lost deal's close day, from the working set.
describe('dataRangeOf', () => {
  it('is null for a workspace with nothing dated', () => {
    expect(dataRangeOf(buildWorkingSet({ reps: ['Ann'] }))).toBeNull();
    // An open deal and a closed one without a close date date nothing.
    const undated = buildWorkingSet({
      reps: ['Ann'],
      deals: [
        { rep: 'Ann', status: 'open', amount: 10, created: '2024-01-01', closed: '2024-05-01' },
        { rep: 'Ann', status: 'won', amount: 10, created: '2024-01-01', closed: null },
      ],
    });
    expect(dataRangeOf(undated)).toBeNull();
  });

  it('spans the activities and the closed deals, not open deals or created dates', () => {
    const set = buildWorkingSet({
      reps: ['Ann', 'Bob'],
      deals: [
        { rep: 'Ann', status: 'won', amount: 10, created: '2019-01-01', closed: '2023-03-15' },
        { rep: 'Bob', status: 'lost', amount: 5, created: '2023-01-01', closed: '2024-11-30' },
        // Open: its expected close date is later than everything, and does not count.
        { rep: 'Bob', status: 'open', amount: 5, created: '2018-01-01', closed: '2030-01-01' },
      ],
      activities: [
        { rep: 'Ann', type: 'call', day: '2023-06-01' },
        { rep: 'Bob', type: 'email', day: '2024-12-02' },
        { rep: 'Bob', type: 'meeting', day: '2023-05-31' },
      ],
    });
    expect(dataRangeOf(set)).toEqual({ min: '2023-03-15', max: '2024-12-02' });
  });

  it('takes dates before 1970 and a single dated row', () => {
    const deals = buildWorkingSet({
      reps: ['Ann'],
      deals: [{ rep: 'Ann', status: 'lost', amount: 1, created: null, closed: '1969-12-31' }],
    });
    expect(dataRangeOf(deals)).toEqual({ min: '1969-12-31', max: '1969-12-31' });
    const activities = buildWorkingSet({
      reps: ['Ann'],
      activities: [
        { rep: 'Ann', type: 'call', day: '1965-03-01' },
        { rep: 'Ann', type: 'call', day: '2099-12-31' },
      ],
    });
    expect(dataRangeOf(activities)).toEqual({ min: '1965-03-01', max: '2099-12-31' });
  });
});
