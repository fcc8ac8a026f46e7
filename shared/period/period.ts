import { err, ok, type Result } from '../result';

/** A closed date interval; both ends inclusive, as ISO `YYYY-MM-DD` strings (they sort as text). */
export interface Period {
  /** The text the user typed or picked, normalised: `2017`, `2017-Q3`, `2017-03`, `a..b`. */
  id: string;
  kind: 'year' | 'quarter' | 'month' | 'range';
  start: string;
  end: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

export function yearPeriod(year: number): Period {
  return { id: String(year), kind: 'year', start: isoDate(year, 1, 1), end: isoDate(year, 12, 31) };
}

export function quarterPeriod(year: number, quarter: number): Period {
  const firstMonth = (quarter - 1) * 3 + 1;
  const lastMonth = firstMonth + 2;
  return {
    id: `${year}-Q${quarter}`,
    kind: 'quarter',
    start: isoDate(year, firstMonth, 1),
    end: isoDate(year, lastMonth, daysInMonth(year, lastMonth)),
  };
}

export function monthPeriod(year: number, month: number): Period {
  return {
    id: `${year}-${pad2(month)}`,
    kind: 'month',
    start: isoDate(year, month, 1),
    end: isoDate(year, month, daysInMonth(year, month)),
  };
}

/**
 * Parses the period syntax shared by the CLI and the app:
 * `2017`, `2017-Q3`, `2017-03`, or `2017-01-01..2017-06-30`.
 */
export function parsePeriod(input: string): Result<Period> {
  const text = input.trim();
  const invalid = (): Result<Period> =>
    err(
      'invalid_period',
      `"${input}" is not a period. Use 2017, 2017-Q3, 2017-03 or 2017-01-01..2017-06-30.`,
      { period: input },
    );
  let m = /^(\d{4})$/.exec(text);
  if (m) return ok(yearPeriod(Number(m[1])));
  m = /^(\d{4})-[Qq]([1-4])$/.exec(text);
  if (m) return ok(quarterPeriod(Number(m[1]), Number(m[2])));
  m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? ok(monthPeriod(Number(m[1]), month)) : invalid();
  }
  m = /^(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})$/.exec(text);
  if (m) {
    const start = m[1] as string;
    const end = m[2] as string;
    if (!isValidIsoDate(start) || !isValidIsoDate(end) || start > end) return invalid();
    return ok({ id: `${start}..${end}`, kind: 'range', start, end });
  }
  return invalid();
}

/** The period of the same kind and length immediately before this one. */
export function previousPeriod(period: Period): Period {
  const [y, m] = period.start.split('-').map(Number) as [number, number];
  switch (period.kind) {
    case 'year':
      return yearPeriod(y - 1);
    case 'quarter': {
      const q = Math.floor((m - 1) / 3) + 1;
      return q === 1 ? quarterPeriod(y - 1, 4) : quarterPeriod(y, q - 1);
    }
    case 'month':
      return m === 1 ? monthPeriod(y - 1, 12) : monthPeriod(y, m - 1);
    case 'range': {
      const length = dayNumber(period.end) - dayNumber(period.start) + 1;
      const end = fromDayNumber(dayNumber(period.start) - 1);
      const start = fromDayNumber(dayNumber(period.start) - length);
      return { id: `${start}..${end}`, kind: 'range', start, end };
    }
  }
}

/** Days since 1970-01-01 (UTC); lets date arithmetic stay integer and zone-free. */
export function dayNumber(isoDay: string): number {
  const [y, m, d] = isoDay.split('-').map(Number) as [number, number, number];
  return Math.floor(Date.UTC(y, m - 1, d) / 86_400_000);
}

export function fromDayNumber(n: number): string {
  const date = new Date(n * 86_400_000);
  return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** 1970-01-01 was a Thursday: 0 = Sunday .. 6 = Saturday. */
export function weekdayOf(dayNum: number): number {
  return (((dayNum + 4) % 7) + 7) % 7;
}

/** Monday-to-Friday days in [start, end], minus the given holidays (ISO dates). */
export function workingDays(start: string, end: string, holidays: ReadonlySet<string> = new Set()): number {
  return workingDaysBetween(dayNumber(start), dayNumber(end), holidayDays([...holidays]));
}

/** Holidays as ascending day numbers, weekends and invalid dates dropped (they are never working days). */
export function holidayDays(holidays: readonly string[]): Int32Array {
  const days = holidays
    .filter(isValidIsoDate)
    .map(dayNumber)
    .filter((n) => weekdayOf(n) !== 0 && weekdayOf(n) !== 6);
  return Int32Array.from(new Set(days)).sort();
}

/**
 * Working days in [a, b] (day numbers, both inclusive): weekdays minus `holidays` (from
 * holidayDays). Whole weeks count 5 at once, so a year costs a handful of steps, not 365.
 */
export function workingDaysBetween(a: number, b: number, holidays: Int32Array = new Int32Array(0)): number {
  if (b < a) return 0;
  const days = b - a + 1;
  let count = Math.floor(days / 7) * 5;
  for (let n = a + Math.floor(days / 7) * 7; n <= b; n++) {
    const w = weekdayOf(n);
    if (w !== 0 && w !== 6) count++;
  }
  if (holidays.length > 0) count -= countInRange(holidays, a, b);
  return count;
}

function countInRange(sorted: Int32Array, a: number, b: number): number {
  const lower = (x: number): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return lower(b + 1) - lower(a);
}

/** The period of the same kind and length immediately after this one. */
export function nextPeriod(period: Period): Period {
  const [y, m] = period.start.split('-').map(Number) as [number, number];
  switch (period.kind) {
    case 'year':
      return yearPeriod(y + 1);
    case 'quarter': {
      const q = Math.floor((m - 1) / 3) + 1;
      return q === 4 ? quarterPeriod(y + 1, 1) : quarterPeriod(y, q + 1);
    }
    case 'month':
      return m === 12 ? monthPeriod(y + 1, 1) : monthPeriod(y, m + 1);
    case 'range': {
      const length = dayNumber(period.end) - dayNumber(period.start) + 1;
      const start = fromDayNumber(dayNumber(period.end) + 1);
      const end = fromDayNumber(dayNumber(period.end) + length);
      return { id: `${start}..${end}`, kind: 'range', start, end };
    }
  }
}

/** The `count` periods of this kind ending with this one, oldest first. */
export function periodsEndingWith(period: Period, count: number): Period[] {
  const out = [period];
  for (let first = period; out.length < count;) {
    first = previousPeriod(first);
    out.unshift(first);
  }
  return out;
}

/** The day `months` calendar months before `dayNum` (clamped to the month's last day). */
export function monthsBefore(dayNum: number, months: number): number {
  const date = new Date(dayNum * 86_400_000);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() - months;
  const target = new Date(Date.UTC(y, m, 1));
  const last = daysInMonth(target.getUTCFullYear(), target.getUTCMonth() + 1);
  return dayNumber(
    isoDate(target.getUTCFullYear(), target.getUTCMonth() + 1, Math.min(date.getUTCDate(), last)),
  );
}

/**
 * The periods of one kind that overlap [minDate, maxDate], newest first; used to offer
 * the user only periods that contain data.
 */
export function periodsCovering(
  kind: 'year' | 'quarter' | 'month',
  minDate: string,
  maxDate: string,
): Period[] {
  const [y0, m0] = minDate.split('-').map(Number) as [number, number];
  const [y1, m1] = maxDate.split('-').map(Number) as [number, number];
  const out: Period[] = [];
  if (kind === 'year') {
    for (let y = y1; y >= y0; y--) out.push(yearPeriod(y));
  } else if (kind === 'quarter') {
    const q0 = y0 * 4 + Math.floor((m0 - 1) / 3);
    for (let q = y1 * 4 + Math.floor((m1 - 1) / 3); q >= q0; q--) {
      out.push(quarterPeriod(Math.floor(q / 4), (q % 4) + 1));
    }
  } else {
    const k0 = y0 * 12 + (m0 - 1);
    for (let k = y1 * 12 + (m1 - 1); k >= k0; k--) out.push(monthPeriod(Math.floor(k / 12), (k % 12) + 1));
  }
  return out;
}
