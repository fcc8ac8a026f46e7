import { closeSync, openSync, writeSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { err, ok, type Result } from '../../../shared/result';
import {
  cleanText,
  columnIndex,
  columnName,
  csvField,
  isDateFormat,
  isoDateCell,
  plainNumber,
  serialToIso,
} from './cell-values';
import {
  DEFAULT_LIMITS,
  MAX_COLUMNS,
  MAX_METADATA_PART_BYTES,
  MAX_ROW_CHARS,
  MAX_SHARED_STRINGS_BYTES,
  XlsxError,
  formatBytes,
  type XlsxLimits,
} from './xlsx-limits';
import {
  attributeByLocalName,
  decodeEntities,
  decodeOoxmlEscapes,
  parseAttributes,
  XmlScanner,
  type XmlHandler,
} from './xml-scanner';
import {
  InflateBudget,
  ZipArchive,
  bytesSource,
  normalizePartName,
  openFileSource,
  type ByteSource,
  type EntrySink,
} from './zip-archive';

/**
 * Reads an .xlsx workbook that may be hostile and writes one of its sheets as a plain UTF-8 CSV,
 * which the CSV importer then reads unchanged (engine/import/stage-file.ts, run-import.ts).
 *
 * Two passes over the archive, both through its central directory (zip-archive.ts): first the
 * small parts the sheet needs to be understood (workbook, relationships, styles, shared strings),
 * then the chosen sheet, streamed and written row by row. Every byte inflated counts against the
 * limits in xlsx-limits.ts. Run it in a worker (convert-in-worker.ts) so that whatever slips past
 * the limits costs a worker, not the app.
 */

export interface XlsxConvertOptions {
  /** Sheet name; by default the first visible sheet that has data. */
  sheet?: string;
  maxRows?: number;
  maxUncompressedBytes?: number;
  maxEntryRatio?: number;
  /** The user's name for the file, used in messages; the input path's base name by default. */
  fileName?: string;
}

export type XlsxListOptions = Omit<XlsxConvertOptions, 'sheet' | 'maxRows'>;

export interface XlsxConversion {
  /** Every sheet's name, in workbook order. */
  sheets: string[];
  /** The sheet converted. */
  sheet: string;
  /** CSV records written, the header and any title rows included. */
  rows: number;
  /** Fields in the widest record written. */
  columns: number;
}

export interface XlsxSheetInfo {
  name: string;
  /** At least one cell with a value. */
  hasCells: boolean;
  /** Hidden or very hidden in Excel: usually lookup lists, not the table the user means. */
  hidden: boolean;
}

// ---------------------------------------------------------------------------------------------
// Public API

export async function listSheets(
  zipBytesOrPath: Uint8Array | string,
  options: XlsxListOptions = {},
): Promise<Result<XlsxSheetInfo[]>> {
  const label = labelFor(zipBytesOrPath, options.fileName);
  let source: ByteSource | null = null;
  try {
    source =
      typeof zipBytesOrPath === 'string' ? await openFileSource(zipBytesOrPath) : bytesSource(zipBytesOrPath);
    const book = await openWorkbook(source, label, limitsFrom(options));
    const out: XlsxSheetInfo[] = [];
    for (const sheet of book.sheets) {
      out.push({ name: sheet.name, hidden: sheet.hidden, hasCells: await sheetHasCells(book, sheet) });
    }
    return ok(out);
  } catch (e) {
    return failure(e, label);
  } finally {
    await source?.close();
  }
}

export async function convertSheetToCsv(
  inputPath: string,
  outputPath: string,
  options: XlsxConvertOptions = {},
): Promise<Result<XlsxConversion>> {
  const label = labelFor(inputPath, options.fileName);
  let source: ByteSource | null = null;
  let output: number | null = null;
  try {
    source = await openFileSource(inputPath);
    const limits = limitsFrom(options);
    const book = await openWorkbook(source, label, limits);
    const sheet = await chooseSheet(book, options.sheet);
    const sheetEntry = sheet.path === null ? undefined : book.zip.entry(sheet.path);
    if (!sheet.worksheet || sheetEntry === undefined) {
      throw new XlsxError(
        'not_a_table',
        'not_a_worksheet',
        `The sheet "${sheet.name}" in "${label}" is not a worksheet with cells (a chart or a missing part).`,
      );
    }
    const styles = await loadDateStyles(book);
    const sharedStrings = await loadSharedStrings(book);
    output = openSync(outputPath, 'w');
    const csv = new CsvWriter(output, limits.maxUncompressedBytes, label);
    const reader = new SheetReader(
      {
        sharedStrings,
        dateStyles: styles,
        date1904: book.date1904,
        maxRows: limits.maxRows,
        sheetName: sheet.name,
        label,
      },
      csv,
    );
    await scanEntry(book, sheetEntry.name, reader);
    if (!reader.complete) throw truncatedXml(label, sheetEntry.name);
    // Every part's checksum, the ones not read for this sheet too: a damaged file is refused
    // whole rather than imported from its intact parts (issue #13).
    await book.zip.verifyAll(book.budget);
    csv.finish();
    if (csv.records === 0) throw emptySheet(sheet.name, label);
    closeSync(output);
    output = null;
    return ok({
      sheets: book.sheets.map((s) => s.name),
      sheet: sheet.name,
      rows: csv.records,
      columns: csv.columns,
    });
  } catch (e) {
    if (output !== null) {
      closeSync(output);
      // Half a CSV must never be imported by mistake.
      await rm(outputPath, { force: true }).catch(() => undefined);
    }
    return failure(e, label);
  } finally {
    await source?.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Errors

function labelFor(input: Uint8Array | string, fileName: string | undefined): string {
  if (fileName !== undefined && fileName !== '') return fileName;
  return typeof input === 'string' ? basename(input) : 'workbook.xlsx';
}

function limitsFrom(options: XlsxConvertOptions): XlsxLimits {
  return {
    maxUncompressedBytes: options.maxUncompressedBytes ?? DEFAULT_LIMITS.maxUncompressedBytes,
    maxEntryRatio: options.maxEntryRatio ?? DEFAULT_LIMITS.maxEntryRatio,
    maxRows: options.maxRows ?? DEFAULT_LIMITS.maxRows,
  };
}

function failure<T>(e: unknown, label: string): Result<T> {
  if (e instanceof XlsxError) {
    const params: Record<string, string> = { file: label, reason: e.reason };
    if (e.what !== undefined) params.what = e.what;
    return err(e.code, e.message, params);
  }
  const code = typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    const detail = (e as Error).message;
    return err('io_error', `"${label}" could not be read: ${detail}`, { file: label, detail });
  }
  // V8's "Invalid string length" / "Array buffer allocation failed": something grew past what
  // this process can hold, which only a hostile or broken file makes happen.
  if (e instanceof RangeError) {
    return err('not_a_table', `The workbook is too large or malformed to read safely (${e.message}).`, {
      file: label,
      reason: 'too_large_total',
    });
  }
  const detail = e instanceof Error ? e.message : String(e);
  return err('internal', `Reading "${label}" failed: ${detail}`, { file: label, detail });
}

function emptySheet(sheet: string, label: string): XlsxError {
  return new XlsxError('empty_file', 'no_data', `The sheet "${sheet}" in "${label}" is empty.`);
}

function truncatedXml(label: string, part: string): XlsxError {
  return new XlsxError(
    'not_a_table',
    'truncated',
    `"${label}" is damaged: its part ${part} ends in the middle. Open it in Excel, save it again, and retry.`,
  );
}

// ---------------------------------------------------------------------------------------------
// Workbook structure

interface SheetRef {
  name: string;
  /** Zip part name, null when the relationship is missing. */
  path: string | null;
  hidden: boolean;
  /** A worksheet, as opposed to a chart sheet, dialog sheet or macro sheet. */
  worksheet: boolean;
}

interface Workbook {
  zip: ZipArchive;
  budget: InflateBudget;
  label: string;
  sheets: SheetRef[];
  date1904: boolean;
  sharedStringsPath: string | null;
  stylesPath: string | null;
}

/** Compound File Binary: what Excel wraps a password-protected workbook in, and the .xls format. */
const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

async function openWorkbook(source: ByteSource, label: string, limits: XlsxLimits): Promise<Workbook> {
  if (source.size === 0) throw new XlsxError('empty_file', 'no_data', `"${label}" is empty.`);
  const head = await source.read(0, CFB_SIGNATURE.length);
  if (CFB_SIGNATURE.every((b, i) => head[i] === b)) {
    throw new XlsxError(
      'binary_file',
      'encrypted_or_xls',
      `"${label}" is password-protected or in the old Excel 97-2003 (.xls) format. ` +
        'Remove the password, or save it as .xlsx or CSV, and try again.',
      'password-protected or legacy .xls workbook',
    );
  }
  const zip = await ZipArchive.open(source, label);
  const budget = new InflateBudget(limits, label);

  // The package's root relationships name the main part; xl/workbook.xml is the convention.
  const rootRels = await readRelationships(zip, budget, label, '_rels/.rels');
  const officeDocument = rootRels.find((r) => r.type.endsWith('/officeDocument'));
  const workbookPath = officeDocument?.target ?? 'xl/workbook.xml';
  const workbookEntry = zip.entry(workbookPath) ?? zip.entry('xl/workbook.xml');
  if (workbookEntry === undefined) {
    throw new XlsxError(
      'not_a_table',
      'no_workbook',
      `"${label}" is a zip archive but not an Excel workbook (it has no xl/workbook.xml).`,
    );
  }
  const workbookPart = normalizePartName(workbookEntry.name);
  const book: Workbook = {
    zip,
    budget,
    label,
    sheets: [],
    date1904: false,
    sharedStringsPath: null,
    stylesPath: null,
  };
  const declared: { name: string; rid: string | undefined; hidden: boolean }[] = [];
  await scanEntry(
    book,
    workbookPart,
    {
      open(name, raw) {
        if (name === 'workbookPr') {
          const v = parseAttributes(raw).get('date1904');
          book.date1904 = v === '1' || v === 'true';
        } else if (name === 'sheet') {
          const a = parseAttributes(raw);
          const state = a.get('state');
          declared.push({
            name: a.get('name') ?? '',
            rid: attributeByLocalName(a, 'id'),
            hidden: state === 'hidden' || state === 'veryHidden',
          });
        }
      },
      close() {},
      text() {},
    },
    MAX_METADATA_PART_BYTES,
  );
  const rels = await readRelationships(zip, budget, label, relsPathOf(workbookPart), workbookPart);
  const byId = new Map(rels.map((r) => [r.id, r]));
  book.sheets = declared.map((d, i) => {
    const rel = d.rid === undefined ? undefined : byId.get(d.rid);
    return {
      name: d.name === '' ? `Sheet${i + 1}` : d.name,
      path: rel?.target ?? null,
      hidden: d.hidden,
      worksheet: rel !== undefined && rel.type.endsWith('/worksheet'),
    };
  });
  book.sharedStringsPath =
    rels.find((r) => r.type.endsWith('/sharedStrings'))?.target ??
    (zip.entry('xl/sharedStrings.xml') ? 'xl/sharedStrings.xml' : null);
  book.stylesPath =
    rels.find((r) => r.type.endsWith('/styles'))?.target ??
    (zip.entry('xl/styles.xml') ? 'xl/styles.xml' : null);
  return book;
}

interface Relationship {
  id: string;
  type: string;
  /** Zip part name, resolved against the source part. */
  target: string;
}

async function readRelationships(
  zip: ZipArchive,
  budget: InflateBudget,
  label: string,
  relsPath: string,
  sourcePart = '',
): Promise<Relationship[]> {
  const entry = zip.entry(relsPath);
  if (entry === undefined) return [];
  const out: Relationship[] = [];
  await scanEntry(
    { zip, budget, label },
    entry.name,
    {
      open(name, raw) {
        if (name !== 'Relationship') return;
        const a = parseAttributes(raw);
        const target = a.get('Target');
        if (target === undefined || a.get('TargetMode') === 'External') return;
        out.push({
          id: a.get('Id') ?? '',
          type: a.get('Type') ?? '',
          target: resolveTarget(sourcePart, target),
        });
      },
      close() {},
      text() {},
    },
    MAX_METADATA_PART_BYTES,
  );
  return out;
}

/** `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A relationship target, relative to its source part's folder unless it starts with `/`. */
function resolveTarget(sourcePart: string, target: string): string {
  let t = target;
  try {
    t = decodeURIComponent(target);
  } catch {
    // Not percent-encoded after all: use it as written.
  }
  t = t.replace(/\\/g, '/');
  const base = t.startsWith('/') ? [] : sourcePart.split('/').slice(0, -1);
  for (const segment of t.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') base.pop();
    else base.push(segment);
  }
  return base.join('/');
}

async function chooseSheet(book: Workbook, wanted: string | undefined): Promise<SheetRef> {
  if (wanted !== undefined) {
    const exact = book.sheets.find((s) => s.name === wanted);
    const loose = book.sheets.find((s) => s.name.trim().toLowerCase() === wanted.trim().toLowerCase());
    const found = exact ?? loose;
    if (found) return found;
    throw new XlsxError(
      'not_a_table',
      'no_such_sheet',
      `"${book.label}" has no sheet named "${wanted}" (it has: ${book.sheets.map((s) => `"${s.name}"`).join(', ')}).`,
    );
  }
  // Hidden sheets usually hold lookup lists: the table the user means is a visible one.
  const ordered = [...book.sheets.filter((s) => !s.hidden), ...book.sheets.filter((s) => s.hidden)];
  for (const sheet of ordered) if (await sheetHasCells(book, sheet)) return sheet;
  throw new XlsxError('empty_file', 'no_data', `"${book.label}" has no sheet with any data.`);
}

/** Reads the sheet only up to its first cell with a value. */
async function sheetHasCells(book: Workbook, sheet: SheetRef): Promise<boolean> {
  if (!sheet.worksheet || sheet.path === null) return false;
  const entry = book.zip.entry(sheet.path);
  if (entry === undefined) return false;
  const probe = new CellProbe();
  // Stops at the first value: listing sheets need not unpack a whole sheet to check it.
  await scanEntry(book, entry.name, probe, undefined, false);
  return probe.found;
}

// ---------------------------------------------------------------------------------------------
// Streaming a part through the XML scanner

interface ScanHandler extends XmlHandler {
  scanner?: XmlScanner;
}

/**
 * Streams a part through the XML scanner. With `readAll` (the default) the part is unpacked to
 * its end even when the handler stops early, so its checksum is checked before anything read
 * from it is used.
 */
async function scanEntry(
  book: Pick<Workbook, 'zip' | 'budget' | 'label'>,
  part: string,
  handler: ScanHandler,
  partCap?: number,
  readAll = true,
): Promise<void> {
  const entry = book.zip.entry(part);
  if (entry === undefined) return;
  const scanner = new XmlScanner(handler, book.label);
  handler.scanner = scanner;
  const state: { decoder: TextDecoder | null } = { decoder: null };
  const sink: EntrySink = {
    data(chunk) {
      if (state.decoder === null) {
        // XML may be UTF-16 with a byte order mark; Excel writes UTF-8.
        const encoding =
          chunk[0] === 0xff && chunk[1] === 0xfe
            ? 'utf-16le'
            : chunk[0] === 0xfe && chunk[1] === 0xff
              ? 'utf-16be'
              : 'utf-8';
        state.decoder = new TextDecoder(encoding);
      }
      scanner.push(state.decoder.decode(chunk, { stream: true }));
      return !scanner.stopped;
    },
  };
  await book.zip.stream(entry, book.budget, sink, partCap, { readAll });
  if (state.decoder !== null && !scanner.stopped) scanner.push(state.decoder.decode());
  scanner.end();
}

// ---------------------------------------------------------------------------------------------
// Styles and shared strings

/** Per cell style index (`s`), whether its number format shows a date. */
async function loadDateStyles(book: Workbook): Promise<boolean[]> {
  if (book.stylesPath === null) return [];
  const customCodes = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  await scanEntry(
    book,
    book.stylesPath,
    {
      open(name, raw, selfClosing) {
        if (name === 'numFmt') {
          const a = parseAttributes(raw);
          const id = Number(a.get('numFmtId'));
          if (Number.isInteger(id)) customCodes.set(id, a.get('formatCode') ?? '');
        } else if (name === 'cellXfs') {
          inCellXfs = !selfClosing;
        } else if (name === 'xf' && inCellXfs) {
          // cellStyleXfs holds xf elements too; only cellXfs is what a cell's s="" indexes.
          xfFormats.push(Number(parseAttributes(raw).get('numFmtId') ?? 0));
        }
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false;
      },
      text() {},
    },
    MAX_METADATA_PART_BYTES,
  );
  return xfFormats.map((id) => isDateFormat(id, customCodes));
}

async function loadSharedStrings(book: Workbook): Promise<string[]> {
  if (book.sharedStringsPath === null) return [];
  const strings: string[] = [];
  let parts: string[] | null = null;
  let inText = false;
  let phoneticDepth = 0;
  let complete = false;
  await scanEntry(
    book,
    book.sharedStringsPath,
    {
      open(name, _raw, selfClosing) {
        if (name === 'sst' && selfClosing) complete = true;
        else if (name === 'si') parts = [];
        else if (name === 'rPh') phoneticDepth++;
        else if (name === 't') inText = phoneticDepth === 0;
      },
      close(name) {
        if (name === 'sst') complete = true;
        else if (name === 't') inText = false;
        else if (name === 'rPh') phoneticDepth--;
        else if (name === 'si' && parts !== null) {
          strings.push(detach(cleanText(decodeOoxmlEscapes(parts.join('')))));
          parts = null;
        }
      },
      text(raw, cdata) {
        // Text of runs (<r><t>) and the plain <t>; phonetic guides (<rPh>) are not the value.
        if (inText && parts !== null) parts.push(cdata ? raw : decodeEntities(raw));
      },
    },
    MAX_SHARED_STRINGS_BYTES,
  );
  // A part that ends before </sst> lost strings: cells naming them would read as empty (issue #13).
  if (book.zip.entry(book.sharedStringsPath) !== undefined && !complete)
    throw truncatedXml(book.label, book.sharedStringsPath);
  return strings;
}

/**
 * A flat copy of `s`. Text sliced from the scanner's buffer is a V8 "sliced string" that keeps the
 * whole chunk it came from alive; shared strings outlive their chunks, and a flat copy costs about
 * 50 bytes per short string against 75 for a slice (measured on a million customer names).
 */
function detach(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8');
}

// ---------------------------------------------------------------------------------------------
// The sheet

/** Finds the first cell with a value, then stops the scan. */
class CellProbe implements ScanHandler {
  scanner?: XmlScanner;
  found = false;
  private capturing = false;

  open(name: string): void {
    if (name === 'v' || name === 't') this.capturing = true;
  }

  close(name: string): void {
    if (name === 'v' || name === 't') this.capturing = false;
    else if (name === 'sheetData' && this.scanner) this.scanner.stopped = true;
  }

  text(raw: string): void {
    if (this.capturing && raw.length > 0 && this.scanner) {
      this.found = true;
      this.scanner.stopped = true;
    }
  }
}

interface SheetContext {
  sharedStrings: readonly string[];
  dateStyles: readonly boolean[];
  date1904: boolean;
  maxRows: number;
  sheetName: string;
  label: string;
}

/** Turns `<row>` elements into CSV rows for a CsvWriter. */
class SheetReader implements ScanHandler {
  scanner?: XmlScanner;
  /** `</sheetData>` was reached: the sheet was read to its end. */
  complete = false;
  private inSheetData = false;
  private rows = 0;
  private inRow = false;
  private rowHasCell = false;
  private rowChars = 0;
  private rowCells: [number, string][] = [];
  private nextColumn = 0;
  private inCell = false;
  private cellColumn = 0;
  private cellRef = '';
  private cellType = '';
  private cellStyle = 0;
  private cellText: string[] = [];
  private capture = false;
  private inInline = false;
  private phoneticDepth = 0;

  constructor(
    private readonly ctx: SheetContext,
    private readonly csv: CsvWriter,
  ) {}

  open(name: string, raw: string, selfClosing: boolean): void {
    switch (name) {
      case 'sheetData':
        this.inSheetData = true;
        if (selfClosing) this.complete = true;
        return;
      case 'row':
        if (!this.inSheetData) return;
        if (++this.rows > this.ctx.maxRows) {
          throw new XlsxError(
            'not_a_table',
            'too_many_rows',
            `The sheet "${this.ctx.sheetName}" in "${this.ctx.label}" has more than ` +
              `${this.ctx.maxRows.toLocaleString('en-US')} rows, the most the app reads from one sheet.`,
          );
        }
        this.inRow = true;
        this.rowHasCell = false;
        this.rowChars = 0;
        this.rowCells = [];
        this.nextColumn = 0;
        return;
      case 'c': {
        if (!this.inRow) return;
        const a = parseAttributes(raw);
        const ref = a.get('r');
        const column = ref === undefined ? this.nextColumn : columnIndex(ref);
        if (column >= MAX_COLUMNS) {
          throw new XlsxError(
            'not_a_table',
            'too_many_columns',
            `The sheet "${this.ctx.sheetName}" in "${this.ctx.label}" has a cell beyond column ` +
              `${columnName(MAX_COLUMNS - 1)} (${MAX_COLUMNS.toLocaleString('en-US')} columns), the most the app reads.`,
          );
        }
        this.inCell = true;
        this.rowHasCell = true;
        this.cellColumn = column < 0 ? this.nextColumn : column;
        this.cellRef = ref ?? `${columnName(this.cellColumn)}${this.rows}`;
        this.cellType = a.get('t') ?? 'n';
        this.cellStyle = Number(a.get('s') ?? 0) || 0;
        this.cellText = [];
        this.inInline = false;
        this.phoneticDepth = 0;
        return;
      }
      case 'v':
        if (this.inCell) this.capture = true;
        return;
      case 'is':
        if (this.inCell) this.inInline = true;
        return;
      case 'rPh':
        this.phoneticDepth++;
        return;
      case 't':
        if (this.inInline && this.phoneticDepth === 0) this.capture = true;
        return;
    }
  }

  close(name: string): void {
    switch (name) {
      case 'v':
      case 't':
        this.capture = false;
        return;
      case 'rPh':
        this.phoneticDepth--;
        return;
      case 'is':
        this.inInline = false;
        return;
      case 'c':
        if (this.inCell) this.finishCell();
        return;
      case 'row':
        if (this.inRow) this.finishRow();
        return;
      case 'sheetData':
        // Merge ranges, print settings and the rest come after: nothing more to read.
        this.complete = true;
        if (this.scanner) this.scanner.stopped = true;
        return;
    }
  }

  text(raw: string, cdata: boolean): void {
    if (this.capture) this.cellText.push(cdata ? raw : decodeEntities(raw));
  }

  private finishCell(): void {
    this.inCell = false;
    this.capture = false;
    const value = this.cellValue(this.cellText.join(''));
    this.nextColumn = this.cellColumn + 1;
    if (value === '') return;
    this.rowChars += value.length;
    if (this.rowChars > MAX_ROW_CHARS) {
      throw new XlsxError(
        'not_a_table',
        'too_large_row',
        `The sheet "${this.ctx.sheetName}" in "${this.ctx.label}" has a row longer than ` +
          `${MAX_ROW_CHARS.toLocaleString('en-US')} characters; the app does not read it.`,
      );
    }
    this.rowCells.push([this.cellColumn, value]);
  }

  private cellValue(text: string): string {
    switch (this.cellType) {
      case 's': {
        const t = text.trim();
        // No value: an empty cell (Number('') would be 0, the first string).
        if (t === '') return '';
        const value = /^\d{1,10}$/.test(t) ? this.ctx.sharedStrings[Number(t)] : undefined;
        // An index that names no string means the workbook is damaged: refused, never read as
        // an empty cell, which once made a whole header vanish (issue #13).
        if (value === undefined) {
          throw new XlsxError(
            'not_a_table',
            'corrupt',
            `"${this.ctx.label}" is damaged: cell ${this.cellRef} of the sheet "${this.ctx.sheetName}" names ` +
              `shared string ${JSON.stringify(t.slice(0, 20))}, but the workbook has ${this.ctx.sharedStrings.length.toLocaleString('en-US')} ` +
              'shared strings. Open it in Excel, save it again, and retry.',
          );
        }
        return value;
      }
      case 'inlineStr':
      case 'str':
        return cleanText(decodeOoxmlEscapes(text));
      case 'b':
        return text.trim() === '1' || text.trim().toLowerCase() === 'true' ? 'TRUE' : 'FALSE';
      // #N/A, #DIV/0! and the like: a formula that failed has no value.
      case 'e':
        return '';
      case 'd':
        return isoDateCell(text);
      default: {
        const t = text.trim();
        if (t === '') return '';
        if (this.ctx.dateStyles[this.cellStyle] === true) {
          const iso = serialToIso(Number(t), this.ctx.date1904);
          if (iso !== null) return iso;
        }
        return plainNumber(t);
      }
    }
  }

  private finishRow(): void {
    this.inRow = false;
    // A <row> element without any cell carries only formatting (a height): not a row of the table.
    if (!this.rowHasCell) return;
    let width = 0;
    for (const [column] of this.rowCells) if (column + 1 > width) width = column + 1;
    const values = new Array<string>(width).fill('');
    for (const [column, value] of this.rowCells) values[column] = value;
    this.csv.addRow(values);
  }
}

/** Rows looked at before the CSV's width is fixed. */
const WIDTH_LOOKAHEAD_ROWS = 100;
const WIDTH_LOOKAHEAD_CHARS = 4 * 1024 * 1024;
const FLUSH_CHARS = 1024 * 1024;

/**
 * Writes rows as CSV. Every record gets the same number of fields (the widest of the first rows),
 * because the importer picks the delimiter by how consistently each line splits; empty columns
 * to the right of all of them are dropped, and a later, wider row keeps all its cells. Blank rows
 * are kept between data rows (the importer skips them) but not before the first or after the last.
 *
 * Writes are synchronous: the rows come out of synchronous parser callbacks, and flushing right
 * there is what keeps memory flat whatever one inflated chunk expands to. The reader runs in a
 * worker, where blocking on the disk for a megabyte blocks nobody.
 */
class CsvWriter {
  records = 0;
  columns = 0;
  private width = 0;
  private lookahead: string[][] | null = [];
  private lookaheadChars = 0;
  private blankRows = 0;
  private pending: string[] = [];
  private pendingChars = 0;
  private writtenBytes = 0;

  constructor(
    private readonly fd: number,
    private readonly maxBytes: number,
    private readonly label: string,
  ) {}

  addRow(values: string[]): void {
    if (values.length === 0) {
      if (this.records > 0 || (this.lookahead !== null && this.lookahead.length > 0)) this.blankRows++;
      return;
    }
    for (; this.blankRows > 0; this.blankRows--) this.push([]);
    this.push(values);
  }

  /** Trailing blank rows are dropped; whatever is buffered is written. */
  finish(): void {
    this.blankRows = 0;
    this.decideWidth();
    this.flush();
  }

  private push(values: string[]): void {
    if (this.lookahead === null) {
      this.write(values);
      return;
    }
    this.lookahead.push(values);
    for (const v of values) this.lookaheadChars += v.length + 1;
    if (this.lookahead.length >= WIDTH_LOOKAHEAD_ROWS || this.lookaheadChars >= WIDTH_LOOKAHEAD_CHARS) {
      this.decideWidth();
    }
  }

  private decideWidth(): void {
    if (this.lookahead === null) return;
    const rows = this.lookahead;
    this.lookahead = null;
    for (const r of rows) if (r.length > this.width) this.width = r.length;
    for (const r of rows) this.write(r);
  }

  private write(values: string[]): void {
    const n = Math.max(this.width, values.length);
    let line = '';
    for (let i = 0; i < n; i++) {
      if (i > 0) line += ',';
      const v = values[i];
      if (v !== undefined && v !== '') line += csvField(v);
    }
    line += '\n';
    this.pending.push(line);
    this.pendingChars += line.length;
    this.records++;
    if (n > this.columns) this.columns = n;
    if (this.pendingChars >= FLUSH_CHARS) this.flush();
  }

  private flush(): void {
    if (this.pendingChars === 0) return;
    const bytes = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.pendingChars = 0;
    this.writtenBytes += bytes.length;
    if (this.writtenBytes > this.maxBytes) {
      // Padding rows to a hostile width (a lone cell in column XFD) is the only way a sheet's CSV
      // outgrows its XML; the cap that bounds reading bounds writing too.
      throw new XlsxError(
        'not_a_table',
        'too_large_output',
        `Converting "${this.label}" would write more than ${formatBytes(this.maxBytes)} of text, ` +
          'the most the app reads from one workbook.',
      );
    }
    for (let offset = 0; offset < bytes.length;) offset += writeSync(this.fd, bytes, offset);
  }
}
