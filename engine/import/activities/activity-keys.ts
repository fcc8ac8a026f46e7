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
          out[ID] = Number(row[0] as bigint);
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
          out[STORED] = Number(row[0] as bigint);
          out[SEEN] = Number(row[1] as bigint);
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
