/**
 * Looks at a file's first bytes and decides whether it is a text table at all, in which
 * encoding, with which delimiter and line break. Decisions here are what the user sees in the
 * preview, so every branch has a named fixture in test/fixtures/import.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'windows-1252';

export type SniffResult =
  | { ok: true; encoding: TextEncodingName; bomLength: number }
  | { ok: false; reason: 'empty' | 'binary'; what?: string };

const MAGIC: { bytes: number[]; what: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'PDF' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'ZIP / XLSX' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'legacy Office (XLS)' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'GIF image' },
  { bytes: [0x1f, 0x8b], what: 'gzip archive' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'executable' },
  { bytes: [0x4d, 0x5a], what: 'executable' },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], what: 'SQLite database' },
];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((b, i) => bytes[i] === b);
}

/**
 * Valid UTF-8. A sample cut from a larger file may end in the middle of a multi-byte character;
 * only then is an incomplete last character allowed.
 */
function isUtf8(bytes: Uint8Array, truncated: boolean): boolean {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i] as number;
    let extra = 0;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) extra = 1;
    else if (b >= 0xe0 && b <= 0xef) extra = 2;
    else if (b >= 0xf0 && b <= 0xf4) extra = 3;
    else return false;
    if (i + extra >= n) return truncated;
    for (let k = 1; k <= extra; k++) if (((bytes[i + k] as number) & 0xc0) !== 0x80) return false;
    i += extra + 1;
  }
  return true;
}

/**
 * Between the two common non-UTF-8 encodings, GB18030 (Chinese Windows Excel) and Windows-1252
 * (Western Windows Excel): Chinese text is runs of two high bytes (GB2312's lead and trail bytes
 * are both above 0xA0). Windows-1252 puts a lone accented byte between ASCII letters ("Müller"),
 * which also forms a formally valid GB18030 pair with the next ASCII letter, so those pairs do
 * not count as evidence.
 */
function looksLikeGb18030(bytes: Uint8Array): boolean {
  let pairs = 0;
  let highPairs = 0;
  let bad = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b < 0x80) continue;
    const next = bytes[i + 1];
    if (next === undefined) break;
    if (
      b >= 0x81 &&
      b <= 0xfe &&
      ((next >= 0x40 && next <= 0xfe && next !== 0x7f) || (next >= 0x30 && next <= 0x39))
    ) {
      pairs++;
      if (next >= 0x80) highPairs++;
      i++;
    } else bad++;
  }
  return pairs > 0 && bad <= pairs * 0.05 && highPairs >= pairs * 0.6;
}

/** `truncated`: the sample is the start of a longer file, not the whole file. */
export function sniffBytes(sample: Uint8Array, truncated = false): SniffResult {
  if (sample.length === 0) return { ok: false, reason: 'empty' };
  if (startsWith(sample, [0xef, 0xbb, 0xbf])) return { ok: true, encoding: 'utf-8', bomLength: 3 };
  if (startsWith(sample, [0xff, 0xfe])) return { ok: true, encoding: 'utf-16le', bomLength: 2 };
  if (startsWith(sample, [0xfe, 0xff])) return { ok: true, encoding: 'utf-16be', bomLength: 2 };
  for (const m of MAGIC)
    if (startsWith(sample, m.bytes)) return { ok: false, reason: 'binary', what: m.what };
  // UTF-16 without a BOM: ASCII text leaves a zero in every other byte.
  const probe = sample.subarray(0, Math.min(sample.length, 4096));
  let zerosEven = 0;
  let zerosOdd = 0;
  for (let i = 0; i < probe.length; i++) {
    if (probe[i] !== 0) continue;
    if (i % 2 === 0) zerosEven++;
    else zerosOdd++;
  }
  const half = probe.length / 2;
  if (zerosOdd > half * 0.6 && zerosEven < half * 0.05)
    return { ok: true, encoding: 'utf-16le', bomLength: 0 };
  if (zerosEven > half * 0.6 && zerosOdd < half * 0.05)
    return { ok: true, encoding: 'utf-16be', bomLength: 0 };
  // Control bytes other than tab, CR, LF, form feed and EOF (0x1a, old DOS exports) mean binary.
  let control = 0;
  for (let i = 0; i < probe.length; i++) {
    const b = probe[i] as number;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a) control++;
  }
  if (control > 0 && control >= probe.length * 0.01)
    return { ok: false, reason: 'binary', what: 'binary data' };
  if (isUtf8(sample, truncated)) return { ok: true, encoding: 'utf-8', bomLength: 0 };
  return { ok: true, encoding: looksLikeGb18030(sample) ? 'gb18030' : 'windows-1252', bomLength: 0 };
}

export type LineBreak = '\r\n' | '\n' | '\r';

export function detectLineBreak(text: string): LineBreak {
  const crlf = text.indexOf('\r\n');
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (crlf !== -1 && crlf <= lf) return '\r\n';
  if (lf !== -1) return '\n';
  return cr !== -1 ? '\r' : '\n';
}

const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** Counts delimiter occurrences outside quotes per line. */
function countOutsideQuotes(line: string, delimiter: string): number {
  let inQuotes = false;
  let count = 0;
  for (const ch of line) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === delimiter) count++;
  }
  return count;
}

/**
 * The delimiter whose count per line is most consistent and highest over the sample. Title rows
 * above a report's header have none, so only lines that contain the candidate are compared.
 */
export function detectDelimiter(text: string, lineBreak: LineBreak): Delimiter {
  const lines = text
    .split(lineBreak)
    .slice(0, 60)
    .filter((l) => l.trim() !== '');
  let best: Delimiter = ',';
  let bestScore = -1;
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, d)).filter((c) => c > 0);
    if (counts.length === 0) continue;
    const freq = new Map<number, number>();
    for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
    const [mode, modeCount] = [...freq.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] as [
      number,
      number,
    ];
    const score = (modeCount / lines.length) * Math.log2(mode + 1);
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}
