import { createHash, randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, open, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  MAX_IMPORT_FILE_BYTES,
  type ColumnMapping,
  type StagedFile,
  type StageMap,
  type StageValue,
} from '../../shared/api/contract';
import type { FileKind } from '../../shared/domain/types';
import { detectPreset, type KindDetection } from '../../shared/import/detect-mapping';
import { doubtfulFields } from '../../shared/import/doubtful-fields';
import { currencyNeeded, fileCurrency } from '../../shared/import/file-currency';
import { kindSpec, missingFields } from '../../shared/import/field-catalog';
import { columnDateOrder, dateOrderFinding } from '../../shared/import/parse-date';
import { stageChoice, stageKey, stageOverrides } from '../../shared/import/stages';
import { detectWithValues, type KnownPeople, type ValueGuesses } from '../../shared/import/value-mapping';
import type { Notice } from '../../shared/i18n/notice';
import { err, ok, type Result } from '../../shared/result';
import {
  detectFormat,
  findHeaderIndex,
  isBlankRow,
  looksLikeFooter,
  parseText,
  MAX_PENDING_CHARS,
  readSample,
  streamRows,
  type TableFormat,
} from './read-table';
import { decodeRecord } from './activities/byte-cells';
import { Utf8Tokenizer } from './activities/utf8-records';
import { checkSourceFile, fileTooLarge } from './source-file';
import { convertXlsxInWorker } from './xlsx/convert-in-worker';

/**
 * A file the user dropped, saved to the workspace's staging folder and inspected: format, header,
 * preview and detected kind. Importing reads it again from disk, in a stream.
 */
export interface StagedTable {
  info: StagedFile;
  /** The text table the import streams: the file itself, or the CSV of the chosen sheet of a workbook. */
  path: string;
  /** The file as the user gave it; its checksum identifies the import. */
  sourcePath: string;
  format: TableFormat;
  /** Record number of the header row (1-based); data starts after it. */
  headerRecord: number;
  /** The sample's data rows, used to decide column conventions (date order, decimal comma). */
  sampleRows: string[][];
  /** Stage choices the user saved with the mapping for these headers ({} when none). */
  stageMap: StageMap;
  /**
   * The columns staging guessed from their values for `kind` (shared/import/value-mapping.ts).
   * They are shown as guesses while the mapping still uses them; importing confirms them.
   */
  valueGuesses?: { kind: FileKind; guesses: ValueGuesses };
  /**
   * Distinct values (trimmed, non-empty) with their count over the whole file, by column index,
   * for the columns mapped to the stage or status (countColumnValues); null for a column of more
   * than MAX_COUNTED_VALUES distinct values. The stage table must show every value.
   */
  valueCounts?: Map<number, Map<string, number> | null>;
  /** The workspace's currency when the file was staged (engine/workspace/currency-store.ts). */
  workspaceCurrency?: string | null;
}

const PREVIEW_ROWS = 12;

/** Headers must be unique and non-empty to be mapped: `Amount`, `Amount (2)`, `Column 7`. */
export function uniqueHeaders(raw: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((h, i) => {
    const base = h.replace(/^\uFEFF/, '').trim() || `Column ${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

/** The sample's trailing footer lines are not data: keep them out of the preview. */
function withoutFooter(rows: string[][], width: number, truncated: boolean): string[][] {
  if (truncated) return rows;
  let end = rows.length;
  while (end > 0 && looksLikeFooter(rows[end - 1] as string[], width)) end--;
  return end === 0 ? rows : rows.slice(0, end);
}

/** Distinct stage values listed for the user to check, per column; a pipeline has a dozen. */
const MAX_STAGE_VALUES = 200;

/**
 * Distinct values counted per column in the full pass. A column with more is no stage or status
 * column anyone could check by hand (names, amounts, ids): its count is dropped to bound memory,
 * and if it is mapped as a stage anyway, its sample is listed as before.
 */
const MAX_COUNTED_VALUES = 1000;

/**
 * Counts the distinct values of some columns over the whole file in one streamed pass (issue #12:
 * a stage table built from the sample missed values and showed sample counts). Blank rows and
 * footer lines after the last data row are left out, as the import leaves them out.
 */
export async function countColumnValues(
  table: Pick<StagedTable, 'path' | 'format' | 'headerRecord' | 'info'>,
  columns: readonly number[],
): Promise<Map<number, Map<string, number> | null>> {
  const width = table.info.headers.length;
  const counts = new Map<number, Map<string, number> | null>(columns.map((c) => [c, new Map()]));
  const count = (i: number, raw: string): void => {
    const column = counts.get(i);
    if (!column) return;
    const value = raw.trim();
    if (value === '') return;
    const n = column.get(value);
    if (n !== undefined) column.set(value, n + 1);
    else if (column.size >= MAX_COUNTED_VALUES) counts.set(i, null);
    else column.set(value, 1);
  };
  // Footer-like lines count only once a data row follows them (a footer ends the file).
  let pending: string[][] = [];
  const flush = (): void => {
    for (const held of pending) for (const i of columns) count(i, held[i] ?? '');
    pending = [];
  };
  const row = (cells: readonly string[]): void => {
    if (isBlankRow(cells)) return;
    if (looksLikeFooter(cells, width)) {
      pending.push([...cells]);
      return;
    }
    flush();
    for (const i of columns) count(i, cells[i] ?? '');
  };
  const utf8 = table.format.encoding === 'utf-8' && table.format.lineBreak !== '\r';
  const from = utf8 ? await countUtf8(table, columns, row, count, flush) : undefined;
  if (from === null) return counts;
  for await (const batch of streamRows(table.path, table.format, from ? { from } : {})) {
    for (const { record, cells } of batch) if (record > table.headerRecord) row(cells);
  }
  return counts;
}

/**
 * The UTF-8 part of countColumnValues, from the file's bytes (Utf8Tokenizer): only the counted
 * cells become strings, so counting a large export costs little memory beyond its buffer (text
 * for every cell made the staging of a 100 MB export grow the app by a third of its size). A
 * record with fewer than three filled cells (maybe blank or a footer) is decoded whole. Returns
 * where papaparse takes over (a record the tokenizer is not sure of), or null at the end.
 */
async function countUtf8(
  table: Pick<StagedTable, 'path' | 'format' | 'headerRecord'>,
  columns: readonly number[],
  row: (cells: readonly string[]) => void,
  count: (column: number, raw: string) => void,
  dataRow: () => void,
): Promise<{ position: number; recordsBefore: number } | null> {
  const chunk = 256 * 1024;
  const tokenizer = new Utf8Tokenizer(table.format.delimiter, table.format.lineBreak);
  const handle = await open(table.path, 'r');
  try {
    const { size } = await handle.stat();
    let buffer = Buffer.allocUnsafe(2 * chunk);
    let base = 0;
    let filled = 0;
    let from = table.format.bomLength;
    let recordsBefore = 0;
    for (;;) {
      if (filled + chunk > buffer.length) {
        const bigger = Buffer.allocUnsafe(2 * (filled + chunk));
        buffer.copy(bigger, 0, 0, filled);
        buffer = bigger;
      }
      const { bytesRead } = await handle.read(buffer, filled, chunk, base + filled);
      filled += bytesRead;
      const final = bytesRead === 0 || base + filled >= size;
      const result = tokenizer.tokenize(buffer, from, filled, final);
      const records = tokenizer.records;
      for (let r = 0; r < records.count; r++) {
        if (recordsBefore + r + 1 <= table.headerRecord) continue;
        const first = records.cellOf[r] as number;
        const last = records.cellOf[r + 1] as number;
        let filledCells = 0;
        for (let c = first; c < last && filledCells < 3; c++)
          if ((records.end[c] as number) > (records.start[c] as number)) filledCells++;
        if (filledCells < 3) {
          row(decodeRecord(buffer, records, r));
          continue;
        }
        // Three filled cells: neither blank nor a footer, so footer-like lines before it are data.
        dataRow();
        for (const i of columns) {
          const c = first + i;
          if (c >= last) continue;
          const value = buffer.toString('utf8', records.start[c], records.end[c]);
          count(i, records.escaped[c] === 1 ? value.replaceAll('""', '"') : value);
        }
      }
      recordsBefore += records.count;
      if (result.unsure || (final && result.consumed < filled))
        return { position: base + result.consumed, recordsBefore };
      if (final) return null;
      buffer.copy(buffer, 0, result.consumed, filled);
      base += result.consumed;
      filled -= result.consumed;
      from = 0;
      // A record this long is streamRows' to refuse, with the reason (as in the import).
      if (filled > MAX_PENDING_CHARS) return { position: base, recordsBefore };
    }
  } finally {
    await handle.close();
  }
}

/**
 * The table with the whole-file counts of its stage and status columns, when it is read as deals
 * and they are not counted yet: at staging, and again only for a column the user maps later.
 */
export async function withValueCounts(table: StagedTable): Promise<StagedTable> {
  if (table.info.kind !== 'deals') return table;
  const wanted = (['stage', 'status'] as const)
    .map((f) => table.info.mapping[f] ?? null)
    .filter((h): h is string => h !== null)
    .map((h) => table.info.headers.indexOf(h))
    .filter((i) => i >= 0 && !table.valueCounts?.has(i));
  if (wanted.length === 0) return table;
  let counted: Map<number, Map<string, number> | null>;
  try {
    counted = await countColumnValues(table, [...new Set(wanted)]);
  } catch {
    // A file the full pass cannot read (broken quotes) is refused by the import with its row
    // number; until then the sample's counts are all there is.
    return table;
  }
  const valueCounts = new Map([...(table.valueCounts ?? []), ...counted]);
  return withMapping({ ...table, valueCounts }, table.info.kind, table.info.mapping);
}

function columnValues(
  table: Pick<StagedTable, 'info' | 'sampleRows'>,
  header: string | null,
): string[] | null {
  if (header === null) return null;
  const index = table.info.headers.indexOf(header);
  return index < 0 ? null : table.sampleRows.map((r) => (r[index] ?? '').trim());
}

/** The day/month order the mapped date columns prove, and those that need the user's answer. */
function dateOrderOf(
  table: Pick<StagedTable, 'info' | 'sampleRows'>,
  kind: FileKind | null,
  mapping: ColumnMapping,
): StagedFile['dateOrder'] {
  if (kind === null) return { decided: null, ambiguousColumns: [] };
  const columns = kindSpec(kind)
    .fields.filter((f) => f.valueType === 'date' && mapping[f.id])
    .map((f) => {
      const header = mapping[f.id] as string;
      const values = columnValues(table, header);
      return { header, order: values ? columnDateOrder(values) : null };
    });
  return dateOrderFinding(columns);
}

/** A column's distinct values with their counts: over the whole file when counted, else the sample's. */
function valueCountsOf(
  table: Pick<StagedTable, 'info' | 'sampleRows' | 'valueCounts'>,
  header: string,
): Iterable<[string, number]> {
  const index = table.info.headers.indexOf(header);
  const full = index < 0 ? undefined : table.valueCounts?.get(index);
  if (full) return full;
  const sample = new Map<string, number>();
  for (const value of columnValues(table, header) ?? []) {
    if (value !== '') sample.set(value, (sample.get(value) ?? 0) + 1);
  }
  return sample;
}

/**
 * A deals file's distinct stage values, then its status values, each with its count and how it
 * will be read: the user's saved choice, else the defaults (shared/import/stages.ts). Each
 * column is listed on its own: a status "Won" and a stage "Won" are two rows of two columns.
 */
function stageValuesOf(
  table: Pick<StagedTable, 'info' | 'sampleRows' | 'valueCounts'>,
  kind: FileKind | null,
  mapping: ColumnMapping,
  saved: StageMap,
): StageValue[] {
  if (kind !== 'deals') return [];
  const overrides = stageOverrides(saved);
  const listed: StageValue[] = [];
  for (const field of ['stage', 'status'] as const) {
    const column = mapping[field] ?? null;
    // The same column mapped twice is listed once.
    if (column === null || (field === 'status' && column === mapping.stage)) continue;
    const byKey = new Map<string, StageValue>();
    for (const [value, count] of valueCountsOf(table, column)) {
      const key = stageKey(value);
      const entry = byKey.get(key);
      if (entry) {
        entry.count += count;
        continue;
      }
      const { status, funnel, known } = stageChoice(value, overrides);
      byKey.set(key, { field, column, value, count, status, funnel, known });
    }
    const values = [...byKey.values()].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    listed.push(...values.slice(0, MAX_STAGE_VALUES));
  }
  return listed;
}

/**
 * The kind a file whose kind could not be told comes closest to: the one with the most of its
 * telling (signature) columns recognised (at least two), then the most columns, and the required
 * fields it lacks. None when fewer were recognised or two kinds are as close.
 */
export function closestKind(detections: readonly KindDetection[]): StagedFile['closestKind'] {
  const closeness = detections
    .filter((d) => d.missingRequired.length > 0)
    .map((d) => {
      const mapped = Object.keys(d.mapping).filter((id) => d.mapping[id]);
      const telling = kindSpec(d.kind).signature.filter((id) => d.mapping[id]).length;
      return { d, telling, mapped: mapped.length };
    })
    // One telling column ("Region" of a territory list) is no evidence of what a file is.
    .filter((c) => c.telling >= 2)
    .sort((a, b) => b.telling - a.telling || b.mapped - a.mapped);
  const [first, second] = closeness;
  if (!first || (second && second.telling === first.telling && second.mapped === first.mapped))
    return undefined;
  return { kind: first.d.kind, missing: first.d.missingRequired };
}

/**
 * The fields of `mapping` that still use the column staging guessed from values, in catalog
 * order. A saved mapping was confirmed by the user, so nothing in it is a guess any more.
 */
function guessedFields(
  table: Pick<StagedTable, 'valueGuesses'>,
  kind: FileKind | null,
  mapping: ColumnMapping,
  mappingSource: StagedFile['mappingSource'],
): string[] {
  const guesses = table.valueGuesses;
  if (kind === null || mappingSource === 'saved' || guesses?.kind !== kind) return [];
  return kindSpec(kind)
    .fields.map((f) => f.id)
    .filter((id) => guesses.guesses[id] !== undefined && mapping[id] === guesses.guesses[id]);
}

/**
 * The staged file seen through a kind and mapping: what is missing, which date columns need an
 * answer, and the stage values to check. Recomputed whenever the user edits the mapping.
 */
export function withMapping(
  table: StagedTable,
  kind: FileKind | null,
  mapping: ColumnMapping,
  mappingSource: StagedFile['mappingSource'] = table.info.mappingSource,
): StagedTable {
  const { guessedFromValues: _previous, doubtful: _doubts, ...info } = table.info;
  const currency = fileCurrency(
    kind,
    table.info.headers,
    table.sampleRows,
    mapping,
    table.workspaceCurrency ?? null,
  );
  const guessed = guessedFields(table, kind, mapping, mappingSource);
  const doubtful = kind
    ? doubtfulFields(
        kind,
        kindSpec(kind).fields.map((f) => f.id),
        table.info.headers,
        table.sampleRows,
        mapping,
      )
    : [];
  return {
    ...table,
    info: {
      ...info,
      kind,
      mapping,
      mappingSource,
      missingRequired: kind ? missingFields(kindSpec(kind), mapping) : [],
      dateOrder: dateOrderOf(table, kind, mapping),
      stages: stageValuesOf(table, kind, mapping, table.stageMap),
      ...(guessed.length > 0 ? { guessedFromValues: guessed } : {}),
      ...(doubtful.length > 0 ? { doubtful } : {}),
      currency,
      currencyNeeded: currencyNeeded(kind, mapping, currency),
    },
  };
}

export function headerSignature(headers: readonly string[]): string {
  return createHash('sha1').update(headers.join('\u0001')).digest('hex');
}

export async function inspectTable(
  path: string,
  fileName: string,
  stagedId: string,
  sizeBytes: number,
  forcedKind?: FileKind,
  /** The workspace's reps, whose names tell an owner column whatever its header. */
  knownPeople?: KnownPeople,
): Promise<Result<StagedTable>> {
  const sample = await readSample(path);
  const detected = detectFormat(sample, sample.length < sizeBytes);
  if (!detected.ok) {
    if (detected.reason === 'empty') return err('empty_file', `"${fileName}" is empty.`, { file: fileName });
    if (detected.reason === 'binary') {
      const what = detected.what ?? 'binary data';
      return err('binary_file', `"${fileName}" looks like a binary file (${what}), not a CSV export.`, {
        file: fileName,
        what,
      });
    }
    return err('not_a_table', `"${fileName}" is not a table the app can read.`, { file: fileName });
  }
  const { format, sampleText } = detected;
  const truncated = sample.length < sizeBytes;
  const rows = parseText(sampleText, format, truncated);
  const headerIndex = findHeaderIndex(rows.slice(0, 40));
  const headerRow = rows[headerIndex];
  if (!headerRow || headerRow.filter((c) => c.trim() !== '').length < 2) {
    return err('not_a_table', `"${fileName}" is not a table the app can read.`, { file: fileName });
  }
  const headers = uniqueHeaders(headerRow);
  const dataRows = rows.slice(headerIndex + 1).filter((r) => !isBlankRow(r));
  if (dataRows.length === 0) {
    return err('header_only', `"${fileName}" has a header row but no data rows.`, { file: fileName });
  }
  const sampleRows = dataRows.slice(0, 2000);
  // Headers first; then the values of the columns no header claimed (never a footer line).
  const { detections, best } = detectWithValues(
    headers,
    withoutFooter(sampleRows, headers.length, truncated),
    forcedKind,
    knownPeople,
  );
  // A kind only the values told is the best match the kind picker names.
  const kindScores = detections.map((d) => ({ kind: d.kind, score: d.score }));
  if (best?.kindFromValues) {
    kindScores.sort((a, b) => Number(b.kind === best.kind) - Number(a.kind === best.kind));
  }
  const valueGuesses =
    best && Object.keys(best.guessed).length > 0 ? { kind: best.kind, guesses: best.guessed } : undefined;
  const closest = best ? undefined : closestKind(detections);
  const warnings: Notice[] = [];
  if (headerIndex > 0) warnings.push({ code: 'title_rows_skipped', params: { count: headerIndex } });
  const info: StagedFile = {
    stagedId,
    fileName,
    sizeBytes,
    encoding: format.encoding,
    delimiter: format.delimiter,
    headers,
    headerLine: headerIndex + 1,
    previewRows: withoutFooter(dataRows, headers.length, truncated).slice(0, PREVIEW_ROWS),
    kind: best?.kind ?? null,
    kindScores,
    preset: detectPreset(headers),
    mapping: best?.mapping ?? {},
    mappingSource: 'detected',
    missingRequired: best?.missingRequired ?? [],
    ...(closest ? { closestKind: closest } : {}),
    warnings,
    sheets: [],
    sheet: null,
    dateOrder: { decided: null, ambiguousColumns: [] },
    savedDateOrder: null,
    stages: [],
  };
  const table: StagedTable = {
    info,
    path,
    sourcePath: path,
    format,
    headerRecord: headerIndex + 1,
    sampleRows,
    stageMap: {},
    ...(valueGuesses ? { valueGuesses } : {}),
  };
  return ok(await withValueCounts(withMapping(table, info.kind, info.mapping, 'detected')));
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export interface StageOptions {
  /** Where a workbook's sheet is written as CSV. */
  workDir: string;
  kind?: FileKind;
  /** A workbook's sheet; by default the first visible sheet with data. */
  sheet?: string;
  /** The workspace's reps (engine/import/known-people.ts). */
  knownPeople?: KnownPeople;
}

/**
 * Stages any supported file: a delimited text export directly, an Excel workbook (recognised by
 * its bytes, not its name) by converting the chosen sheet to CSV in a memory-capped worker, so a
 * zip bomb costs that worker and never the app.
 */
export async function stageTable(
  sourcePath: string,
  fileName: string,
  stagedId: string,
  sizeBytes: number,
  options: StageOptions,
): Promise<Result<StagedTable>> {
  const head = await readSample(sourcePath, ZIP_MAGIC.length);
  if (!ZIP_MAGIC.every((b, i) => head[i] === b))
    return inspectTable(sourcePath, fileName, stagedId, sizeBytes, options.kind, options.knownPeople);
  const csvPath = join(options.workDir, `${stagedId}.sheet.csv`);
  const conversion = await convertXlsxInWorker(sourcePath, csvPath, {
    fileName,
    ...(options.sheet ? { sheet: options.sheet } : {}),
  });
  if (!conversion.ok) {
    const { error } = conversion;
    // The reader's English message is precise ("compression ratio above 200:1"); the code tells
    // the UI this is a workbook problem, not a CSV one.
    return error.code === 'not_a_table'
      ? err('workbook_unreadable', error.message, {
          file: fileName,
          reason: String(error.params?.reason ?? ''),
        })
      : conversion;
  }
  const inspected = await inspectTable(
    csvPath,
    fileName,
    stagedId,
    (await stat(csvPath)).size,
    options.kind,
    options.knownPeople,
  );
  if (!inspected.ok) return inspected;
  const { sheets, sheet } = conversion.value;
  return ok({
    ...inspected.value,
    sourcePath,
    info: { ...inspected.value.info, sizeBytes, encoding: 'xlsx', sheets, sheet },
  });
}

/**
 * Inspects a file just saved as `<stagedId>.upload` in the staging folder. A file that cannot be
 * staged is removed at once (with a workbook's sheet CSV): a refused 2 GB upload must not hold
 * the disk until the app quits.
 */
async function stageSaved(
  stagingDir: string,
  path: string,
  fileName: string,
  stagedId: string,
  sizeBytes: number,
  knownPeople?: KnownPeople,
): Promise<Result<StagedTable>> {
  const staged = await stageTable(path, fileName, stagedId, sizeBytes, {
    workDir: stagingDir,
    ...(knownPeople ? { knownPeople } : {}),
  });
  if (!staged.ok) await removeStaged(stagingDir, stagedId);
  return staged;
}

/** Deletes what staging wrote for a file: its copy and a workbook sheet's CSV. */
export async function removeStaged(stagingDir: string, stagedId: string): Promise<void> {
  await rm(join(stagingDir, `${stagedId}.upload`), { force: true });
  await rm(join(stagingDir, `${stagedId}.sheet.csv`), { force: true });
}

/** Saves uploaded bytes into the staging folder and inspects them. */
export async function stageBytes(
  stagingDir: string,
  fileName: string,
  bytes: Uint8Array,
  knownPeople?: KnownPeople,
): Promise<Result<StagedTable>> {
  const stagedId = randomUUID();
  const path = join(stagingDir, `${stagedId}.upload`);
  await writeFile(path, bytes);
  return stageSaved(stagingDir, path, fileName, stagedId, bytes.byteLength, knownPeople);
}

/**
 * Copies a file from its path into the staging folder and inspects the copy. `copyFile` copies in
 * the operating system (or clones the file on a copy-on-write file system), so the file never
 * passes through this process's memory, whatever its size. A copy rather than the file itself:
 * what the user previewed is what is imported, even if the export is rewritten, moved or its
 * drive unplugged before the import runs.
 */
export async function stagePath(
  stagingDir: string,
  sourcePath: string,
  fileName: string,
  maxBytes = MAX_IMPORT_FILE_BYTES,
  knownPeople?: KnownPeople,
): Promise<Result<StagedTable>> {
  const checked = await checkSourceFile(sourcePath, fileName, maxBytes);
  if (!checked.ok) return checked;
  const stagedId = randomUUID();
  const path = join(stagingDir, `${stagedId}.upload`);
  try {
    await copyFile(sourcePath, path, constants.COPYFILE_FICLONE);
  } catch (e) {
    await removeStaged(stagingDir, stagedId);
    const detail = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    return err('io_error', `"${fileName}" could not be copied for import: ${detail}`, {
      file: fileName,
      detail,
    });
  }
  // The size of what was copied: the file may have grown since it was checked.
  const { size } = await stat(path);
  if (size > maxBytes) {
    await removeStaged(stagingDir, stagedId);
    return fileTooLarge(fileName, maxBytes);
  }
  return stageSaved(stagingDir, path, fileName, stagedId, size, knownPeople);
}
