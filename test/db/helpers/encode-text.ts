/**
 * Text in the encodings Chinese and Western Windows exports use, for tests that write such files.
 * Node encodes UTF-8 and UTF-16 but not GB18030: its table is read back from TextDecoder, the
 * decoder the importer itself uses, and every encoded text is decoded again to prove it.
 */

let gb18030: Map<number, number[]> | null = null;

function gbTable(): Map<number, number[]> {
  if (gb18030) return gb18030;
  const table = new Map<number, number[]>();
  const decoder = new TextDecoder('gb18030');
  const learn = (bytes: number[]): void => {
    const text = decoder.decode(new Uint8Array(bytes));
    if (text.length !== 1 || text === '\ufffd') return;
    const code = text.charCodeAt(0);
    if (!table.has(code)) table.set(code, bytes);
  };
  // Two-byte codes, then the four-byte codes of the rest of the Basic Multilingual Plane.
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) learn([lead, trail]);
  for (let b1 = 0x81; b1 <= 0x84; b1++)
    for (let b2 = 0x30; b2 <= 0x39; b2++)
      for (let b3 = 0x81; b3 <= 0xfe; b3++) for (let b4 = 0x30; b4 <= 0x39; b4++) learn([b1, b2, b3, b4]);
  gb18030 = table;
  return table;
}

function encodeGb18030(text: string): Uint8Array {
  const table = gbTable();
  const out: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (code < 0x80) out.push(code);
    else if (code >= 0x10000) {
      // Beyond the BMP GB18030 counts four-byte codes linearly from 0x90308130.
      let n = code - 0x10000;
      const b4 = n % 10;
      n = Math.floor(n / 10);
      const b3 = n % 126;
      n = Math.floor(n / 126);
      out.push(0x90 + Math.floor(n / 10), 0x30 + (n % 10), 0x81 + b3, 0x30 + b4);
    } else {
      const bytes = table.get(code);
      if (!bytes) throw new Error(`GB18030 has no code for U+${code.toString(16)}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}

function encodeWindows1252(text: string): Uint8Array {
  const decoder = new TextDecoder('windows-1252');
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(decoder.decode(new Uint8Array([b])), b);
  return new Uint8Array(
    [...text].map((char) => {
      const b = table.get(char);
      if (b === undefined) throw new Error(`Windows-1252 has no code for ${char}`);
      return b;
    }),
  );
}

export type TestEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'windows-1252';

/** `text` in `encoding`; UTF-16 with its byte order mark, as Excel writes "Unicode Text". */
export function encodeText(text: string, encoding: TestEncoding): Uint8Array {
  const bytes =
    encoding === 'utf-8'
      ? new Uint8Array(Buffer.from(text, 'utf8'))
      : encoding === 'utf-16le'
        ? new Uint8Array(Buffer.from('\ufeff' + text, 'utf16le'))
        : encoding === 'gb18030'
          ? encodeGb18030(text)
          : encodeWindows1252(text);
  const back = new TextDecoder(encoding, { ignoreBOM: false }).decode(bytes);
  if (back !== text) throw new Error(`${encoding} does not round-trip the text`);
  return bytes;
}
