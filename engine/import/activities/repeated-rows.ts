import { hash64Into } from '../../../shared/hash/hash64';
import { activityIdKeyText } from '../../../shared/import/activity-row';
import type { Notice } from '../../../shared/i18n/notice';
import { streamRows, type TableFormat } from '../read-table';
import { IdOrdinals } from './id-ordinals';

/** A growing list of record numbers. */
class Records {
  values = new Int32Array(256);
  length = 0;

  push(record: number): void {
    if (this.length === this.values.length) {
      const bigger = new Int32Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.length++] = record;
  }

  /** The records in increasing order. */
  sorted(): Int32Array {
    return this.values.slice(0, this.length).sort();
  }
}

export interface RepeatedRow {
  record: number;
  cells: string[];
  reason: Notice;
}

export interface RepeatedRowsSource {
  path: string;
  format: TableFormat;
  /** The header's record: records up to it are not data. */
  headerRecord: number;
  /** The CRM id's column. */
  idColumn: number;
  isCancelled?: () => boolean;
}

/**
 * The rows of an activities file that repeat a CRM id an earlier row of the file gave: rejected,
 * the first row kept, as for every kind (FileRecords, engine/import/writers/row-writer.ts). The
 * importing thread finds them by the id's fingerprint as it writes, where it has neither their
 * cells nor the row the id first came on; those come from a second read of the file, made only
 * when the file repeats an id.
 */
export class RepeatedRows {
  private readonly repeats = new Records();
  /** Rows the reader rejected: none of them can be the row an id first came on. */
  private readonly rejected = new Records();
  /** The repeated ids' fingerprints, numbered in the order they first repeat. */
  private ids: IdOrdinals | null = null;
  private distinct = 0;
  private readonly key = new Uint32Array(2);

  get count(): number {
    return this.repeats.length;
  }

  /** Row `record` repeats the id with this fingerprint. */
  add(record: number, lo: number, hi: number): void {
    this.repeats.push(record);
    this.ids ??= new IdOrdinals(1024);
    if (this.ids.see(lo, hi, this.distinct) === -1) this.distinct++;
  }

  /** The reader rejected row `record`. */
  readerRejected(record: number): void {
    this.rejected.push(record);
  }

  /**
   * Reads the file again and yields each repeating row with its cells and the row its id first
   * came on (the first row with that id that is neither rejected by the reader nor a repeat).
   */
  async *rows(source: RepeatedRowsSource): AsyncGenerator<RepeatedRow[]> {
    const ids = this.ids;
    if (!ids || this.count === 0) return;
    const repeats = this.repeats.sorted();
    const rejected = this.rejected.sorted();
    const firstRow = new Int32Array(this.distinct);
    const key = this.key;
    let r = 0;
    let x = 0;
    for await (const batch of streamRows(source.path, source.format, {
      ...(source.isCancelled ? { isCancelled: source.isCancelled } : {}),
    })) {
      const out: RepeatedRow[] = [];
      for (const { record, cells } of batch) {
        if (record <= source.headerRecord) continue;
        while (x < rejected.length && (rejected[x] as number) < record) x++;
        if (rejected[x] === record) continue;
        const id = cells[source.idColumn]?.trim();
        if (!id) continue;
        hash64Into(activityIdKeyText(id), key, 0);
        const n = ids.find(key[0] as number, key[1] as number);
        if (n === -1) continue;
        while (r < repeats.length && (repeats[r] as number) < record) r++;
        if (repeats[r] === record) {
          out.push({
            record,
            cells,
            reason: { code: 'repeated_id', params: { id, row: firstRow[n] as number } },
          });
          r++;
        } else if (firstRow[n] === 0) firstRow[n] = record;
      }
      if (out.length > 0) yield out;
      // The rest of the file holds no repeat.
      if (r === repeats.length) return;
    }
  }
}
