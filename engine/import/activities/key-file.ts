import { closeSync, fstatSync, openSync } from 'node:fs';
import { hash64Into } from '../../../shared/hash/hash64';
import { activityIdKeyText } from '../../../shared/import/activity-row';
import {
  Checksum,
  InPlaceWriter,
  readFully,
  readSidecarHeader,
  sidecarHeader,
  SidecarWriter,
} from '../../workspace/sidecar-file';

/**
 * The record keys of a workspace's activities, in a file beside it (`<workspace>.activity-keys`),
 * so an import into a workspace that already holds activities reads 20 bytes a row from one file
 * instead of reading every stored row's CRM id from SQLite and fingerprinting it again: at 5M
 * stored rows that read took 3.4 s of a 1M-row second import and most of a re-import (issue #14).
 *
 * The workspace stays the only truth. The file is used only when its header names the workspace's
 * current activities token (replaced in the same transaction as every change to the activities:
 * engine/analysis/activity-cache.ts), the largest activity id and the row count as they are in the
 * transaction reading it, the fingerprint this code gives a fixed CRM id, and when its checksum
 * holds; anything else reads SQLite as before. It is written to a temporary file during the import
 * and renamed only after the import commits, so a kill at any moment leaves either the previous
 * file (whose token no longer matches) or the new one, never a file that passes for other rows.
 *
 * Layout, all little-endian uint32 words after a fixed 512-byte header (magic "QCAK", the JSON
 * header's length, the JSON padded with spaces):
 * - `ids` records of five words: CRM id fingerprint low, high, row id, row hash low, high, in row
 *   id order, one per stored CRM id;
 * - `contents` entries of two words: the row hash of a stored row without a CRM id (one entry per
 *   stored copy).
 * Format 1 also had patches (later versions of a record, from a file repeating a CRM id); a file
 * now gives a record one row (FileRecords in engine/import/writers/row-writer.ts).
 */

const MAGIC = 0x4b414351; // "QCAK" read as a little-endian uint32
const FORMAT = 2;
const HEADER_BYTES = 512;
export const ID_RECORD_WORDS = 5;
const CONTENT_WORDS = 2;
/** Records buffered before a write: 1.25 MB. */
const BUFFERED_RECORDS = 65_536;
/**
 * Contents are kept in memory until the file is sealed (they follow the records). A
 * file with more of them than this (an export without CRM ids, most of whose rows are keyed by
 * content) writes no key file: the next import reads SQLite instead.
 */
const MAX_SIDE_ENTRIES = 4_000_000;

export function activityKeyFilePath(workspaceFile: string): string {
  return `${workspaceFile}.activity-keys`;
}

/** The fingerprint this code gives a fixed CRM id: a new fingerprint never reads an old file. */
function idKeyProbe(): [number, number] {
  const words = new Uint32Array(2);
  hash64Into(activityIdKeyText('Quartile Coach probe 00Q5e00001'), words, 0);
  return [words[0] as number, words[1] as number];
}

/** What the file must match: the workspace as the reading transaction sees it. */
export interface KeyFileExpectation {
  token: string;
  maxId: number;
}

interface KeyFileHeader {
  format: number;
  token: string;
  maxId: number;
  rows: number;
  ids: number;
  contents: number;
  probe: [number, number];
  check: number;
}

export interface KeyFileContents {
  /** Stored activities (with a CRM id or not). */
  rows: number;
  /** `ids` records of ID_RECORD_WORDS words, in row id order. */
  records: Uint32Array;
  /** The checksum of the records alone, as read (what keepRecords starts from). */
  recordsCheck: number;
  ids: number;
  /** Row hash words of stored rows without a CRM id, a pair per stored copy. */
  contents: Uint32Array;
}

function isHeader(value: unknown): value is KeyFileHeader {
  if (typeof value !== 'object' || value === null) return false;
  const h = value as Record<string, unknown>;
  const count = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  const pair = (v: unknown): boolean => Array.isArray(v) && v.length === 2 && v.every(count);
  return (
    h.format === FORMAT &&
    typeof h.token === 'string' &&
    count(h.maxId) &&
    count(h.rows) &&
    count(h.ids) &&
    count(h.contents) &&
    pair(h.probe) &&
    count(h.check)
  );
}

/** The keys in the file when it exists, is whole and matches `expected`; else null. */
export function readKeyFile(path: string, expected: KeyFileExpectation): KeyFileContents | null {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    const header = readSidecarHeader(fd, MAGIC, HEADER_BYTES);
    if (!isHeader(header) || header.token !== expected.token || header.maxId !== expected.maxId) return null;
    const probe = idKeyProbe();
    if (header.probe[0] !== probe[0] || header.probe[1] !== probe[1]) return null;
    const words = header.ids * ID_RECORD_WORDS + header.contents * CONTENT_WORDS;
    if (size !== HEADER_BYTES + 4 * words || header.ids + header.contents > header.rows) return null;
    const data = new Uint32Array(words);
    if (!readFully(fd, new Uint8Array(data.buffer), HEADER_BYTES)) return null;
    const contentsAt = header.ids * ID_RECORD_WORDS;
    const check = new Checksum();
    check.add(data.subarray(0, contentsAt));
    const recordsCheck = check.value;
    check.add(data.subarray(contentsAt, words));
    if (check.value !== header.check) return null;
    return {
      rows: header.rows,
      records: data.subarray(0, contentsAt),
      recordsCheck,
      ids: header.ids,
      contents: data.subarray(contentsAt, words),
    };
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** A growable list of 32-bit words. */
class Words {
  words = new Uint32Array(1024);
  length = 0;
  private room(n: number): void {
    if (this.length + n <= this.words.length) return;
    const bigger = new Uint32Array(this.words.length * 2);
    bigger.set(this.words);
    this.words = bigger;
  }
  push2(a: number, b: number): void {
    this.room(2);
    this.words[this.length++] = a;
    this.words[this.length++] = b;
  }
}

/**
 * The key file an import writes as it goes: records in row id order, then what `seal` adds; it
 * replaces the workspace's file only at `publish`, after the import has committed
 * (engine/workspace/sidecar-file.ts). Any failure to write (a full disk, a read-only folder, too
 * many contents) only drops the file: the next import reads SQLite.
 */
export class KeyFileWriter {
  private readonly file: SidecarWriter | InPlaceWriter;
  /** Records the workspace's file holds and keeps (keepRecords), when extended in place. */
  private readonly kept: number;
  private position = HEADER_BYTES;
  private readonly buffer = new Uint32Array(BUFFERED_RECORDS * ID_RECORD_WORDS);
  private buffered = 0;
  private check = new Checksum();
  private readonly contents = new Words();
  private ids = 0;
  private lastId = 0;
  private sealed = false;

  /**
   * `onto`: the import read the workspace's file (`ids` records) and writes only what follows
   * them into it, after the commit (InPlaceWriter), when they stay as they are (keepRecords);
   * otherwise a new file replaces it.
   */
  constructor(path: string, onto?: { ids: number }) {
    this.kept = onto?.ids ?? 0;
    this.file =
      onto === undefined
        ? new SidecarWriter(path)
        : new InPlaceWriter(path, HEADER_BYTES + onto.ids * ID_RECORD_WORDS * 4);
  }

  /**
   * The workspace's file's own records (the records are those it was read into; `asRead`, their
   * checksum when none has changed since) as the first records: only checksummed, not written
   * again. False when the file is not extended in place or they are not its records: the caller
   * writes them (addRecords).
   */
  keepRecords(records: Uint32Array, count: number, asRead?: number): boolean {
    if (!this.usable || this.position !== HEADER_BYTES || this.buffered > 0) return false;
    if (!(this.file instanceof InPlaceWriter) || count !== this.kept || count === 0) return false;
    const words = records.subarray(0, count * ID_RECORD_WORDS);
    // Records as read come with their checksum (readKeyFile's): 100 MB at 5M not summed again.
    if (asRead === undefined) this.check.add(words);
    else this.check = new Checksum(asRead);
    this.position += words.byteLength;
    this.ids = count;
    this.lastId = records[(count - 1) * ID_RECORD_WORDS + 2] as number;
    return true;
  }

  /** The record `index` (of those kept) has a new row hash: the workspace's file takes it in place. */
  patchRecord(index: number, hashLo: number, hashHi: number): void {
    if (!this.usable) return;
    if (!(this.file instanceof InPlaceWriter) || index >= this.kept) return this.drop();
    this.file.writeAt(
      new Uint8Array(Uint32Array.of(hashLo, hashHi).buffer),
      HEADER_BYTES + (index * ID_RECORD_WORDS + 3) * 4,
      true,
    );
  }

  private get usable(): boolean {
    return this.file.usable;
  }

  /** A stored CRM id's record; row ids must come in increasing order. */
  addRecord(lo: number, hi: number, id: number, hashLo: number, hashHi: number): void {
    if (!this.usable) return;
    if (id <= this.lastId) return this.drop();
    this.lastId = id;
    const b = this.buffer;
    let at = this.buffered * ID_RECORD_WORDS;
    b[at++] = lo;
    b[at++] = hi;
    b[at++] = id;
    b[at++] = hashLo;
    b[at] = hashHi;
    this.ids++;
    if (++this.buffered === BUFFERED_RECORDS) this.flush();
  }

  /** Many records at once (`count` of them from `records`), row ids increasing. */
  addRecords(records: Uint32Array, count: number): void {
    if (!this.usable || count === 0) return;
    this.flush();
    if ((records[2] as number) <= this.lastId) return this.drop();
    for (let i = 1; i < count; i++)
      if ((records[i * ID_RECORD_WORDS + 2] as number) <= (records[(i - 1) * ID_RECORD_WORDS + 2] as number))
        return this.drop();
    this.lastId = records[(count - 1) * ID_RECORD_WORDS + 2] as number;
    this.ids += count;
    // Kept, not copied, by a file extended in place: the caller's records do not change now.
    this.write(records.subarray(0, count * ID_RECORD_WORDS), true);
  }

  /** A stored row without a CRM id (one call per copy). */
  addContent(hashLo: number, hashHi: number): void {
    if (!this.usable) return;
    this.contents.push2(hashLo, hashHi);
    this.side();
  }

  private side(): void {
    if (this.contents.length / CONTENT_WORDS > MAX_SIDE_ENTRIES) this.drop();
  }

  private flush(): void {
    if (this.buffered === 0 || !this.usable) return;
    this.write(this.buffer.subarray(0, this.buffered * ID_RECORD_WORDS));
    this.buffered = 0;
  }

  /** `shared`: the words do not change after this call (an in-place file keeps them, no copy). */
  private write(words: Uint32Array, shared = false): void {
    if (!this.usable) return;
    this.check.add(words);
    this.file.writeAt(
      new Uint8Array(words.buffer, words.byteOffset, words.byteLength),
      this.position,
      shared,
    );
    this.position += words.byteLength;
  }

  /** Stops writing: no key file from this import. */
  drop(): void {
    this.file.drop();
  }

  /**
   * Writes the rest and the header naming what the workspace holds once the import commits:
   * `token` (the one the import's transaction stored), the largest row id and the row count.
   */
  seal(token: string, maxId: number, rows: number): void {
    if (!this.usable || this.sealed) return;
    this.sealed = true;
    this.flush();
    this.write(this.contents.words.subarray(0, this.contents.length), true);
    if (!this.usable) return;
    const header: KeyFileHeader = {
      format: FORMAT,
      token,
      maxId,
      rows,
      ids: this.ids,
      contents: this.contents.length / CONTENT_WORDS,
      probe: idKeyProbe(),
      check: this.check.value,
    };
    const head = sidecarHeader(MAGIC, header, HEADER_BYTES);
    if (head === null) return this.drop();
    this.file.writeAt(head, 0);
    this.file.seal();
  }

  /**
   * After the import committed: the sealed file replaces the workspace's, or, when none could be
   * written, the old one is removed (its token no longer matches: it would only take disk space).
   */
  publish(): void {
    this.file.publish();
  }

  /** The import did not commit: the temporary file goes, the workspace's file stays. */
  discard(): void {
    this.file.discard();
  }
}
