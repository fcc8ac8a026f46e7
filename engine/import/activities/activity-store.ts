import { hash64Into, LITTLE_ENDIAN } from '../../../shared/hash/hash64';
import { activityIdKeyText } from '../../../shared/import/activity-row';
import type { SqliteHandle } from '../../db/open-database';
import type { Statement } from 'better-sqlite3';
import { query, selectFirst } from '../../db/sync-query';
import { AccountResolver, RepResolver } from '../resolvers';
import { IdColumnDecoder, TextColumnDecoder, type ActivityBatch } from './activity-batch';
import { ActivityTexts, CodedTextColumn } from './activity-texts';
import { MemoryKeyIndex, SqliteKeyIndex, type ActivityKeyIndex } from './activity-keys';
import { IdOrdinals } from './id-ordinals';
import { RepeatedRows } from './repeated-rows';
import { KeyFileWriter, readKeyFile, type KeyFileContents } from './key-file';
import { ActivityRowsWriter, workspaceSchema } from '../../analysis/activity-rows-file';

/** Every column an import writes, in the UPDATE's order; `batch_id` first. */
const COLUMNS = [
  'batch_id',
  'row_hash',
  'external_id',
  'rep_id',
  'account_id',
  'type_code',
  'type_raw',
  'activity_day',
  'subject',
  'outcome',
  'duration_min',
] as const;
/**
 * What an INSERT binds per row: not the id, which SQLite assigns (an explicit rowid costs a
 * B-tree search per row, an assigned one is an append: 13% of the insert time), nor the batch,
 * the same for every row and written into the statement.
 */
const BOUND = COLUMNS.slice(1);
const WIDTH = BOUND.length;
/**
 * The repeated texts, each written either as text or as its activity_texts code (migration 011):
 * binding a number and storing it cost the import less than the string did (docs/decisions.md,
 * "Speed at scale, eleventh part"). Bit j of a statement's mask writes CODED[j] as text.
 */
const CODED = [
  { text: 'type_raw', code: 'type_raw_code' },
  { text: 'subject', code: 'subject_code' },
  { text: 'outcome', code: 'outcome_code' },
] as const;
/** Where each CODED column's value sits in a row's bound values. */
const CODED_AT = CODED.map((c) => BOUND.indexOf(c.text));
/** Every mask: each CODED column as text or as code. */
const MASKS = 1 << CODED.length;
/**
 * Rows per INSERT statement. One statement per row spends a third of the time in the call
 * itself; 32 rows a statement measured fastest (64 and 256 were no better, 1 was 40% slower).
 */
const ROWS_PER_INSERT = 32;

/** What ActivityStore.match returns besides the id of a stored row to update. */
const UNCHANGED = -2;
const NEW = -1;
/** The row repeats a CRM id an earlier row of the file gave: rejected (RepeatedRows). */
const REPEATED = -3;

export interface ActivityCounts {
  added: number;
  updated: number;
  unchanged: number;
}

/**
 * Record keys kept in memory (issue #14). Into an empty workspace, only the file's own CRM ids
 * are tracked (IdOrdinals) when the file is expected to hold this many rows or fewer: about 20
 * bytes a row, about 195 MB at 10M. Into a workspace with at most this many activities,
 * MemoryKeyIndex holds the stored keys (20 bytes each, 29 once bucketed) and the file's new ones
 * (34 bytes each), until they pass this count or KEY_BYTES_IN_MEMORY: then everything moves to
 * temporary tables and the import goes on there. Those keep memory flat whatever the size, at two
 * to three times the import time.
 */
export const MAX_KEYS_IN_MEMORY = 12_000_000;
const KEY_BYTES_IN_MEMORY = 300 * 2 ** 20;

export interface ActivityStoreOptions {
  /** False when the account column names related records (WhatId), not companies to create. */
  createAccounts: boolean;
  /** Rows the file is expected to hold, to size the key index once. */
  expectedRows: number;
  /** Override of MAX_KEYS_IN_MEMORY (tests). */
  maxKeysInMemory?: number;
  /**
   * The files kept beside the workspace and its current activities token: the key file
   * (key-file.ts), read for the stored keys when it matches, and the activity rows file
   * (engine/analysis/activity-rows-file.ts), extended when it matches; the import writes the next
   * of each. Absent for a workspace in memory, and in tests that read SQLite only.
   */
  sideFiles?: { keys: string; rows: string; token: string | null };
}

/** Where an import's stored keys came from (the key file tests check it). */
export type StoredKeySource = 'none' | 'key-file' | 'table';

/**
 * Writes activity batches into the open import transaction. Record keys live in an index built
 * once per import from the rows already stored, instead of a unique index every insert would
 * have to maintain, so new rows are plain appends.
 */
export class ActivityStore {
  /**
   * Into an empty workspace whose keys fit in memory, only the file's CRM ids need tracking:
   * `fileIds` (the record of each id's first row); else `keys` holds the stored rows' and the
   * file's. This thread tracks them, not the reader worker: the reader is the slower of the two,
   * and this thread waited for it about a second in every 2.5 at 1M rows.
   */
  private readonly fileIds: IdOrdinals | null;
  private keys: ActivityKeyIndex | null;
  private readonly maxKeys: number;
  private readonly existing: number;
  readonly storedKeySource: StoredKeySource;
  /** The key file this import writes, sealed and published by runImport; null when none. */
  readonly keyFile: KeyFileWriter | null;
  /** The activity rows file this import writes, alongside the key file; null when none. */
  private readonly rowsFile: ActivityRowsWriter | null;
  private readonly firstNewId: number;
  private nextId: number;
  /** INSERT statements by mask (CODED): of ROWS_PER_INSERT rows, and of one; prepared when first used. */
  private readonly insertMany: (Statement | undefined)[] = new Array<Statement | undefined>(MASKS);
  private readonly insertOne: (Statement | undefined)[] = new Array<Statement | undefined>(MASKS);
  private readonly update;
  private readonly reps: RepResolver;
  private readonly accounts: AccountResolver;
  /** Owner and account dictionary code -> rep / account id, resolved once per distinct name. */
  private readonly repIds: number[] = [];
  private readonly accountIds: (number | null)[] = [];
  private readonly owner = new TextColumnDecoder();
  private readonly account = new TextColumnDecoder();
  private readonly externalId = new IdColumnDecoder();
  private readonly texts: ActivityTexts;
  private readonly typeRaw: CodedTextColumn;
  private readonly subject: CodedTextColumn;
  private readonly outcome: CodedTextColumn;
  private readonly params = new Array<unknown>(ROWS_PER_INSERT * WIDTH);
  private pending = 0;
  readonly counts: ActivityCounts = { added: 0, updated: 0, unchanged: 0 };
  /** Rows repeating an id of an earlier row of the file; runImport rejects them. */
  readonly repeated = new RepeatedRows();
  /**
   * One bit per stored row id, set when a row of this file matched that record: a later row with
   * its id is a repeat. Made at the first match.
   */
  private matched: Uint32Array | null = null;
  /** The workspace keeps its side files (keepSideFiles): nothing to publish. */
  private kept = false;
  /** What each row of the batch being written is (matchAll). */
  private targets = new Int32Array(4096);

  constructor(
    private readonly sqlite: SqliteHandle,
    private readonly batchId: number,
    private readonly options: ActivityStoreOptions,
  ) {
    if (!LITTLE_ENDIAN) throw new Error('Quartile Coach needs a little-endian machine.');
    const maxId =
      selectFirst(
        sqlite,
        query.selectFrom('activities').select((eb) => eb.fn.max('id').as('id')),
      )?.id ?? 0;
    this.nextId = maxId + 1;
    this.firstNewId = this.nextId;
    const sideFiles = options.sideFiles;
    const token = sideFiles?.token ?? null;
    // The key file also gives the row count: a count(*) reads the whole table (1 s at 10M rows).
    const file: KeyFileContents | null =
      sideFiles && token !== null && maxId > 0 ? readKeyFile(sideFiles.keys, { token, maxId }) : null;
    const existing =
      file?.rows ??
      selectFirst(
        sqlite,
        query.selectFrom('activities').select((eb) => eb.fn.countAll<number>().as('n')),
      )?.n ??
      0;
    this.maxKeys = options.maxKeysInMemory ?? MAX_KEYS_IN_MEMORY;
    this.existing = existing;
    const fileIdsOnly = existing === 0 && options.expectedRows <= this.maxKeys;
    // Sized once from the estimate: growing rehashes every key; untouched slots cost no memory.
    this.fileIds = fileIdsOnly ? new IdOrdinals(options.expectedRows) : null;
    const inMemory = existing > 0 && existing <= this.maxKeys;
    this.keys = fileIdsOnly
      ? null
      : inMemory
        ? file
          ? MemoryKeyIndex.fromFile(file, options.expectedRows)
          : new MemoryKeyIndex(existing, options.expectedRows)
        : new SqliteKeyIndex(sqlite, existing + options.expectedRows);
    this.storedKeySource = existing === 0 ? 'none' : file && inMemory ? 'key-file' : 'table';
    if (existing > 0 && this.storedKeySource === 'table') this.loadKeys();
    // Keys past the memory budget live in temporary tables, and the next import reads SQLite too:
    // no key file then (publishing the dropped writer removes the stale one).
    // A key file that was read is extended in place (only what follows its records is written).
    this.keyFile = sideFiles
      ? new KeyFileWriter(
          sideFiles.keys,
          this.storedKeySource === 'key-file' && file ? { ids: file.ids } : undefined,
        )
      : null;
    if (this.keys instanceof SqliteKeyIndex) this.keyFile?.drop();
    this.rowsFile = !sideFiles
      ? null
      : existing === 0
        ? ActivityRowsWriter.empty(sideFiles.rows, this.firstNewId)
        : ActivityRowsWriter.extending(
            sideFiles.rows,
            token === null ? null : { token, maxId, schema: workspaceSchema(sqlite) },
            existing,
          );
    // Raw prepared statements: one run per row of the file (npm run bench, the import lines).
    // Each text goes in its own form and the other is cleared.
    this.update = sqlite.prepare(
      `UPDATE activities SET ${[...COLUMNS, ...CODED.map((c) => c.code)].map((c) => `${c} = ?`).join(', ')}
       WHERE id = ?`,
    );
    this.texts = new ActivityTexts(sqlite, batchId);
    this.typeRaw = new CodedTextColumn(this.texts);
    this.subject = new CodedTextColumn(this.texts);
    this.outcome = new CodedTextColumn(this.texts);
    this.reps = new RepResolver(sqlite, batchId);
    this.accounts = new AccountResolver(sqlite, batchId, { dealsFixed: true });
  }

  private loadKeys(): void {
    const keys = this.keys;
    if (!keys) return;
    const key = new Uint32Array(2);
    // Read in pages, not one open cursor: the key index may write to temporary tables on the same
    // connection, which a running statement would block. The hash comes as two 32-bit words, plain
    // numbers: two BigInts a row cost more than the rest of the read. Raw, like the inserts above:
    // it reads every stored row (npm run bench, the re-import and second-file lines).
    const page = this.sqlite
      .prepare(
        `SELECT id, external_id, row_hash & 4294967295, (row_hash >> 32) & 4294967295
         FROM activities WHERE id > ? ORDER BY id LIMIT 50000`,
      )
      .raw();
    let after = 0;
    for (;;) {
      const rows = page.all(after) as [number, string | null, number, number][];
      if (rows.length === 0) break;
      for (const [id, externalId, lo, hi] of rows) {
        if (externalId === null) keys.addStoredContent(lo, hi);
        else {
          hash64Into(activityIdKeyText(externalId), key, 0);
          keys.setId(key[0] as number, key[1] as number, id, lo, hi);
        }
        after = id;
      }
    }
  }

  /** The INSERT of `rows` rows (ROWS_PER_INSERT or 1) writing the CODED columns of `mask` as text. */
  private insert(rows: number, mask: number): Statement {
    const cache = rows === 1 ? this.insertOne : this.insertMany;
    const known = cache[mask];
    if (known) return known;
    const columns = COLUMNS.map((column) => {
      const j = CODED.findIndex((c) => c.text === column);
      return j < 0 || (mask & (1 << j)) !== 0 ? column : (CODED[j] as (typeof CODED)[number]).code;
    });
    // The batch id is this import's own integer, safe to write into the SQL.
    const row = `(${Math.trunc(this.batchId)}, ${BOUND.map(() => '?').join(', ')})`;
    const statement = this.sqlite.prepare(
      `INSERT INTO activities (${columns.join(', ')}) VALUES ` +
        Array.from({ length: rows }, () => row).join(', '),
    );
    cache[mask] = statement;
    return statement;
  }

  /**
   * The mask (CODED) of `rows` pending rows from row `first`: the columns where some row holds a
   * text, not a code (a null is written the same in either form).
   */
  private textMask(first: number, rows: number): number {
    let mask = 0;
    for (let j = 0; j < CODED.length; j++)
      for (let r = first; r < first + rows; r++)
        if (typeof this.params[r * WIDTH + (CODED_AT[j] as number)] === 'string') {
          mask |= 1 << j;
          break;
        }
    return mask;
  }

  private flush(): void {
    if (this.pending === 0) return;
    const params = this.params;
    let last = 0;
    if (this.pending === ROWS_PER_INSERT) {
      // One statement for the group: a column with a text some row could not code is written as
      // text in every row of it.
      const mask = this.textMask(0, ROWS_PER_INSERT);
      for (let j = 0; j < CODED.length; j++) {
        if ((mask & (1 << j)) === 0) continue;
        for (let k = CODED_AT[j] as number; k < params.length; k += WIDTH) {
          const value = params[k];
          if (typeof value === 'number') params[k] = this.texts.text(value);
        }
      }
      last = Number(this.insert(ROWS_PER_INSERT, mask).run(params).lastInsertRowid);
    } else
      for (let r = 0; r < this.pending; r++)
        last = Number(
          this.insert(1, this.textMask(r, 1)).run(params.slice(r * WIDTH, (r + 1) * WIDTH)).lastInsertRowid,
        );
    this.pending = 0;
    // SQLite gives a new row the largest id plus one, which is what nextId counted: the ids
    // remembered for repeated CRM ids depend on it, so a surprise stops the import.
    if (last !== this.nextId - 1)
      throw new Error(`Activity ids out of step: SQLite assigned ${last}, expected ${this.nextId - 1}.`);
  }

  private resolveNames(batch: ActivityBatch): void {
    for (const owner of batch.owner.added) this.repIds.push(this.reps.resolve(owner));
    for (const account of batch.account.added)
      this.accountIds.push(this.accounts.resolve(account, this.options.createAccounts));
    this.owner.begin(batch.owner);
    this.account.begin(batch.account);
  }

  private repId(i: number, codes: Int32Array): number {
    const code = codes[i] as number;
    // Past the dictionary's cap a name comes inline; the resolver caches it anyway.
    return code >= 0 ? (this.repIds[code] as number) : this.reps.resolve(this.owner.value(i) as string);
  }

  private accountId(i: number, codes: Int32Array): number | null {
    const code = codes[i] as number;
    if (code >= 0) return this.accountIds[code] as number | null;
    const name = this.account.value(i);
    return name === null ? null : this.accounts.resolve(name, this.options.createAccounts);
  }

  write(batch: ActivityBatch): void {
    const keys = this.keys;
    if (
      keys instanceof MemoryKeyIndex &&
      (keys.keyCount > this.maxKeys || keys.byteLength > KEY_BYTES_IN_MEMORY)
    ) {
      this.keys = keys.spillInto(new SqliteKeyIndex(this.sqlite, this.existing + this.options.expectedRows));
      this.keyFile?.drop();
    }
    this.resolveNames(batch);
    this.externalId.begin(batch.externalId);
    this.typeRaw.begin(batch.typeRaw);
    this.subject.begin(batch.subject);
    this.outcome.begin(batch.outcome);
    const rowHash64 = new BigInt64Array(batch.rowHash.buffer, batch.rowHash.byteOffset, batch.count);
    const { activityType, duration, day } = batch;
    const ownerCodes = batch.owner.codes;
    const accountCodes = batch.account.codes;
    const params = this.params;
    const targets = this.matchAll(batch);
    for (let i = 0; i < batch.count; i++) {
      // Every column is read for every row, in order: inline values are consumed as they come.
      const repId = this.repId(i, ownerCodes);
      const accountId = this.accountId(i, accountCodes);
      const externalId = this.externalId.value(i);
      const typeRaw = this.typeRaw.value(i);
      const date = day[i] as number;
      const subject = this.subject.value(i);
      const outcome = this.outcome.value(i);
      const minutes = Number.isNaN(duration[i]) ? null : (duration[i] as number);
      const type = activityType[i] as number;
      const target = targets[i] as number;
      if (target === REPEATED) {
        this.repeated.add(
          batch.record[i] as number,
          batch.idKey[2 * i] as number,
          batch.idKey[2 * i + 1] as number,
        );
        continue;
      }
      if (target === UNCHANGED) {
        this.counts.unchanged++;
        continue;
      }
      // Asked only for rows written: a row the import skips adds no text to the workspace.
      const typeRawCode = this.typeRaw.code(i);
      const subjectCode = this.subject.code(i);
      const outcomeCode = this.outcome.code(i);
      if (target !== NEW) {
        // A newer version of a stored record: rows still waiting in the insert buffer go first.
        this.flush();
        this.rowsFile?.patch(target, repId, accountId, type, date, outcome, minutes);
        this.update.run(
          this.batchId,
          rowHash64[i],
          externalId,
          repId,
          accountId,
          type,
          typeRawCode < 0 ? typeRaw : null,
          date,
          subjectCode < 0 ? subject : null,
          outcomeCode < 0 ? outcome : null,
          minutes,
          typeRawCode < 0 ? null : typeRawCode,
          subjectCode < 0 ? null : subjectCode,
          outcomeCode < 0 ? null : outcomeCode,
          target,
        );
        this.counts.updated++;
        continue;
      }
      this.nextId++;
      this.rowsFile?.add(repId, accountId, type, date, outcome, minutes);
      let k = this.pending * WIDTH;
      params[k++] = rowHash64[i];
      params[k++] = externalId;
      params[k++] = repId;
      params[k++] = accountId;
      params[k++] = type;
      params[k++] = typeRawCode < 0 ? typeRaw : typeRawCode;
      params[k++] = date;
      params[k++] = subjectCode < 0 ? subject : subjectCode;
      params[k++] = outcomeCode < 0 ? outcome : outcomeCode;
      params[k] = minutes;
      this.counts.added++;
      if (++this.pending === ROWS_PER_INSERT) this.flush();
    }
  }

  /**
   * What each row of the batch is (match), in one pass before any of them is inserted. The look-ups
   * are random reads of tables tens of megabytes large: one after another in a tight loop, the
   * processor overlaps their cache misses, where between inserts each waited alone for memory, in
   * a cache the inserts had just filled with SQLite's pages. At 1M rows of a first import
   * IdOrdinals.see took 380 ms between the inserts.
   */
  private matchAll(batch: ActivityBatch): Int32Array {
    if (this.targets.length < batch.count) this.targets = new Int32Array(batch.count);
    const targets = this.targets;
    const rowHash = batch.rowHash;
    this.fileIds?.touch(batch.idKey, batch.count);
    if (this.keys instanceof MemoryKeyIndex) this.keys.touch(batch.idKey, batch.count);
    let nextId = this.nextId;
    for (let i = 0; i < batch.count; i++) {
      const target = this.match(batch, i, rowHash[2 * i] as number, rowHash[2 * i + 1] as number, nextId);
      targets[i] = target;
      if (target === NEW) nextId++;
    }
    return targets;
  }

  /**
   * Which record row i of the batch is: UNCHANGED, NEW (it will get nextId, the id of the next new
   * row), REPEATED, or the id of the stored row it updates. Keeps the bookkeeping that later rows
   * are matched against.
   */
  private match(batch: ActivityBatch, i: number, hashLo: number, hashHi: number, nextId: number): number {
    const hasId = batch.hasId[i] === 1;
    const keyLo = batch.idKey[2 * i] as number;
    const keyHi = batch.idKey[2 * i + 1] as number;
    const keys = this.keys;
    if (!keys) {
      // Nothing stored: a row is new unless its CRM id came earlier in the file; rows without an
      // id are all new. New rows get consecutive ids from firstNewId, so a record is numbered by
      // its id's offset. The key file gets each new record as it comes (in row id order).
      if (!hasId) {
        this.keyFile?.addContent(hashLo, hashHi);
        return NEW;
      }
      if ((this.fileIds as IdOrdinals).see(keyLo, keyHi, nextId - this.firstNewId) !== -1) return REPEATED;
      this.keyFile?.addRecord(keyLo, keyHi, nextId, hashLo, hashHi);
      return NEW;
    }
    if (!hasId) return keys.addFileContent(hashLo, hashHi) ? NEW : UNCHANGED;
    if (keys.findId(keyLo, keyHi)) {
      const found = keys.found;
      // A record this file has already given a row: one it added, or a stored one it matched.
      if (found.id >= this.firstNewId || this.matchedBefore(found.id)) return REPEATED;
      if (found.hashLo === hashLo && found.hashHi === hashHi) return UNCHANGED;
      keys.setId(keyLo, keyHi, found.id, hashLo, hashHi);
      return found.id;
    }
    keys.setId(keyLo, keyHi, nextId, hashLo, hashHi);
    return NEW;
  }

  /** Whether a row of this file already matched the stored row `id` (and marks it matched). */
  private matchedBefore(id: number): boolean {
    this.matched ??= new Uint32Array((this.firstNewId >>> 5) + 1);
    const word = id >>> 5;
    const bit = 1 << (id & 31);
    const seen = ((this.matched[word] as number) & bit) !== 0;
    this.matched[word] = (this.matched[word] as number) | bit;
    return seen;
  }

  /**
   * Writes what is still buffered and frees the key index; call before committing. The key file
   * then holds every key (sealSideFiles names the state it is for).
   */
  finish(): void {
    this.flush();
    if (this.keyFile && this.keys instanceof MemoryKeyIndex && !this.sideFilesHold)
      this.keys.writeInto(this.keyFile);
    this.keys?.close();
  }

  /** Whether the import added or changed an activity (a re-import of the same file does not). */
  get changedActivities(): boolean {
    return this.counts.added + this.counts.updated > 0;
  }

  /**
   * Whether the workspace's files beside it still describe its activities after this import: it
   * changed none, and the key file it read names the activities token (which then stays).
   */
  get sideFilesHold(): boolean {
    return !this.changedActivities && this.storedKeySource === 'key-file';
  }

  /** Seals the files beside the workspace for the activities token the import's transaction has just stored. */
  sealSideFiles(token: string): void {
    this.keyFile?.seal(token, this.nextId - 1, this.existing + this.counts.added);
    this.rowsFile?.seal({ token, maxId: this.nextId - 1, schema: workspaceSchema(this.sqlite) });
  }

  /**
   * The files beside the workspace still hold (sideFilesHold): the workspace keeps its activities
   * token, and the files being written go (see runImport).
   */
  keepSideFiles(): void {
    this.discardSideFiles();
    this.kept = true;
  }

  /** After the import committed: the sealed files replace the workspace's (unless it kept them). */
  publishSideFiles(): void {
    if (this.kept) return;
    this.keyFile?.publish();
    this.rowsFile?.publish();
  }

  /** The import did not commit: the files being written go, the workspace's stay. */
  discardSideFiles(): void {
    this.keyFile?.discard();
    this.rowsFile?.discard();
  }
}
