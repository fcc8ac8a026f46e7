import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../engine/db/open-database';
import { MemoryKeyIndex, SqliteKeyIndex } from '../../engine/import/activities/activity-keys';
import { mulberry32 } from '../../shared/random/mulberry32';

/**
 * The record-key index in temporary tables (imports past the memory budget) against the one in
 * memory, operation by operation on a random sequence: a write buffer of 8 keys makes every path
 * of the temporary tables run (Bloom filter misses, buffered hits, hits after a flush, updates of
 * flushed keys), which real imports only reach past a quarter million keys (issue #14).
 */
describe('record keys in temporary tables', () => {
  it('answer every look-up as the in-memory index does', () => {
    const { sqlite, close } = openDatabase(':memory:');
    const rand = mulberry32(7);
    const memory = new MemoryKeyIndex(0);
    const temp = new SqliteKeyIndex(sqlite, 100, 8);
    // Keys from a small space, so look-ups hit, miss and update alike; the high word is signed
    // at random (SQLite orders keys as signed 64-bit).
    const keys = Array.from({ length: 300 }, () => [
      Math.floor(rand() * 2 ** 32),
      Math.floor(rand() * 2 ** 32),
    ]) as [number, number][];
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
    close();
  });
});
