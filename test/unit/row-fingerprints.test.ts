import { describe, expect, it } from 'vitest';
import { ACTIVITY_TYPES } from '../../shared/domain/types';
import { combine64Into, hash64, hash64Into, hash64LatinInto } from '../../shared/hash/hash64';
import { U64Table } from '../../shared/hash/u64-table';
import { IdOrdinals } from '../../engine/import/activities/id-ordinals';
import { activityRowHashInto, type ActivityRowContent } from '../../shared/import/activity-row';
import { mulberry32 } from '../../shared/random/mulberry32';
import {
  IdColumnDecoder,
  IdColumnEncoder,
  TextColumnDecoder,
  TextColumnEncoder,
} from '../../engine/import/activities/activity-batch';

describe('hash64', () => {
  // Stored row hashes were computed with this function: a change here must come with a migration
  // that rehashes stored rows, which is why these values are pinned.
  it('gives the pinned fingerprints', () => {
    expect(hash64('')).toBe(-3322860358964938797n);
    expect(hash64('a')).toBe(-442019048487498972n);
    expect(hash64('ab')).toBe(-6296661604395837107n);
    expect(hash64('Ann Lee')).toBe(-8956060381662075392n);
    expect(hash64('张伟')).toBe(9014093388518639925n);
  });

  it('pins an activity row fingerprint', () => {
    const out = new Uint32Array(2);
    activityRowHashInto(
      {
        owner: 'Ann Lee',
        account: 'Acme Inc',
        type: 'call',
        typeRaw: 'Call',
        date: '2024-03-01',
        subject: 'Intro',
        outcome: null,
        durationMin: 12,
      },
      out,
      0,
    );
    expect(new BigInt64Array(out.buffer)[0]).toBe(4758224857034678243n);
  });

  it('fingerprints an ASCII id from its bytes exactly as from its text', () => {
    const out = new Uint32Array(2);
    // Prefixes of odd and even length (the last unit of an odd one pairs with the first byte),
    // ids of odd and even length.
    for (const prefix of ['id\u001f', '', 'p', 'ab'])
      for (const id of ['', 'A', 'A-1', '0065g00000XyZ12AAB', 'ACT-123456']) {
        const bytes = Buffer.from(`xx${id}yy`);
        hash64LatinInto(prefix, bytes, 2, 2 + id.length, out, 0);
        expect(new BigInt64Array(out.buffer)[0]).toBe(hash64(`${prefix}${id}`));
      }
  });

  it('writes the same value as low and high words that hash64 returns', () => {
    const out = new Uint32Array(4);
    hash64Into('Bo Chen', out, 1);
    expect(new BigInt64Array(out.buffer)[1]).toBe(hash64('Bo Chen'));
  });

  it('has no collisions over 200,000 similar strings, in either word alone', () => {
    const seen = new Set<bigint>();
    const lows = new Set<number>();
    const out = new Uint32Array(2);
    for (let i = 0; i < 200_000; i++) {
      hash64Into(`ACT-${i}`, out, 0);
      seen.add(new BigInt64Array(out.buffer)[0] as bigint);
      lows.add(out[0] as number);
    }
    expect(seen.size).toBe(200_000);
    // 32 bits over 200,000 keys: a handful of collisions is expected, many would be a bad mix.
    expect(lows.size).toBeGreaterThan(199_980);
  });

  it('row fingerprints tell apart a field that moved, a null from empty text, and every type', () => {
    const base: ActivityRowContent = {
      owner: 'Ann',
      account: null,
      type: 'call',
      typeRaw: null,
      date: '2024-03-01',
      subject: 'x',
      outcome: null,
      durationMin: null,
    };
    const fp = (c: ActivityRowContent): bigint => {
      const out = new Uint32Array(2);
      activityRowHashInto(c, out, 0);
      return new BigInt64Array(out.buffer)[0] as bigint;
    };
    const variants = [
      base,
      { ...base, account: 'x', subject: null },
      { ...base, outcome: 'x', subject: null },
      { ...base, subject: '' },
      { ...base, durationMin: 0 },
      ...ACTIVITY_TYPES.map((type) => ({ ...base, type })),
    ];
    expect(new Set(variants.map(fp)).size).toBe(variants.length - 1); // base and type 'call' are equal
  });

  it('combines parts in order', () => {
    const parts = new Uint32Array([1, 2, 3, 4]);
    const swapped = new Uint32Array([3, 4, 1, 2]);
    const a = new Uint32Array(2);
    const b = new Uint32Array(2);
    combine64Into(parts, 2, a, 0);
    combine64Into(swapped, 2, b, 0);
    expect([...a]).not.toEqual([...b]);
  });
});

describe('U64Table', () => {
  it('finds every key it holds through growth, and none it does not', () => {
    const table = new U64Table(4);
    const rand = mulberry32(7);
    const keys: [number, number][] = [];
    for (let i = 0; i < 50_000; i++) keys.push([(rand() * 2 ** 32) >>> 0, (rand() * 2 ** 32) >>> 0]);
    // Keys sharing a low word must stay apart.
    keys.push([keys[0]![0], (keys[0]![1] + 1) >>> 0]);
    keys.forEach(([lo, hi], i) => {
      const slot = table.upsert(lo, hi);
      table.set(slot, 0, i);
      table.set(slot, 2, i * 2);
    });
    expect(table.size).toBe(keys.length);
    keys.forEach(([lo, hi], i) => {
      const slot = table.find(lo, hi);
      expect(slot).not.toBe(-1);
      expect(table.get(slot, 0)).toBe(i);
      expect(table.get(slot, 2)).toBe(i * 2);
    });
    expect(table.find(1, 1)).toBe(-1);
    // Upserting a held key returns its slot and keeps its values.
    const again = table.upsert(keys[5]![0], keys[5]![1]);
    expect(table.get(again, 0)).toBe(5);
    expect(table.size).toBe(keys.length);
  });
});

describe('id columns across threads', () => {
  it('round-trips ASCII ids from bytes, other ids from text and nulls, batch after batch', () => {
    const encoder = new IdColumnEncoder();
    const decoder = new IdColumnDecoder();
    const bytes = Buffer.from('00Q5e00001|ACT-7|x');
    const batches: [string, string | null][][] = [
      // All ASCII: the batch's string is decoded as Latin-1.
      [
        ['bytes', '00Q5e00001'],
        ['text', 'A-1'],
        ['null', null],
        ['bytes', 'ACT-7'],
      ],
      // Mixed: UTF-8, and every value keeps its length in UTF-16 units (a pair for the emoji).
      [
        ['text', '活动-1'],
        ['bytes', 'x'],
        ['text', 'é😀'],
        ['null', null],
        ['text', 'Z'],
      ],
      [['null', null]],
      [],
    ];
    for (const rows of batches) {
      for (const [how, v] of rows) {
        if (v === null) encoder.pushNull();
        else if (how === 'text') encoder.pushString(v);
        else {
          const at = bytes.indexOf(v);
          encoder.pushAsciiBytes(bytes, at, at + v.length);
        }
      }
      const column = structuredClone(encoder.take());
      decoder.begin(column);
      expect(rows.map((_, i) => decoder.value(i))).toEqual(rows.map(([, v]) => v));
    }
  });

  it('stores a lone surrogate as U+FFFD, one unit as it was', () => {
    const encoder = new IdColumnEncoder();
    const decoder = new IdColumnDecoder();
    encoder.pushString('a\ud800b');
    encoder.pushString('c');
    decoder.begin(encoder.take());
    expect([decoder.value(0), decoder.value(1)]).toEqual(['a\ufffdb', 'c']);
  });
});

describe('text columns across threads', () => {
  it('round-trips values, nulls and inline values past the dictionary cap, batch after batch', () => {
    const encoder = new TextColumnEncoder(3, 2);
    const decoder = new TextColumnDecoder();
    const batches = [
      ['a', null, 'b', 'a', 'c', 'd', 'é😀', null],
      ['d', 'c', 'e', '', 'a'],
    ];
    const hashes = new Uint32Array(2);
    for (const values of batches) {
      for (const v of values) encoder.push(v, hashes, 0);
      const column = structuredClone(encoder.take());
      decoder.begin(column);
      expect(values.map((_, i) => decoder.value(i))).toEqual(values);
    }
  });

  it('hands out each value the fingerprint activity rows are hashed with', () => {
    const encoder = new TextColumnEncoder(10, 4);
    const out = new Uint32Array(2);
    encoder.push('Ann Lee', out, 0);
    encoder.push('Ann Lee', out, 0);
    expect(new BigInt64Array(out.buffer)[0]).toBe(hash64('Ann Lee'));
  });
});

describe('IdOrdinals', () => {
  it('tells repeated ids from new ones through growth, keys sharing a low word included', () => {
    const ids = new IdOrdinals(10);
    const rand = mulberry32(3);
    const keys: [number, number][] = [];
    for (let i = 0; i < 20_000; i++) keys.push([(rand() * 2 ** 32) >>> 0, (rand() * 2 ** 32) >>> 0]);
    keys.push([keys[0]![0], (keys[0]![1] + 1) >>> 0]); // same low word, another id
    // Records numbered with gaps (rows without an id take numbers too).
    keys.forEach(([lo, hi], k) => {
      expect(ids.find(lo, hi)).toBe(-1);
      expect(ids.see(lo, hi, 2 * k)).toBe(-1);
    });
    // Each id again: the record of its first row comes back, and the number offered for a new
    // record is not taken.
    const n = keys.length;
    keys.forEach(([lo, hi], k) => {
      expect(ids.see(lo, hi, 2 * n + k)).toBe(2 * k);
      expect(ids.find(lo, hi)).toBe(2 * k);
    });
    expect(ids.see(keys[5]![0], keys[5]![1], 3 * n)).toBe(10);
    expect(ids.find(1, 2)).toBe(-1);
    expect(ids.see(1, 2, 3 * n)).toBe(-1);
    expect(ids.see(1, 2, 3 * n + 1)).toBe(3 * n);
    expect(ids.find(1, 2)).toBe(3 * n);
  });
});
