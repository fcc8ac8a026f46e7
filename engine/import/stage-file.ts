import { createHash, randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StagedFile } from '../../shared/api/contract';
import type { FileKind } from '../../shared/domain/types';
import { bestKind, detectKinds, detectPreset, mappingFor } from '../../shared/import/detect-mapping';
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

/**
 * A file the user dropped, saved to the workspace's staging folder and inspected: format, header,
 * preview and detected kind. Importing reads it again from disk, in a stream.
 */
export interface StagedTable {
  info: StagedFile;
  path: string;
  format: TableFormat;
  /** Record number of the header row (1-based); data starts after it. */
  headerRecord: number;
  /** The sample's data rows, used to decide column conventions (date order, decimal comma). */
  sampleRows: string[][];
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
  const detections = detectKinds(headers);
  const best = forcedKind ? mappingFor(forcedKind, headers) : bestKind(detections);
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
    kindScores: detections.map((d) => ({ kind: d.kind, score: d.score })),
    preset: detectPreset(headers),
    mapping: best?.mapping ?? {},
    mappingSource: 'detected',
    missingRequired: best?.missingRequired ?? [],
    warnings,
  };
  return ok({ info, path, format, headerRecord: headerIndex + 1, sampleRows: dataRows.slice(0, 2000) });
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
  return inspectTable(path, fileName, stagedId, bytes.byteLength);
}
