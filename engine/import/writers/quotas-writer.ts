import type { Notice } from '../../../shared/i18n/notice';
import type { SqliteHandle } from '../../db/open-database';
import { contentHash } from '../hash';
import { RepResolver } from '../resolvers';
import { readAmount, readDate, type ColumnConventions } from './parse-context';
import { KeyedUpserter, type FieldReader, type RowOutcome, type RowWriter } from './row-writer';

type QuotaValues = [number, string, string, number, string | null];

/** Long-form quotas: one row per rep and period. A rep's quota for a period is one record. */
export class QuotasWriter implements RowWriter {
  private readonly upserter: KeyedUpserter<QuotaValues>;
  private readonly reps: RepResolver;

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
    this.reps = new RepResolver(sqlite);
  }

  write(read: FieldReader): RowOutcome {
    const rep = read('rep');
    if (rep === null) return { rejected: { code: 'missing_owner' } };
    const start = readDate(read('period_start'), 'period_start', this.conventions);
    if (!start.ok) return { rejected: start.notice };
    const end = readDate(read('period_end'), 'period_end', this.conventions);
    if (!end.ok) return { rejected: end.notice };
    const quota = readAmount(read('quota'), 'quota', this.conventions);
    if (!quota.ok) return { rejected: quota.notice };
    if (start.value === null || end.value === null || quota.value.value === null) {
      return {
        rejected: {
          code: 'invalid_date',
          params: { value: read('period_start') ?? '', field: this.conventions.headers.period_start ?? '' },
        },
      };
    }
    const repId = this.reps.resolve(rep);
    const values: QuotaValues = [
      repId,
      start.value,
      end.value,
      quota.value.value,
      read('currency') ?? quota.value.currency,
    ];
    return this.upserter.upsert(
      `q:${repId}:${start.value}:${end.value}`,
      contentHash(values),
      this.batchId,
      values,
    );
  }

  finish(): Notice[] {
    return [];
  }
}
