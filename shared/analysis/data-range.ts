import { DEAL_OPEN, NO_DAY, type WorkingSet } from '../domain/types';
import { fromDayNumber } from '../period/period';

/** The first and last date the workspace has data for (YYYY-MM-DD). */
export interface DataRange {
  min: string;
  max: string;
}

/**
 * The dates a workspace's data spans: every activity's day and every closed (won or lost) deal's
 * close day; open deals and rows without a date do not count. Null when nothing is dated. From the
 * working set, not the tables: min and max over 10M unindexed activities was a second's scan at
 * every open, and over 500k deals 0.1 s, where the working set's day columns take milliseconds.
 */
export function dataRangeOf(set: Pick<WorkingSet, 'activities' | 'deals'>): DataRange | null {
  let min = Infinity;
  let max = -Infinity;
  const { day, length } = set.activities;
  for (let i = 0; i < length; i++) {
    const d = day[i] as number;
    if (d === NO_DAY) continue;
    if (d < min) min = d;
    if (d > max) max = d;
  }
  const { closeDay, status } = set.deals;
  for (let i = 0; i < set.deals.length; i++) {
    const d = closeDay[i] as number;
    if (d === NO_DAY || status[i] === DEAL_OPEN) continue;
    if (d < min) min = d;
    if (d > max) max = d;
  }
  return min === Infinity ? null : { min: fromDayNumber(min), max: fromDayNumber(max) };
}
