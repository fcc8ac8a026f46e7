import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../engine/db/open-database';
import { KeyFileWriter, readKeyFile } from '../../engine/import/activities/key-file';
import {
  MemoryKeyIndex,
  SqliteKeyIndex,
  StoredKeys,
  type ActivityKeyIndex,
} from '../../engine/import/activities/activity-keys';
import { U64Table } from '../../shared/hash/u64-table';
import { mulberry32 } from '../../shared/random/mulberry32';

/**
 * The record-key index in temporary tables (imports past the memory budget) against the reference
 * model, operation by operation on a random sequence: a write buffer of 8 keys makes every path
 * of the temporary tables run (Bloom filter misses, buffered hits, hits after a flush, updates of
 * flushed keys), which real imports only reach past a quarter million keys (issue #14).
 */
/**
 * The reference model: a plain hash table per key kind, the rules the import's key indexes keep
 * (a later setId of a key replaces its row; the n-th copy of a content in the file is new only past
 * the stored copies).
 */
class ModelKeyIndex implements ActivityKeyIndex {
  private readonly ids = new U64Table(1024, 3);
  private readonly contents = new U64Table(1024, 2);
  readonly found = { id: 0, hashLo: 0, hashHi: 0 };

  findId(lo: number, hi: number): boolean {
    const slot = this.ids.find(lo, hi);
    if (slot === -1) return false;
    this.found.id = this.ids.get(slot, 0);
    this.found.hashLo = this.ids.get(slot, 1);
    this.found.hashHi = this.ids.get(slot, 2);
    return true;
  }

  setId(lo: number, hi: number, id: number, hashLo: number, hashHi: number): void {
    const slot = this.ids.upsert(lo, hi);
    this.ids.set(slot, 0, id);
    this.ids.set(slot, 1, hashLo);
    this.ids.set(slot, 2, hashHi);
  }

  addStoredContent(hashLo: number, hashHi: number): void {
    const slot = this.contents.upsert(hashLo, hashHi);
    this.contents.set(slot, 0, this.contents.get(slot, 0) + 1);
  }

  storedCopies(hashLo: number, hashHi: number): number {
    const slot = this.contents.find(hashLo, hashHi);
    return slot === -1 ? 0 : this.contents.get(slot, 0);
  }

  addFileContent(hashLo: number, hashHi: number): boolean {
    const slot = this.contents.upsert(hashLo, hashHi);
    const seen = this.contents.get(slot, 1) + 1;
    this.contents.set(slot, 1, seen);
    return seen > this.contents.get(slot, 0);
  }

  close(): void {}
}

describe('stored record keys in memory (StoredKeys)', () => {
  for (const n of [0, 1, 2, 7, 1000, 50_000]) {
    it(`answer every look-up as the reference does, ${n} stored rows`, () => {
      const rand = mulberry32(n + 1);
      const model = new ModelKeyIndex();
      const stored = new StoredKeys(n);
      const keys: [number, number][] = [];
      for (let i = 0; i < n; i++) {
        // One row per CRM id, as stored rows are; some rows have no id (counted by content).
        const key = [Math.floor(rand() * 2 ** 32), Math.floor(rand() * 2 ** 32)] as [number, number];
        keys.push(key);
        const hash = [Math.floor(rand() * 2 ** 32), Math.floor(rand() * 2 ** 32)] as const;
        if (rand() < 0.1) {
          model.addStoredContent(hash[0], hash[1] % 3);
          stored.addContent(hash[0], hash[1] % 3);
        } else {
          model.setId(key[0], key[1], i + 1, hash[0], hash[1]);
          stored.addId(key[0], key[1], i + 1, hash[0], hash[1]);
        }
      }
      stored.seal();
      // In stored order (the cursor answers), then shuffled (the buckets answer), then in stored
      // order again after a miss.
      const shuffled = [...keys].sort(() => rand() - 0.5);
      let hits = 0;
      for (const [lo, hi] of [...keys, ...shuffled, [1, 1] as [number, number], ...keys]) {
        const a = model.findId(lo, hi);
        expect(stored.findId(lo, hi)).toBe(a);
        if (a) {
          expect(stored.found).toEqual(model.found);
          hits++;
        }
      }
      if (n > 100) expect(hits).toBeGreaterThan(n * 3 * 0.85);
      for (let i = 0; i < 2000; i++) {
        const lo = Math.floor(rand() * 2 ** 32);
        const hi = Math.floor(rand() * 2 ** 32);
        expect(stored.findId(lo, hi)).toBe(model.findId(lo, hi));
        expect(stored.storedCopies(lo, hi % 3)).toBe(model.storedCopies(lo, hi % 3));
      }
    });
  }

  it('tells keys apart that share a word, at the cursor and in a bucket', () => {
    const stored = new StoredKeys(3);
    stored.addId(1, 2, 10, 0, 0);
    stored.addId(1, 3, 11, 0, 0);
    stored.addId(4, 2, 12, 0, 0);
    stored.seal();
    expect(stored.findId(1, 2)).toBe(true);
    // The cursor is at (1, 3): same low word, another key.
    expect(stored.findId(1, 4)).toBe(false);
    expect(stored.findId(5, 3)).toBe(false);
    expect(stored.findId(1, 3)).toBe(true);
    expect(stored.found.id).toBe(11);
    expect(stored.findId(4, 2)).toBe(true);
    expect(stored.found.id).toBe(12);
  });

  it('refuses keys after it is sealed', () => {
    const stored = new StoredKeys(1);
    stored.seal();
    expect(() => stored.addId(1, 2, 3, 4, 5)).toThrow(/sealed/);
  });
});

describe('record keys in temporary tables', () => {
  it('answer every look-up as the in-memory index does', () => {
    const database = openDatabase(':memory:');
    const { sqlite } = database;
    const rand = mulberry32(7);
    const memory = new ModelKeyIndex();
    const temp = new SqliteKeyIndex(sqlite, 100, 8);
    // Keys from a small space, so look-ups hit, miss and update alike; the high word is signed
    // at random (SQLite orders keys as signed 64-bit).
    const keys = Array.from({ length: 300 }, (): [number, number] => [
      Math.floor(rand() * 2 ** 32),
      Math.floor(rand() * 2 ** 32),
    ]);
    const pick = (): [number, number] => keys[Math.floor(rand() * keys.length)]!;
    let checked = 0;
    for (let step = 0; step < 5000; step++) {
      const [lo, hi] = pick();
      const op = Math.floor(rand() * 5);
      if (op === 0) {
        const id = Math.floor(rand() * 1e6);
        const [hLo, hHi] = pick();
        memory.setId(lo, hi, id, hLo, hHi);
        temp.setId(lo, hi, id, hLo, hHi);
      } else if (op === 1) {
        const a = memory.findId(lo, hi);
        expect(temp.findId(lo, hi)).toBe(a);
        if (a) expect(temp.found).toEqual(memory.found);
        checked++;
      } else if (op === 2) {
        memory.addStoredContent(lo, hi);
        temp.addStoredContent(lo, hi);
      } else if (op === 3) {
        expect(temp.addFileContent(lo, hi)).toBe(memory.addFileContent(lo, hi));
        checked++;
      } else {
        expect(temp.storedCopies(lo, hi)).toBe(memory.storedCopies(lo, hi));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(2500);
    // Keys never written are not found, in the buffer's absence and the table's.
    expect(temp.findId(1, 2)).toBe(false);
    expect(temp.storedCopies(3, 4)).toBe(0);
    temp.close();
    database.close();
  });
});

/**
 * The in-memory index of an import into a workspace with activities (MemoryKeyIndex) against the
 * reference model, as an import uses it: the stored rows loaded in id order, then the file's rows
 * looked up, replaced (a new version of a stored or earlier row) and added, in stored order (the
 * cursor) and at random (the buckets, the file's own table).
 */
describe('record keys in memory for an import into a workspace with activities', () => {
  for (const [order, spill] of [
    ['stored order', false],
    ['random order', false],
    ['random order', true],
  ] as const) {
    it(`answer every look-up as the reference does, file in ${order}${spill ? ', moved to temporary tables halfway' : ''}`, () => {
      const database = openDatabase(':memory:');
      const rand = mulberry32(order === 'stored order' ? 11 : 12);
      const model = new ModelKeyIndex();
      const memory = new MemoryKeyIndex(400, 300);
      // The index the import uses; with `spill`, temporary tables (an 8-key write buffer, so the
      // tables themselves are used) take over from the memory index halfway through the file.
      let index: ActivityKeyIndex = memory;
      const key = (): [number, number] => [Math.floor(rand() * 2 ** 32), Math.floor(rand() * 2 ** 32)];
      const stored = Array.from({ length: 400 }, key);
      for (const [i, [lo, hi]] of stored.entries()) {
        if (i % 10 === 9) {
          // Rows without an id: a few contents, stored more than once.
          model.addStoredContent(lo % 7, 1);
          memory.addStoredContent(lo % 7, 1);
        } else {
          model.setId(lo, hi, i + 1, lo ^ 5, hi ^ 5);
          memory.setId(lo, hi, i + 1, lo ^ 5, hi ^ 5);
        }
      }
      const fresh = Array.from({ length: 100 }, key);
      let next = 401;
      let checked = 0;
      for (let step = 0; step < 3000; step++) {
        if (spill && step === 1500) {
          expect(memory.keyCount).toBeGreaterThan(360);
          index = memory.spillInto(new SqliteKeyIndex(database.sqlite, 500, 8));
        }
        const [lo, hi] =
          order === 'stored order' && step < stored.length
            ? stored[step]!
            : rand() < 0.6
              ? stored[Math.floor(rand() * stored.length)]!
              : fresh[Math.floor(rand() * fresh.length)]!;
        if (rand() < 0.1) {
          expect(index.addFileContent(lo % 7, 1)).toBe(model.addFileContent(lo % 7, 1));
          expect(index.storedCopies(lo % 7, 1)).toBe(model.storedCopies(lo % 7, 1));
          checked++;
          continue;
        }
        // The import's own sequence: a look-up, then a new version or a new row.
        const hit = model.findId(lo, hi);
        expect(index.findId(lo, hi)).toBe(hit);
        checked++;
        const hash: [number, number] = rand() < 0.5 ? [lo ^ 5, hi ^ 5] : key();
        if (hit) {
          expect(index.found).toEqual(model.found);
          if (hash[0] !== model.found.hashLo || hash[1] !== model.found.hashHi) {
            model.setId(lo, hi, model.found.id, hash[0], hash[1]);
            index.setId(lo, hi, model.found.id, hash[0], hash[1]);
          }
        } else {
          model.setId(lo, hi, next, hash[0], hash[1]);
          index.setId(lo, hi, next, hash[0], hash[1]);
          next++;
        }
      }
      expect(checked).toBeGreaterThan(2500);
      expect(next).toBeGreaterThan(450);
      index.close();
      database.close();
    });
  }
});

describe('the key file an import into a workspace with activities writes', () => {
  /**
   * What MemoryKeyIndex.writeInto gives a key file: stored ids 1-3, the file's new rows 4 on, row
   * 6 without a CRM id (keyed by content: no record).
   */
  function written(setTwice: boolean): number[] | null {
    const dir = mkdtempSync(join(tmpdir(), 'qc-keys-'));
    try {
      const path = join(dir, 'w.activity-keys');
      const index = new MemoryKeyIndex(3, 5);
      for (let id = 1; id <= 3; id++) index.setId(10 * id, 10 * id + 1, id, id, id);
      expect(index.findId(20, 21)).toBe(true);
      index.setId(20, 21, 2, 7, 7); // a new version of stored row 2
      for (const id of [4, 5, 7, 8]) {
        expect(index.findId(100 * id, 100 * id + 1)).toBe(false);
        index.setId(100 * id, 100 * id + 1, id, id, id);
      }
      // A new record set again (an import rejects a repeated id; the index itself allows it).
      if (setTwice) index.setId(400, 401, 4, 9, 9);
      const writer = new KeyFileWriter(path);
      index.writeInto(writer);
      writer.seal('t', 8, 8);
      writer.publish();
      const read = readKeyFile(path, { token: 't', maxId: 8 });
      return read && [...read.records];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('holds the new records in row id order, with the latest hash of each, over the rows without an id', () => {
    const stored = [10, 11, 1, 1, 1, 20, 21, 2, 7, 7, 30, 31, 3, 3, 3];
    const after = [500, 501, 5, 5, 5, 700, 701, 7, 7, 7, 800, 801, 8, 8, 8];
    expect(written(false)).toEqual([...stored, 400, 401, 4, 4, 4, ...after]);
    expect(written(true)).toEqual([...stored, 400, 401, 4, 9, 9, ...after]);
  });

  it('refuses a new record whose row id is not above the last one (the file lists them in id order)', () => {
    const index = new MemoryKeyIndex(1, 4);
    index.setId(1, 1, 1, 1, 1);
    expect(index.findId(5, 5)).toBe(false);
    index.setId(5, 5, 7, 0, 0);
    expect(index.findId(6, 6)).toBe(false);
    expect(() => index.setId(6, 6, 7, 0, 0)).toThrow(/new row id 7 after 7/);
  });
});
