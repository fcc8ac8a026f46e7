import { isoDate, isValidIsoDate, fromDayNumber } from '../period/period';

/**
 * Date parsing for CRM exports. The day/month order of slash dates cannot be known from one value
 * (3/4/2017), so it is decided per column from all its values: see detectDayMonthOrder.
 */
export type DayMonthOrder = 'mdy' | 'dmy';

/** Excel's day 0 is 1899-12-30 (it counts the non-existent 1900-02-29). */
const EXCEL_EPOCH_DAY = -25_569;

export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  return fromDayNumber(EXCEL_EPOCH_DAY + Math.floor(serial));
}

const SLASH = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:[ T].*)?$/;

/**
 * Looks at a column's values and says which order the slash dates use: `dmy` when some first
 * part is above 12, `mdy` when some second part is, null when every value fits both.
 */
export function detectDayMonthOrder(values: Iterable<string>): DayMonthOrder | null {
  let firstOver12 = false;
  let secondOver12 = false;
  for (const raw of values) {
    const m = SLASH.exec(raw.trim());
    if (!m || raw.includes('.') !== raw.trim().split(/[ T]/)[0]!.includes('.')) continue;
    if (Number(m[1]) > 12) firstOver12 = true;
    if (Number(m[2]) > 12) secondOver12 = true;
  }
  if (firstOver12 && !secondOver12) return 'dmy';
  if (secondOver12 && !firstOver12) return 'mdy';
  return null;
}

/** A date with slashes or dashes whose order cannot be told from its shape: 3/4/2024, 03-04-24. */
const SLASH_OR_DASH = /^\d{1,2}([/-])\d{1,2}\1(\d{4}|\d{2})(?:[ T,]|$)/;

/**
 * What one column's values say about the day/month order: the order they prove, `unknown` when
 * it holds slash dates that fit both orders, else null (ISO, 2017年3月1日, dotted day-first dates
 * and Excel serials never need the question).
 */
export function columnDateOrder(values: Iterable<string>): DayMonthOrder | 'unknown' | null {
  const list = [...values];
  const proven = detectDayMonthOrder(list);
  // Dotted dates (13.6.2024) can prove the file's order but are never in doubt themselves.
  if (!list.some((v) => SLASH_OR_DASH.test(v.trim()))) return proven;
  return proven ?? 'unknown';
}

/** The order a file's date columns prove, and the columns no value of the file decides. */
export interface DateOrderFinding {
  decided: DayMonthOrder | null;
  ambiguousColumns: string[];
}

/**
 * A file is written by one Excel in one locale, so one column that proves an order decides the
 * others. When no column does (or two disagree), the columns left undecided are the question.
 */
export function dateOrderFinding(
  columns: readonly { header: string; order: DayMonthOrder | 'unknown' | null }[],
): DateOrderFinding {
  const proven = new Set(
    columns.map((c) => c.order).filter((o): o is DayMonthOrder => o === 'mdy' || o === 'dmy'),
  );
  const decided = proven.size === 1 ? ([...proven][0] ?? null) : null;
  const ambiguousColumns =
    decided === null ? columns.filter((c) => c.order === 'unknown').map((c) => c.header) : [];
  return { decided, ambiguousColumns: [...new Set(ambiguousColumns)] };
}

function fullYear(y: string): number {
  const n = Number(y);
  // Two-digit years: CRM data is recent, so 00-69 are 2000s and 70-99 the 1900s (Excel's rule is 29).
  return y.length === 4 ? n : n < 70 ? 2000 + n : 1900 + n;
}

function checked(y: number, m: number, d: number): string | null {
  const iso = isoDate(y, m, d);
  return isValidIsoDate(iso) ? iso : null;
}

export interface DateParseOptions {
  /** Order for ambiguous slash dates; decided per column. Default month-first (US Excel). */
  order?: DayMonthOrder;
  /** Accept bare numbers as Excel serial dates (only for columns known to hold dates). */
  allowExcelSerial?: boolean;
}

/**
 * Returns an ISO `YYYY-MM-DD` date, or null when the text is not a date. Timestamps keep the
 * calendar date as written: `2024-01-22T23:30:00-0500` is the 22nd, the day the rep saw.
 */
export function parseDate(input: string, options: DateParseOptions = {}): string | null {
  const text = input.trim();
  if (text === '') return null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}.*)?$/.exec(text);
  if (m) return checked(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}.*)?$/.exec(text);
  if (m) return checked(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?(?:\s*\d{1,2}[:：]\d{2}.*)?$/.exec(text);
  if (m) return checked(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?:[ T]\d{1,2}:\d{2}.*)?$/.exec(text);
  // Dotted dates (31.12.2017, 31.12.24) are day-first everywhere they are used.
  if (m) return checked(fullYear(m[3] as string), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})(?:[ T,]+\d{1,2}:\d{2}.*)?$/.exec(text);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = fullYear(m[3] as string);
    if (a > 12) return checked(y, b, a);
    if (b > 12) return checked(y, a, b);
    return options.order === 'dmy' ? checked(y, b, a) : checked(y, a, b);
  }
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) {
    const iso = checked(Number(m[1]), Number(m[2]), Number(m[3]));
    if (iso) return iso;
  }
  // Excel serials for real CRM dates have five digits (10000 = 1927-05-18, 99999 = 2173);
  // a bare four-digit number is a year, not 1905.
  if (options.allowExcelSerial && /^\d{5}(\.\d+)?$/.test(text)) return excelSerialToIso(Number(text));
  return null;
}
