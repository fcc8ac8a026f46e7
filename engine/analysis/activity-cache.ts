import { createHash, randomUUID } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { orderActivities } from '../../shared/analysis/activity-order';
import type { ActivityColumns } from '../../shared/domain/types';
import { openDatabase, type SqliteHandle } from '../db/open-database';
import { execute, query, selectFirst } from '../db/sync-query';
import { readSetting, writeSetting } from '../workspace/settings-table';
import { removeStaleTemporaries } from '../workspace/stale-temporaries';
import {
  decodeActivityColumns,
  readActivityColumns,
  sameOutcomeClasses,
  type OutcomeClasses,
} from './activity-columns';

/**
 * The ordered activity columns of a workspace, kept in a file beside it, so opening a workspace
 * whose activities have not changed reads 14 bytes a row from one file instead of scanning the
 * activities table, decoding and ordering every row: at 10M activities the open went from 11 s to
 * about 2 (issue #14). The workspace stays the only truth: the file is used only when its key
 * matches the workspace's exactly, and is rebuilt from SQLite otherwise.
 *
 * The key holds
 * - `token`: a random value the workspace stores and every change to its activities replaces in
 *   the same transaction (markActivitiesChanged: an activities import, an undo, a rep merge), so
 *   a restored backup or another copy never matches a cache written for different rows;
 * - the schema version and the largest activity id (a cheap check beside the token);
 * - the rep and account ids in working-set order, which the cached positions point into;
 * - what this version of the code makes of a fixed set of rows (read, classified, decoded and
 *   ordered from a small database in memory), so a new version that reads rows differently never
 *   takes positions an older one computed. The header also keeps the workspace's own call
 *   outcomes with their classes, checked again at every read: a change to the rules for a
 *   "connected" call shows there even for words the fixed rows lack.
 *
 * Format: "QCAC", a little-endian uint32 header length, the header (JSON: format, key, row and
 * rep counts), then at 8-byte boundaries rep, day, account and repStart (int32), type and flags
 * (uint8). Written to a temporary file and renamed, so a reader sees a whole file or none.
 */

const MAGIC = 0x43414351; // "QCAC" read as a little-endian uint32
const FORMAT = 1;
const SETTING = 'activities_token';

/**
 * Replaces the workspace's activities token: call inside the transaction that changes them.
 * Returns the new token (the import's key file is written under it).
 */
export function markActivitiesChanged(sqlite: SqliteHandle): string {
  const token = randomUUID();
  writeSetting(sqlite, SETTING, JSON.stringify(token));
  return token;
}

/** The workspace's activities token, null when it has none yet. */
export function activitiesToken(sqlite: SqliteHandle): string | null {
  const raw = readSetting(sqlite, SETTING);
  if (raw === undefined) return null;
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** A probe row: rep id, account id, type code, day, outcome, minutes. */
type ProbeRow<Outcome = string | null> = readonly [
  number | null,
  number | null,
  number,
  number,
  Outcome,
  number | null,
];

/** Rows covering every branch of the read: types, outcomes, durations, missing reps and accounts. */
const PROBE_ROWS: readonly ProbeRow[] = [
  [1, 1, 0, 19_000, 'Connected', 5],
  [2, null, 0, 19_001, 'No answer', 0],
  [3, 2, 0, 18_999, null, 3],
  [1, 2, 0, 19_000, 'Left voicemail', 2],
  [null, 1, 1, 19_500, null, null],
  [2, 1, 2, 19_002, '已接通', null],
  [3, null, 3, 19_003, 'Completed', 0],
  [9, 7, 4, 19_004, 'Call Back', 1],
  [1, 1, 5, 19_000, '未接通', 10],
  [2, 2, 7, 19_005, 'Not interested', 0],
];
/** Rows whose outcome is stored as an activity_texts code (migration 011), one text also stored as text. */
const CODED_PROBE_ROWS: readonly ProbeRow<string>[] = [
  [2, 1, 0, 19_006, 'Connected', 0],
  [3, 2, 0, 19_007, 'Call Back', 1],
  [1, null, 0, 19_008, 'Wrong number', 4],
];

/** What the code makes of PROBE_ROWS, hashed; computed once per process (about 10 ms). */
let probed: string | null = null;
function codeVersion(): string {
  if (probed !== null) return probed;
  const probe = openDatabase(':memory:');
  try {
    const { sqlite } = probe;
    sqlite.pragma('foreign_keys = OFF');
    const insert = (
      [rep_id, account_id, type_code, activity_day, , duration_min]: ProbeRow,
      outcome: { outcome: string | null } | { outcome_code: number },
    ): void => {
      execute(
        sqlite,
        query.insertInto('activities').values({
          batch_id: 1,
          row_hash: 0n,
          rep_id,
          account_id,
          type_code,
          activity_day,
          duration_min,
          ...outcome,
        }),
      );
    };
    for (const row of PROBE_ROWS) insert(row, { outcome: row[4] });
    for (const row of CODED_PROBE_ROWS) {
      const code = selectFirst(
        sqlite,
        query.insertInto('activity_texts').values({ text: row[4] }).returning('id'),
      );
      if (code === undefined) throw new Error('probe: no text id');
      insert(row, { outcome_code: code.id });
    }
    const read = readActivityColumns(sqlite);
    // Rep ids 1..3 at positions 2, 0, 1 (9 is unknown); accounts 1..2 at 1, 0 (7 is unknown).
    const reps = Int32Array.from([-1, 2, 0, 1]);
    const accounts = Int32Array.from([-1, 1, 0]);
    const ordered = orderActivities(decodeActivityColumns(read, reps, accounts), 3);
    probed = createHash('sha256')
      .update(JSON.stringify([FORMAT, read.outcomes, columnsOf(ordered)]))
      .digest('hex');
    return probed;
  } finally {
    probe.close();
  }
}

const columnsOf = (a: ActivityColumns): number[][] =>
  [a.rep, a.type, a.day, a.account, a.flags, a.repStart].map((c) => Array.from(c));

const hashIds = (ids: Int32Array): string =>
  createHash('sha256')
    .update(new Uint8Array(ids.buffer, ids.byteOffset, ids.byteLength))
    .digest('hex');

/**
 * The key the workspace's activities are cached under now, or null when the workspace has no
 * token yet (one written before this cache existed, until its next activity change) and
 * `create` is false. `repLookup` and `accountLookup`: id -> working-set position.
 */
export function activityCacheKey(
  sqlite: SqliteHandle,
  repLookup: Int32Array,
  accountLookup: Int32Array,
  create: boolean,
): string | null {
  let token = activitiesToken(sqlite);
  if (token === null) {
    if (!create) return null;
    markActivitiesChanged(sqlite);
    token = activitiesToken(sqlite);
  }
  const maxId = selectFirst(
    sqlite,
    query.selectFrom('activities').select((eb) => eb.fn.max('id').as('id')),
  )?.id;
  return JSON.stringify({
    token,
    schema: sqlite.pragma('user_version', { simple: true }) as number,
    maxId: maxId ?? 0,
    reps: hashIds(repLookup),
    accounts: hashIds(accountLookup),
    code: codeVersion(),
  });
}

export function activityCachePath(workspaceFile: string): string {
  return `${workspaceFile}.activities-cache`;
}

const align8 = (n: number): number => Math.ceil(n / 8) * 8;

interface Layout {
  n: number;
  reps: number;
  /** Byte offsets within the data after the header, and the data's size. */
  rep: number;
  day: number;
  account: number;
  repStart: number;
  type: number;
  flags: number;
  size: number;
}

function layout(n: number, reps: number): Layout {
  const rep = 0;
  const day = align8(rep + 4 * n);
  const account = align8(day + 4 * n);
  const repStart = align8(account + 4 * n);
  const type = align8(repStart + 4 * (reps + 1));
  const flags = align8(type + n);
  return { n, reps, rep, day, account, repStart, type, flags, size: align8(flags + n) };
}

/** The cached columns when the file exists, is whole and was written under `key`; else null. */
export function readActivityCache(path: string, key: string): ActivityColumns | null {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const fileSize = fstatSync(fd).size;
    const head = Buffer.alloc(8);
    if (readSync(fd, head, 0, 8, 0) !== 8 || head.readUInt32LE(0) !== MAGIC) return null;
    const headerLength = head.readUInt32LE(4);
    if (headerLength > 1 << 20 || 8 + headerLength > fileSize) return null;
    const headerBytes = Buffer.alloc(headerLength);
    readSync(fd, headerBytes, 0, headerLength, 8);
    const header = JSON.parse(headerBytes.toString('utf8')) as {
      format?: unknown;
      key?: unknown;
      n?: unknown;
      reps?: unknown;
      outcomes?: unknown;
    };
    if (header.format !== FORMAT || header.key !== key || !sameOutcomeClasses(header.outcomes)) return null;
    const { n, reps } = header;
    if (typeof n !== 'number' || typeof reps !== 'number' || !Number.isInteger(n) || !Number.isInteger(reps))
      return null;
    const at = layout(n, reps);
    const start = align8(8 + headerLength);
    if (fileSize !== start + at.size) return null;
    const data = new ArrayBuffer(at.size);
    const bytes = new Uint8Array(data);
    for (let done = 0; done < at.size;) {
      const read = readSync(fd, bytes, done, Math.min(at.size - done, 1 << 30), start + done);
      if (read <= 0) return null;
      done += read;
    }
    const columns: ActivityColumns = {
      length: n,
      rep: new Int32Array(data, at.rep, n),
      day: new Int32Array(data, at.day, n),
      account: new Int32Array(data, at.account, n),
      repStart: new Int32Array(data, at.repStart, reps + 1),
      type: new Uint8Array(data, at.type, n),
      flags: new Uint8Array(data, at.flags, n),
    };
    // A file damaged after it was written (the key still matching) must not pass for the data:
    // the rep boundaries are checked, as the KPI pass relies on them.
    const starts = columns.repStart;
    for (let r = 0; r < reps; r++) if ((starts[r] as number) > (starts[r + 1] as number)) return null;
    if (starts[0] !== 0 || (starts[reps] as number) > n) return null;
    return columns;
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** Writes the columns under `key`, with the outcome classes they were read with; a failure (a read-only folder, a full disk) only skips the cache. */
export function writeActivityCache(
  path: string,
  key: string,
  columns: ActivityColumns,
  outcomes: OutcomeClasses,
): void {
  const reps = columns.repStart.length - 1;
  const at = layout(columns.length, reps);
  const header = Buffer.from(
    JSON.stringify({ format: FORMAT, key, n: columns.length, reps, outcomes }),
    'utf8',
  );
  const head = Buffer.alloc(align8(8 + header.length));
  head.writeUInt32LE(MAGIC, 0);
  head.writeUInt32LE(header.length, 4);
  header.copy(head, 8);
  const temporary = `${path}.${process.pid}.tmp`;
  removeStaleTemporaries(path);
  let fd: number | null = null;
  try {
    fd = openSync(temporary, 'w');
    writeSync(fd, head);
    const part = (array: Int32Array | Uint8Array, offset: number, end: number): void => {
      const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
      writeSync(fd as number, bytes, 0, bytes.length, head.length + offset);
      const padding = end - offset - bytes.length;
      if (padding > 0)
        writeSync(fd as number, new Uint8Array(padding), 0, padding, head.length + offset + bytes.length);
    };
    part(columns.rep, at.rep, at.day);
    part(columns.day, at.day, at.account);
    part(columns.account, at.account, at.repStart);
    part(columns.repStart, at.repStart, at.type);
    part(columns.type, at.type, at.flags);
    part(columns.flags, at.flags, at.size);
    closeSync(fd);
    fd = null;
    renameSync(temporary, path);
  } catch {
    if (fd !== null) closeSync(fd);
    rmSync(temporary, { force: true });
  }
}
