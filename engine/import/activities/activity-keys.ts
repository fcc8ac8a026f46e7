import { U64Table } from '../../../shared/hash/u64-table';
import type { SqliteHandle } from '../../db/open-database';

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

/** In memory: about 34 bytes a key, no I/O. Row ids fit 32 bits (4 billion activities). */
export class MemoryKeyIndex implements ActivityKeyIndex {
  private readonly ids: U64Table;
  private readonly contents = new U64Table(1024, 2);
  readonly found = { id: 0, hashLo: 0, hashHi: 0 };

  constructor(expected: number) {
    this.ids = new U64Table(expected);
  }

  findId(lo: number, hi: number): boolean {
    const slot = this.ids.find(lo, hi);
    if (slot === -1) return false;
    this.found.id = this.ids.get(slot, ID);
    this.found.hashLo = this.ids.get(slot, HASH_LO);
    this.found.hashHi = this.ids.get(slot, HASH_HI);
    return true;
  }

  setId(lo: number, hi: number, id: number, hashLo: number, hashHi: number): void {
    const slot = this.ids.upsert(lo, hi);
    this.ids.set(slot, ID, id);
    this.ids.set(slot, HASH_LO, hashLo);
    this.ids.set(slot, HASH_HI, hashHi);
  }

  addStoredContent(hashLo: number, hashHi: number): void {
    const slot = this.contents.upsert(hashLo, hashHi);
    this.contents.set(slot, STORED, this.contents.get(slot, STORED) + 1);
  }

  storedCopies(hashLo: number, hashHi: number): number {
    const slot = this.contents.find(hashLo, hashHi);
    return slot === -1 ? 0 : this.contents.get(slot, STORED);
  }

  addFileContent(hashLo: number, hashHi: number): boolean {
    const slot = this.contents.upsert(hashLo, hashHi);
    const seen = this.contents.get(slot, SEEN) + 1;
    this.contents.set(slot, SEEN, seen);
    return seen > this.contents.get(slot, STORED);
  }

  close(): void {}
}

/**
 * In temporary SQLite tables, for imports whose keys would not fit the memory budget: slower,
 * but memory stays flat whatever the file and workspace size.
 */
export class SqliteKeyIndex implements ActivityKeyIndex {
  readonly found = { id: 0, hashLo: 0, hashHi: 0 };
  private readonly words = new Uint32Array(2);
  private readonly big = new BigInt64Array(this.words.buffer);
  private readonly getId;
  private readonly putId;
  private readonly getContent;
  private readonly putContent;

  constructor(private readonly sqlite: SqliteHandle) {
    sqlite.exec(`
      CREATE TEMP TABLE qc_activity_ids (key INTEGER PRIMARY KEY, id INTEGER NOT NULL, row_hash INTEGER NOT NULL);
      CREATE TEMP TABLE qc_activity_contents (row_hash INTEGER PRIMARY KEY, stored INTEGER NOT NULL, seen INTEGER NOT NULL);
    `);
    this.getId = sqlite
      .prepare('SELECT id, row_hash FROM temp.qc_activity_ids WHERE key = ?')
      .safeIntegers(true);
    this.putId = sqlite.prepare(
      'INSERT OR REPLACE INTO temp.qc_activity_ids (key, id, row_hash) VALUES (?, ?, ?)',
    );
    this.getContent = sqlite
      .prepare('SELECT stored, seen FROM temp.qc_activity_contents WHERE row_hash = ?')
      .safeIntegers(false);
    this.putContent = sqlite.prepare(
      'INSERT OR REPLACE INTO temp.qc_activity_contents (row_hash, stored, seen) VALUES (?, ?, ?)',
    );
  }

  private key(lo: number, hi: number): bigint {
    this.words[0] = lo;
    this.words[1] = hi;
    return this.big[0] as bigint;
  }

  findId(lo: number, hi: number): boolean {
    const row = this.getId.get(this.key(lo, hi)) as { id: bigint; row_hash: bigint } | undefined;
    if (!row) return false;
    this.big[0] = row.row_hash;
    this.found.id = Number(row.id);
    this.found.hashLo = this.words[0] as number;
    this.found.hashHi = this.words[1] as number;
    return true;
  }

  setId(lo: number, hi: number, id: number, hashLo: number, hashHi: number): void {
    const key = this.key(lo, hi);
    this.putId.run(key, id, this.key(hashLo, hashHi));
  }

  private content(hashLo: number, hashHi: number): { key: bigint; stored: number; seen: number } {
    const key = this.key(hashLo, hashHi);
    const row = this.getContent.get(key) as { stored: number; seen: number } | undefined;
    return { key, stored: row?.stored ?? 0, seen: row?.seen ?? 0 };
  }

  storedCopies(hashLo: number, hashHi: number): number {
    return this.content(hashLo, hashHi).stored;
  }

  addStoredContent(hashLo: number, hashHi: number): void {
    const c = this.content(hashLo, hashHi);
    this.putContent.run(c.key, c.stored + 1, c.seen);
  }

  addFileContent(hashLo: number, hashHi: number): boolean {
    const c = this.content(hashLo, hashHi);
    this.putContent.run(c.key, c.stored, c.seen + 1);
    return c.seen + 1 > c.stored;
  }

  close(): void {
    this.sqlite.exec('DROP TABLE temp.qc_activity_ids; DROP TABLE temp.qc_activity_contents;');
  }
}
