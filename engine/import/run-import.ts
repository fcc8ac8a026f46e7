import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type {
  ColumnMapping,
  DayMonthOrder,
  ImportSummary,
  RejectedRowInfo,
  StageMap,
} from '../../shared/api/contract';
import type { FileKind } from '../../shared/domain/types';
import { missingColumnsMessage, missingLabels } from './missing-columns';
import { activityDefaults, durationSource } from '../../shared/import/activity-defaults';
import { fileCurrency } from '../../shared/import/file-currency';
import { kindSpec, missingFields } from '../../shared/import/field-catalog';
import { columnDateOrder, dateOrderFinding } from '../../shared/import/parse-date';
import { detectDecimalStyle } from '../../shared/import/parse-number';
import { stageOverrides, type StageOverrides } from '../../shared/import/stages';
import type { Notice } from '../../shared/i18n/notice';
import { err, ok, type Result } from '../../shared/result';
import { holdExclusively, releaseExclusive, type SqliteHandle } from '../db/open-database';
import { execute, query, selectFirst } from '../db/sync-query';
import { markCurrencyAssumed } from '../workspace/currency-store';
import { activitiesToken, markActivitiesChanged } from '../analysis/activity-cache';
import { readActivities } from './activities/activity-reader';
import type { ActivityBatch, ActivityReadEnd } from './activities/activity-batch';
import { estimateRows } from './activities/estimate-rows';
import type { RepeatedRows } from './activities/repeated-rows';
import { ActivityStore } from './activities/activity-store';
import { activityKeyFilePath } from './activities/key-file';
import { activityRowsPath } from '../analysis/activity-rows-file';
import { columnIndexes, fieldReaderFor, RowSieve } from './field-reader';
import { CancelledError, streamRows, TableReadError } from './read-table';
import { saveMapping } from './saved-mappings';
import type { StagedTable } from './stage-file';
import { AccountsWriter } from './writers/accounts-writer';
import { DealHistoryWriter } from './writers/deal-history-writer';
import { DealsWriter } from './writers/deals-writer';
import type { ColumnConventions } from './writers/parse-context';
import { QuotasWriter } from './writers/quotas-writer';
import { RepKpisWriter } from './writers/rep-kpis-writer';
import { RepsWriter } from './writers/reps-writer';
import type { RowWriter } from './writers/row-writer';

export interface ImportProgress {
  phase: 'reading' | 'committing' | 'done';
  fraction: number;
  rowsRead: number;
}

export interface ImportRequest {
  /**
   * Copies the WAL into the database file once the import is over. The app's engine does it on
   * another thread (checkpointInWorker); by default this connection does, just after the import.
   */
  checkpoint?: () => void;
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
  /** Tests: keep activity record keys in memory only up to this many (see ActivityStore). */
  maxKeysInMemory?: number;
  /** Tests: hold the workspace exclusively from this staged size on (EXCLUSIVE_IMPORT_BYTES). */
  exclusiveFromBytes?: number;
  /**
   * Tests: false reads stored activity keys from SQLite and writes no file beside the workspace
   * (no key file, no activity rows file).
   */
  sideFiles?: boolean;
  /** Tests: false reads a UTF-8 activities file as text, as other encodings are. */
  activityByteRoute?: boolean;
  /** False to import without saving the mapping for these headers (a mapping nobody confirmed). */
  rememberMapping?: boolean;
}

const REJECTED_SAMPLE = 50;
/** Progress events at most this often: enough for a smooth bar, few enough to cost nothing. */
const PROGRESS_INTERVAL_MS = 100;
/**
 * Files from this size (as staged) on are imported holding the workspace exclusively (see
 * runImport): about 200,000 activity rows. Below it the switches out of the WAL and back, and the
 * full syncs of a rollback journal's commit, cost more than the WAL's second copy of the pages.
 */
const EXCLUSIVE_IMPORT_BYTES = 16 * 2 ** 20;

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
      throw new Error('activities are read by readActivityRows');
    case 'reps':
      return new RepsWriter(sqlite, batchId, c);
    case 'accounts':
      return new AccountsWriter(sqlite, batchId, c);
    case 'quotas':
      return new QuotasWriter(sqlite, batchId, c);
    case 'rep_kpis':
      return new RepKpisWriter(sqlite, batchId, c, staged, mapping);
    case 'deal_history':
      return new DealHistoryWriter(sqlite, batchId, c, stageChoices);
  }
}

/** SQLite could not get the write lock within busy_timeout: another connection holds it. */
function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

/** Copies the WAL into the database file unless the connection is busy or closed by now. */
function checkpointSoon(sqlite: SqliteHandle): void {
  if (!sqlite.open || sqlite.inTransaction) return;
  try {
    sqlite.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Another connection holds the database; the next commit's automatic checkpoint will do.
  }
}

/** What reading a file's rows leaves behind for the batch record and the summary. */
interface ReadOutcome {
  footerRows: number;
  /** Data rows with fewer cells than the header (RowSieve.shortRows). */
  shortRows: { count: number; first: number };
  /** SHA-256 of the file computed while reading, when it was. */
  sha256: string | null;
  writerNotices: Notice[];
}

interface ReadContext {
  sqlite: SqliteHandle;
  request: ImportRequest;
  batchId: number;
  columns: Map<string, number>;
  conventions: ColumnConventions;
  stageChoices: StageOverrides;
  counts: ImportSummary['counts'];
  hashFile: boolean;
  reject: (record: number, cells: string[], reason: Notice) => void;
  progress: (p: ImportProgress) => void;
  /** The activities store, once made: runImport seals and publishes its key file. */
  activityStore: ActivityStore | null;
}

/** Deals, deal history, reps, accounts, quotas: read on this thread, written row by row. */
async function readRows(c: ReadContext): Promise<ReadOutcome> {
  const { staged, kind, mapping } = c.request;
  const writer = createWriter(c.sqlite, kind, c.batchId, c.conventions, staged, mapping, c.stageChoices);
  const fieldsOf = fieldReaderFor(kindSpec(kind), c.columns);
  const sieve = new RowSieve(
    staged.headerRecord,
    staged.info.headers.length,
    (record, cells) => {
      c.counts.read++;
      const outcome = writer.write(fieldsOf(cells), record);
      if (typeof outcome === 'string') c.counts[outcome]++;
      else c.reject(record, cells, outcome.rejected);
    },
    (record, cells, reason) => {
      c.counts.read++;
      c.reject(record, cells, reason);
    },
  );
  const hash = c.hashFile ? createHash('sha256') : null;
  for await (const batch of streamRows(staged.path, staged.format, {
    onProgress: (done, total) =>
      c.progress({ phase: 'reading', fraction: total > 0 ? done / total : 1, rowsRead: c.counts.read }),
    ...(c.request.isCancelled ? { isCancelled: c.request.isCancelled } : {}),
    ...(hash ? { onBytes: (chunk: Uint8Array) => hash.update(chunk) } : {}),
  })) {
    for (const { record, cells } of batch) sieve.push(record, cells);
  }
  return {
    footerRows: sieve.footerRows,
    shortRows: sieve.shortRows,
    sha256: hash ? hash.digest('hex') : null,
    writerNotices: writer.finish(),
  };
}

/**
 * Activities, the million-row kind: a worker reads and checks the file while this thread only
 * inserts (engine/import/activities).
 */
async function readActivityRows(c: ReadContext): Promise<ReadOutcome> {
  const { staged, mapping } = c.request;
  const defaults = activityDefaults(staged.info.headers, mapping);
  const expectedRows = estimateRows(staged.path) || Math.ceil(staged.info.sizeBytes / 64);
  const batches = readActivities({
    path: staged.path,
    format: staged.format,
    headerRecord: staged.headerRecord,
    width: staged.info.headers.length,
    options: {
      columns: [...c.columns],
      conventions: c.conventions,
      defaultType: defaults.defaultType,
    },
    hashFile: c.hashFile,
    ...(c.request.activityByteRoute === undefined ? {} : { byteRoute: c.request.activityByteRoute }),
  });
  // The reader starts on the file now, while this thread reads what is stored (ActivityStore's
  // constructor: the key file, the accounts, the rows file; about 0.4 s at 5M stored rows).
  let first: Promise<IteratorResult<ActivityBatch, ActivityReadEnd>> | null = batches.next();
  let store: ActivityStore;
  try {
    store = new ActivityStore(c.sqlite, c.batchId, {
      createAccounts: defaults.createAccounts,
      expectedRows,
      ...(c.request.maxKeysInMemory === undefined ? {} : { maxKeysInMemory: c.request.maxKeysInMemory }),
      // A workspace in memory has no folder to keep files in.
      ...(c.sqlite.memory || c.request.sideFiles === false
        ? {}
        : {
            sideFiles: {
              keys: activityKeyFilePath(c.sqlite.name),
              rows: activityRowsPath(c.sqlite.name),
              token: activitiesToken(c.sqlite),
            },
          }),
    });
  } catch (e) {
    // The reader has started: stop it before giving up.
    first.catch(() => undefined);
    await batches.return(undefined as never);
    throw e;
  }
  c.activityStore = store;
  // Durations that are not numbers ("05:30"): the rows are imported without one, and said so.
  let unreadableDurations = 0;
  let unreadableDuration: string | null = null;
  for (;;) {
    const next = await (first ?? batches.next());
    first = null;
    if (next.done) {
      store.finish();
      Object.assign(c.counts, {
        added: store.counts.added,
        updated: store.counts.updated,
        unchanged: store.counts.unchanged,
      });
      await rejectRepeatedRows(c, store.repeated);
      // The column the batcher read the durations from.
      const source = durationSource((f) => (mapping[f] ?? null) !== null);
      const field = source ? (mapping[source.field] ?? '') : '';
      return {
        footerRows: next.value.footerRows,
        shortRows: next.value.shortRows,
        sha256: next.value.sha256,
        writerNotices:
          unreadableDurations > 0
            ? [
                {
                  code: 'duration_unreadable',
                  params: { count: unreadableDurations, value: unreadableDuration ?? '', field },
                },
              ]
            : [],
      };
    }
    const batch = next.value;
    if (c.request.isCancelled?.()) {
      await batches.return(undefined as never);
      throw new CancelledError();
    }
    store.write(batch);
    // Node delivers every queued message of the reader's channel in one go; without a turn of
    // the event loop between batches, a cancel request waiting on the engine's own channel
    // would only be heard at the end of the file.
    await new Promise<void>((resolve) => setImmediate(resolve));
    c.counts.read += batch.rowsRead;
    unreadableDurations += batch.unreadableDurations;
    unreadableDuration ??= batch.unreadableDuration;
    for (const r of batch.rejected) {
      c.reject(r.record, r.cells, r.reason);
      store.repeated.readerRejected(r.record);
    }
    c.progress({
      phase: 'reading',
      fraction: batch.bytesTotal > 0 ? batch.bytesRead / batch.bytesTotal : 1,
      rowsRead: c.counts.read,
    });
  }
}

/**
 * Rejects the rows of an activities file that repeat a CRM id an earlier row gave, with their
 * cells and the earlier row: a second read of the file, only when it repeats an id.
 */
async function rejectRepeatedRows(c: ReadContext, repeated: RepeatedRows): Promise<void> {
  if (repeated.count === 0) return;
  const { staged } = c.request;
  const idColumn = c.columns.get('external_id');
  if (idColumn === undefined) throw new Error('Repeated CRM ids in a file without an id column.');
  for await (const rows of repeated.rows({
    path: staged.path,
    format: staged.format,
    headerRecord: staged.headerRecord,
    idColumn,
    ...(c.request.isCancelled ? { isCancelled: c.request.isCancelled } : {}),
  })) {
    for (const r of rows) c.reject(r.record, r.cells, r.reason);
    c.progress({ phase: 'reading', fraction: 1, rowsRead: c.counts.read });
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
  const missing = missingFields(spec, mapping);
  if (missing.length > 0) {
    return err('missing_columns', missingColumnsMessage(fileName, kind, missing), {
      file: fileName,
      fields: missingLabels(kind, missing),
    });
  }
  const indexes = columnIndexes(staged.info.headers, mapping);
  if (!indexes.ok)
    return err('missing_columns', `"${fileName}" has no column "${indexes.header}".`, {
      file: fileName,
      fields: indexes.header,
    });
  // A text export is checksummed while it is read for the import (one pass over the file); a
  // workbook, whose CSV is what gets read, is checksummed up front.
  const hashFile = staged.sourcePath === staged.path;
  const sourceSha = hashFile ? '' : await fileSha256(staged.sourcePath);
  const { conventions, assumedMonthFirst } = conventionsFor(staged, kind, mapping, request.dateOrder);
  // Amounts without a currency of their own take the file's, else the workspace's.
  const currency = fileCurrency(
    kind,
    staged.info.headers,
    staged.sampleRows,
    mapping,
    staged.workspaceCurrency ?? null,
  );
  conventions.currency = currency?.code ?? null;
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

  // Activity rows reference only the batch, reps and accounts this import has just resolved, so
  // checking each insert's foreign keys (a third of the insert time) proves nothing. The pragma
  // only changes outside a transaction; it is restored whatever happens.
  const skipForeignKeyChecks = kind === 'activities';
  if (skipForeignKeyChecks) sqlite.pragma('foreign_keys = OFF');
  // A large import's commit would also copy the whole WAL into the database file (SQLite's
  // automatic checkpoint). The data is safe in the WAL once committed, so that copy runs just
  // after the import instead of inside it.
  const autoCheckpoint = sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
  sqlite.pragma('wal_autocheckpoint = 0');
  // A large file into a workspace in the WAL (the app's): held exclusively, in a rollback journal,
  // for this import alone, as the CLI holds its workspace. The new pages are written once, into
  // the file, instead of into the WAL and again by the checkpoint after it (10M activities: 19.1-
  // 21.2 s in the WAL against the CLI's 18.3-19.9 s, then 4.7 s of copying). Nobody else can read
  // the workspace meanwhile; when somebody has it open, the import stays in the WAL.
  let exclusive = false;
  let context: ReadContext | null = null;
  try {
    exclusive =
      staged.info.sizeBytes >= (request.exclusiveFromBytes ?? EXCLUSIVE_IMPORT_BYTES) &&
      sqlite.pragma('journal_mode', { simple: true }) === 'wal' &&
      holdExclusively(sqlite);
    sqlite.exec('BEGIN IMMEDIATE');
    const batchId = Number(
      selectFirst(
        sqlite,
        query
          .insertInto('import_batches')
          .values({
            file_name: fileName,
            file_sha256: sourceSha,
            kind,
            preset: staged.info.preset,
            mapping_json: JSON.stringify(mapping),
            encoding: staged.format.encoding,
            delimiter: staged.format.delimiter,
            imported_at: request.now,
            // Counted during the import and written before it commits.
            rows_read: 0,
            rows_added: 0,
            rows_updated: 0,
            rows_unchanged: 0,
            rows_rejected: 0,
          })
          .returning('id'),
      )?.id,
    );
    // Raw prepared statement: one run per rejected row, and a damaged file can reject most rows.
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
    context = {
      sqlite,
      request,
      batchId,
      columns: indexes.columns,
      conventions,
      stageChoices: stageOverrides(stageMap),
      counts,
      hashFile,
      reject,
      progress,
      activityStore: null,
    };
    const read = await (kind === 'activities' ? readActivityRows(context) : readRows(context));
    if (request.isCancelled?.()) throw new CancelledError();
    const warnings: Notice[] = [...staged.info.warnings, ...read.writerNotices];
    if (assumedMonthFirst.length > 0)
      warnings.push({ code: 'dates_assumed_month_first', params: { columns: assumedMonthFirst.join(', ') } });
    if (read.footerRows > 0)
      warnings.push({ code: 'footer_rows_skipped', params: { count: read.footerRows } });
    if (read.shortRows.count > 0)
      warnings.push({
        code: 'short_rows',
        params: { count: read.shortRows.count, row: read.shortRows.first },
      });
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
    execute(
      sqlite,
      query
        .updateTable('import_batches')
        .set({
          rows_read: counts.read,
          rows_added: counts.added,
          rows_updated: counts.updated,
          rows_unchanged: counts.unchanged,
          rows_rejected: counts.rejected,
          file_sha256: read.sha256 ?? sourceSha,
        })
        .where('id', '=', batchId),
    );
    if (request.rememberMapping !== false)
      saveMapping(
        sqlite,
        staged.info.headers,
        kind,
        mapping,
        request.now,
        kind === 'deals' ? request.stageMap : undefined,
      );
    // Changing the workspace currency later relabels what took it (and only that).
    if (currency?.source === 'workspace') markCurrencyAssumed(sqlite, batchId);
    // The cached working-set activities (engine/analysis/activity-cache.ts) no longer match,
    // unless no activity changed (a re-import): then the token stays, and so do the files beside
    // the workspace and the cache when they named it (else the import writes them for it).
    const store = context.activityStore;
    if (store?.sideFilesHold) store.keepSideFiles();
    else if (store)
      store.sealSideFiles(
        (store.changedActivities ? null : activitiesToken(sqlite)) ?? markActivitiesChanged(sqlite),
      );
    progress({ phase: 'committing', fraction: 1, rowsRead: counts.read }, true);
    sqlite.exec('COMMIT');
    // Only now may the files beside the workspace name this state: a kill before this line leaves
    // the old files, whose token the committed workspace no longer has.
    context.activityStore?.publishSideFiles();
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
    // Rows that cannot be told apart past some row: refused with that row, nothing imported.
    if (e instanceof TableReadError)
      return err(e.code, `"${fileName}": ${e.message} Nothing was imported.`, {
        file: fileName,
        ...e.params,
      });
    if (isBusy(e))
      return err(
        'workspace_busy',
        'Another program is writing to the workspace right now. Try again in a moment; nothing was changed.',
      );
    throw e;
  } finally {
    // Not committed (a rollback, a cancel, an error): the files being written go.
    context?.activityStore?.discardSideFiles();
    if (skipForeignKeyChecks) sqlite.pragma('foreign_keys = ON');
    sqlite.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
    if (exclusive) {
      // Committed or rolled back in the file itself: the WAL it goes back to holds nothing to copy.
      // Should the switch back fail, the workspace is whole in its rollback journal and the next
      // open returns it to the WAL: the import's result stands.
      try {
        releaseExclusive(sqlite);
      } catch {
        // Left as it is; see above.
      }
    } else {
      const checkpoint = request.checkpoint;
      if (checkpoint) checkpoint();
      else setImmediate(() => checkpointSoon(sqlite));
    }
  }
}
