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
/** A quoted field this long has almost surely lost its closing quote. */
const MAX_PENDING_CHARS = 8 * 1024 * 1024;

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

export class BrokenQuotesError extends Error {
  constructor(readonly record: number) {
    super(`A quoted field that starts at row ${record} never ends: the file's quotes are broken.`);
  }
}

/** Parses a whole string (a sample) into rows with the given format. */
export function parseText(text: string, format: TableFormat, ignoreLastRow: boolean): string[][] {
  const parser = new Papa.Parser({ delimiter: format.delimiter, newline: format.lineBreak, quoteChar: '"' });
  const result = parser.parse(text, 0, ignoreLastRow) as { data: string[][] };
  return result.data;
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
      newline: format.lineBreak,
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
      if (pending.length > MAX_PENDING_CHARS) throw new BrokenQuotesError(record + 1);
      // At the end of the file a quote still open means the rest of the file became one cell.
      const missingQuote = result.errors.find((e) => e.code === 'MissingQuotes');
      if (last && missingQuote)
        throw new BrokenQuotesError(record + (missingQuote.row ?? result.data.length - 1) + 1);
      const rows: RawRow[] = result.data.map((cells) => ({ record: ++record, cells }));
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
