import type { Locale } from '../i18n/locale';
import type { KpiUnit } from '../kpi/kpi-definitions';
import { parsePeriod } from '../period/period';

/**
 * Locale-aware formatting of everything the UI and reports print: KPI values, scores, dates,
 * periods and file sizes. Pure: built on `Intl`, no I/O and no clock. Every function accepts
 * `null` / non-finite numbers and prints NO_VALUE for them, so a missing figure never reads as 0.
 */

/** Printed where a value is missing (a rep without a win rate, say). Never "0". */
export const NO_VALUE = '\u2014';

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    // `negative`: no minus sign on values that round to zero ("-0.0" reads as an error).
    format = new Intl.NumberFormat(locale, { signDisplay: 'negative', ...options });
    numberFormats.set(key, format);
  }
  return format;
}

function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, format);
  }
  return format;
}

function isNumber(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Avoids printing "-0" for tiny negative values rounded away. */
function noNegativeZero(value: number): number {
  return Object.is(value, -0) ? 0 : value;
}

/** Whole number with grouping: 12,345 / 12,345. */
export function formatInteger(locale: Locale, value: number | null | undefined): string {
  if (!isNumber(value)) return NO_VALUE;
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(noNegativeZero(Math.round(value)));
}

/** Number with exactly `fractionDigits` decimals: 5.5 -> "5.5", 6 -> "6.0". */
export function formatDecimal(locale: Locale, value: number | null | undefined, fractionDigits = 1): string {
  if (!isNumber(value)) return NO_VALUE;
  return numberFormat(locale, {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(noNegativeZero(value));
}

/** A number with at most `maxFractionDigits` decimals and no trailing zeros (chart axes): 5.65 -> "5.65", 6 -> "6". */
export function formatNumber(
  locale: Locale,
  value: number | null | undefined,
  maxFractionDigits = 2,
): string {
  if (!isNumber(value)) return NO_VALUE;
  return numberFormat(locale, { maximumFractionDigits: maxFractionDigits }).format(noNegativeZero(value));
}

/** A ratio 0..1 as a percentage: 0.6321 -> "63.2%". */
export function formatPercent(locale: Locale, ratio: number | null | undefined, fractionDigits = 1): string {
  if (!isNumber(ratio)) return NO_VALUE;
  return numberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(noNegativeZero(ratio));
}

const CURRENCY_CODE = /^[A-Za-z]{3}$/;

/**
 * An amount, with its currency when known. Large amounts drop the cents (a director reads
 * "$1,234,567", not "$1,234,567.00"); small ones keep up to two decimals.
 */
export function formatCurrency(
  locale: Locale,
  value: number | null | undefined,
  currency: string | null,
): string {
  if (!isNumber(value)) return NO_VALUE;
  const fractionDigits = Math.abs(value) >= 100 || Number.isInteger(value) ? 0 : 2;
  const digits = { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits };
  if (currency && CURRENCY_CODE.test(currency)) {
    try {
      return numberFormat(locale, { style: 'currency', currency: currency.toUpperCase(), ...digits }).format(
        noNegativeZero(value),
      );
    } catch {
      // An unknown code Intl refuses: fall through to the plain number with the code appended.
    }
  }
  const number = numberFormat(locale, digits).format(noNegativeZero(value));
  return currency ? `${number} ${currency}` : number;
}

/** Short form for chart axes: 1.2M / 120万. */
export function formatCompact(locale: Locale, value: number | null | undefined): string {
  if (!isNumber(value)) return NO_VALUE;
  return numberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(
    noNegativeZero(value),
  );
}

/** Days, with the short unit of the UI language: "45d" / "45天" (it sits in narrow table cells). */
export function formatDays(locale: Locale, value: number | null | undefined): string {
  if (!isNumber(value)) return NO_VALUE;
  return numberFormat(locale, {
    style: 'unit',
    unit: 'day',
    unitDisplay: 'narrow',
    maximumFractionDigits: 1,
  }).format(noNegativeZero(value));
}

/** A KPI value printed by its unit (see shared/kpi/kpi-definitions). */
export function formatKpiValue(
  locale: Locale,
  unit: KpiUnit,
  value: number | null | undefined,
  currency: string | null,
): string {
  switch (unit) {
    case 'currency':
      return formatCurrency(locale, value, currency);
    case 'count':
      return formatInteger(locale, value);
    case 'ratio':
      return formatPercent(locale, value, 1);
    case 'days':
      return formatDays(locale, value);
    case 'per_day':
    case 'per_week':
      return formatDecimal(locale, value, 1);
  }
}

/**
 * A value in a unit. Unlike formatKpiValue, counts keep one decimal: a median of relationships
 * is often 7.5, and rounding it would hide half the gap a coach is talking about.
 */
export function formatUnitValue(
  locale: Locale,
  unit: KpiUnit,
  value: number | null | undefined,
  currency: string | null,
): string {
  switch (unit) {
    case 'currency':
      return formatCurrency(locale, value, currency);
    case 'count':
      return formatNumber(locale, value, 1);
    case 'ratio':
      return formatPercent(locale, value, 1);
    case 'days':
      return formatDays(locale, value);
    case 'per_day':
    case 'per_week':
      return formatDecimal(locale, value, 1);
  }
}

/** The composite score 0..100, one decimal. */
export function formatScore(locale: Locale, score: number | null | undefined): string {
  return formatDecimal(locale, score, 1);
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day `YYYY-MM-DD`: "Mar 1, 2017" / "2017年3月1日". Unreadable input is returned as is. */
export function formatDate(locale: Locale, isoDay: string): string {
  const m = ISO_DAY.exec(isoDay);
  if (!m) return isoDay;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (Number.isNaN(date.getTime())) return isoDay;
  return dateFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/**
 * An instant (ISO timestamp) with date and time. `timeZone` defaults to the viewer's zone;
 * pass one for reproducible output.
 */
export function formatDateTime(locale: Locale, isoTimestamp: string, timeZone?: string): string {
  const date = new Date(isoTimestamp);
  if (Number.isNaN(date.getTime())) return isoTimestamp;
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  if (timeZone) options.timeZone = timeZone;
  return dateFormat(locale, options).format(date);
}

/** A period id (`2017`, `2017-Q3`, `2017-03`, `a..b`) as a person reads it. */
export function formatPeriodLabel(locale: Locale, periodId: string): string {
  const parsed = parsePeriod(periodId);
  if (!parsed.ok) return periodId;
  const period = parsed.value;
  const [year, month] = period.start.split('-').map(Number) as [number, number];
  switch (period.kind) {
    case 'year':
      return locale === 'zh-CN' ? `${year}年` : String(year);
    case 'quarter': {
      const quarter = Math.floor((month - 1) / 3) + 1;
      return locale === 'zh-CN' ? `${year}年第${quarter}季度` : `Q${quarter} ${year}`;
    }
    case 'month':
      return dateFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(
        new Date(Date.UTC(year, month - 1, 1)),
      );
    case 'range': {
      const [y2, m2, d2] = period.end.split('-').map(Number) as [number, number, number];
      const d1 = Number(period.start.slice(8, 10));
      if (locale === 'zh-CN') {
        // ICU's zh range falls back to 2017/1/1 – 2017/6/30; business Chinese writes it out.
        const end = y2 === year ? `${m2}月${d2}日` : `${y2}年${m2}月${d2}日`;
        return `${year}年${month}月${d1}日至${end}`;
      }
      return dateFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).formatRange(
        new Date(Date.UTC(year, month - 1, d1)),
        new Date(Date.UTC(y2, m2 - 1, d2)),
      );
    }
  }
}

/** A file size: "812 B", "1.2 MB". */
export function formatBytes(locale: Locale, bytes: number | null | undefined): string {
  if (!isNumber(bytes) || bytes < 0) return NO_VALUE;
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  if (bytes < 1024) return `${formatInteger(locale, bytes)} B`;
  let value = bytes;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return numberFormat(locale, {
    style: 'unit',
    unit: units[i],
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(value);
}

/** "a, b and c" / "a、b和c". */
export function formatList(locale: Locale, items: readonly string[]): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}
