import { activityFieldHashInto } from '../../../shared/import/activity-row';
import type { Notice } from '../../../shared/i18n/notice';
import type { TableErrorCode } from '../read-table';

/**
 * What the reader worker sends the importing thread for each chunk of an activities file:
 * columns in typed arrays (moved, not copied, between threads) and text as dictionary codes,
 * because copying a million rows of strings between threads cost as much as inserting them.
 */

/** A text column: code >= 0 is a dictionary entry, NULL_CODE is null, INLINE_CODE the next inline value. */
export interface TextColumn {
  codes: Int32Array<ArrayBuffer>;
  /** Dictionary entries first used in this batch, in code order. */
  added: string[];
  /**
   * Values sent as they are (the dictionary is full, or the column is unique per row), as one
   * string and each value's length: one string crosses threads as a copy of its bytes, a
   * million small ones cost a serialisation each.
   */
  inline: string;
  inlineLengths: Int32Array<ArrayBuffer>;
}

/**
 * A column of unique values, one after another in one string, with each value's length in
 * UTF-16 code units; length -1 is null. One string crosses threads as one copy, and taking a value
 * out of it is a substring: decoding each id from UTF-8 bytes on the importing thread cost it
 * 80-100 ms a million rows (docs/decisions.md).
 */
export interface IdColumn {
  text: string;
  lengths: Int32Array<ArrayBuffer>;
}

export const NULL_CODE = -1;
export const INLINE_CODE = -2;

export interface ActivityBatch {
  type: 'batch';
  /** Rows accepted in this batch. */
  count: number;
  /** Rows read (accepted and rejected). */
  rowsRead: number;
  /** Each row's record number in the file (its row number), for a rejection decided on the importing thread. */
  record: Int32Array<ArrayBuffer>;
  /** 1 when the row carries a CRM record id, its identity; else its content is. */
  hasId: Uint8Array<ArrayBuffer>;
  /** Per row with a CRM id, the id's fingerprint (hash64Into layout: low word, high word). */
  idKey: Uint32Array<ArrayBuffer>;
  /** Row content fingerprint per row, same layout; read as a BigInt64Array for SQLite. */
  rowHash: Uint32Array<ArrayBuffer>;
  /** Owner and account cells as written (file-wide dictionaries: few distinct values). */
  owner: TextColumn;
  account: TextColumn;
  /** Index into ACTIVITY_TYPES. */
  activityType: Uint8Array<ArrayBuffer>;
  /** Minutes; NaN when absent. */
  duration: Float64Array<ArrayBuffer>;
  /** CRM ids: unique per row, so sent as UTF-8 bytes and made strings on the inserting side. */
  externalId: IdColumn;
  typeRaw: TextColumn;
  /** The activity's day: days since 1970-01-01. */
  day: Int32Array<ArrayBuffer>;
  subject: TextColumn;
  outcome: TextColumn;
  rejected: { record: number; cells: string[]; reason: Notice }[];
  /** Rows whose duration cell is not a number ("05:30"): imported without one, and reported. */
  unreadableDurations: number;
  /** The first such cell of the batch, as written; null when none. */
  unreadableDuration: string | null;
  bytesRead: number;
  bytesTotal: number;
}

export interface ActivityReadEnd {
  type: 'end';
  footerRows: number;
  /** Data rows with fewer cells than the header (RowSieve.shortRows). */
  shortRows: { count: number; first: number };
  /** SHA-256 of the file's bytes, when asked for. */
  sha256: string | null;
  /**
   * Records read from the file's bytes (the header's included); papaparse read the rest. Tests
   * check which route a file took with it.
   */
  recordsAsBytes: number;
}

export type ActivityReadError =
  /** The file was refused (engine/import/read-table.ts TableReadError), rebuilt on the other side. */
  | { type: 'error'; reason: 'table'; code: TableErrorCode; record: number }
  | { type: 'error'; reason: 'failed'; message: string };

/** Posted once when the worker has loaded and can take a file. */
export interface ActivityReaderReady {
  type: 'ready';
}

export type FromActivityReader = ActivityBatch | ActivityReadEnd | ActivityReadError | ActivityReaderReady;

/**
 * A copy of a string that does not keep its source alive. A value parsed out of a file is a
 * slice of the whole chunk of text it came from (V8 shares the characters), so keeping one value
 * in a dictionary would keep its 256 KB chunk: tens of megabytes over a large file.
 */
export function detached(value: string): string {
  return (' ' + value).slice(1);
}

/**
 * Encodes a text column with a file-wide dictionary, up to a cap of distinct values, and hands
 * out each value's fingerprint, computed once per dictionary entry.
 */
export class TextColumnEncoder {
  private readonly dictionary = new Map<string, number>();
  private hashes = new Uint32Array(2 * 1024);
  private codes: Int32Array<ArrayBuffer>;
  private added: string[] = [];
  private inline: string[] = [];
  private inlineLengths: number[] = [];
  private n = 0;

  constructor(
    /** Distinct values remembered; beyond it values go inline. 0 sends every value inline. */
    private readonly cap: number,
    capacity: number,
  ) {
    this.codes = new Int32Array(capacity);
  }

  /** Adds the row's value and, when asked, writes its fingerprint into `hashOut` at `hashIndex`. */
  push(value: string | null, hashOut?: Uint32Array, hashIndex = 0): void {
    if (this.n === this.codes.length) {
      const bigger = new Int32Array(this.codes.length * 2);
      bigger.set(this.codes);
      this.codes = bigger;
    }
    if (value === null) {
      this.codes[this.n++] = NULL_CODE;
      if (hashOut) activityFieldHashInto(null, hashOut, hashIndex);
      return;
    }
    let code = this.dictionary.get(value);
    if (code === undefined && this.dictionary.size < this.cap) {
      code = this.dictionary.size;
      value = detached(value);
      this.dictionary.set(value, code);
      this.added.push(value);
      if (hashOut && 2 * code + 1 >= this.hashes.length) {
        const bigger = new Uint32Array(this.hashes.length * 2);
        bigger.set(this.hashes);
        this.hashes = bigger;
      }
      if (hashOut) activityFieldHashInto(value, this.hashes, code);
    }
    if (code === undefined) {
      this.codes[this.n++] = INLINE_CODE;
      this.inline.push(value);
      this.inlineLengths.push(value.length);
      if (hashOut) activityFieldHashInto(value, hashOut, hashIndex);
    } else {
      this.codes[this.n++] = code;
      if (!hashOut) return;
      hashOut[2 * hashIndex] = this.hashes[2 * code] as number;
      hashOut[2 * hashIndex + 1] = this.hashes[2 * code + 1] as number;
    }
  }

  /**
   * The dictionary code of a value, added if new: INLINE_CODE once the dictionary is full. Lets
   * a caller that already caches per raw text (dates, types) skip the dictionary's own look-up.
   */
  intern(value: string): number {
    let code = this.dictionary.get(value);
    if (code !== undefined) return code;
    if (this.dictionary.size >= this.cap) return INLINE_CODE;
    code = this.dictionary.size;
    value = detached(value);
    this.dictionary.set(value, code);
    this.added.push(value);
    if (2 * code + 1 >= this.hashes.length) {
      const bigger = new Uint32Array(Math.max(this.hashes.length * 2, 2 * code + 2));
      bigger.set(this.hashes);
      this.hashes = bigger;
    }
    activityFieldHashInto(value, this.hashes, code);
    return code;
  }

  /** Adds a row whose value was interned as `code`, writing its fingerprint like push. */
  pushCode(code: number, value: string, hashOut: Uint32Array, hashIndex: number): void {
    if (code < 0) {
      this.push(value, hashOut, hashIndex);
      return;
    }
    if (this.n === this.codes.length) {
      const bigger = new Int32Array(this.codes.length * 2);
      bigger.set(this.codes);
      this.codes = bigger;
    }
    this.codes[this.n++] = code;
    hashOut[2 * hashIndex] = this.hashes[2 * code] as number;
    hashOut[2 * hashIndex + 1] = this.hashes[2 * code + 1] as number;
  }

  /** The column so far, and a fresh start for the next batch (the dictionary is kept). */
  take(): TextColumn {
    const column: TextColumn = {
      codes: this.codes.slice(0, this.n),
      added: this.added,
      inline: this.inline.join(''),
      inlineLengths: Int32Array.from(this.inlineLengths),
    };
    this.n = 0;
    this.added = [];
    this.inline = [];
    this.inlineLengths = [];
    return column;
  }
}

/** The importing side of a TextColumnEncoder: keeps the dictionary, hands out values by row. */
export class TextColumnDecoder {
  private readonly dictionary: string[] = [];
  private column: TextColumn | null = null;
  private nextInline = 0;
  private inlineOffset = 0;

  /** Starts a batch: learns its new dictionary entries. */
  begin(column: TextColumn): void {
    for (const v of column.added) this.dictionary.push(v);
    this.column = column;
    this.nextInline = 0;
    this.inlineOffset = 0;
  }

  /** The dictionary's entry `code` (a code >= 0 of a batch begun so far). */
  entry(code: number): string {
    return this.dictionary[code] as string;
  }

  /** The value of row i; rows must be asked in order. */
  value(i: number): string | null {
    const code = (this.column as TextColumn).codes[i] as number;
    if (code >= 0) return this.dictionary[code] as string;
    if (code === NULL_CODE) return null;
    const column = this.column as TextColumn;
    const start = this.inlineOffset;
    this.inlineOffset += column.inlineLengths[this.nextInline++] as number;
    return column.inline.slice(start, this.inlineOffset);
  }
}

/** Builds an IdColumn row by row, from bytes or from text. */
export class IdColumnEncoder {
  /** The values as UTF-8, decoded into the column's string once per batch. */
  private bytes = Buffer.allocUnsafe(64 * 1024);
  private used = 0;
  private lengths = new Int32Array(4096);
  private n = 0;
  /** Whether every byte so far is ASCII (the string is then decoded as Latin-1, the fastest). */
  private ascii = true;

  private room(bytes: number): void {
    if (this.n === this.lengths.length) {
      const bigger = new Int32Array(this.lengths.length * 2);
      bigger.set(this.lengths);
      this.lengths = bigger;
    }
    if (this.used + bytes > this.bytes.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + bytes));
      this.bytes.copy(bigger, 0, 0, this.used);
      this.bytes = bigger;
    }
  }

  pushNull(): void {
    this.room(0);
    this.lengths[this.n++] = -1;
  }

  /** An ASCII value from its bytes (the caller checked): as many characters as bytes. */
  pushAsciiBytes(source: Uint8Array, start: number, end: number): void {
    this.room(end - start);
    // Byte by byte: ids are short, and a subarray per row cost more than the copy.
    const bytes = this.bytes;
    let at = this.used;
    for (let i = start; i < end; i++) bytes[at++] = source[i] as number;
    this.used = at;
    this.lengths[this.n++] = end - start;
  }

  pushString(value: string): void {
    this.room(3 * value.length);
    const written = this.bytes.write(value, this.used, 'utf8');
    if (written !== value.length) this.ascii = false;
    this.used += written;
    // Written as UTF-8 and decoded as such, a value keeps its length in code units (a lone
    // surrogate becomes U+FFFD, one unit either way).
    this.lengths[this.n++] = value.length;
  }

  take(): IdColumn {
    const column: IdColumn = {
      text: this.bytes.toString(this.ascii ? 'latin1' : 'utf8', 0, this.used),
      lengths: this.lengths.slice(0, this.n),
    };
    this.used = 0;
    this.n = 0;
    this.ascii = true;
    return column;
  }
}

/** The inserting side of an IdColumnEncoder: hands out values row by row, in order. */
export class IdColumnDecoder {
  private text = '';
  private lengths = new Int32Array(0);
  private offset = 0;

  begin(column: IdColumn): void {
    this.text = column.text;
    this.lengths = column.lengths;
    this.offset = 0;
  }

  value(i: number): string | null {
    const length = this.lengths[i] as number;
    if (length < 0) return null;
    const start = this.offset;
    this.offset += length;
    return this.text.slice(start, this.offset);
  }
}
