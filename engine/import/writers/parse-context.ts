import { parseProbability } from '../../../shared/import/parse-level';
import { parseAmount, type DecimalStyle } from '../../../shared/import/parse-number';
import { parseDate, type DayMonthOrder } from '../../../shared/import/parse-date';
import type { Notice } from '../../../shared/i18n/notice';

/** Column conventions decided from the sample before the import starts. */
export interface ColumnConventions {
  dateOrder: Record<string, DayMonthOrder | undefined>;
  decimalStyle: Record<string, DecimalStyle | undefined>;
  /** Source header per field, for messages that name the column. */
  headers: Record<string, string | null>;
  /**
   * The currency of amounts that carry none of their own: the file's (currency column, amount
   * header, values) or the workspace's (shared/import/file-currency.ts); null when unknown.
   */
  currency?: string | null;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; notice: Notice };

export function readDate(raw: string | null, field: string, c: ColumnConventions): Parsed<string | null> {
  if (raw === null) return { ok: true, value: null };
  if (/^(null|n\/a|-|--)$/i.test(raw)) return { ok: true, value: null };
  const order = c.dateOrder[field];
  const value = parseDate(raw, { ...(order ? { order } : {}), allowExcelSerial: true });
  return value === null
    ? {
        ok: false,
        notice: { code: 'invalid_date', params: { value: raw, field: c.headers[field] ?? field } },
      }
    : { ok: true, value };
}

export function readAmount(
  raw: string | null,
  field: string,
  c: ColumnConventions,
): Parsed<{ value: number | null; currency: string | null }> {
  if (raw === null) return { ok: true, value: { value: null, currency: null } };
  const parsed = parseAmount(raw, c.decimalStyle[field]);
  return Number.isNaN(parsed.value)
    ? {
        ok: false,
        notice: { code: 'invalid_number', params: { value: raw, field: c.headers[field] ?? field } },
      }
    : { ok: true, value: parsed };
}

/** A probability column says its numbers are percentages ("Probability, %"): then 1 is 1%. */
export function isPercentColumn(c: ColumnConventions): boolean {
  return /%|％|percent|百分/i.test(c.headers.probability ?? '');
}

/** A win probability 0..1 (percentages and fractions as the column's conventions say). */
export function readProbability(raw: string | null, c: ColumnConventions): Parsed<number | null> {
  if (raw === null) return { ok: true, value: null };
  const value = parseProbability(raw, { percent: isPercentColumn(c), decimal: c.decimalStyle.probability });
  return Number.isNaN(value)
    ? {
        ok: false,
        notice: {
          code: 'invalid_number',
          params: { value: raw, field: c.headers.probability ?? 'probability' },
        },
      }
    : { ok: true, value };
}
