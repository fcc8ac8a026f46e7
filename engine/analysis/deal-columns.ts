import { DEAL_LOST, DEAL_OPEN, DEAL_WON, FUNNEL_STAGES, NO_FUNNEL } from '../../shared/domain/types';
import type { SqliteHandle } from '../db/open-database';
import { readIntegerColumns } from './chunked-rows';

/**
 * The deals table as read for the working set, ordered by id, before rep and account ids become
 * positions (working-set.ts does that): plain typed arrays, so the activity columns worker can read
 * them on its own connection and post them back without copying while the engine thread reads the
 * activity rows file (at 500k deals the read took as long as the activities': issue #14). NaN
 * stands for NULL throughout.
 */
export interface DealColumnsRead {
  /** Rep id, 0 for none. */
  rep: Float64Array<ArrayBuffer>;
  /** DEAL_WON, DEAL_LOST or DEAL_OPEN. */
  status: Float64Array<ArrayBuffer>;
  /** Index into FUNNEL_STAGES, or NO_FUNNEL. */
  funnel: Float64Array<ArrayBuffer>;
  /** Day numbers (days since 1970-01-01). */
  createdDay: Float64Array<ArrayBuffer>;
  closeDay: Float64Array<ArrayBuffer>;
  expectedCloseDay: Float64Array<ArrayBuffer>;
  /** Account id, 0 for none. */
  account: Float64Array<ArrayBuffer>;
  amount: Float64Array<ArrayBuffer>;
  probability: Float64Array<ArrayBuffer>;
}

/** A stored date column (YYYY-MM-DD) as its day number, in SQL. */
export const dayOfSql = (column: string): string => `CAST(julianday(${column}) - 2440587.5 AS INTEGER)`;

/** A funnel stage column as its index in FUNNEL_STAGES, in SQL. */
export const funnelCaseSql = (column: string): string =>
  `CASE ${column} ${FUNNEL_STAGES.map((f, k) => `WHEN '${f}' THEN ${k}`).join(' ')} ELSE ${NO_FUNNEL} END`;

/** A deal status column as DEAL_WON, DEAL_LOST or DEAL_OPEN, in SQL. */
export const statusCaseSql = (column: string): string =>
  `CASE ${column} WHEN 'won' THEN ${DEAL_WON} WHEN 'lost' THEN ${DEAL_LOST} ELSE ${DEAL_OPEN} END`;

/**
 * Reads every deal in one read transaction, so the columns line up row for row. Numbers only:
 * SQLite turns the dates into day numbers and the status and funnel stage into codes, which reads
 * 200,000 deals in about half the time text columns take; the integers come as chunked text
 * (chunked-rows.ts), the two real columns one value each.
 */
export function readDealColumns(sqlite: SqliteHandle): DealColumnsRead {
  // Raw prepared statements: loading the working set is a measured hot path (npm run bench).
  const realColumn = (column: string): Float64Array<ArrayBuffer> => {
    const values = sqlite.prepare(`SELECT ${column} FROM deals ORDER BY id`).pluck().all() as (
      number | null
    )[];
    return Float64Array.from(values, (v) => (v === null ? Number.NaN : v));
  };
  return sqlite.transaction((): DealColumnsRead => {
    const [rep, status, funnel, createdDay, closeDay, expectedCloseDay, account] = readIntegerColumns(
      sqlite,
      'deals',
      [
        'coalesce(rep_id, 0)',
        statusCaseSql('status'),
        funnelCaseSql('funnel_stage'),
        dayOfSql('created_date'),
        dayOfSql('close_date'),
        dayOfSql('expected_close_date'),
        'coalesce(account_id, 0)',
      ],
    ) as [
      Float64Array<ArrayBuffer>,
      Float64Array<ArrayBuffer>,
      Float64Array<ArrayBuffer>,
      Float64Array<ArrayBuffer>,
      Float64Array<ArrayBuffer>,
      Float64Array<ArrayBuffer>,
      Float64Array<ArrayBuffer>,
    ];
    return {
      rep,
      status,
      funnel,
      createdDay,
      closeDay,
      expectedCloseDay,
      account,
      amount: realColumn('amount'),
      probability: realColumn('probability'),
    };
  })();
}

/** The buffers of a read, for posting it between threads without copying. */
export function dealColumnBuffers(read: DealColumnsRead): ArrayBuffer[] {
  return Object.values(read).map((column: Float64Array<ArrayBuffer>) => column.buffer);
}
