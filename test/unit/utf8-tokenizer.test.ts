import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { ByteCache } from '../../engine/import/activities/byte-cache';
import { Utf8Tokenizer } from '../../engine/import/activities/utf8-records';
import type { Delimiter, LineBreak } from '../../engine/import/sniff';
import { mulberry32 } from '../../shared/random/mulberry32';

/**
 * The byte tokenizer must read every record it accepts exactly as papaparse does, whatever the
 * chunk boundaries, and stop (unsure) rather than guess on the rest.
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
      const text = lines.join(lineBreak) + (rand() < 0.5 ? lineBreak : '');
      const papa = (
        new Papa.Parser({ delimiter, newline: lineBreak, quoteChar: '"' }).parse(text, 0, false) as {
          data: string[][];
        }
      ).data;
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
    for (const text of ['a,b\nc"d,e\n', 'a,b\n"c"d,e\n', 'a\r\nb\nc\r\n']) {
      const tokenizer = new Utf8Tokenizer(',', text.includes('\r') ? '\r\n' : '\n');
      const bytes = Buffer.from(text);
      const result = tokenizer.tokenize(bytes, 0, bytes.length, true);
      expect(result.unsure).toBe(true);
      expect(tokenizer.records.count).toBe(1);
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
});
