import type { SqliteHandle } from '../../db/open-database';
import { TextColumnDecoder, type TextColumn } from './activity-batch';

/**
 * Distinct values of a column an import stores as activity_texts codes (migration 011); the
 * column's other values are written as text. A value gets its code when a second row of the file
 * writes it: types and outcomes repeat from the first rows on, while a subject unique per row
 * (free text) never repeats and never fills the dictionary. The cap bounds what one import adds.
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

/** What CodedTextColumn knows of a reader code besides its activity_texts id. */
const NOT_WRITTEN = -2;
const WRITTEN_ONCE = -1;

/**
 * One text column of the batches as the importing thread writes it: each row's text (`value`,
 * asked for every row in order), and, for a row it writes, the code the text is stored as
 * (`code`), or -1 when it is written as text: a null, a value the file has not written before, a
 * value past the column's cap, or one the reader sent inline.
 */
export class CodedTextColumn {
  private readonly decoder = new TextColumnDecoder();
  /**
   * Per reader dictionary code (the reader numbers a column's values from 0 as they first
   * appear): the value's activity_texts id, or NOT_WRITTEN / WRITTEN_ONCE.
   */
  private readonly ids: number[] = [];
  private coded = 0;
  private codes = new Int32Array(0);

  constructor(private readonly texts: ActivityTexts) {}

  begin(column: TextColumn): void {
    for (let k = 0; k < column.added.length; k++) this.ids.push(NOT_WRITTEN);
    this.decoder.begin(column);
    this.codes = column.codes;
  }

  value(i: number): string | null {
    return this.decoder.value(i);
  }

  /** For a row the import writes, once per row: its value's code, or -1 for text. */
  code(i: number): number {
    const code = this.codes[i] as number;
    if (code < 0) return -1;
    const id = this.ids[code] as number;
    if (id >= 0) return id;
    if (id === NOT_WRITTEN || this.coded >= CODED_VALUES_PER_COLUMN) {
      this.ids[code] = WRITTEN_ONCE;
      return -1;
    }
    this.coded++;
    const added = this.texts.id(this.decoder.entry(code));
    this.ids[code] = added;
    return added;
  }
}
