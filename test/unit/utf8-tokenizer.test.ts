import { describe, expect, it } from 'vitest';
import { ByteCache } from '../../engine/import/activities/byte-cache';
import { Utf8Tokenizer } from '../../engine/import/activities/utf8-records';
import { parseText } from '../../engine/import/read-table';
import type { Delimiter, LineBreak } from '../../engine/import/sniff';
import { mulberry32 } from '../../shared/random/mulberry32';

/**
 * The byte tokenizer must read every record it accepts exactly as the text route (papaparse, through
 * read-table.ts parseText) does, whatever the chunk boundaries, and stop (unsure) rather than
 * guess on the rest.
 */

function cellText(rand: () => number): string {
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)] as T;
  const kind = rand();
  if (kind < 0.3) return '';
  if (kind < 0.6) return pick(['Ann', 'Bo Chen', '张伟', 'x y', ' pad ', '12.5', 'é']);
  if (kind < 0.85)
    return `"${pick(['a,b', 'line\nbreak', 'say ""hi""', '', '张,伟', 'crlf\r\nin', 'semi;colon|pipe\ttab'])}"`;
  return pick(['bad"quote', '"closed"junk', 'a\rb']);
}

function tokenizeInChunks(text: string, delimiter: Delimiter, lineBreak: LineBreak, rand: () => number) {
  const bytes = Buffer.from(text, 'utf8');
  const tokenizer = new Utf8Tokenizer(delimiter, lineBreak);
  const rows: string[][] = [];
  let from = 0;
  let extra = 0;
  let unsure = false;
  while (from < bytes.length) {
    const to = Math.min(bytes.length, from + 1 + Math.floor(rand() * 24) + extra);
    const final = to === bytes.length;
    const result = tokenizer.tokenize(bytes, from, to, final);
    const records = tokenizer.records;
    for (let r = 0; r < records.count; r++) {
      const cells: string[] = [];
      for (let c = records.cellOf[r] as number; c < (records.cellOf[r + 1] as number); c++) {
        const v = bytes.toString('utf8', records.start[c], records.end[c]);
        cells.push(records.escaped[c] === 1 ? v.replaceAll('""', '"') : v);
      }
      rows.push(cells);
    }
    extra = result.consumed === from ? extra + 24 : 0;
    from = result.consumed;
    if (result.unsure || (final && from < bytes.length)) {
      unsure = true;
      break;
    }
  }
  return { rows, unsure };
}

describe('Utf8Tokenizer', () => {
  it('agrees with papaparse on 3,000 random files, chunked at random', () => {
    const rand = mulberry32(1);
    let unsureFiles = 0;
    for (let t = 0; t < 3000; t++) {
      const lineBreak: LineBreak = rand() < 0.5 ? '\r\n' : '\n';
      const delimiter = ([',', ';', '\t', '|'] as const)[Math.floor(rand() * 4)] as Delimiter;
      const lines = Array.from({ length: 1 + Math.floor(rand() * 6) }, () =>
        Array.from({ length: 1 + Math.floor(rand() * 4) }, () => cellText(rand)).join(delimiter),
      );
      // Now and then a line ends with the other line break (issue #13: a file that mixes them).
      const other = lineBreak === '\n' ? '\r\n' : '\n';
      const text =
        lines.map((l, k) => (k === 0 ? l : (rand() < 0.15 ? other : lineBreak) + l)).join('') +
        (rand() < 0.5 ? lineBreak : '');
      const papa = parseText(text, { encoding: 'utf-8', bomLength: 0, delimiter, lineBreak }, false);
      const mine = tokenizeInChunks(text, delimiter, lineBreak, rand);
      if (mine.unsure) {
        unsureFiles++;
        // What it did read before stopping is what papaparse reads.
        expect(mine.rows).toEqual(papa.slice(0, mine.rows.length));
        continue;
      }
      // papaparse ends a file that ends with a line break with one more, empty, record.
      const expected =
        papa.length === mine.rows.length + 1 && papa.at(-1)?.join('') === '' ? papa.slice(0, -1) : papa;
      expect(mine.rows).toEqual(expected);
    }
    // Both outcomes were exercised.
    expect(unsureFiles).toBeGreaterThan(300);
    expect(unsureFiles).toBeLessThan(2700);
  });

  it('stops, unsure, at a quote inside an unquoted cell or text after a closing quote', () => {
    for (const text of ['a,b\nc"d,e\n', 'a,b\n"c"d,e\n', 'a,b\r\n"c"\rd,e\r\n']) {
      const tokenizer = new Utf8Tokenizer(',', text.includes('\r') ? '\r\n' : '\n');
      const bytes = Buffer.from(text);
      const result = tokenizer.tokenize(bytes, 0, bytes.length, true);
      expect(result.unsure).toBe(true);
      expect(tokenizer.records.count).toBe(1);
    }
  });
  // Issue #13: an LF-only line in a CRLF file was "unsure", and papaparse then folded it and the
  // next line into one row; both routes now end a record at LF or CRLF alike.
  it('ends a record at LF or CRLF in any file, the CR not in the cell', () => {
    for (const lineBreak of ['\r\n', '\n'] as const) {
      const text = 'a,b\r\n1,x\n2,"y"\n3,"z"\r\n4,\r\n\r\n5,w\r';
      const tokenizer = new Utf8Tokenizer(',', lineBreak);
      const bytes = Buffer.from(text);
      const result = tokenizer.tokenize(bytes, 0, bytes.length, true);
      expect(result).toEqual({ consumed: bytes.length, unsure: false });
      const r = tokenizer.records;
      const rows = Array.from({ length: r.count }, (_, k) =>
        Array.from({ length: (r.cellOf[k + 1] as number) - (r.cellOf[k] as number) }, (_, c) =>
          bytes.toString('utf8', r.start[(r.cellOf[k] as number) + c], r.end[(r.cellOf[k] as number) + c]),
        ),
      );
      const expected = [['a', 'b'], ['1', 'x'], ['2', 'y'], ['3', 'z'], ['4', ''], [''], ['5', 'w']];
      expect(rows).toEqual(expected);
      expect(parseText(text, { encoding: 'utf-8', bomLength: 0, delimiter: ',', lineBreak }, false)).toEqual(
        expected,
      );
    }
  });
});

describe('ByteCache', () => {
  it('finds values by their bytes, repeated or not, and stops caching at its cap', () => {
    const cache = new ByteCache<number>(3);
    const text = Buffer.from('Ann|Bo|Ann|Ann|Cy|Dee|Bo|An|Dee');
    const cells: [number, number][] = [];
    let start = 0;
    for (let i = 0; i <= text.length; i++)
      if (i === text.length || text[i] === 0x7c) {
        cells.push([start, i]);
        start = i + 1;
      }
    const seen: (number | undefined)[] = [];
    cells.forEach(([s, e], k) => {
      const v = cache.get(text, s, e);
      seen.push(v);
      if (v === undefined) cache.set(text, s, e, k);
    });
    // Ann=0, Bo=1, Cy=4 fill the cache; Dee and An are never cached.
    expect(seen).toEqual([undefined, undefined, 0, 0, undefined, undefined, 1, undefined, undefined]);
    expect(cache.size).toBe(3);
  });

  it('tells apart texts that differ in one byte anywhere, read at any offset of a buffer', () => {
    // Cells are compared and hashed four bytes at a time: a difference in any byte of a word,
    // or in the bytes past the last whole word, must still count, wherever the cell starts.
    const base = 'Follow-up on proposal and next steps';
    const variants = [base, ...Array.from(base, (_, i) => base.slice(0, i) + '#' + base.slice(i + 1))];
    const cache = new ByteCache<number>(1_000);
    variants.forEach((v, k) => {
      const bytes = Buffer.from(`${'x'.repeat(k % 7)}${v}yy`);
      const start = k % 7;
      expect(cache.get(bytes, start, start + v.length)).toBeUndefined();
      cache.set(bytes, start, start + v.length, k);
    });
    variants.forEach((v, k) => {
      const pad = 'z'.repeat((k * 3) % 5);
      const bytes = Buffer.from(`${pad}${v}`);
      expect(cache.get(bytes, pad.length, pad.length + v.length)).toBe(k);
      // The same text one byte shorter is another cell.
      expect(cache.get(bytes, pad.length, pad.length + v.length - 1)).toBeUndefined();
    });
  });

  it('answers as a map of the texts does, through many rehashes, up to its cap', () => {
    const rand = mulberry32(21);
    // Short texts of a small alphabet: many share a length, a prefix or a hash bucket.
    const texts = Array.from({ length: 6_000 }, () =>
      Array.from({ length: Math.floor(rand() * 9) }, () => 'ab张 '[Math.floor(rand() * 4)]).join(''),
    );
    const cache = new ByteCache<number>(2_500);
    const model = new Map<string, number>();
    let hits = 0;
    for (let step = 0; step < 40_000; step++) {
      // Runs of the same text too (the comparison with the last one found).
      const text = texts[
        step % 3 === 0 ? Math.floor(step / 3) % texts.length : Math.floor(rand() * texts.length)
      ] as string;
      const bytes = Buffer.from(`|${text}|`, 'utf8');
      const found = cache.get(bytes, 1, bytes.length - 1);
      expect(found).toBe(model.get(text));
      if (found === undefined) {
        cache.set(bytes, 1, bytes.length - 1, step);
        if (model.size < 2_500) model.set(text, step);
      } else hits++;
    }
    expect(cache.size).toBe(model.size);
    expect(hits).toBeGreaterThan(10_000);
  });
});
