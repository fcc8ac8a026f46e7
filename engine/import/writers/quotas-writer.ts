import { MONTH_FIELDS } from '../../../shared/import/field-catalog';
import type { Notice } from '../../../shared/i18n/notice';
import { monthPeriod } from '../../../shared/period/period';
import type { SqliteHandle } from '../../db/open-database';
import { contentHash } from '../hash';
import { RepResolver } from '../resolvers';
import { readAmount, readDate, type ColumnConventions } from './parse-context';
import { FileRecords, KeyedUpserter, type FieldReader, type RowOutcome, type RowWriter } from './row-writer';

type QuotaValues = [number, string, string, number, string | null];
/** A quota as read from a row: period start and end, amount, currency. */
type Quota = [string, string, number, string | null];

/** A period as the rejection names it: `2024-05` for a calendar month, else `start..end`. */
function periodText(start: string, end: string): string {
  const month = monthPeriod(Number(start.slice(0, 4)), Number(start.slice(5, 7)));
  return month.start === start && month.end === end ? start.slice(0, 7) : `${start}..${end}`;
}

/**
 * Quotas in either layout: long (one row per rep and period: quota, period start, period end) or
 * wide (one row per rep and year, a column per month, `-` or empty for no target). A rep's quota
 * for a period is one record, so a newer file for the same period updates it; one file gives it once.
 */
export class QuotasWriter implements RowWriter {
  private readonly upserter: KeyedUpserter<QuotaValues>;
  private readonly reps: RepResolver;
  private readonly wide: boolean;
  /** A second quota for one rep and period in this file is rejected (FileRecords). */
  private readonly fileRecords = new FileRecords();

  constructor(
    sqlite: SqliteHandle,
    private readonly batchId: number,
    private readonly conventions: ColumnConventions,
  ) {
    this.upserter = new KeyedUpserter<QuotaValues>(sqlite, 'quotas', [
      'rep_id',
      'period_start',
      'period_end',
      'amount',
      'currency',
    ]);
    this.reps = new RepResolver(sqlite, batchId);
    const h = conventions.headers;
    this.wide = !(h.quota && h.period_start && h.period_end) && Boolean(h.year);
  }

  write(read: FieldReader, record: number): RowOutcome {
    const rep = read('rep');
    if (rep === null) return { rejected: { code: 'missing_owner' } };
    return this.wide ? this.writeWide(rep, read, record) : this.writeLong(rep, read, record);
  }

  private writeLong(rep: string, read: FieldReader, record: number): RowOutcome {
    const start = readDate(read('period_start'), 'period_start', this.conventions);
    if (!start.ok) return { rejected: start.notice };
    const end = readDate(read('period_end'), 'period_end', this.conventions);
    if (!end.ok) return { rejected: end.notice };
    const quota = readAmount(read('quota'), 'quota', this.conventions);
    if (!quota.ok) return { rejected: quota.notice };
    if (start.value === null || end.value === null) {
      const field = start.value === null ? 'period_start' : 'period_end';
      return {
        rejected: { code: 'missing_required', params: { field: this.conventions.headers[field] ?? field } },
      };
    }
    if (quota.value.value === null) {
      return {
        rejected: { code: 'missing_required', params: { field: this.conventions.headers.quota ?? 'quota' } },
      };
    }
    const currency = read('currency') ?? quota.value.currency ?? this.conventions.currency ?? null;
    return this.store(rep, record, [[start.value, end.value, quota.value.value, currency]]);
  }

  /** One input row becomes up to twelve monthly quotas; the row's outcome is the strongest change. */
  private writeWide(rep: string, read: FieldReader, record: number): RowOutcome {
    const yearText = read('year');
    const year = yearText === null ? NaN : Number(yearText);
    if (!Number.isInteger(year) || year < 1900 || year > 2200) {
      return {
        rejected: {
          code: 'invalid_date',
          params: { value: yearText ?? '', field: this.conventions.headers.year ?? 'year' },
        },
      };
    }
    // Every month is read before anything is written: a rejected row leaves nothing behind.
    const quotas: Quota[] = [];
    for (const [i, field] of MONTH_FIELDS.entries()) {
      const amount = readAmount(read(field), field, this.conventions);
      if (!amount.ok) return { rejected: amount.notice };
      if (amount.value.value === null) continue;
      const month = monthPeriod(year, i + 1);
      const currency = read('currency') ?? amount.value.currency ?? this.conventions.currency ?? null;
      quotas.push([month.start, month.end, amount.value.value, currency]);
    }
    return this.store(rep, record, quotas);
  }

  /**
   * A row's quotas, all or none: a period this file already gave the rep a quota for rejects the
   * row (FileRecords). The row's outcome is the strongest change among its quotas.
   */
  private store(rep: string, record: number, quotas: Quota[]): RowOutcome {
    if (quotas.length === 0) return 'unchanged';
    const repId = this.reps.resolve(rep);
    const keys = quotas.map(([start, end]) => `q:${repId}:${start}:${end}`);
    for (const [i, key] of keys.entries()) {
      const earlier = this.fileRecords.earlier(key);
      const [start, end] = quotas[i] as Quota;
      if (earlier !== undefined)
        return {
          rejected: { code: 'repeated_quota', params: { rep, period: periodText(start, end), row: earlier } },
        };
    }
    let outcome: 'added' | 'updated' | 'unchanged' = 'unchanged';
    for (const [i, [start, end, amount, currency]] of quotas.entries()) {
      const key = keys[i] as string;
      this.fileRecords.claim(key, record);
      const values: QuotaValues = [repId, start, end, amount, currency];
      const written = this.upserter.upsert(key, contentHash(values), this.batchId, values);
      if (written === 'added' || (written === 'updated' && outcome === 'unchanged')) outcome = written;
    }
    return outcome;
  }

  finish(): Notice[] {
    return [];
  }
}
