import type { ByteRecords } from './utf8-records';

/**
 * Reading cells straight from a UTF-8 chunk, with the rules `String.prototype.trim` applies to
 * the text: ASCII white space is trimmed here; a cell that begins or ends with another Unicode
 * space (no-break, ideographic, BOM...) is reported so its row is read as text instead.
 */

/** Trimmed range of a cell, written to `out[0]`, `out[1]`; false when an edge is a non-ASCII space. */
export function trimCell(bytes: Uint8Array, start: number, end: number, out: Int32Array): boolean {
  let s = start;
  let e = end;
  while (s < e && isAsciiSpace(bytes[s] as number)) s++;
  while (e > s && isAsciiSpace(bytes[e - 1] as number)) e--;
  out[0] = s;
  out[1] = e;
  return s === e || (!unicodeSpaceAt(bytes, s, e) && !unicodeSpaceBefore(bytes, s, e));
}

function isAsciiSpace(b: number): boolean {
  return b === 0x20 || (b >= 0x09 && b <= 0x0d);
}

/** A non-ASCII white space character (as JS trim sees it) starts at s. */
function unicodeSpaceAt(bytes: Uint8Array, s: number, e: number): boolean {
  const b0 = bytes[s] as number;
  if (b0 < 0xc2) return false;
  const b1 = s + 1 < e ? (bytes[s + 1] as number) : -1;
  const b2 = s + 2 < e ? (bytes[s + 2] as number) : -1;
  return isSpace(b0, b1, b2);
}

/** A non-ASCII white space character ends at e. */
function unicodeSpaceBefore(bytes: Uint8Array, s: number, e: number): boolean {
  const last = bytes[e - 1] as number;
  if (last < 0x80) return false;
  if (e - 2 >= s && isSpace(bytes[e - 2] as number, last, -1)) return true;
  return e - 3 >= s && isSpace(bytes[e - 3] as number, bytes[e - 2] as number, last);
}

function isSpace(b0: number, b1: number, b2: number): boolean {
  if (b0 === 0xc2) return b1 === 0xa0; // U+00A0
  if (b2 === -1) return false;
  if (b0 === 0xe1) return b1 === 0x9a && b2 === 0x80; // U+1680
  if (b0 === 0xe2) {
    // U+2000..200A, U+2028, U+2029, U+202F; U+205F
    if (b1 === 0x80) return b2 <= 0x8a || b2 === 0xa8 || b2 === 0xa9 || b2 === 0xaf;
    return b1 === 0x81 && b2 === 0x9f;
  }
  if (b0 === 0xe3) return b1 === 0x80 && b2 === 0x80; // U+3000
  return b0 === 0xef && b1 === 0xbb && b2 === 0xbf; // U+FEFF
}

/** A record's cells as text, exactly as papaparse would give them. */
export function decodeRecord(text: Buffer, records: ByteRecords, r: number): string[] {
  const cells: string[] = [];
  for (let c = records.cellOf[r] as number; c < (records.cellOf[r + 1] as number); c++) {
    const value = text.toString('utf8', records.start[c], records.end[c]);
    cells.push(records.escaped[c] === 1 ? value.replaceAll('""', '"') : value);
  }
  return cells;
}
