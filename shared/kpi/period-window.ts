/**
 * The days a period's KPIs count: the period itself, whether the data ends inside it (a partial,
 * still running period), the matching stretch of the previous period, and the window and
 * working days the per-day and per-week rates run over. The partial-period rules live here so
 * every figure of the pass applies them alike.
 */
import { NO_DAY } from '../domain/types';
import { dayNumber, previousPeriod, workingDaysBetween, type Period } from '../period/period';
import { MAX_DAY, type WorkingSetFacts } from './working-set-facts';

export interface PeriodWindow {
  /** The period's first and last days. */
  from: number;
  to: number;
  /** The last day with any record; NO_DAY for an empty workspace. */
  dataEnd: number;
  /** The data ends inside the period. */
  partial: boolean;
  /** The previous period's days that revenue growth compares with. */
  prevFrom: number;
  prevTo: number;
}

export function periodWindow(period: Period, dataEnd: number): PeriodWindow {
  const from = dayNumber(period.start);
  const to = dayNumber(period.end);
  const partial = dataEnd !== NO_DAY && dataEnd >= from && dataEnd < to;
  // A running period is compared with the same number of days of the previous one.
  const prev = previousPeriod(period);
  const prevFrom = dayNumber(prev.start);
  const prevTo = partial ? prevFrom + (dataEnd - from) : dayNumber(prev.end);
  return { from, to, dataEnd, partial, prevFrom, prevTo };
}

/** The days the rates of a pass run over, before each rep's hire date narrows them. */
export interface RateWindow {
  from: number;
  to: number;
}

/**
 * With activities in the period, the days the activity data covers inside it; without, the days
 * any data covers inside it.
 */
export function rateWindow(w: PeriodWindow, facts: WorkingSetFacts, hasActivities: boolean): RateWindow {
  return hasActivities
    ? { from: Math.max(w.from, facts.activityMin), to: Math.min(w.to, facts.activityMax) }
    : { from: Math.max(w.from, facts.dataMin), to: Math.min(w.to, w.dataEnd) };
}

/**
 * A rep's active days: the working days from the later of the window's start and the rep's hire
 * date (or first record) to the window's end. A rep whose records in the window all fall on
 * non-working days (a deal closed on a Saturday, the data's last day) was still active: one day,
 * never zero, so they are not refused as "too few active days" next to a colleague who closed
 * the day before.
 */
export function activeDays(
  window: RateWindow,
  hire: number,
  hasRecord: boolean,
  holidays: Int32Array,
): number {
  const startDay = hire !== MAX_DAY && hire > window.from ? hire : window.from;
  const working = window.to >= startDay ? workingDaysBetween(startDay, window.to, holidays) : 0;
  return working === 0 && hasRecord && window.to >= startDay ? 1 : working;
}
