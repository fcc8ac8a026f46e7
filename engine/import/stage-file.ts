import { createHash, randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  MAX_IMPORT_FILE_BYTES,
  type ColumnMapping,
  type StagedFile,
  type StageMap,
  type StageValue,
} from '../../shared/api/contract';
import type { FileKind } from '../../shared/domain/types';
import { detectPreset } from '../../shared/import/detect-mapping';
import { kindSpec, missingFields } from '../../shared/import/field-catalog';
import { columnDateOrder, dateOrderFinding } from '../../shared/import/parse-date';
import { stageChoice, stageKey, stageOverrides } from '../../shared/import/stages';
import { detectWithValues, type ValueGuesses } from '../../shared/import/value-mapping';
import type { Notice } from '../../shared/i18n/notice';
import { err, ok, type Result } from '../../shared/result';
import {
  detectFormat,
  findHeaderIndex,
  isBlankRow,
  looksLikeFooter,
  parseText,
  readSample,
  type TableFormat,
} from './read-table';
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

/** Distinct stage values listed for the user to check; a pipeline has a dozen. */
const MAX_STAGE_VALUES = 200;

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

/**
 * A deals file's distinct stage and status values with their counts in the sample and how they
 * will be read: the user's saved choice, else the defaults (shared/import/stages.ts).
 */
function stageValuesOf(
  table: Pick<StagedTable, 'info' | 'sampleRows'>,
  kind: FileKind | null,
  mapping: ColumnMapping,
  saved: StageMap,
): StageValue[] {
  if (kind !== 'deals') return [];
  const overrides = stageOverrides(saved);
  const byKey = new Map<string, StageValue>();
  for (const field of ['stage', 'status']) {
    for (const value of columnValues(table, mapping[field] ?? null) ?? []) {
      if (value === '') continue;
      const key = stageKey(value);
      const entry = byKey.get(key);
      if (entry) {
        entry.count++;
        continue;
      }
      if (byKey.size >= MAX_STAGE_VALUES) continue;
      const { status, funnel, known } = stageChoice(value, overrides);
      byKey.set(key, { value, count: 1, status, funnel, known });
    }
  }
  return [...byKey.values()].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
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
  const { guessedFromValues: _previous, ...info } = table.info;
  const guessed = guessedFields(table, kind, mapping, mappingSource);
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
  );
  // A kind only the values told is the best match the kind picker names.
  const kindScores = detections.map((d) => ({ kind: d.kind, score: d.score }));
  if (best?.kindFromValues) {
    kindScores.sort((a, b) => Number(b.kind === best.kind) - Number(a.kind === best.kind));
  }
  const valueGuesses =
    best && Object.keys(best.guessed).length > 0 ? { kind: best.kind, guesses: best.guessed } : undefined;
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
  return ok(withMapping(table, info.kind, info.mapping, 'detected'));
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export interface StageOptions {
  /** Where a workbook's sheet is written as CSV. */
  workDir: string;
  kind?: FileKind;
  /** A workbook's sheet; by default the first visible sheet with data. */
  sheet?: string;
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
    return inspectTable(sourcePath, fileName, stagedId, sizeBytes, options.kind);
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
  const inspected = await inspectTable(csvPath, fileName, stagedId, (await stat(csvPath)).size, options.kind);
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
): Promise<Result<StagedTable>> {
  const staged = await stageTable(path, fileName, stagedId, sizeBytes, { workDir: stagingDir });
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
): Promise<Result<StagedTable>> {
  const stagedId = randomUUID();
  const path = join(stagingDir, `${stagedId}.upload`);
  await writeFile(path, bytes);
  return stageSaved(stagingDir, path, fileName, stagedId, bytes.byteLength);
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
  return stageSaved(stagingDir, path, fileName, stagedId, size);
}
