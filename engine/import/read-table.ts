import { open } from 'node:fs/promises';
import Papa from 'papaparse';
import {
  detectDelimiter,
  detectLineBreak,
  sniffBytes,
  type Delimiter,
  type LineBreak,
  type TextEncodingName,
} from './sniff';

/**
 * Streams a delimited text file as rows of strings, in chunks, so memory stays flat whatever the
 * file size. Each row carries its record number (1-based, the header is record 1 in a plain
 * export), which is what a spreadsheet shows as the row number.
 */

export interface TableFormat {
  encoding: TextEncodingName;
  bomLength: number;
  delimiter: Delimiter;
  lineBreak: LineBreak;
}

export type FormatResult =
  | { ok: true; format: TableFormat; sampleText: string }
  | { ok: false; reason: 'empty' | 'binary' | 'not_a_table'; what?: string };

const SAMPLE_BYTES = 256 * 1024;
// 256 KB: about 3,000 rows a batch, so progress events come well within 250 ms and a cancel
// is heard between batches.
const CHUNK_BYTES = 256 * 1024;

export async function readSample(path: string, bytes = SAMPLE_BYTES): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Decodes bytes to text. Always in streaming mode, flushed at the end: Node 20's one-shot decode of
 * Windows-1252 turns 0x80-0x9F (€, curly quotes, dashes) into control characters
 * (nodejs/node#56542); the streaming path maps them correctly.
 */
export function decodeAll(encoding: TextEncodingName, bytes: Uint8Array): string {
  const decoder = new TextDecoder(encoding);
  return decoder.decode(bytes, { stream: true }) + decoder.decode();
}

export function detectFormat(sample: Uint8Array, truncated = false): FormatResult {
  const sniff = sniffBytes(sample, truncated);
  if (!sniff.ok)
    return sniff.what === undefined
      ? { ok: false, reason: sniff.reason }
      : { ok: false, reason: sniff.reason, what: sniff.what };
  const text = decodeAll(sniff.encoding, sample.subarray(sniff.bomLength));
  if (text.trim() === '') return { ok: false, reason: 'empty' };
  const lineBreak = detectLineBreak(text);
  const delimiter = detectDelimiter(text, lineBreak);
  return {
    ok: true,
    format: { encoding: sniff.encoding, bomLength: sniff.bomLength, delimiter, lineBreak },
    sampleText: text,
  };
}

export interface RawRow {
  record: number;
  cells: string[];
}

/**
 * A file the import refuses as a whole because its rows cannot be told apart from some row on:
 * reading on would fold the rows after it into one cell, a loss nobody would see (issue #13).
 * `record` is the row (record number) where the trouble starts.
 */
export abstract class TableReadError extends Error {
  abstract readonly code: TableErrorCode;
  constructor(
    readonly record: number,
    message: string,
  ) {
    super(message);
  }

  /** Values for the translated message (besides the file name). */
  get params(): Record<string, number> {
    return { row: this.record };
  }
}

export type TableErrorCode =
  'broken_quotes' | 'stray_quote' | 'cell_too_large' | 'quoted_cell_too_large' | 'row_too_large';

/** The error a worker reported by its code and row (see activity-batch.ts ActivityReadError). */
export function tableReadError(code: TableErrorCode, record: number): TableReadError {
  switch (code) {
    case 'broken_quotes':
      return new BrokenQuotesError(record);
    case 'stray_quote':
      return new StrayQuoteError(record);
    default:
      return new RowTooLargeError(record, code);
  }
}

/** A quoted cell still open at the end of the file: the rest of the file would be one cell. */
export class BrokenQuotesError extends TableReadError {
  readonly code = 'broken_quotes';
  constructor(record: number) {
    super(record, `A quoted field that starts at row ${record} never ends: the file's quotes are broken.`);
  }
}

/**
 * A quoted cell that runs over a line break and has a quote inside it that neither is doubled nor
 * ends the cell: its opening quote was stray (`"note` with no closing quote), so the lines after
 * it went into this cell until some later quote happened to close it.
 */
export class StrayQuoteError extends TableReadError {
  readonly code = 'stray_quote';
  constructor(record: number) {
    super(
      record,
      `Row ${record} opens a quoted cell whose closing quote is missing or out of place, so the rows after it ` +
        'would be read into that one cell: check the quotes in that row.',
    );
  }
}

/** The most text one row may hold: a larger row is refused, never read on (MAX_PENDING_CHARS). */
export const MAX_ROW_MB = 8;
/**
 * One row larger than this (still without its end after this much text) is refused: memory
 * stays bounded, and a quoted cell this long has almost surely lost its closing quote.
 */
export const MAX_PENDING_CHARS = MAX_ROW_MB * 1024 * 1024;

/** A row (or one cell of it) larger than MAX_PENDING_CHARS: what it is, said with the limit. */
export class RowTooLargeError extends TableReadError {
  constructor(
    record: number,
    readonly code: 'cell_too_large' | 'quoted_cell_too_large' | 'row_too_large',
  ) {
    super(
      record,
      code === 'cell_too_large'
        ? `A cell in row ${record} is too large: the row passes ${MAX_ROW_MB} MB, the most one row may hold.`
        : code === 'quoted_cell_too_large'
          ? `A quoted cell that starts at row ${record} is still open after ${MAX_ROW_MB} MB, the most one row ` +
            'may hold: its closing quote is probably missing.'
          : `Row ${record} is larger than ${MAX_ROW_MB} MB, the most one row may hold.`,
    );
  }

  override get params(): Record<string, number> {
    return { row: this.record, limit: MAX_ROW_MB };
  }
}

/**
 * What an unfinished row longer than the limit is: a quote still open, one huge cell, or many
 * cells. Parses it once, on the way to refusing the file.
 */
function tooLarge(pending: string, format: TableFormat, record: number): TableReadError {
  const parser = new Papa.Parser({
    delimiter: format.delimiter,
    newline: papaNewline(format),
    quoteChar: '"',
  });
  const result = parser.parse(pending, 0, false) as { data: string[][]; errors: { code: string }[] };
  if (result.errors.some((e) => e.code === 'MissingQuotes'))
    return new RowTooLargeError(record, 'quoted_cell_too_large');
  // A loop, not Math.max(...cells): a row of 8 MB of delimiters has millions of cells.
  let longest = 0;
  for (const cell of result.data[0] ?? []) if (cell.length > longest) longest = cell.length;
  // One cell holding most of the row is what to fix (a column of whole documents), not the row.
  return new RowTooLargeError(record, 2 * longest > pending.length ? 'cell_too_large' : 'row_too_large');
}

/**
 * The line break papaparse splits records at. A record ends at a line feed in every LF or CRLF
 * file, with or without a carriage return before it: a file that mixes the two (one LF line in
 * a CRLF export, from a hand edit or files pasted together) is read line by line, as Excel and
 * Python's csv read it. Splitting at CRLF only folded each LF-only line and the line after it
 * into one row (issue #13). The CR left at the end of a record's last cell is taken off in
 * `endRecords`. Old Mac files (CR only) keep CR.
 */
function papaNewline(format: TableFormat): '\n' | '\r' {
  return format.lineBreak === '\r' ? '\r' : '\n';
}

/** Takes the CR of a CRLF line break off each record's last cell (see papaNewline). */
function endRecords(rows: string[][], format: TableFormat): string[][] {
  if (format.lineBreak === '\r') return rows;
  for (const cells of rows) {
    const last = cells.length - 1;
    const cell = cells[last];
    if (cell !== undefined && cell.endsWith('\r')) cells[last] = cell.slice(0, -1);
  }
  return rows;
}

/** Parses a whole string (a sample) into rows with the given format. */
export function parseText(text: string, format: TableFormat, ignoreLastRow: boolean): string[][] {
  const parser = new Papa.Parser({
    delimiter: format.delimiter,
    newline: papaNewline(format),
    quoteChar: '"',
  });
  const result = parser.parse(text, 0, ignoreLastRow) as { data: string[][] };
  return endRecords(result.data, format);
}

/**
 * A row whose quoted cell runs over a line break and had a quote out of place inside it (papaparse
 * says InvalidQuotes): the index of the first such row of `rows`, or -1. A quote out of place in
 * a cell that stays on its line (`"5" monitor",`) is read as papaparse reads it, a literal quote:
 * no row is lost there.
 */
function strayQuoteRow(rows: readonly string[][], errors: readonly { code: string; row?: number }[]): number {
  for (const e of errors) {
    if (e.code !== 'InvalidQuotes' || e.row === undefined || e.row >= rows.length) continue;
    if ((rows[e.row] as string[]).some((c) => c.includes('\n') || c.includes('\r'))) return e.row;
  }
  return -1;
}

export interface StreamOptions {
  /** Called with bytes read so far and the total, at most every chunk. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Checked between chunks; when it returns true the stream stops and throws CancelledError. */
  isCancelled?: () => boolean;
  /** Every byte of the file as read (the BOM included), e.g. to checksum it in the same pass. */
  onBytes?: (chunk: Uint8Array) => void;
  /**
   * Start at a record boundary other than the file's start: the byte offset of a record and its
   * record number minus one (another reader handled the records before it).
   */
  from?: { position: number; recordsBefore: number };
}

const BOMS: Record<string, Uint8Array> = {
  'utf-8': new Uint8Array([0xef, 0xbb, 0xbf]),
  'utf-16le': new Uint8Array([0xff, 0xfe]),
  'utf-16be': new Uint8Array([0xfe, 0xff]),
};

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

/**
 * Yields batches of rows (one batch per chunk of the file). Batches, not single rows, so the
 * consumer can insert a batch synchronously and yield to the event loop between chunks, which is
 * what lets a cancel request arrive mid-import.
 */
export async function* streamRows(
  path: string,
  format: TableFormat,
  options: StreamOptions = {},
): AsyncGenerator<RawRow[]> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const decoder = new TextDecoder(format.encoding);
    const parser = new Papa.Parser({
      delimiter: format.delimiter,
      newline: papaNewline(format),
      quoteChar: '"',
    });
    const buffer = new Uint8Array(CHUNK_BYTES);
    let position = options.from?.position ?? format.bomLength;
    let pending = '';
    let record = options.from?.recordsBefore ?? 0;
    for (;;) {
      if (options.isCancelled?.()) throw new CancelledError();
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, position);
      if (options.onBytes) {
        if (
          !options.from &&
          record === 0 &&
          pending === '' &&
          position === format.bomLength &&
          format.bomLength > 0
        ) {
          options.onBytes(BOMS[format.encoding] ?? new Uint8Array());
        }
        options.onBytes(buffer.subarray(0, bytesRead));
      }
      position += bytesRead;
      const last = bytesRead === 0 || position >= size;
      const decoded = decoder.decode(buffer.subarray(0, bytesRead), { stream: true });
      const text = pending + (last ? decoded + decoder.decode() : decoded);
      const result = parser.parse(text, 0, !last) as {
        data: string[][];
        errors: { code: string; row?: number }[];
        meta: { cursor: number };
      };
      pending = last ? '' : text.slice(result.meta.cursor);
      const stray = strayQuoteRow(result.data, result.errors);
      if (stray >= 0) throw new StrayQuoteError(record + stray + 1);
      if (pending.length > MAX_PENDING_CHARS)
        throw tooLarge(pending, format, record + result.data.length + 1);
      // At the end of the file a quote still open means the rest of the file became one cell.
      const missingQuote = result.errors.find((e) => e.code === 'MissingQuotes');
      if (last && missingQuote)
        throw new BrokenQuotesError(record + (missingQuote.row ?? result.data.length - 1) + 1);
      const rows: RawRow[] = endRecords(result.data, format).map((cells) => ({ record: ++record, cells }));
      options.onProgress?.(Math.min(position, size), size);
      if (rows.length > 0) yield rows;
      if (last) break;
    }
  } finally {
    await handle.close();
  }
}

export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

/**
 * Finds the header row: report exports put a title, filters and a blank line above it. The header
 * is the first row that has the modal field count of the sample and mostly non-empty cells.
 */
export function findHeaderIndex(rows: readonly string[][]): number {
  const counts = new Map<number, number>();
  for (const r of rows) {
    const n = r.filter((c) => c.trim() !== '').length;
    if (n > 1) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
  }
  const modal = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0];
  if (modal === undefined) return 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as string[];
    const filled = r.filter((c) => c.trim() !== '').length;
    if (r.length >= modal && filled >= Math.max(2, Math.ceil(modal * 0.6))) return i;
  }
  return 0;
}

/** What report footers start with: Salesforce, Excel totals, Chinese report tools. */
const FOOTER_START =
  /^(confidential|copyright|©|\(c\)|generated by|total|subtotal|grand total|合计|总计|小计|制表|导出)/i;

/**
 * A row that may be a report footer rather than data: a single filled cell, or two where the
 * first reads like a footer ("Generated By: Jane Doe, 1/2/2024" unquoted). Only rows after the
 * last data row are treated as a footer; the same row between data rows is read as data.
 */
export function looksLikeFooter(cells: readonly string[], width: number): boolean {
  if (width <= 2) return false;
  const filled = cells.filter((c) => c.trim() !== '');
  if (filled.length === 1) return true;
  return filled.length === 2 && FOOTER_START.test((filled[0] as string).trim());
}
