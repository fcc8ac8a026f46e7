import type { Notice } from '../../../shared/i18n/notice';
import type { SqliteHandle } from '../../db/open-database';
import type { Database } from '../../db/schema';

export type RowOutcome = 'added' | 'updated' | 'unchanged' | { rejected: Notice };

/** Reads one mapped field of the current row: trimmed text, or null when unmapped or empty. */
export type FieldReader = (field: string) => string | null;

export interface RowWriter {
  write(read: FieldReader, record: number): RowOutcome;
  /** Notices about the file as a whole (mixed currencies, unknown stages...). */
  finish(): Notice[];
}

/** Counts row-level observations that are worth one notice per file, not one per row. */
export class NoticeTally {
  private readonly values = new Map<string, Map<string, number>>();

  add(code: string, value = ''): void {
    const byValue = this.values.get(code) ?? new Map<string, number>();
    byValue.set(value, (byValue.get(value) ?? 0) + 1);
    this.values.set(code, byValue);
  }

  count(code: string): number {
    let n = 0;
    for (const c of this.values.get(code)?.values() ?? []) n += c;
    return n;
  }

  distinct(code: string): string[] {
    return [...(this.values.get(code)?.keys() ?? [])];
  }
}

/** The tables written by record key. */
type KeyedTable = 'deals' | 'quotas' | 'deal_snapshots';

/** A keyed table with columns of its own (engine/db/schema.ts): a renamed column is a compile error. */
type KeyedTableColumns = {
  [T in KeyedTable]: [table: T, columns: readonly (keyof Database[T] & string)[]];
}[KeyedTable];

/**
 * Insert-or-update by record key, telling added / updated / unchanged apart by a content hash so
 * re-importing the same file writes nothing and reports every row unchanged.
 */
export class KeyedUpserter<Values extends unknown[]> {
  private readonly insert;
  private readonly update;

  /** The table and its columns after the key, hash and batch, each a column of that table. */
  constructor(sqlite: SqliteHandle, ...[table, columns]: KeyedTableColumns) {
    const all = ['record_key', 'content_hash', 'batch_id', ...columns];
    // Raw prepared statements: run for each row of a deals, quotas or history file, prepared once
    // (npm run bench imports 200,000 deals); Kysely would build and prepare each query per row.
    // New rows are the common case: one INSERT OR IGNORE decides "added" without a look-up first.
    this.insert = sqlite.prepare(
      `INSERT OR IGNORE INTO ${table} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')})`,
    );
    this.update = sqlite.prepare(
      `UPDATE ${table} SET content_hash = ?, batch_id = ?, ${columns.map((c) => `${c} = ?`).join(', ')}
       WHERE record_key = ? AND content_hash != ?`,
    );
  }

  upsert(
    recordKey: string,
    hash: string,
    batchId: number,
    values: Values,
  ): 'added' | 'updated' | 'unchanged' {
    if (this.insert.run(recordKey, hash, batchId, ...values).changes === 1) return 'added';
    return this.update.run(hash, batchId, ...values, recordKey, hash).changes === 1 ? 'updated' : 'unchanged';
  }
}

/**
 * The records this file has written by a key of their own (a CRM id; a rep's quota for a period),
 * each with the row that wrote it. A later row for the same record is rejected and the first row
 * kept: one record never takes two rows of one file, so nothing is merged without a word, and
 * re-importing the file changes nothing. Had the later row won, every re-import would have updated
 * the record twice (back to the first row's values, then to the last's) and moved it to the
 * re-import's batch, whose undo would then remove it.
 */
export class FileRecords {
  private readonly rows = new Map<string, number>();

  /** The row of this file that already wrote `key`; undefined when none did. */
  earlier(key: string): number | undefined {
    return this.rows.get(key);
  }

  /** `record` writes `key`: the row that already did, or undefined (and `record` is remembered). */
  claim(key: string, record: number): number | undefined {
    const earlier = this.rows.get(key);
    if (earlier === undefined) this.rows.set(key, record);
    return earlier;
  }
}

/**
 * Without a CRM record id, identical rows in one file are still distinct records (two calls to
 * the same account on the same day): the n-th copy gets key `...#n`, stable across re-imports.
 */
export class OccurrenceCounter {
  private readonly seen = new Map<string, number>();

  key(base: string): string {
    const n = (this.seen.get(base) ?? 0) + 1;
    this.seen.set(base, n);
    return `row:${base}#${n}`;
  }
}
