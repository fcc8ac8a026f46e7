import type { Delimiter, LineBreak } from '../sniff';

/**
 * A CSV tokenizer over the raw bytes of a UTF-8 file: it finds records and cells without making
 * strings, so the activity reader can look cells up by their bytes and only decode the values it
 * has not seen. It reads well-formed CSV exactly as read-table.ts reads it with papaparse (quoted
 * cells, doubled quotes, line breaks inside quotes, blank lines; a record ends at LF or CRLF
 * whatever the file's usual line break, see papaNewline there) and stops at the first record it
 * is not sure about (a quote inside an unquoted cell, text after a closing quote); the caller
 * reads the rest of the file with papaparse from that record on, so the two agree.
 */

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export interface ByteRecords {
  /** Records found. */
  count: number;
  /** Cell index where record r starts; cellOf[count] is the number of cells. */
  cellOf: Int32Array;
  /** Byte range of each cell's content (inside the quotes for a quoted cell). */
  start: Int32Array;
  end: Int32Array;
  /** 1 when a quoted cell holds doubled quotes, which must be undone when decoded. */
  escaped: Uint8Array;
}

export interface TokenizeResult {
  /** Bytes consumed: through the end of the last complete record found. */
  consumed: number;
  /** True when the tokenizer stopped at `consumed` on a record it does not read the way papaparse would. */
  unsure: boolean;
}

export class Utf8Tokenizer {
  private readonly delimiter: number;
  readonly records: ByteRecords;
  /** Cells of the complete records found so far in the current call. */
  private completeCells = 0;

  constructor(delimiter: Delimiter, lineBreak: LineBreak) {
    if (lineBreak === '\r') throw new Error('old Mac line breaks are read by papaparse');
    this.delimiter = delimiter.charCodeAt(0);
    this.records = {
      count: 0,
      cellOf: new Int32Array(4096),
      start: new Int32Array(32768),
      end: new Int32Array(32768),
      escaped: new Uint8Array(32768),
    };
  }

  private addCell(n: number, start: number, end: number, escaped: boolean): void {
    const r = this.records;
    if (n === r.start.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T, make: (len: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      r.start = grow(r.start, (len) => new Int32Array(len));
      r.end = grow(r.end, (len) => new Int32Array(len));
      r.escaped = grow(r.escaped, (len) => new Uint8Array(len));
    }
    r.start[n] = start;
    r.end[n] = end;
    r.escaped[n] = escaped ? 1 : 0;
  }

  private addRecord(count: number, firstCell: number): void {
    const r = this.records;
    if (count + 1 >= r.cellOf.length) {
      const b = new Int32Array(r.cellOf.length * 2);
      b.set(r.cellOf);
      r.cellOf = b;
    }
    r.cellOf[count] = firstCell;
  }

  /**
   * Finds the complete records in bytes[from, to). With `final`, the last record may end at
   * `to` without a line break. Fills `records` (offsets into `bytes`).
   */
  tokenize(bytes: Uint8Array, from: number, to: number, final: boolean): TokenizeResult {
    const delimiter = this.delimiter;
    let count = 0;
    let cells = 0;
    this.completeCells = 0;
    let i = from;
    let consumed = from;
    records: while (i < to) {
      const firstCell = cells;
      // One record: cells until a line break (or the end of a final chunk).
      for (;;) {
        if (bytes[i] === QUOTE && i < to) {
          let j = i + 1;
          let escaped = false;
          let close: number;
          for (;;) {
            close = bytes.indexOf(QUOTE, j);
            if (close === -1 || close >= to) break records; // the closing quote is further on
            if (close + 1 < to && bytes[close + 1] === QUOTE) {
              escaped = true;
              j = close + 2;
              continue;
            }
            if (close + 1 === to && !final) break records; // a doubled quote may be split
            break;
          }
          this.addCell(cells++, i + 1, close, escaped);
          const after = close + 1;
          if (after === to) {
            if (!final) break records;
            this.addRecord(count++, firstCell);
            this.completeCells = cells;
            consumed = i = to;
            break;
          }
          const c = bytes[after];
          if (c === delimiter) {
            i = after + 1;
            if (i === to && final) {
              // A trailing delimiter: one more, empty, cell ends the file.
              this.addCell(cells++, i, i, false);
              this.addRecord(count++, firstCell);
              this.completeCells = cells;
              consumed = i;
              break;
            }
            continue;
          }
          if (c === LF) {
            this.addRecord(count++, firstCell);
            this.completeCells = cells;
            consumed = i = after + 1;
            break;
          }
          if (c === CR) {
            if (after + 1 === to && !final) break records;
            if (bytes[after + 1] === LF) {
              this.addRecord(count++, firstCell);
              this.completeCells = cells;
              consumed = i = after + 2;
              break;
            }
          }
          this.finish(count);
          return { consumed, unsure: true };
        }
        // An unquoted cell: up to the next delimiter or line break.
        let p = i;
        let c = 0;
        while (p < to) {
          c = bytes[p] as number;
          if (c === delimiter || c === LF) break;
          if (c === QUOTE) {
            this.finish(count);
            return { consumed, unsure: true };
          }
          p++;
        }
        if (p === to) {
          if (!final) break records;
          // The CR of a CRLF line break, or of a CR the file ends with, is not the cell's.
          this.addCell(cells++, i, p > i && bytes[p - 1] === CR ? p - 1 : p, false);
          this.addRecord(count++, firstCell);
          this.completeCells = cells;
          consumed = i = p;
          break;
        }
        if (c === delimiter) {
          this.addCell(cells++, i, p, false);
          i = p + 1;
          if (i === to && final) {
            this.addCell(cells++, i, i, false);
            this.addRecord(count++, firstCell);
            this.completeCells = cells;
            consumed = i;
            break;
          }
          continue;
        }
        // A line feed ends the record, in a CRLF file too (a CR before it is the line break's).
        this.addCell(cells++, i, p > i && bytes[p - 1] === CR ? p - 1 : p, false);
        this.addRecord(count++, firstCell);
        this.completeCells = cells;
        consumed = i = p + 1;
        break;
      }
    }
    this.finish(count);
    return { consumed, unsure: false };
  }

  /** Closes the records found: cells of a record cut off at the end are dropped (read again whole). */
  private finish(count: number): void {
    this.records.count = count;
    this.addRecord(count, this.completeCells);
  }
}
