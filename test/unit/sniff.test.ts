import { describe, expect, it } from 'vitest';
import { detectFormat, findHeaderIndex, isBlankRow, parseText } from '../../engine/import/read-table';
import { detectDelimiter, detectLineBreak, sniffBytes } from '../../engine/import/sniff';

/** Bytes of a string in one byte per char (Latin-1 / Windows-1252 without the 0x80-0x9F range). */
const latin1 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const utf16le = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf16le'));
const utf16be = (s: string): Uint8Array => {
  const le = utf16le(s);
  const be = new Uint8Array(le.length);
  for (let i = 0; i + 1 < le.length; i += 2) {
    be[i] = le[i + 1] as number;
    be[i + 1] = le[i] as number;
  }
  return be;
};
const concat = (...parts: (number[] | Uint8Array)[]): Uint8Array =>
  new Uint8Array(parts.flatMap((p) => [...p]));

/** GB18030 (GBK subset) bytes of 负责人,销售阶段 / 张伟,赢单 / 李娜,输单 — precomputed, Node cannot encode GBK. */
const GB18030_TABLE = concat(
  [0xb8, 0xba, 0xd4, 0xf0, 0xc8, 0xcb, 0x2c, 0xcf, 0xfa, 0xca, 0xdb, 0xbd, 0xd7, 0xb6, 0xce, 0x0d, 0x0a],
  [0xd5, 0xc5, 0xce, 0xb0, 0x2c, 0xd3, 0xae, 0xb5, 0xa5, 0x0d, 0x0a],
  [0xc0, 0xee, 0xc4, 0xc8, 0x2c, 0xca, 0xe4, 0xb5, 0xa5, 0x0d, 0x0a],
);

describe('sniffBytes', () => {
  it('calls zero bytes empty', () => {
    expect(sniffBytes(new Uint8Array())).toEqual({ ok: false, reason: 'empty' });
  });

  it.each([
    ['UTF-8 BOM', [0xef, 0xbb, 0xbf, 0x61, 0x2c, 0x62], 'utf-8', 3],
    ['UTF-8 BOM alone', [0xef, 0xbb, 0xbf], 'utf-8', 3],
    ['UTF-16LE BOM', [0xff, 0xfe, 0x61, 0x00, 0x2c, 0x00], 'utf-16le', 2],
    ['UTF-16BE BOM', [0xfe, 0xff, 0x00, 0x61, 0x00, 0x2c], 'utf-16be', 2],
  ] as const)('reads a %s', (_name, bytes, encoding, bomLength) => {
    expect(sniffBytes(new Uint8Array(bytes))).toEqual({ ok: true, encoding, bomLength });
  });

  it.each([
    ['%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'PDF'],
    ['PK\x03\x04\x14\x00\x06\x00', 'ZIP / XLSX'],
    ['\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1', 'legacy Office (XLS)'],
    ['\x89PNG\r\n\x1a\n', 'PNG image'],
    ['\xff\xd8\xff\xe0\x00\x10JFIF', 'JPEG image'],
    ['GIF89a\x01\x00', 'GIF image'],
    ['\x1f\x8b\x08\x00', 'gzip archive'],
    ['\x7fELF\x02\x01\x01', 'executable'],
    ['MZ\x90\x00\x03\x00', 'executable'],
    ['SQLite format 3\x00', 'SQLite database'],
  ])('recognises the magic number of %j as %s', (head, what) => {
    expect(sniffBytes(latin1(head))).toEqual({ ok: false, reason: 'binary', what });
  });

  it('reads BOM-less UTF-16 from the zero bytes of ASCII text, in both byte orders', () => {
    const text = 'Owner,Stage,Amount\r\nAna,Won,100\r\nBen,Lost,200\r\n';
    expect(sniffBytes(utf16le(text))).toEqual({ ok: true, encoding: 'utf-16le', bomLength: 0 });
    expect(sniffBytes(utf16be(text))).toEqual({ ok: true, encoding: 'utf-16be', bomLength: 0 });
  });

  it('reads plain ASCII and UTF-8 (Chinese, accents) as UTF-8 without BOM', () => {
    expect(sniffBytes(utf8('a,b\n1,2\n'))).toEqual({ ok: true, encoding: 'utf-8', bomLength: 0 });
    expect(sniffBytes(utf8('负责人,金额\n张伟,12.5万\n'))).toEqual({
      ok: true,
      encoding: 'utf-8',
      bomLength: 0,
    });
    expect(sniffBytes(utf8('Owner\nJosé Müller\n'))).toEqual({ ok: true, encoding: 'utf-8', bomLength: 0 });
  });

  it('keeps UTF-8 when the 256 KB sample cuts a multi-byte character in half', () => {
    const bytes = utf8('owner,amount\n张伟,1\n张');
    expect(sniffBytes(bytes.subarray(0, bytes.length - 1), true)).toEqual({
      ok: true,
      encoding: 'utf-8',
      bomLength: 0,
    });
  });

  it('allows tab, CR, LF, form feed and the DOS EOF byte, but not other control bytes', () => {
    expect(sniffBytes(latin1('a\tb\r\n1\t2\f\n\x1a'))).toEqual({ ok: true, encoding: 'utf-8', bomLength: 0 });
    // One stray control byte in 200 (0.5 %) is tolerated; 1 % or more is binary.
    const row = 'Owner,Amount\n' + 'Ana,100\n'.repeat(23) + '\x01';
    expect(row.length).toBe(198);
    expect(sniffBytes(latin1(row))).toEqual({ ok: true, encoding: 'utf-8', bomLength: 0 });
    expect(sniffBytes(latin1('a,b\n\x01\x02,1\n'))).toEqual({
      ok: false,
      reason: 'binary',
      what: 'binary data',
    });
  });

  it('calls deterministic pseudo-random bytes binary data', () => {
    let state = 0x2545f491;
    const bytes = new Uint8Array(4096).map(() => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return state & 0xff;
    });
    expect(sniffBytes(bytes)).toEqual({ ok: false, reason: 'binary', what: 'binary data' });
  });

  it('tells GB18030 Chinese from Windows-1252 accents', () => {
    expect(sniffBytes(GB18030_TABLE)).toEqual({ ok: true, encoding: 'gb18030', bomLength: 0 });
    expect(new TextDecoder('gb18030').decode(GB18030_TABLE)).toBe(
      '负责人,销售阶段\r\n张伟,赢单\r\n李娜,输单\r\n',
    );
    expect(sniffBytes(latin1('Owner,Account\r\nJosé Müller,Café Olé\r\n'))).toEqual({
      ok: true,
      encoding: 'windows-1252',
      bomLength: 0,
    });
  });

  // BUG (engine/import/sniff.ts looksLikeGb18030): an accented Latin-1 letter followed by an ASCII
  // letter (ü+r, ç+o) is a valid GB18030 lead/trail pair, so German/French/Swedish names whose
  // accents sit inside words are read as GB18030 and shown as Chinese mojibake ("J黵gen").
  it('reads Windows-1252 whose accents sit inside words as Windows-1252', () => {
    const text = 'Owner,Account\r\nJürgen Müller,Kölner Bäckerei\r\nFrançoise Dubois,Zürich\r\n';
    expect(sniffBytes(latin1(text))).toEqual({ ok: true, encoding: 'windows-1252', bomLength: 0 });
  });

  // BUG (engine/import/sniff.ts isUtf8): a truncated multi-byte sequence is accepted at the end of
  // the sample even when the sample is the whole file, so a Windows-1252 file whose last byte is
  // an accented letter (no trailing newline) is read as UTF-8 and "José" becomes "Jos\uFFFD".
  it('reads a Windows-1252 file that ends in "é" as Windows-1252', () => {
    expect(sniffBytes(latin1('Owner,Amount\n1,José'))).toEqual({
      ok: true,
      encoding: 'windows-1252',
      bomLength: 0,
    });
  });
});

describe('detectLineBreak', () => {
  it.each([
    ['a,b\r\n1,2\r\n', '\r\n'],
    ['a,b\n1,2\n', '\n'],
    ['a,b\r1,2\r', '\r'],
    ['a,b', '\n'],
    ['', '\n'],
    // The first line break decides.
    ['a,b\r\n"x\ny",2\r\n', '\r\n'],
    ['a,b\n1,2\r\n', '\n'],
  ])('%j -> %j', (text, expected) => {
    expect(detectLineBreak(text)).toBe(expected);
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['comma', 'Owner,Stage,Amount\nAna,Won,100\nBen,Lost,200\n', ','],
    ['semicolon with decimal commas', 'Owner;Stage;Amount\nAna;Won;1.054,00\nBen;Lost;12,50\n', ';'],
    [
      'tab with commas inside values',
      'Owner\tAccount\tAmount\nAna\tAcme, Inc.\t1,054.00\nBen\tGlobex\t200\n',
      '\t',
    ],
    ['pipe with commas and semicolons inside values', 'a|b|c\nAcme, Inc.|x;y|1\nGlobex|z|2\n', '|'],
    [
      'semicolon with quoted commas',
      'Owner;Account;Note\nAna;"Acme, Inc.";"a, b, c, d"\nBen;Globex;"e, f, g"\n',
      ';',
    ],
    ['single column', 'Customers\nAcme\nGlobex\n', ','],
  ])('%s', (_name, text, expected) => {
    expect(detectDelimiter(text, '\n')).toBe(expected);
  });

  it('ignores title lines without any delimiter above a semicolon table', () => {
    const text = 'Pipeline report\r\nQ1 2024\r\n\r\nOwner;Stage;Amount;Date\r\nAna;Won;1;2024-01-01\r\n';
    expect(detectDelimiter(text, '\r\n')).toBe(';');
  });
});

describe('findHeaderIndex', () => {
  const table = [
    ['Owner', 'Account', 'Stage', 'Amount'],
    ['Ana', 'Acme', 'Won', '100'],
    ['Ben', 'Globex', 'Lost', '200'],
  ];

  it('is 0 for a plain export', () => {
    expect(findHeaderIndex(table)).toBe(0);
  });

  it('skips a report title, a filter line and a blank line', () => {
    expect(findHeaderIndex([['Closed deals'], ['Filtered by: Stage equals Won'], [''], ...table])).toBe(3);
  });

  it('skips a short "key, value" title row and a half-empty filter row of full width', () => {
    const rows = [['Report:', 'Q1'], ['Filtered by:', 'Stage', '', ''], ...table];
    expect(findHeaderIndex(rows)).toBe(2);
  });

  it('accepts a header with empty trailing columns (Excel saves them)', () => {
    const rows = [
      ['Owner', 'Stage', 'Amount', '', ''],
      ['Ana', 'Won', '100', '', ''],
      ['Ben', 'Lost', '200', '', ''],
    ];
    expect(findHeaderIndex(rows)).toBe(0);
  });

  it('is 0 when no row has two filled cells', () => {
    expect(findHeaderIndex([['Customers'], ['Acme'], ['Globex']])).toBe(0);
    expect(findHeaderIndex([])).toBe(0);
  });
});

describe('detectFormat + parseText on in-memory bytes', () => {
  it('finds the header of a Salesforce report below its title rows', () => {
    const bytes = utf8(
      [
        '"Closed Opportunities"',
        '"Filtered By: Stage equals Closed Won, Closed Lost"',
        '',
        '"Opportunity Owner","Account Name","Stage","Amount","Close Date"',
        '"Jane Doe","Acme","Closed Won","USD 1,000.00","1/15/2024"',
        '"Raj Patel","Globex, Inc.","Closed Lost","USD 50.00","2/1/2024"',
        '',
        '"Confidential Information - Do Not Distribute"',
        '',
      ].join('\n'),
    );
    const detected = detectFormat(bytes);
    if (!detected.ok) throw new Error(detected.reason);
    expect(detected.format).toEqual({ encoding: 'utf-8', bomLength: 0, delimiter: ',', lineBreak: '\n' });
    const rows = parseText(detected.sampleText, detected.format, false);
    expect(findHeaderIndex(rows)).toBe(3);
    expect(rows[3]).toEqual(['Opportunity Owner', 'Account Name', 'Stage', 'Amount', 'Close Date']);
    expect(rows[5]).toEqual(['Raj Patel', 'Globex, Inc.', 'Closed Lost', 'USD 50.00', '2/1/2024']);
    expect(rows.filter(isBlankRow)).toHaveLength(3);
  });

  it('decodes UTF-16LE with BOM and tabs, keeping quoted tabs, quotes and CRLF inside a field', () => {
    const text = 'Owner\tNote\r\nZoë\t"a\tb ""c""\r\nd"\r\n陈静\tx\r\n';
    const detected = detectFormat(concat([0xff, 0xfe], utf16le(text)));
    if (!detected.ok) throw new Error(detected.reason);
    expect(detected.format).toEqual({
      encoding: 'utf-16le',
      bomLength: 2,
      delimiter: '\t',
      lineBreak: '\r\n',
    });
    expect(parseText(detected.sampleText, detected.format, false)).toEqual([
      ['Owner', 'Note'],
      ['Zoë', 'a\tb "c"\r\nd'],
      ['陈静', 'x'],
      [''],
    ]);
  });

  it('ignores the unfinished last row of a truncated sample', () => {
    const detected = detectFormat(utf8('a,b\n1,2\n3,'));
    if (!detected.ok) throw new Error(detected.reason);
    expect(parseText(detected.sampleText, detected.format, true)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it.each([
    ['nothing', new Uint8Array(), { ok: false, reason: 'empty' }],
    ['whitespace', utf8(' \r\n\t\r\n'), { ok: false, reason: 'empty' }],
    ['a BOM and nothing else', new Uint8Array([0xef, 0xbb, 0xbf]), { ok: false, reason: 'empty' }],
    ['a PDF', latin1('%PDF-1.4\n'), { ok: false, reason: 'binary', what: 'PDF' }],
  ])('rejects %s', (_name, bytes, expected) => {
    expect(detectFormat(bytes)).toEqual(expected);
  });
});

describe('looksLikeFooter', () => {
  it('flags single-cell lines and footer-like pairs, never real rows or narrow tables', async () => {
    const { looksLikeFooter } = await import('../../engine/import/read-table');
    expect(looksLikeFooter(['Confidential Information - Do Not Distribute', '', '', ''], 4)).toBe(true);
    expect(looksLikeFooter(['Generated By: Jane Doe', ' 1/2/2024 3:04 PM', '', ''], 4)).toBe(true);
    expect(looksLikeFooter(['合计', '12345', '', ''], 4)).toBe(true);
    expect(looksLikeFooter(['Ann', 'Closed Won', '100', '2024-01-01'], 4)).toBe(false);
    expect(looksLikeFooter(['Ann', 'Closed Won', '', ''], 4)).toBe(false);
    expect(looksLikeFooter(['Total', ''], 2)).toBe(false);
  });
});
