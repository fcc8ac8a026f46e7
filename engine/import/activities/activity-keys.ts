import { U64Table } from '../../../shared/hash/u64-table';
import type { SqliteHandle } from '../../db/open-database';
import { IdOrdinals } from './id-ordinals';
import { ID_RECORD_WORDS, type KeyFileContents, type KeyFileWriter } from './key-file';

/**
 * The record keys an activities import has seen, stored rows and this file's: a CRM id's
 * fingerprint -> (row id, row hash), and for rows without an id, how many copies of each content
 * fingerprint are stored and how many this file has shown so far (the n-th identical row of a
 * file is the n-th stored copy, so re-importing an export changes nothing).
 */
export interface ActivityKeyIndex {
  /** Looks up a CRM id; on a hit `found` holds the row's id and hash words. */
  findId(lo: number, hi: number): boolean;
  readonly found: { id: number; hashLo: number; hashHi: number };
  setId(lo: number, hi: number, id: number, hashLo: number, hashHi: number): void;
  /** Registers a stored row without a CRM id. */
  addStoredContent(hashLo: number, hashHi: number): void;
  /** How many stored rows without a CRM id have this content. */
  storedCopies(hashLo: number, hashHi: number): number;
  /** Counts this file's next row with that content: true when it is a record not yet stored. */
  addFileContent(hashLo: number, hashHi: number): boolean;
  /** Frees what the index holds (temporary tables). */
  close(): void;
}

/** Payload words of the id table. */
const ID = 0;
const HASH_LO = 1;
const HASH_HI = 2;
/** Payload words of the content table. */
const STORED = 0;
const SEEN = 1;

/** Words of a stored id record: key low, key high, row id, row hash low, row hash high. */
const RECORD = ID_RECORD_WORDS;
/**
 * Updated records a key file extended in place takes one by one; past this many, the records are
 * written whole.
 */
const MAX_PATCHED = 65_536;
/** Records per bucket on average: a look-up away from the cursor scans one bucket. */
const PER_BUCKET = 4;

/**
 * Writes record number `count` into `records` (RECORD words each), grown by half when full;
 * returns the array that holds it.
 */
function appendRecord(
  records: Uint32Array,
  count: number,
  lo: number,
  hi: number,
  id: number,
  hashLo: number,
  hashHi: number,
): Uint32Array {
  let r = records;
  if ((count + 1) * RECORD > r.length) {
    r = new Uint32Array(Math.max(16 * RECORD, Math.ceil(r.length * 1.5)));
    r.set(records);
  }
  const at = count * RECORD;
  r[at] = lo;
  r[at + 1] = hi;
  r[at + 2] = id;
  r[at + 3] = hashLo;
  r[at + 4] = hashHi;
  return r;
}

/**
 * The record keys of the rows already stored, in memory, for an import whose keys fit the memory
 * budget (MemoryKeyIndex keeps the file's new keys beside them). Read once before the file, in row id
 * order, and never changed during it (issue #14):
 * - the records stay in id order, 20 bytes each, and a cursor remembers where the last hit was: a
 *   file that lists its rows in the order they were stored (a re-import, or next month's export of
 *   the same CRM view) finds each row right after the previous one, a read of the next cache line;
 * - any other look-up goes through the row positions bucketed by the key's top bits (a counting
 *   sort, built at the first such look-up), each beside its key's low word: a bucket's four
 *   entries share a cache line, so a key that is not stored (every row of a new file) costs two
 *   memory reads, not one per record of its bucket. 8 bytes a key, plus a directory of bucket
 *   starts.
 * 20 bytes a key for a re-import in stored order, 29 once bucketed; the general hash table this
 * replaced took 34, and its random look-ups made re-importing 5M rows cost 5 s of cache misses.
 *
 * A stored CRM id has one row: the importer matches ids (a unique key before migration 004).
 */
export class StoredKeys {
  private records: Uint32Array;
  private count = 0;
  /** Content fingerprint -> stored copies, copies seen in the file. */
  private readonly contents = new U64Table(1024, 2);
  private positions = new Uint32Array(0);
  private directory = new Uint32Array(2);
  private shift = 31;
  private sealed = false;
  private indexed = false;
  private lookups = 0;
  /** The checksum of the records as a key file gave them (fromFile); null when read from the table. */
  private recordsCheck: number | null = null;
  /** The records a file row updated (their positions), or null past MAX_PATCHED: see writeInto. */
  private patched: number[] | null = [];
  /** The record after the last hit. */
  private cursor = 0;
  /** The record of the last hit. */
  private hit = -1;
  readonly found = { id: 0, hashLo: 0, hashHi: 0 };

  /** `expected`: the stored rows (an upper bound on those with a CRM id). */
  constructor(expected: number) {
    this.records = new Uint32Array(RECORD * Math.max(16, expected));
  }

  /** Stored rows with a CRM id. */
  get size(): number {
    return this.count;
  }

  /**
   * The keys of a workspace's key file (key-file.ts): its records are already in row id order,
   * the layout this class keeps, so they are taken as they are.
   */
  static fromFile(file: KeyFileContents): StoredKeys {
    const keys = new StoredKeys(0);
    keys.records = file.records;
    keys.count = file.ids;
    keys.recordsCheck = file.recordsCheck;
    const c = file.contents;
    for (let i = 0; i < c.length; i += 2) keys.addContent(c[i] as number, c[i + 1] as number);
    return keys;
  }

  /**
   * Writes the keys as they stand after the file: every record (with the hash of its latest
   * version) and, per content, the copies stored by then (those stored before, or as many as the
   * file brought, whichever is more).
   */
  writeInto(out: KeyFileWriter): void {
    // A file extended in place keeps its records and takes the changed hashes where they are.
    const patched = this.patched;
    const asRead = patched?.length === 0 ? (this.recordsCheck ?? undefined) : undefined;
    if (patched !== null && out.keepRecords(this.records, this.count, asRead)) {
      const r = this.records;
      for (const p of patched) out.patchRecord(p, r[p * RECORD + 3] as number, r[p * RECORD + 4] as number);
    } else out.addRecords(this.records, this.count);
    const contents = this.contents;
    for (const slot of contents.occupiedSlots()) {
      const lo = contents.keyLo(slot);
      const hi = contents.keyHi(slot);
      for (let k = Math.max(contents.get(slot, 0), contents.get(slot, 1)); k > 0; k--) out.addContent(lo, hi);
    }
  }

  /** Registers a stored row with a CRM id, in row id order (before seal). */
  addId(lo: number, hi: number, id: number, hashLo: number, hashHi: number): void {
    if (this.sealed) throw new Error('StoredKeys: sealed');
    this.records = appendRecord(this.records, this.count++, lo, hi, id, hashLo, hashHi);
  }

  /** Registers a stored row without a CRM id. */
  addContent(hashLo: number, hashHi: number): void {
    const slot = this.contents.upsert(hashLo, hashHi);
    this.contents.set(slot, 0, this.contents.get(slot, 0) + 1);
  }

  /** Every stored record is in; look-ups may start. */
  seal(): void {
    this.sealed = true;
  }

  /**
   * Buckets the record positions by key (a counting sort), at the first look-up the cursor does
   * not answer: a re-import in stored order never needs them, which spares 9.6 bytes a key (96 MB
   * at 10M stored rows) and the sort (half a second at 5M).
   */
  private index(): void {
    this.indexed = true;
    const n = this.count;
    const bits = Math.min(24, Math.max(1, Math.ceil(Math.log2(Math.max(2, n / PER_BUCKET)))));
    const shift = 32 - bits;
    const buckets = 2 ** bits;
    const r = this.records;
    // Two counting sorts, each writing where the cache holds it: first by the key's top bits into
    // at most 256 partitions (a write cursor each), then each partition, a few hundred kilobytes,
    // by the rest of the bucket bits. One sort over all the buckets wrote 40 MB at random and
    // took 0.26 s of a second file's import into 5M stored rows.
    const topBits = Math.min(8, bits);
    const topShift = 32 - topBits;
    const parts = 2 ** topBits;
    const partStart = new Uint32Array(parts + 1);
    for (let i = 0; i < n; i++) {
      const p = ((r[i * RECORD + 1] as number) >>> topShift) + 1;
      partStart[p] = (partStart[p] as number) + 1;
    }
    for (let p = 0; p < parts; p++)
      partStart[p + 1] = (partStart[p + 1] as number) + (partStart[p] as number);
    // Entry q: the record's position, then its key's low word; `low`, its bucket's bits below
    // the partition's (at most 16).
    const lowBits = bits - topBits;
    const lowMask = 2 ** lowBits - 1;
    const positions = new Uint32Array(2 * n);
    const low = new Uint16Array(n);
    const cursor = partStart.slice(0, parts);
    for (let i = 0; i < n; i++) {
      const hi = r[i * RECORD + 1] as number;
      const p = hi >>> topShift;
      const at = cursor[p] as number;
      cursor[p] = at + 1;
      positions[2 * at] = i;
      positions[2 * at + 1] = r[i * RECORD] as number;
      low[at] = (hi >>> shift) & lowMask;
    }
    const start = new Uint32Array(buckets + 1);
    for (let p = 0; p < parts; p++) {
      const base = p * 2 ** lowBits + 1;
      for (let q = partStart[p] as number; q < (partStart[p + 1] as number); q++) {
        const b = base + (low[q] as number);
        start[b] = (start[b] as number) + 1;
      }
    }
    for (let b = 0; b < buckets; b++) start[b + 1] = (start[b + 1] as number) + (start[b] as number);
    // A bucket's entries lie inside its partition's: each partition is sorted within its range.
    let largest = 0;
    for (let p = 0; p < parts; p++)
      largest = Math.max(largest, (partStart[p + 1] as number) - (partStart[p] as number));
    const scratch = new Uint32Array(2 * largest);
    const next = new Uint32Array(2 ** lowBits);
    for (let p = 0; p < parts; p++) {
      const from = partStart[p] as number;
      const to = partStart[p + 1] as number;
      next.set(start.subarray(p * 2 ** lowBits, (p + 1) * 2 ** lowBits));
      scratch.set(positions.subarray(2 * from, 2 * to));
      for (let q = from; q < to; q++) {
        const b = low[q] as number;
        const at = next[b] as number;
        next[b] = at + 1;
        positions[2 * at] = scratch[2 * (q - from)] as number;
        positions[2 * at + 1] = scratch[2 * (q - from) + 1] as number;
      }
    }
    this.shift = shift;
    this.directory = start;
    this.positions = positions;
  }

  /** Looks up a CRM id; on a hit `found` holds the row's id and hash words. */
  findId(lo: number, hi: number): boolean {
    lo >>>= 0;
    hi >>>= 0;
    const r = this.records;
    let p = this.cursor;
    if (p >= this.count || r[p * RECORD] !== lo || r[p * RECORD + 1] !== hi) {
      if (!this.indexed) this.index();
      this.lookups++;
      p = -1;
      const bucket = hi >>> this.shift;
      const end = this.directory[bucket + 1] as number;
      const positions = this.positions;
      for (let q = this.directory[bucket] as number; q < end; q++) {
        if (positions[2 * q + 1] !== lo) continue;
        const at = (positions[2 * q] as number) * RECORD;
        if (r[at + 1] === hi) {
          p = at / RECORD;
          break;
        }
      }
      if (p === -1) return false;
    }
    const at = p * RECORD;
    this.found.id = r[at + 2] as number;
    this.found.hashLo = r[at + 3] as number;
    this.found.hashHi = r[at + 4] as number;
    this.hit = p;
    this.cursor = p + 1;
    return true;
  }

  /**
   * Reads where the look-ups of these keys (`count` of them, hash64Into layout) will go once the
   * records are bucketed: the directory entry, then the bucket's first entry, each in a tight loop
   * of its own, so the cache misses overlap instead of each waiting for the one before.
   * `starts` takes the bucket starts. Returns a sum, so the reads are not optimised away.
   */
  touch(keys: Uint32Array, count: number, starts: Int32Array): number {
    if (!this.indexed) return 0;
    const directory = this.directory;
    const shift = this.shift;
    for (let i = 0; i < count; i++) starts[i] = directory[(keys[2 * i + 1] as number) >>> shift] as number;
    const positions = this.positions;
    let sum = 0;
    for (let i = 0; i < count; i++) sum += positions[2 * (starts[i] as number) + 1] as number;
    return sum;
  }

  /** Look-ups the cursor did not answer, so far. */
  get bucketLookups(): number {
    return this.lookups;
  }

  /** Whether the last look-up found this key (so updateHit may change its record). */
  lastHitIs(lo: number, hi: number): boolean {
    const at = this.hit * RECORD;
    return this.hit !== -1 && this.records[at] === lo >>> 0 && this.records[at + 1] === hi >>> 0;
  }

  /** A file row replaced the last hit's stored row: its hash is the one the next key file takes. */
  updateHit(hashLo: number, hashHi: number): void {
    if (this.patched !== null) {
      if (this.patched.length < MAX_PATCHED) this.patched.push(this.hit);
      else this.patched = null;
    }
    const at = this.hit * RECORD;
    this.records[at + 3] = hashLo;
    this.records[at + 4] = hashHi;
  }

  /** How many stored rows without a CRM id have this content. */
  storedCopies(hashLo: number, hashHi: number): number {
    const slot = this.contents.find(hashLo, hashHi);
    return slot === -1 ? 0 : this.contents.get(slot, 0);
  }

  /** Counts the file's next row with that content: true when it is a copy not yet stored. */
  addFileContent(hashLo: number, hashHi: number): boolean {
    const slot = this.contents.upsert(hashLo, hashHi);
    const seen = this.contents.get(slot, 1) + 1;
    this.contents.set(slot, 1, seen);
    return seen > this.contents.get(slot, 0);
  }

  /** The memory held, in bytes. */
  get byteLength(): number {
    return (
      this.records.byteLength +
      this.positions.byteLength +
      this.directory.byteLength +
      this.contents.byteLength
    );
  }

  /** Gives another index what this one knows: every record as it stands now, and the contents. */
  replayInto(target: ActivityKeyIndex): void {
    const r = this.records;
    for (let p = 0; p < this.count; p++) {
      const at = p * RECORD;
      target.setId(
        r[at] as number,
        r[at + 1] as number,
        r[at + 2] as number,
        r[at + 3] as number,
        r[at + 4] as number,
      );
    }
    const contents = this.contents;
    for (const slot of contents.occupiedSlots()) {
      const lo = contents.keyLo(slot);
      const hi = contents.keyHi(slot);
      for (let k = contents.get(slot, 0); k > 0; k--) target.addStoredContent(lo, hi);
      for (let k = contents.get(slot, 1); k > 0; k--) target.addFileContent(lo, hi);
    }
  }
}

/**
 * Both the stored rows' keys and the file's, in memory, for an import into a workspace that
 * already holds activities: the stored ids in StoredKeys (read in id order, so a re-import walks
 * them with its cursor), the file's new ids in IdOrdinals (id fingerprint -> the new record's
 * number) beside their records, in the key file's layout and in row id order. A file row that
 * updates a stored record replaces its hash, which the next key file takes (a later row with the
 * same id is a repeat, which ActivityStore rejects). Re-importing 5M rows takes 128 MB of keys,
 * where tracking the file in the worker as well took another 130 (issue #14).
 */
export class MemoryKeyIndex implements ActivityKeyIndex {
  private readonly stored: StoredKeys;
  /**
   * The file's new ids. A general table of keys and payloads (24 bytes a slot, 34 MB for a
   * million new keys) missed the cache on nearly every insert, and its slots had to be put back
   * in row id order for the key file: 0.4 s of a million-row second file (docs/decisions.md).
   */
  private readonly fileIds: IdOrdinals;
  /** The new records, RECORD words each, in the order they came: row id order. */
  private newRecords: Uint32Array;
  private newCount = 0;
  private sealed = false;
  /** The key of the last look-up that found nothing (setId then goes straight to fileIds). */
  private readonly missed = new Uint32Array(2);
  private hasMissed = false;
  readonly found = { id: 0, hashLo: 0, hashHi: 0 };
  /** What touch knew after the last batch: the stored keys' bucket look-ups, and the batch's rows. */
  private lookupsBefore = 0;
  private rowsBefore = 0;
  private starts = new Int32Array(0);
  /** What touch read, kept so that its reads are not optimised away. */
  touched = 0;

  /**
   * `storedRows`: rows already stored; `fileRows`: the rows the file is expected to hold. The
   * file's new ids get a table sized for the file up to NEW_KEYS_SIZED_FOR ids, then it grows:
   * growing from a small table cost 0.2 s of rehashing a million new keys, and a table's slots are
   * touched at random, so one sized far beyond the keys it gets would still take its memory. The
   * records are written in order: the part never reached is never touched.
   */
  constructor(storedRows: number, fileRows: number, stored?: StoredKeys) {
    this.stored = stored ?? new StoredKeys(storedRows);
    this.fileIds = new IdOrdinals(Math.min(fileRows, NEW_KEYS_SIZED_FOR));
    this.newRecords = new Uint32Array(RECORD * Math.max(16, fileRows));
  }

  /** The stored keys as the workspace's key file has them (instead of reading SQLite). */
  static fromFile(file: KeyFileContents, fileRows: number): MemoryKeyIndex {
    return new MemoryKeyIndex(file.rows, fileRows, StoredKeys.fromFile(file));
  }

  /**
   * Writes every key as it stands after the file into `out`: the stored records, then the file's
   * new ones, already in row id order (setId checks it).
   */
  writeInto(out: KeyFileWriter): void {
    this.seal();
    this.stored.writeInto(out);
    out.addRecords(this.newRecords, this.newCount);
  }

  /** Keys held: the stored rows' and the file's new ones. */
  get keyCount(): number {
    return this.stored.size + this.newCount;
  }

  /** The memory held, in bytes (of the new records, the part written). */
  get byteLength(): number {
    return this.stored.byteLength + this.fileIds.byteLength + this.newCount * RECORD * 4;
  }

  /**
   * Moves what this index knows into `target` (temporary tables, when the file brings more new
   * keys than memory allows) and returns it; the import goes on with it as if it had used it
   * from the start.
   */
  spillInto<T extends ActivityKeyIndex>(target: T): T {
    this.seal();
    this.stored.replayInto(target);
    const r = this.newRecords;
    for (let at = 0; at < this.newCount * RECORD; at += RECORD)
      target.setId(
        r[at] as number,
        r[at + 1] as number,
        r[at + 2] as number,
        r[at + 3] as number,
        r[at + 4] as number,
      );
    return target;
  }

  /** The stored rows are all loaded once the file's first row is looked up. */
  private seal(): void {
    if (this.sealed) return;
    this.sealed = true;
    this.stored.seal();
  }

  /**
   * Reads ahead where the look-ups of a batch's keys will go (StoredKeys.touch, then the new ids'
   * table), unless the last batch was mostly answered by the cursor (a file in stored order), where
   * the reads would only be wasted.
   */
  touch(keys: Uint32Array, count: number): void {
    const lookups = this.stored.bucketLookups;
    const mostlyLookups = lookups - this.lookupsBefore > this.rowsBefore / 2;
    this.lookupsBefore = lookups;
    this.rowsBefore = count;
    if (!mostlyLookups) return;
    if (this.starts.length < count) this.starts = new Int32Array(count);
    this.touched = this.stored.touch(keys, count, this.starts);
    this.fileIds.touch(keys, count);
  }

  findId(lo: number, hi: number): boolean {
    this.seal();
    if (this.stored.findId(lo, hi)) {
      Object.assign(this.found, this.stored.found);
      return true;
    }
    const record = this.fileIds.find(lo, hi);
    if (record === -1) {
      this.missed[0] = lo;
      this.missed[1] = hi;
      this.hasMissed = true;
      return false;
    }
    const at = record * RECORD;
    this.found.id = this.newRecords[at + 2] as number;
    this.found.hashLo = this.newRecords[at + 3] as number;
    this.found.hashHi = this.newRecords[at + 4] as number;
    return true;
  }

  setId(lo: number, hi: number, id: number, hashLo: number, hashHi: number): void {
    if (!this.sealed) return this.stored.addId(lo, hi, id, hashLo, hashHi);
    const missed = this.hasMissed && this.missed[0] === lo >>> 0 && this.missed[1] === hi >>> 0;
    this.hasMissed = false;
    if (!missed && (this.stored.lastHitIs(lo, hi) || this.stored.findId(lo, hi))) {
      this.stored.updateHit(hashLo >>> 0, hashHi >>> 0);
      return;
    }
    // After a miss, see() takes the slot the look-up stopped at (still in the cache).
    const record = this.fileIds.see(lo, hi, this.newCount);
    if (record !== -1) {
      // A new record set again: its latest hash.
      this.newRecords[record * RECORD + 3] = hashLo;
      this.newRecords[record * RECORD + 4] = hashHi;
      return;
    }
    const last = this.newCount === 0 ? 0 : (this.newRecords[(this.newCount - 1) * RECORD + 2] as number);
    // The key file lists records in row id order, and new rows take increasing ids.
    if (id <= last) throw new Error(`MemoryKeyIndex: new row id ${id} after ${last}`);
    this.newRecords = appendRecord(this.newRecords, this.newCount++, lo, hi, id, hashLo, hashHi);
  }

  addStoredContent(hashLo: number, hashHi: number): void {
    this.stored.addContent(hashLo, hashHi);
  }

  storedCopies(hashLo: number, hashHi: number): number {
    this.seal();
    return this.stored.storedCopies(hashLo, hashHi);
  }

  addFileContent(hashLo: number, hashHi: number): boolean {
    this.seal();
    return this.stored.addFileContent(hashLo, hashHi);
  }

  close(): void {}
}

/** New ids MemoryKeyIndex's table is first sized for (23 MB of slots at most). */
const NEW_KEYS_SIZED_FOR = 2_000_000;

/** Keys written to a temporary table at once, sorted: a B-tree filled in order, not at random. */
const PENDING_KEYS = 262_144;
/** Bloom filter bits per expected key (about 1% false positives with three probes). */
const BLOOM_BITS_PER_KEY = 10;

/**
 * One temporary table of 64-bit keys and a few 32-bit payload words, for SqliteKeyIndex. A look-up
 * of a key the table does not hold (nearly every key of a new import) costs no SQLite query: a
 * Bloom filter in memory (10 bits a key) says so. Writes gather in a small in-memory table and go
 * to SQLite sorted by key, a quarter million at a time. Looking up and inserting each key at random
 * in the B-tree made a 5M-row first import take 45 s instead of about 10 (issue #14): with
 * SQLite's small page cache every random key was a page read.
 */
class BufferedKeyTable {
  private pending: U64Table;
  private readonly bloom: Uint32Array;
  private readonly bloomBits: number;
  private readonly select;
  private readonly upsert;
  private readonly words = new Uint32Array(2);
  private readonly big = new BigInt64Array(this.words.buffer);
  /** The payload of the last hit of `get`. */
  readonly value: number[];

  constructor(
    private readonly sqlite: SqliteHandle,
    private readonly table: string,
    /** Payload words <-> the table's value columns. */
    private readonly codec: {
      columns: readonly string[];
      toRow: (value: readonly number[], big: (lo: number, hi: number) => bigint) => unknown[];
      fromRow: (row: unknown[], out: number[]) => void;
    },
    private readonly payloadWords: number,
    expectedKeys: number,
    private readonly pendingKeys: number,
  ) {
    this.pending = new U64Table(pendingKeys, payloadWords);
    this.value = new Array<number>(payloadWords).fill(0);
    // A power of two of bits, so a probe is a mask; at least 1 Mbit (128 KB).
    this.bloomBits = 2 ** Math.max(20, Math.ceil(Math.log2(Math.max(1, expectedKeys) * BLOOM_BITS_PER_KEY)));
    this.bloom = new Uint32Array(this.bloomBits / 32);
    // Raw prepared statements on temporary tables no schema type describes: per-row hot path.
    this.select = sqlite
      .prepare(`SELECT ${codec.columns.join(', ')} FROM temp.${table} WHERE key = ?`)
      .raw()
      .safeIntegers(true);
    this.upsert = sqlite.prepare(
      `INSERT OR REPLACE INTO temp.${table} (key, ${codec.columns.join(', ')}) VALUES (?, ${codec.columns.map(() => '?').join(', ')})`,
    );
  }

  key(lo: number, hi: number): bigint {
    this.words[0] = lo;
    this.words[1] = hi;
    return this.big[0] as bigint;
  }

  /** Three bit positions from the key's two words (it is already a hash). */
  private probe(lo: number, hi: number, i: number): number {
    const mask = this.bloomBits - 1;
    return (i === 0 ? lo : i === 1 ? hi : (lo ^ Math.imul(hi, 0x9e3779b1)) >>> 0) & mask;
  }

  private maybeHolds(lo: number, hi: number): boolean {
    for (let i = 0; i < 3; i++) {
      const bit = this.probe(lo, hi, i);
      if ((this.bloom[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }

  /** Finds the key; its payload is then in `value`. */
  get(lo: number, hi: number): boolean {
    lo >>>= 0;
    hi >>>= 0;
    const slot = this.pending.find(lo, hi);
    if (slot !== -1) {
      for (let k = 0; k < this.payloadWords; k++) this.value[k] = this.pending.get(slot, k);
      return true;
    }
    if (!this.maybeHolds(lo, hi)) return false;
    const row = this.select.get(this.key(lo, hi)) as unknown[] | undefined;
    if (!row) return false;
    this.codec.fromRow(row, this.value);
    return true;
  }

  put(lo: number, hi: number, value: readonly number[]): void {
    lo >>>= 0;
    hi >>>= 0;
    for (let i = 0; i < 3; i++) {
      const bit = this.probe(lo, hi, i);
      this.bloom[bit >>> 5]! |= 1 << (bit & 31);
    }
    const slot = this.pending.upsert(lo, hi);
    for (let k = 0; k < this.payloadWords; k++) this.pending.set(slot, k, value[k] as number);
    if (this.pending.size >= this.pendingKeys) this.flush();
  }

  /** Writes the pending keys to the table in key order (SQLite's signed 64-bit order). */
  flush(): void {
    const pending = this.pending;
    const slots = pending.occupiedSlots();
    slots.sort(
      (a, b) => (pending.keyHi(a) | 0) - (pending.keyHi(b) | 0) || pending.keyLo(a) - pending.keyLo(b),
    );
    const key = (lo: number, hi: number): bigint => this.key(lo, hi);
    for (const slot of slots) {
      for (let k = 0; k < this.payloadWords; k++) this.value[k] = pending.get(slot, k);
      this.upsert.run(
        this.key(pending.keyLo(slot), pending.keyHi(slot)),
        ...this.codec.toRow(this.value, key),
      );
    }
    this.pending = new U64Table(this.pendingKeys, this.payloadWords);
  }
}

/**
 * In temporary SQLite tables, for imports whose keys would not fit the memory budget: memory stays
 * flat whatever the file and workspace size (a Bloom filter of 10 bits and a quarter-million-key
 * write buffer aside).
 */
export class SqliteKeyIndex implements ActivityKeyIndex {
  readonly found = { id: 0, hashLo: 0, hashHi: 0 };
  private readonly ids: BufferedKeyTable;
  private readonly contents: BufferedKeyTable;
  private readonly scratch = [0, 0, 0];

  /** `pendingKeys`: the write buffer's size (tests make it small, so the table itself is used). */
  constructor(
    private readonly sqlite: SqliteHandle,
    expectedKeys = 0,
    pendingKeys = PENDING_KEYS,
  ) {
    sqlite.exec(`
      CREATE TEMP TABLE qc_activity_ids (key INTEGER PRIMARY KEY, id INTEGER NOT NULL, row_hash INTEGER NOT NULL);
      CREATE TEMP TABLE qc_activity_contents (key INTEGER PRIMARY KEY, stored INTEGER NOT NULL, seen INTEGER NOT NULL);
    `);
    const words = new Uint32Array(2);
    const big = new BigInt64Array(words.buffer);
    this.ids = new BufferedKeyTable(
      sqlite,
      'qc_activity_ids',
      {
        columns: ['id', 'row_hash'],
        toRow: (v, key) => [v[ID], key(v[HASH_LO] as number, v[HASH_HI] as number)],
        fromRow: (row, out) => {
          out[ID] = Number(row[0]);
          big[0] = row[1] as bigint;
          out[HASH_LO] = words[0] as number;
          out[HASH_HI] = words[1] as number;
        },
      },
      3,
      expectedKeys,
      pendingKeys,
    );
    this.contents = new BufferedKeyTable(
      sqlite,
      'qc_activity_contents',
      {
        columns: ['stored', 'seen'],
        toRow: (v) => [v[STORED], v[SEEN]],
        fromRow: (row, out) => {
          out[STORED] = Number(row[0]);
          out[SEEN] = Number(row[1]);
        },
      },
      2,
      expectedKeys,
      pendingKeys,
    );
  }

  findId(lo: number, hi: number): boolean {
    if (!this.ids.get(lo, hi)) return false;
    this.found.id = this.ids.value[ID] as number;
    this.found.hashLo = this.ids.value[HASH_LO] as number;
    this.found.hashHi = this.ids.value[HASH_HI] as number;
    return true;
  }

  setId(lo: number, hi: number, id: number, hashLo: number, hashHi: number): void {
    this.scratch[ID] = id;
    this.scratch[HASH_LO] = hashLo >>> 0;
    this.scratch[HASH_HI] = hashHi >>> 0;
    this.ids.put(lo, hi, this.scratch);
  }

  private content(hashLo: number, hashHi: number): { stored: number; seen: number } {
    if (!this.contents.get(hashLo, hashHi)) return { stored: 0, seen: 0 };
    return { stored: this.contents.value[STORED] as number, seen: this.contents.value[SEEN] as number };
  }

  storedCopies(hashLo: number, hashHi: number): number {
    return this.content(hashLo, hashHi).stored;
  }

  addStoredContent(hashLo: number, hashHi: number): void {
    const c = this.content(hashLo, hashHi);
    this.contents.put(hashLo, hashHi, [c.stored + 1, c.seen]);
  }

  addFileContent(hashLo: number, hashHi: number): boolean {
    const c = this.content(hashLo, hashHi);
    this.contents.put(hashLo, hashHi, [c.stored, c.seen + 1]);
    return c.seen + 1 > c.stored;
  }

  close(): void {
    this.sqlite.exec('DROP TABLE temp.qc_activity_ids; DROP TABLE temp.qc_activity_contents;');
  }
}
