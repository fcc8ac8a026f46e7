import { closeSync, fstatSync, openSync } from 'node:fs';
import { ACTIVITY_TYPES } from '../../shared/domain/types';
import type { SqliteHandle } from '../db/open-database';
import { query, selectFirst } from '../db/sync-query';
import {
  Checksum,
  InPlaceWriter,
  readFully,
  readSidecarHeader,
  SidecarWriter,
  sidecarHeader,
} from '../workspace/sidecar-file';
import {
  connectsAlways,
  connectsFromAMinute,
  noOutcomeFromAMinute,
  outcomeClasses,
  packActivity,
  sameOutcomeClasses,
  type ActivityColumnsRead,
} from './activity-columns';
import { activitiesToken } from './activity-cache';

/**
 * The activities as the working set reads them from the table (readActivityColumns: per row the
 * packed rep, type, connected flag and day, and the account id), in a file beside the workspace
 * (`<workspace>.activity-rows`). The import that stores the rows writes it as it inserts them, so
 * the first open after an import reads 12 bytes a row from one file instead of scanning the table:
 * at 10M activities that scan was about 6 s of a 9–12 s first open (issue #14). An open that had
 * to scan the table writes it, so the next import can extend it.
 *
 * The workspace stays the only truth. The file is read only when its header names the
 * workspace's current activities token (replaced in the same transaction as every change to the
 * activities: activity-cache.ts), schema version and largest activity id, when its checksum holds, when the code
 * packs a fixed row as it did and classifies every stored call outcome as it did (a new rule for
 * a "connected" call reads the table again). It covers consecutive row ids only (firstId..maxId):
 * a workspace with gaps (an undo of an older import) keeps no file.
 *
 * Layout after a fixed 512-byte header (magic "QCAR", the JSON header's length, the JSON padded
 * with spaces): `rows` records of three little-endian uint32 words, in row id order (the packed
 * code's low 32 bits, its high bits, the account id or 0), then the call outcomes with their
 * classes (outcomeClasses) as UTF-8 JSON.
 */

const MAGIC = 0x52414351; // "QCAR" read as a little-endian uint32
const FORMAT = 1;
const HEADER_BYTES = 512;
const WORDS = 3;
const RECORD_BYTES = 4 * WORDS;
/** Records buffered before a write, and read back per step when patching: 768 KB. */
const CHUNK_RECORDS = 65_536;
/**
 * New records a file extended in place holds in memory until the commit (12 bytes each): 12 MB,
 * a million rows. Past it the writer goes on on a copy, so a larger file keeps memory flat (3M
 * new rows into 5M peaked 490 MB before the in-place file, 540 MB holding them all).
 */
const MAX_HELD_BYTES = 12 * 2 ** 20;
/** Later versions of stored rows kept until sealing (16 bytes each); past it, no file. */
const MAX_PATCHES = 2_000_000;
/** Distinct call outcomes a file keeps; a column unique per row writes no file. */
const MAX_OUTCOMES = 65_536;
const TWO_32 = 2 ** 32;
const CALL = ACTIVITY_TYPES.indexOf('call');
/** Rule codes per outcome: when a call with it is flagged connected. */
const NEVER = 0;
const ALWAYS = 1;
const FROM_A_MINUTE = 2;

export function activityRowsPath(workspaceFile: string): string {
  return `${workspaceFile}.activity-rows`;
}

/** What a file must name: the workspace's activities as a transaction sees them. */
export interface ActivityRowsState {
  token: string;
  maxId: number;
  /**
   * The workspace's schema version: a migration that rewrites activities without a new token
   * (migration 004 rewrote every row's hash) never reads an older file.
   */
  schema: number;
}

/** The schema version a rows file must name. */
export function workspaceSchema(sqlite: SqliteHandle): number {
  return sqlite.pragma('user_version', { simple: true }) as number;
}

interface RowsHeader {
  format: number;
  token: string;
  schema: number;
  firstId: number;
  maxId: number;
  outcomeBytes: number;
  probe: number;
  noOutcome: boolean;
  check: number;
  outcomeCheck: number;
}

/** What this code packs a fixed row to: a change to the packing never reads an older file. */
const probe = (): number => packActivity(123_457, 5, true, 19_876);

function isHeader(value: unknown): value is RowsHeader {
  if (typeof value !== 'object' || value === null) return false;
  const h = value as Record<string, unknown>;
  const count = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  return (
    h.format === FORMAT &&
    typeof h.token === 'string' &&
    count(h.schema) &&
    count(h.firstId) &&
    count(h.maxId) &&
    count(h.outcomeBytes) &&
    count(h.probe) &&
    typeof h.noOutcome === 'boolean' &&
    count(h.check) &&
    count(h.outcomeCheck) &&
    (h.firstId as number) >= 1 &&
    (h.firstId as number) <= (h.maxId as number) + 1
  );
}

interface OpenedFile {
  header: RowsHeader;
  rows: number;
  outcomes: string[];
}

/** The header and outcomes of the file at `path` when it is whole and names `expected`. */
function openRows(fd: number, expected: ActivityRowsState): OpenedFile | null {
  const size = fstatSync(fd).size;
  const header = readSidecarHeader(fd, MAGIC, HEADER_BYTES);
  if (
    !isHeader(header) ||
    header.token !== expected.token ||
    header.maxId !== expected.maxId ||
    header.schema !== expected.schema
  )
    return null;
  if (header.probe !== probe() || header.noOutcome !== noOutcomeFromAMinute()) return null;
  const rows = header.maxId - header.firstId + 1;
  if (size !== HEADER_BYTES + rows * RECORD_BYTES + header.outcomeBytes) return null;
  const text = new Uint8Array(header.outcomeBytes);
  if (!readFully(fd, text, HEADER_BYTES + rows * RECORD_BYTES)) return null;
  const check = new Checksum();
  check.add(text);
  if (check.value !== header.outcomeCheck) return null;
  const classes: unknown = JSON.parse(Buffer.from(text).toString('utf8'));
  // Every stored flag was computed with these classes: any that changed reads the table again.
  if (!sameOutcomeClasses(classes)) return null;
  return { header, rows, outcomes: classes.map(([outcome]) => outcome) };
}

/** The activities in the file at `path`, as readActivityColumns reads them, when it names `expected`; else null. */
export function readActivityRows(path: string, expected: ActivityRowsState): ActivityColumnsRead | null {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const opened = openRows(fd, expected);
    if (!opened) return null;
    const { header, rows } = opened;
    const records = new Uint32Array(rows * WORDS);
    if (!readFully(fd, new Uint8Array(records.buffer), HEADER_BYTES)) return null;
    const check = new Checksum();
    check.add(records);
    if (check.value !== header.check) return null;
    const codes = new Float64Array(rows);
    const accounts = new Int32Array(rows);
    for (let k = 0, w = 0; k < rows; k++, w += WORDS) {
      codes[k] = (records[w + 1] as number) * TWO_32 + (records[w] as number);
      accounts[k] = records[w + 2] as number;
    }
    return { codes, accounts, outcomes: outcomeClasses(opened.outcomes) };
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** A growable list of uint32 words. */
class Words {
  words = new Uint32Array(1024);
  length = 0;
  push4(a: number, b: number, c: number, d: number): void {
    if (this.length + 4 > this.words.length) {
      const bigger = new Uint32Array(this.words.length * 2);
      bigger.set(this.words);
      this.words = bigger;
    }
    const w = this.words;
    w[this.length++] = a;
    w[this.length++] = b;
    w[this.length++] = c;
    w[this.length++] = d;
  }
}

/**
 * The rows file an import (or an open that read the table) writes: records in row id order as
 * they are added, later versions of stored rows applied at `seal`; it replaces or extends the
 * workspace's file only at `publish` (engine/workspace/sidecar-file.ts), after the commit. Any
 * failure only drops the file.
 */
export class ActivityRowsWriter {
  /**
   * A new file; or, extending the workspace's, that file itself, its new records written after
   * the commit (InPlaceWriter: the copy of 60 MB at 5M rows took 0.18 s of a second file's
   * import), until a patch needs the records read back or the new records pass maxHeldBytes:
   * then a copy (SidecarWriter).
   */
  private file: SidecarWriter | InPlaceWriter;
  private readonly buffer = new Uint32Array(CHUNK_RECORDS * WORDS);
  private buffered = 0;
  /** Records written or buffered: the next one is row id firstId + count. */
  private count: number;
  private readonly check: Checksum;
  private readonly rules = new Map<string, number>();
  private readonly outcomes: string[] = [];
  private readonly patches = new Words();
  private readonly noOutcome = noOutcomeFromAMinute();
  private sealed = false;

  private constructor(
    path: string,
    private readonly firstId: number,
    /** Records copied from the workspace's file, and their checksum. */
    private readonly copied: number,
    private readonly copiedCheck: number,
    /** Extend the workspace's file in place, holding at most this many bytes; null: a new file. */
    private readonly maxHeldBytes: number | null = null,
  ) {
    this.file =
      maxHeldBytes !== null
        ? new InPlaceWriter(path, HEADER_BYTES + copied * RECORD_BYTES)
        : new SidecarWriter(path);
    this.count = copied;
    this.check = new Checksum(copiedCheck);
  }

  /** For rows stored into a workspace without activities, from row id `firstId` on. */
  static empty(path: string, firstId: number): ActivityRowsWriter {
    return new ActivityRowsWriter(path, firstId, 0, 0);
  }

  /**
   * For rows stored into a workspace holding `stored` activities in the state `before`: extends
   * the workspace's file when it names exactly that state; else writes none (and publishing
   * removes the stale one).
   */
  static extending(
    path: string,
    before: ActivityRowsState | null,
    stored: number,
    /** Override of MAX_HELD_BYTES (tests). */
    maxHeldBytes = MAX_HELD_BYTES,
  ): ActivityRowsWriter {
    let opened: OpenedFile | null = null;
    if (before !== null) {
      let fd: number | null = null;
      try {
        fd = openSync(path, 'r');
        opened = openRows(fd, before);
      } catch {
        opened = null;
      } finally {
        if (fd !== null) closeSync(fd);
      }
    }
    if (!opened || opened.rows !== stored) {
      const none = new ActivityRowsWriter(path, 1, 0, 0);
      none.drop();
      return none;
    }
    const writer = new ActivityRowsWriter(
      path,
      opened.header.firstId,
      opened.rows,
      opened.header.check,
      maxHeldBytes,
    );
    for (const outcome of opened.outcomes) writer.rule(outcome);
    return writer;
  }

  /** Outcomes the rows added with addPacked were classified with. */
  knowOutcomes(outcomes: readonly string[]): void {
    for (const outcome of outcomes) this.rule(outcome);
  }

  /** When a call with this outcome is flagged connected; learns the outcome on first sight. */
  private rule(outcome: string): number {
    let rule = this.rules.get(outcome);
    if (rule === undefined) {
      rule = connectsAlways(outcome) ? ALWAYS : connectsFromAMinute(outcome) ? FROM_A_MINUTE : NEVER;
      this.rules.set(outcome, rule);
      this.outcomes.push(outcome);
      if (this.outcomes.length > MAX_OUTCOMES) this.drop();
    }
    return rule;
  }

  /** The packed code of a row with these stored values (the read's, see readActivityColumns). */
  private code(
    repId: number | null,
    type: number,
    day: number,
    outcome: string | null,
    minutes: number | null,
  ): number {
    let connected = false;
    if (type === CALL) {
      const long = minutes !== null && minutes >= 1;
      if (outcome === null) connected = long && this.noOutcome;
      else {
        const rule = this.rule(outcome);
        connected = rule === ALWAYS || (rule === FROM_A_MINUTE && long);
      }
    }
    return packActivity(repId ?? 0, type, connected, day);
  }

  /** The next new row (row id firstId + rows added so far), with the values it is stored with. */
  add(
    repId: number | null,
    accountId: number | null,
    type: number,
    day: number,
    outcome: string | null,
    minutes: number | null,
  ): void {
    if (!this.file.usable) return;
    this.addPacked(this.code(repId, type, day, outcome, minutes), accountId ?? 0);
  }

  /** The next new row as the read packs it. */
  addPacked(code: number, account: number): void {
    if (!this.file.usable) return;
    const b = this.buffer;
    let w = this.buffered * WORDS;
    const high = Math.floor(code / TWO_32);
    b[w++] = code - high * TWO_32;
    b[w++] = high;
    b[w] = account;
    this.count++;
    if (++this.buffered === CHUNK_RECORDS) this.flush();
  }

  /** A stored row's new values (a later version of its record); applied in order at `seal`. */
  patch(
    id: number,
    repId: number | null,
    accountId: number | null,
    type: number,
    day: number,
    outcome: string | null,
    minutes: number | null,
  ): void {
    if (!this.file.usable) return;
    const at = id - this.firstId;
    if (at < 0 || at >= this.count) return this.drop();
    if (this.file instanceof InPlaceWriter) this.file = this.file.intoCopy();
    const code = this.code(repId, type, day, outcome, minutes);
    const high = Math.floor(code / TWO_32);
    this.patches.push4(at, code - high * TWO_32, high, accountId ?? 0);
    if (this.patches.length / 4 > MAX_PATCHES) this.drop();
  }

  private flush(): void {
    if (this.buffered === 0) return;
    const words = this.buffer.subarray(0, this.buffered * WORDS);
    this.check.add(words);
    const written = this.count - this.buffered;
    this.file.writeAt(
      new Uint8Array(words.buffer, 0, words.byteLength),
      HEADER_BYTES + written * RECORD_BYTES,
    );
    this.buffered = 0;
    if (this.file instanceof InPlaceWriter && this.file.heldBytes > (this.maxHeldBytes ?? 0))
      this.file = this.file.intoCopy();
  }

  /**
   * Applies the patches (later ones win) chunk by chunk, and checksums the records again. The
   * copied records are checked against the checksum they were copied under first, so a damaged
   * file is never sealed under a new checksum. Returns the new checksum, or null (dropped).
   */
  private applyPatches(file: SidecarWriter): number | null {
    const n = this.patches.length / 4;
    const p = this.patches.words;
    // Stable by record: sorting the positions keeps the order of a record's versions.
    const order = Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => (p[4 * a] as number) - (p[4 * b] as number) || a - b,
    );
    const before = new Checksum();
    const after = new Checksum();
    const chunk = new Uint32Array(CHUNK_RECORDS * WORDS);
    let next = 0;
    for (let start = 0; start < this.count; start += CHUNK_RECORDS) {
      const records = Math.min(CHUNK_RECORDS, this.count - start);
      const words = chunk.subarray(0, records * WORDS);
      const bytes = new Uint8Array(words.buffer, 0, words.byteLength);
      if (!file.readAt(bytes, HEADER_BYTES + start * RECORD_BYTES)) return null;
      const copied = Math.min(records, Math.max(0, this.copied - start));
      if (copied > 0) before.add(words.subarray(0, copied * WORDS));
      let changed = false;
      for (; next < n; next++) {
        const q = 4 * (order[next] as number);
        const at = (p[q] as number) - start;
        if (at >= records) break;
        chunk[at * WORDS] = p[q + 1] as number;
        chunk[at * WORDS + 1] = p[q + 2] as number;
        chunk[at * WORDS + 2] = p[q + 3] as number;
        changed = true;
      }
      if (changed) file.writeAt(bytes, HEADER_BYTES + start * RECORD_BYTES);
      after.add(words);
    }
    if (this.copied > 0 && before.value !== this.copiedCheck) {
      this.drop();
      return null;
    }
    return after.value;
  }

  /** Writes the rest and the header naming the workspace's state once the import commits. */
  seal(state: ActivityRowsState): void {
    if (!this.file.usable || this.sealed) return;
    this.sealed = true;
    this.flush();
    if (this.firstId + this.count - 1 !== state.maxId) return this.drop();
    // A patch made the file a copy (patch), so what was written can be read back.
    const file = this.file;
    let check: number | null = this.check.value;
    if (this.patches.length > 0) check = file instanceof SidecarWriter ? this.applyPatches(file) : null;
    if (check === null || !this.file.usable) return;
    const text = Buffer.from(JSON.stringify(outcomeClasses(this.outcomes)), 'utf8');
    const textCheck = new Checksum();
    textCheck.add(text);
    const header: RowsHeader = {
      format: FORMAT,
      token: state.token,
      schema: state.schema,
      firstId: this.firstId,
      maxId: state.maxId,
      outcomeBytes: text.length,
      probe: probe(),
      noOutcome: this.noOutcome,
      check,
      outcomeCheck: textCheck.value,
    };
    const head = sidecarHeader(MAGIC, header, HEADER_BYTES);
    if (head === null) return this.drop();
    const end = HEADER_BYTES + this.count * RECORD_BYTES;
    this.file.writeAt(text, end);
    this.file.truncate(end + text.length);
    this.file.writeAt(head, 0);
    this.file.seal();
  }

  /** Stops writing: no rows file. */
  drop(): void {
    this.file.drop();
  }

  /** After the import committed: the sealed file replaces the workspace's (or the stale one goes). */
  publish(): void {
    this.file.publish();
  }

  /** The import did not commit: the temporary file goes, the workspace's file stays. */
  discard(): void {
    this.file.discard();
  }
}

/**
 * The smallest and largest activity id, null without activities. Two queries: SQLite answers a
 * lone min() or max() of the rowid from the B-tree's ends, but min() and max() in one query scan
 * the whole table (0.75 s at 10M rows).
 */
export function activityIdBounds(sqlite: SqliteHandle): { first: number; last: number } | null {
  const end = (order: 'asc' | 'desc') =>
    selectFirst(sqlite, query.selectFrom('activities').select('id').orderBy('id', order).limit(1))?.id;
  const first = end('asc');
  const last = end('desc');
  return first === undefined || last === undefined ? null : { first, last };
}

/** The workspace's activities state a rows file would name now, with its first row id; null without a token or rows. */
export function activityRowsState(sqlite: SqliteHandle): (ActivityRowsState & { firstId: number }) | null {
  const token = activitiesToken(sqlite);
  if (token === null) return null;
  const bounds = activityIdBounds(sqlite);
  return bounds === null
    ? null
    : { token, firstId: bounds.first, maxId: bounds.last, schema: workspaceSchema(sqlite) };
}

/**
 * Writes what an open read from the table (`read`, taken in the state `state`, read before it),
 * so the next import can extend it; nothing when the ids have gaps.
 */
export function writeActivityRows(
  path: string,
  state: ActivityRowsState & { firstId: number },
  read: ActivityColumnsRead,
): void {
  const { codes, accounts } = read;
  if (state.maxId - state.firstId + 1 !== codes.length) return;
  const writer = ActivityRowsWriter.empty(path, state.firstId);
  writer.knowOutcomes(read.outcomes.map(([outcome]) => outcome));
  for (let k = 0; k < codes.length; k++) writer.addPacked(codes[k] as number, accounts[k] as number);
  writer.seal(state);
  writer.publish();
}
