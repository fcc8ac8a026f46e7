import { MONTH_FIELDS } from '../../../shared/import/field-catalog';
import type { Notice } from '../../../shared/i18n/notice';
import { monthPeriod } from '../../../shared/period/period';
import type { SqliteHandle } from '../../db/open-database';
import { contentHash } from '../hash';
import { RepResolver } from '../resolvers';
import { readAmount, readDate, type ColumnConventions } from './parse-context';
import { KeyedUpserter, type FieldReader, type RowOutcome, type RowWriter } from './row-writer';

type QuotaValues = [number, string, string, number, string | null];

/**
 * Quotas in either layout: long (one row per rep and period: quota, period start, period end) or
 * wide (one row per rep and year, a column per month, `-` or empty for no target). A rep's quota
 * for a period is one record, so a newer file for the same period updates it.
 */
export class QuotasWriter implements RowWriter {
  private readonly upserter: KeyedUpserter<QuotaValues>;
  private readonly reps: RepResolver;
  private readonly wide: boolean;

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

  write(read: FieldReader): RowOutcome {
    const rep = read('rep');
    if (rep === null) return { rejected: { code: 'missing_owner' } };
    return this.wide ? this.writeWide(rep, read) : this.writeLong(rep, read);
  }

  private writeLong(rep: string, read: FieldReader): RowOutcome {
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
    return this.store(
      rep,
      start.value,
      end.value,
      quota.value.value,
      read('currency') ?? quota.value.currency ?? this.conventions.currency ?? null,
    );
  }

  /** One input row becomes up to twelve monthly quotas; the row's outcome is the strongest change. */
  private writeWide(rep: string, read: FieldReader): RowOutcome {
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
    const outcomes: RowOutcome[] = [];
    for (const [i, field] of MONTH_FIELDS.entries()) {
      const amount = readAmount(read(field), field, this.conventions);
      if (!amount.ok) return { rejected: amount.notice };
      if (amount.value.value === null) continue;
      const month = monthPeriod(year, i + 1);
      outcomes.push(
        this.store(
          rep,
          month.start,
          month.end,
          amount.value.value,
          read('currency') ?? amount.value.currency ?? this.conventions.currency ?? null,
        ),
      );
    }
    if (outcomes.length === 0) return 'unchanged';
    if (outcomes.includes('added')) return 'added';
    return outcomes.includes('updated') ? 'updated' : 'unchanged';
  }

  private store(
    rep: string,
    start: string,
    end: string,
    amount: number,
    currency: string | null,
  ): RowOutcome {
    const repId = this.reps.resolve(rep);
    const values: QuotaValues = [repId, start, end, amount, currency];
    return this.upserter.upsert(`q:${repId}:${start}:${end}`, contentHash(values), this.batchId, values);
  }

  finish(): Notice[] {
    return [];
  }
}
