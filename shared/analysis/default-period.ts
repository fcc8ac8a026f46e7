import type { WorkingSet } from '../domain/types';
import { dayNumber, holidayDays, periodsCovering, workingDaysBetween, type Period } from '../period/period';
import { rankPeriod } from './analyze';
import type { AnalysisSettings } from './settings';

/**
 * Working days of a period the data may miss at its end and still call the period complete: an
 * export taken on the 30th of December, or data that stops before a holiday, still covers the
 * year; data ending on Tuesday 27 May (three working days before the month's end) does not.
 */
export const COMPLETE_SLACK_DAYS = 2;

/** The data runs to the period's end, give or take COMPLETE_SLACK_DAYS working days. */
export function isPeriodComplete(
  period: Period,
  range: { min: string; max: string },
  holidays: readonly string[],
): boolean {
  const last = dayNumber(range.max.slice(0, 10));
  const end = dayNumber(period.end);
  if (last >= end) return true;
  return workingDaysBetween(last + 1, end, holidayDays(holidays)) <= COMPLETE_SLACK_DAYS;
}

/**
 * The period the screens open on (docs/ranking.md §1b): the complete period with enough data to
 * be ranked that ends last, years and quarters first (a year before a quarter ending the same
 * day), then months; when none qualifies, the newest year, as before. A partial period stays
 * selectable; it is just not where a director starts.
 */
export function defaultPeriodFor(
  ws: WorkingSet,
  range: { min: string; max: string },
  settings: AnalysisSettings,
): string {
  const min = range.min.slice(0, 10);
  const max = range.max.slice(0, 10);
  const rankable = (p: Period): boolean => {
    if (!isPeriodComplete(p, range, settings.holidays)) return false;
    const { ranking } = rankPeriod(ws, p, settings);
    return ranking.support.ranked && ranking.rankedCount > 0;
  };
  const longFirst = [...periodsCovering('year', min, max), ...periodsCovering('quarter', min, max)].sort(
    (a, b) => (a.end === b.end ? (a.kind === 'year' ? -1 : 1) : a.end < b.end ? 1 : -1),
  );
  const found = longFirst.find(rankable) ?? periodsCovering('month', min, max).find(rankable);
  return found ? found.id : max.slice(0, 4);
}
