import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

/**
 * The damage the campaign does to copies of the public sample files: what a bad disk, a hand edit
 * in a text editor, a half-finished download or a careless export does to a CSV or a workbook.
 * Every mutation takes the seeded random source, so a case is replayed from the seed alone.
 */

export type Rand = () => number;

const int = (rand: Rand, n: number): number => Math.floor(rand() * n);
const pick = <T>(rand: Rand, items: readonly T[]): T => items[int(rand, items.length)] as T;

/** Positions of a byte value in the file. */
function positions(bytes: Uint8Array, value: number): number[] {
  const at: number[] = [];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === value) at.push(i);
  return at;
}

function splice(bytes: Uint8Array, at: number, remove: number, insert: ArrayLike<number> = []): Uint8Array {
  const out = new Uint8Array(bytes.length - remove + insert.length);
  out.set(bytes.subarray(0, at), 0);
  out.set(insert, at);
  out.set(bytes.subarray(at + remove), at + insert.length);
  return out;
}

/** Start offsets of the lines (after each LF). */
function lineStarts(bytes: Uint8Array): number[] {
  return [0, ...positions(bytes, 0x0a).map((p) => p + 1)].filter((p) => p < bytes.length);
}

type TextMutation = (bytes: Uint8Array, rand: Rand, delimiter: number) => Uint8Array;

const QUOTE = 0x22;

/** Text-file mutations, by name (the name is what the figures count). */
export const TEXT_MUTATIONS: Record<string, TextMutation> = {
  flipBit: (b, rand) => {
    const out = Uint8Array.from(b); // a copy (Buffer.slice would share the source)
    const at = int(rand, b.length);
    out[at] = (out[at] as number) ^ (1 << int(rand, 8));
    return out;
  },
  randomByte: (b, rand) => {
    const out = Uint8Array.from(b); // a copy (Buffer.slice would share the source)
    out[int(rand, b.length)] = int(rand, 256);
    return out;
  },
  truncate: (b, rand) => b.subarray(0, int(rand, b.length)),
  insertQuote: (b, rand) => splice(b, int(rand, b.length + 1), 0, [QUOTE]),
  /** A quote at the start of a cell: the stray opening quote of issue #13. */
  quoteAtCellStart: (b, rand, delimiter) => {
    const at = positions(b, delimiter);
    return at.length === 0 ? b : splice(b, pick(rand, at) + 1, 0, [QUOTE]);
  },
  deleteQuote: (b, rand) => {
    const at = positions(b, QUOTE);
    return at.length === 0 ? b : splice(b, pick(rand, at), 1);
  },
  insertDelimiter: (b, rand, delimiter) => splice(b, int(rand, b.length + 1), 0, [delimiter]),
  deleteDelimiter: (b, rand, delimiter) => {
    const at = positions(b, delimiter);
    return at.length === 0 ? b : splice(b, pick(rand, at), 1);
  },
  insertLineBreak: (b, rand) =>
    splice(b, int(rand, b.length + 1), 0, pick(rand, [[0x0a], [0x0d, 0x0a], [0x0d]])),
  /** A line break lost: two lines run together, or only its LF goes (CR left behind). */
  deleteLineBreak: (b, rand) => {
    const at = positions(b, 0x0a);
    if (at.length === 0) return b;
    const p = pick(rand, at);
    return p > 0 && b[p - 1] === 0x0d && rand() < 0.5 ? splice(b, p - 1, 2) : splice(b, p, 1);
  },
  /** One line's break changed to the other kind (LF in a CRLF file, CRLF in an LF file). */
  otherLineBreak: (b, rand) => {
    const at = positions(b, 0x0a);
    if (at.length === 0) return b;
    const p = pick(rand, at);
    return p > 0 && b[p - 1] === 0x0d ? splice(b, p - 1, 1) : splice(b, p, 0, [0x0d]);
  },
  duplicateLine: (b, rand) => {
    const starts = lineStarts(b);
    const k = int(rand, starts.length);
    const s = starts[k] as number;
    const e = starts[k + 1] ?? b.length;
    return splice(b, e, 0, b.subarray(s, e));
  },
  deleteLine: (b, rand) => {
    const starts = lineStarts(b);
    const k = int(rand, starts.length);
    const s = starts[k] as number;
    return splice(b, s, (starts[k + 1] ?? b.length) - s);
  },
  /** Encoding damage: invalid UTF-8, a stray BOM or NUL, a Latin-1 byte, half a UTF-16 unit. */
  encodingDamage: (b, rand) =>
    splice(
      b,
      int(rand, b.length + 1),
      rand() < 0.3 ? 1 : 0,
      pick(rand, [
        [0xff],
        [0xc3],
        [0xe9],
        [0xef, 0xbb, 0xbf],
        [0x00],
        [0xed, 0xa0, 0x80],
        [0x80, 0x80],
        [0xfe],
      ]),
    ),
  /** A run of bytes overwritten with zeros (a bad sector). */
  zeroRun: (b, rand) => {
    const out = Uint8Array.from(b); // a copy (Buffer.slice would share the source)
    const at = int(rand, b.length);
    out.fill(0, at, Math.min(b.length, at + 1 + int(rand, 600)));
    return out;
  },
};

/** Applies 1 to 3 text mutations; returns the bytes and the names of what was done. */
export function mutateText(
  bytes: Uint8Array,
  rand: Rand,
  delimiter: string,
): { bytes: Uint8Array; did: string[] } {
  const names = Object.keys(TEXT_MUTATIONS);
  const did: string[] = [];
  let out = bytes;
  const times = 1 + (rand() < 0.3 ? 1 + int(rand, 2) : 0);
  for (let t = 0; t < times; t++) {
    const name = pick(rand, names);
    out = (TEXT_MUTATIONS[name] as TextMutation)(out, rand, delimiter.charCodeAt(0));
    did.push(name);
  }
  return { bytes: out, did };
}

/** Workbook damage to the zip's bytes: anything the CRC, sizes or structure checks must catch. */
const ZIP_MUTATIONS: Record<string, TextMutation> = {
  flipBit: TEXT_MUTATIONS.flipBit as TextMutation,
  randomByte: TEXT_MUTATIONS.randomByte as TextMutation,
  truncate: TEXT_MUTATIONS.truncate as TextMutation,
  zeroRun: TEXT_MUTATIONS.zeroRun as TextMutation,
  insertBytes: (b, rand) => splice(b, int(rand, b.length), 0, [int(rand, 256), int(rand, 256)]),
  deleteBytes: (b, rand) => splice(b, int(rand, b.length), 1 + int(rand, 8)),
  /** A byte of a local or central header (signature, sizes, CRC, name length) changed. */
  headerByte: (b, rand) => {
    const heads: number[] = [];
    for (let i = 0; i + 3 < b.length; i++)
      if (b[i] === 0x50 && b[i + 1] === 0x4b && (b[i + 2] === 0x01 || b[i + 2] === 0x03 || b[i + 2] === 0x05))
        heads.push(i);
    if (heads.length === 0) return b;
    const out = Uint8Array.from(b); // a copy (Buffer.slice would share the source)
    const at = Math.min(b.length - 1, pick(rand, heads) + int(rand, 46));
    out[at] = int(rand, 256);
    return out;
  },
};

/** One shared-string cell's value replaced. */
function sharedValue(x: string, rand: Rand, v: string): string {
  const refs = [...x.matchAll(/<c\b[^>]*t="s"[^>]*>\s*<v>(\d+)<\/v>/g)];
  if (refs.length === 0) return x;
  const r = pick(rand, refs);
  return x.slice(0, r.index) + r[0].replace(/<v>\d+<\/v>/, `<v>${v}</v>`) + x.slice(r.index + r[0].length);
}

/**
 * Damage inside the parts, zipped again with good checksums: what a buggy exporter writes. Each
 * edit is to the text of one XML part.
 */
const XML_MUTATIONS: Record<string, (xml: string, rand: Rand) => string> = {
  truncatePart: (x, rand) => x.slice(0, int(rand, x.length)),
  deleteRow: (x, rand) => {
    const rows = [...x.matchAll(/<row\b[^>]*>[\s\S]*?<\/row>/g)];
    if (rows.length === 0) return x;
    const r = pick(rand, rows);
    return x.slice(0, r.index) + x.slice(r.index + r[0].length);
  },
  /** A shared-string index out of range, negative or not a number. */
  badSharedIndex: (x, rand) => sharedValue(x, rand, pick(rand, ['999999', '-1', 'x'])),
  /**
   * A shared-string cell with an empty value (`<v></v>`): the reader takes it for an empty cell,
   * as it takes `<c t="s"/>` (engine/import/xlsx/xlsx-reader.ts cellValue), so it may import.
   */
  emptySharedValue: (x, rand) => sharedValue(x, rand, ''),
  deleteTag: (x, rand) => {
    const tags = [...x.matchAll(/<\/?[a-zA-Z]+[^>]*>/g)];
    if (tags.length === 0) return x;
    const t = pick(rand, tags);
    return x.slice(0, t.index) + x.slice(t.index + t[0].length);
  },
  cellRef: (x, rand) => {
    const refs = [...x.matchAll(/ r="[A-Z]+\d+"/g)];
    if (refs.length === 0) return x;
    const r = pick(rand, refs);
    return (
      x.slice(0, r.index) +
      pick(rand, [' r="A1"', ' r="XFD1048577"', ' r="??"', '']) +
      x.slice(r.index + r[0].length)
    );
  },
  insertGarbage: (x, rand) => {
    const at = int(rand, x.length);
    return x.slice(0, at) + pick(rand, ['<', '&', '&bogus;', '"', ']]>', '\u0000', '</row>']) + x.slice(at);
  },
};

/**
 * Damage the workbook reader must refuse whoever zipped it (issue #13 items 3 and 4): the data
 * sheet or the shared strings cut short, a shared-string index that points nowhere.
 */
const MUST_REFUSE = /^xml:(sheet1\.xml|sharedStrings\.xml):truncatePart$|^xml:sheet1\.xml:badSharedIndex$/;

/** One workbook mutation: raw zip damage, or XML damage re-zipped with valid checksums. */
export function mutateWorkbook(
  bytes: Uint8Array,
  rand: Rand,
): { bytes: Uint8Array; did: string[]; rezipped: boolean; mustRefuse: boolean } {
  if (rand() < 0.5) {
    const name = pick(rand, Object.keys(ZIP_MUTATIONS));
    const damaged = (ZIP_MUTATIONS[name] as TextMutation)(bytes, rand, 0);
    return { bytes: damaged, did: [`zip:${name}`], rezipped: false, mustRefuse: false };
  }
  const parts = unzipSync(bytes);
  const xmlNames = Object.keys(parts).filter((n) =>
    /sheet\d*\.xml$|sharedStrings\.xml$|workbook\.xml$/.test(n),
  );
  const part = pick(rand, xmlNames);
  const name = pick(rand, Object.keys(XML_MUTATIONS));
  const xml = strFromU8(parts[part] as Uint8Array);
  const edited: Zippable = {
    ...parts,
    [part]: strToU8((XML_MUTATIONS[name] as (x: string, r: Rand) => string)(xml, rand)),
  };
  const did = `xml:${part.replace(/^.*\//, '')}:${name}`;
  return { bytes: zipSync(edited), did: [did], rezipped: true, mustRefuse: MUST_REFUSE.test(did) };
}
