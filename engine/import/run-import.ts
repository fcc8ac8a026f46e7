import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type {
  ColumnMapping,
  DayMonthOrder,
  ImportSummary,
  RejectedRowInfo,
  StageMap,
} from '../../shared/api/contract';
import type { ActivityType, FileKind } from '../../shared/domain/types';
import { joinNameParts, kindSpec, missingFields, normalizeHeader } from '../../shared/import/field-catalog';
import { columnDateOrder, dateOrderFinding } from '../../shared/import/parse-date';
import { detectDecimalStyle } from '../../shared/import/parse-number';
import { stageOverrides, type StageOverrides } from '../../shared/import/stages';
import type { Notice } from '../../shared/i18n/notice';
import { err, ok, type Result } from '../../shared/result';
import type { SqliteHandle } from '../db/open-database';
import { BrokenQuotesError, CancelledError, isBlankRow, looksLikeFooter, streamRows } from './read-table';
import { saveMapping } from './saved-mappings';
import type { StagedTable } from './stage-file';
import { AccountsWriter } from './writers/accounts-writer';
import { ActivitiesWriter } from './writers/activities-writer';
import { DealsWriter } from './writers/deals-writer';
import type { ColumnConventions } from './writers/parse-context';
import { QuotasWriter } from './writers/quotas-writer';
import { RepsWriter } from './writers/reps-writer';
import type { RowWriter } from './writers/row-writer';

export interface ImportProgress {
  phase: 'reading' | 'committing' | 'done';
  fraction: number;
  rowsRead: number;
}

export interface ImportRequest {
  staged: StagedTable;
  kind: FileKind;
  mapping: ColumnMapping;
  /** ISO timestamp of the import, passed in so the engine has no hidden clock. */
  now: string;
  onProgress?: (p: ImportProgress) => void;
  isCancelled?: () => boolean;
  /**
   * The user's answer for date columns whose values fit both orders. Without it such columns
   * take the order another column proves, else month-first, and the summary says so.
   */
  dateOrder?: DayMonthOrder;
  /** The user's stage choices, over those saved with the mapping and the defaults. */
  stageMap?: StageMap;
}

const REJECTED_SAMPLE = 50;
/** Progress events at most this often: enough for a smooth bar, few enough to cost nothing. */
const PROGRESS_INTERVAL_MS = 100;

async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function conventionsFor(
  staged: StagedTable,
  kind: FileKind,
  mapping: ColumnMapping,
  answer: DayMonthOrder | undefined,
): { conventions: ColumnConventions; assumedMonthFirst: string[] } {
  const spec = kindSpec(kind);
  const conventions: ColumnConventions = { dateOrder: {}, decimalStyle: {}, headers: {} };
  const dateColumns: { header: string; order: DayMonthOrder | 'unknown' | null }[] = [];
  for (const field of spec.fields) {
    const header = mapping[field.id] ?? null;
    conventions.headers[field.id] = header;
    if (header === null) continue;
    const col = staged.info.headers.indexOf(header);
    const values = staged.sampleRows.map((r) => r[col] ?? '');
    if (field.valueType === 'date') {
      const order = columnDateOrder(values);
      dateColumns.push({ header, order });
      if (order === 'mdy' || order === 'dmy') conventions.dateOrder[field.id] = order;
    }
    if (field.valueType === 'number') conventions.decimalStyle[field.id] = detectDecimalStyle(values);
  }
  // A file is written by one Excel in one locale: a column whose dates never pass 12 takes the
  // user's answer, else the order another date column of the same file proves, else month-first.
  const finding = dateOrderFinding(dateColumns);
  const fallback = answer ?? finding.decided ?? undefined;
  if (fallback) {
    for (const field of spec.fields) {
      if (field.valueType === 'date' && conventions.dateOrder[field.id] === undefined) {
        conventions.dateOrder[field.id] = fallback;
      }
    }
  }
  return { conventions, assumedMonthFirst: answer ? [] : finding.ambiguousColumns };
}

function activityDefaults(
  headers: readonly string[],
  mapping: ColumnMapping,
): { defaultType: ActivityType; createAccounts: boolean } {
  const normalized = new Set(headers.map(normalizeHeader));
  // Salesforce exports: telephony rows carry call fields, event rows carry a duration in minutes.
  let defaultType: ActivityType = 'other';
  if (
    ['call type', 'calltype', 'call result', 'calldurationinseconds', 'call duration'].some((h) =>
      normalized.has(h),
    )
  ) {
    defaultType = 'call';
  } else if (
    ['durationinminutes', 'startdatetime', 'enddatetime', 'isalldayevent'].some((h) => normalized.has(h))
  ) {
    defaultType = 'meeting';
  }
  const accountHeader = mapping.account ? normalizeHeader(mapping.account) : '';
  const createAccounts = !['whatid', 'what id', 'related to', 'regarding'].includes(accountHeader);
  return { defaultType, createAccounts };
}

function createWriter(
  sqlite: SqliteHandle,
  kind: FileKind,
  batchId: number,
  c: ColumnConventions,
  staged: StagedTable,
  mapping: ColumnMapping,
  stageChoices: StageOverrides,
): RowWriter {
  switch (kind) {
    case 'deals':
      return new DealsWriter(sqlite, batchId, c, stageChoices);
    case 'activities':
      return new ActivitiesWriter(sqlite, batchId, c, activityDefaults(staged.info.headers, mapping));
    case 'reps':
      return new RepsWriter(sqlite, batchId, c);
    case 'accounts':
      return new AccountsWriter(sqlite, batchId, c);
    case 'quotas':
      return new QuotasWriter(sqlite, batchId, c);
  }
}

/**
 * Imports one staged file as one transaction: all its rows or none. Rows that cannot be read are
 * stored with their row number, raw cells and reason; lines that only look like a report footer
 * ("Confidential Information - Do Not Distribute") after the last data row are skipped.
 */
export async function runImport(
  sqlite: SqliteHandle,
  request: ImportRequest,
): Promise<Result<ImportSummary>> {
  const { staged, kind, mapping } = request;
  const spec = kindSpec(kind);
  const fileName = staged.info.fileName;
  const missing = missingFields(spec, mapping).map(
    (id) => spec.fields.find((f) => f.id === id)?.label_en ?? id,
  );
  if (missing.length > 0) {
    return err('missing_columns', `"${fileName}" is missing required columns: ${missing.join(', ')}.`, {
      file: fileName,
      fields: missing.join(', '),
    });
  }
  const columnOf = new Map<string, number>();
  for (const [field, header] of Object.entries(mapping)) {
    if (header === null) continue;
    const index = staged.info.headers.indexOf(header);
    if (index === -1)
      return err('missing_columns', `"${fileName}" has no column "${header}".`, {
        file: fileName,
        fields: header,
      });
    columnOf.set(field, index);
  }
  // A text export is checksummed while it is read for the import (one pass over the file); a
  // workbook, whose CSV is what gets read, is checksummed up front.
  const streamedHash = staged.sourcePath === staged.path ? createHash('sha256') : null;
  const sourceSha = streamedHash ? '' : await fileSha256(staged.sourcePath);
  const { conventions, assumedMonthFirst } = conventionsFor(staged, kind, mapping, request.dateOrder);
  // Saved choices for values this file's sample did not show, then the user's for this import.
  const stageMap: StageMap = { ...staged.stageMap, ...request.stageMap };
  const counts = { read: 0, added: 0, updated: 0, unchanged: 0, rejected: 0 };
  const rejectedSample: RejectedRowInfo[] = [];
  let lastProgress = 0;
  const progress = (p: ImportProgress, force = false): void => {
    const now = performance.now();
    if (!force && now - lastProgress < PROGRESS_INTERVAL_MS) return;
    lastProgress = now;
    request.onProgress?.(p);
  };

  sqlite.exec('BEGIN IMMEDIATE');
  try {
    const batchId = Number(
      sqlite
        .prepare(
          `INSERT INTO import_batches (file_name, file_sha256, kind, preset, mapping_json, encoding, delimiter, imported_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          fileName,
          sourceSha,
          kind,
          staged.info.preset,
          JSON.stringify(mapping),
          staged.format.encoding,
          staged.format.delimiter,
          request.now,
        ).lastInsertRowid,
    );
    const writer = createWriter(
      sqlite,
      kind,
      batchId,
      conventions,
      staged,
      mapping,
      stageOverrides(stageMap),
    );
    const insertRejected = sqlite.prepare(
      'INSERT INTO rejected_rows (batch_id, row_number, reason_code, reason_params_json, raw_json) VALUES (?, ?, ?, ?, ?)',
    );
    const reject = (record: number, cells: string[], reason: Notice): void => {
      counts.rejected++;
      insertRejected.run(
        batchId,
        record,
        reason.code,
        reason.params ? JSON.stringify(reason.params) : null,
        JSON.stringify(cells),
      );
      if (rejectedSample.length < REJECTED_SAMPLE)
        rejectedSample.push({ rowNumber: record, reason, raw: cells });
    };
    // Rows with a single filled cell are held back: if no data row follows they are a footer.
    let held: { record: number; cells: string[] }[] = [];
    const width = staged.info.headers.length;
    const cell = (cells: string[], field: string): string | null => {
      const index = columnOf.get(field);
      if (index === undefined) return null;
      const v = (cells[index] ?? '').trim();
      return v === '' ? null : v;
    };
    const read =
      (cells: string[]) =>
      (field: string): string | null => {
        const parts = spec.nameParts?.[field];
        // A person given only as first and last name columns is read as one name.
        if (parts && !columnOf.has(field)) return joinNameParts(cell(cells, parts[0]), cell(cells, parts[1]));
        return cell(cells, field);
      };

    for await (const batch of streamRows(staged.path, staged.format, {
      onProgress: (done, total) =>
        progress({ phase: 'reading', fraction: total > 0 ? done / total : 1, rowsRead: counts.read }),
      ...(request.isCancelled ? { isCancelled: request.isCancelled } : {}),
      ...(streamedHash ? { onBytes: (chunk: Uint8Array) => streamedHash.update(chunk) } : {}),
    })) {
      for (const { record, cells } of batch) {
        if (record <= staged.headerRecord || isBlankRow(cells)) continue;
        if (looksLikeFooter(cells, width)) {
          held.push({ record, cells });
          continue;
        }
        // Not a footer after all: the held rows are data and are read like any other.
        for (const h of held) {
          counts.read++;
          const outcome = writer.write(read(h.cells), h.record);
          if (typeof outcome === 'string') counts[outcome]++;
          else reject(h.record, h.cells, outcome.rejected);
        }
        held = [];
        counts.read++;
        const outcome = writer.write(read(cells), record);
        if (typeof outcome === 'string') counts[outcome]++;
        else reject(record, cells, outcome.rejected);
      }
    }
    if (request.isCancelled?.()) throw new CancelledError();
    const warnings: Notice[] = [...staged.info.warnings, ...writer.finish()];
    if (assumedMonthFirst.length > 0)
      warnings.push({ code: 'dates_assumed_month_first', params: { columns: assumedMonthFirst.join(', ') } });
    if (held.length > 0) warnings.push({ code: 'footer_rows_skipped', params: { count: held.length } });
    if (counts.rejected > 0) warnings.push({ code: 'rows_rejected', params: { count: counts.rejected } });
    if (counts.read === 0) {
      sqlite.exec('ROLLBACK');
      return err('header_only', `"${fileName}" has a header row but no data rows.`, { file: fileName });
    }
    if (counts.rejected === counts.read) {
      sqlite.exec('ROLLBACK');
      return err(
        'too_many_rejected',
        `No row of "${fileName}" could be read (${counts.rejected} rejected). Nothing was imported.`,
        {
          file: fileName,
          rejected: counts.rejected,
        },
      );
    }
    sqlite
      .prepare(
        `UPDATE import_batches SET rows_read = ?, rows_added = ?, rows_updated = ?, rows_unchanged = ?, rows_rejected = ?,
         file_sha256 = ? WHERE id = ?`,
      )
      .run(
        counts.read,
        counts.added,
        counts.updated,
        counts.unchanged,
        counts.rejected,
        streamedHash ? streamedHash.digest('hex') : sourceSha,
        batchId,
      );
    saveMapping(
      sqlite,
      staged.info.headers,
      kind,
      mapping,
      request.now,
      kind === 'deals' ? request.stageMap : undefined,
    );
    progress({ phase: 'committing', fraction: 1, rowsRead: counts.read }, true);
    sqlite.exec('COMMIT');
    progress({ phase: 'done', fraction: 1, rowsRead: counts.read }, true);
    return ok({
      batchId,
      fileName,
      kind,
      preset: staged.info.preset,
      mapping,
      counts,
      rejectedSample,
      warnings,
    });
  } catch (e) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    if (e instanceof CancelledError)
      return err('cancelled', 'The import was cancelled. Nothing was changed.');
    if (e instanceof BrokenQuotesError)
      return err('not_a_table', `"${fileName}": ${e.message}`, { file: fileName });
    throw e;
  }
}
