import type { SqliteHandle } from '../../db/open-database';
import { TextColumnDecoder, type TextColumn } from './activity-batch';

/**
 * Distinct values of a column an import stores as activity_texts codes (migration 011); the
 * column's later values are written as text. Types and outcomes have a handful of values, and a
 * subject column either repeats a few templates or is unique per row: coding a unique column's
 * first values saves nothing, and the cap keeps it from filling the dictionary import after import.
 */
export const CODED_VALUES_PER_COLUMN = 4096;

/**
 * The workspace's text dictionary as one import uses it: text -> id, looked up or added once per
 * distinct text, in the import's transaction.
 */
export class ActivityTexts {
  private readonly ids = new Map<string, number>();
  private readonly texts = new Map<number, string>();
  private readonly find;
  private readonly insert;

  constructor(
    sqlite: SqliteHandle,
    /** The import's batch, which the texts it adds name (undo removes them with it). */
    private readonly batchId: number,
  ) {
    // Raw statements prepared once: they run once per distinct text, up to 12,288 an import (a
    // file whose three columns each bring 4,096 values). Built and prepared by Kysely on each
    // call they took 34-36 us a text, 0.42-0.45 s for 12,288 (docs/decisions.md, eleventh part).
    this.find = sqlite.prepare<[string], number>('SELECT id FROM activity_texts WHERE text = ?').pluck();
    this.insert = sqlite.prepare<[string, number]>(
      'INSERT INTO activity_texts (text, batch_id) VALUES (?, ?)',
    );
  }

  id(text: string): number {
    const known = this.ids.get(text);
    if (known !== undefined) return known;
    const id = this.find.get(text) ?? Number(this.insert.run(text, this.batchId).lastInsertRowid);
    this.ids.set(text, id);
    this.texts.set(id, text);
    return id;
  }

  /** The text of an id this import looked up or added. */
  text(id: number): string {
    const text = this.texts.get(id);
    if (text === undefined) throw new Error(`Activity text ${id} was not looked up by this import.`);
    return text;
  }
}

/**
 * One text column of the batches as the importing thread writes it: each row's text (`value`,
 * asked for every row in order), and the workspace code it is stored as (`code`), or -1 when it is
 * written as text (null, past the column's cap, or sent inline by the reader).
 */
export class CodedTextColumn {
  private readonly decoder = new TextColumnDecoder();
  /** Reader dictionary code -> activity_texts id, for the column's first CODED_VALUES_PER_COLUMN values. */
  private readonly ids: number[] = [];
  private codes = new Int32Array(0);

  constructor(private readonly texts: ActivityTexts) {}

  begin(column: TextColumn): void {
    // The reader numbers a column's values from 0 in the order they first appear, so the codes
    // below the cap are exactly the first values learnt.
    for (const value of column.added) {
      if (this.ids.length >= CODED_VALUES_PER_COLUMN) break;
      this.ids.push(this.texts.id(value));
    }
    this.decoder.begin(column);
    this.codes = column.codes;
  }

  value(i: number): string | null {
    return this.decoder.value(i);
  }

  code(i: number): number {
    const code = this.codes[i] as number;
    return code >= 0 && code < this.ids.length ? (this.ids[code] as number) : -1;
  }
}
