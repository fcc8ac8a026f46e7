import { describe, expect, it } from 'vitest';
import {
  cleanText,
  columnIndex,
  columnName,
  csvField,
  isDateFormat,
  isDateFormatCode,
  isoDateCell,
  plainNumber,
  serialToIso,
} from '../../engine/import/xlsx/cell-values';
import {
  decodeEntities,
  decodeOoxmlEscapes,
  parseAttributes,
  XmlScanner,
  type XmlHandler,
} from '../../engine/import/xlsx/xml-scanner';

/** Cell value conversion and XML tokenizing, on values written out by hand. */

describe('columnIndex / columnName', () => {
  it('reads cell references', () => {
    expect(columnIndex('A1')).toBe(0);
    expect(columnIndex('Z9')).toBe(25);
    expect(columnIndex('AA10')).toBe(26);
    expect(columnIndex('$B$2')).toBe(1);
    expect(columnIndex('xfd1048576')).toBe(16_383);
    expect(columnIndex('XFE1')).toBe(16_384);
    expect(columnIndex('12')).toBe(-1);
    expect(columnIndex('ABCDEFGHIJ1')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('names columns', () => {
    expect([0, 25, 26, 701, 702, 16_383].map(columnName)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA', 'XFD']);
  });
});

describe('plainNumber', () => {
  it('keeps plain decimals as written', () => {
    expect(plainNumber('833')).toBe('833');
    expect(plainNumber('-3.25')).toBe('-3.25');
    expect(plainNumber('0.5')).toBe('0.5');
    expect(plainNumber('0')).toBe('0');
  });

  it('writes the shortest text that reads back as the same double', () => {
    expect(plainNumber('52.370216000000001')).toBe('52.370216');
    expect(plainNumber('0.30000000000000004')).toBe('0.30000000000000004');
    expect(plainNumber('3.1415926535897931')).toBe('3.141592653589793');
    expect(plainNumber('45402.0')).toBe('45402');
    expect(plainNumber('1.50')).toBe('1.5');
    expect(plainNumber('-0.0')).toBe('0');
  });

  it('expands exponents for normal magnitudes and keeps them for extreme ones', () => {
    expect(plainNumber('1.5E-3')).toBe('0.0015');
    expect(plainNumber('1E-7')).toBe('0.0000001');
    expect(plainNumber('-2.5e-10')).toBe('-0.00000000025');
    expect(plainNumber('1.2345678901234567E+21')).toBe('1234567890123456800000');
    expect(plainNumber('1E+21')).toBe('1000000000000000000000');
    expect(plainNumber('1.7976931348623157E+308')).toBe('1.7976931348623157e+308');
  });

  it('keeps long integers digit for digit', () => {
    expect(plainNumber('123456789012345678901')).toBe('123456789012345678901');
    expect(plainNumber('+0042')).toBe('42');
    expect(plainNumber('-0')).toBe('0');
  });

  it('leaves text that is not a number alone', () => {
    expect(plainNumber('n/a')).toBe('n/a');
    expect(plainNumber(' 12 ')).toBe('12');
  });
});

describe('date formats', () => {
  it('knows the built-in date ids', () => {
    const custom = new Map<number, string>();
    const dates = [14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 36, 45, 46, 47, 50, 58];
    for (const id of dates) expect(isDateFormat(id, custom), `id ${id}`).toBe(true);
    for (const id of [0, 1, 2, 3, 4, 9, 10, 11, 12, 13, 23, 37, 44, 48, 49, 59, 164])
      expect(isDateFormat(id, custom), `id ${id}`).toBe(false);
  });

  it('reads custom format codes', () => {
    expect(isDateFormatCode('yyyy/m/d')).toBe(true);
    expect(isDateFormatCode('yyyy"年"m"月"d"日"')).toBe(true);
    expect(isDateFormatCode('[$-409]d-mmm-yy;@')).toBe(true);
    expect(isDateFormatCode('[h]:mm:ss')).toBe(true);
    expect(isDateFormatCode('hh:mm AM/PM')).toBe(true);
    expect(isDateFormatCode('0.00" days"')).toBe(false);
    expect(isDateFormatCode('[Red]#,##0.00')).toBe(false);
    expect(isDateFormatCode('#,##0.00_);[Red](#,##0.00)')).toBe(false);
    expect(isDateFormatCode('0\\d')).toBe(false);
    expect(isDateFormatCode('General')).toBe(false);
    expect(isDateFormatCode('0.00E+00')).toBe(false);
    expect(isDateFormatCode('@')).toBe(false);
  });

  it('lets a custom code override a built-in id', () => {
    expect(isDateFormat(14, new Map([[14, '0.00']]))).toBe(false);
    expect(isDateFormat(200, new Map([[200, 'd/m/yyyy']]))).toBe(true);
  });
});

describe('serialToIso', () => {
  it('converts 1900-system serials', () => {
    expect(serialToIso(45402, false)).toBe('2024-04-20');
    expect(serialToIso(45352, false)).toBe('2024-03-01');
    expect(serialToIso(1, false)).toBe('1900-01-01');
    expect(serialToIso(59, false)).toBe('1900-02-28');
    // Lotus 1-2-3's phantom leap day, which Excel keeps.
    expect(serialToIso(60, false)).toBe('1900-02-29');
    expect(serialToIso(61, false)).toBe('1900-03-01');
    expect(serialToIso(2_958_465, false)).toBe('9999-12-31');
  });

  it('converts 1904-system serials', () => {
    expect(serialToIso(43890, true)).toBe('2024-03-01');
    expect(serialToIso(0, true)).toBe('00:00:00');
    expect(serialToIso(1, true)).toBe('1904-01-02');
  });

  it('adds the time of day, rounded to the second', () => {
    expect(serialToIso(45352.5, false)).toBe('2024-03-01 12:00:00');
    expect(serialToIso(45352.75, false)).toBe('2024-03-01 18:00:00');
    expect(serialToIso(45352 + 1 / 86_400 + 0.4 / 86_400, false)).toBe('2024-03-01 00:00:01');
    expect(serialToIso(45352.99999999, false)).toBe('2024-03-02');
  });

  it('writes a value below one day as a time', () => {
    expect(serialToIso(0.75, false)).toBe('18:00:00');
    expect(serialToIso(0.5 + 30 / 1440, false)).toBe('12:30:00');
  });

  it('refuses what cannot be a date', () => {
    expect(serialToIso(-1, false)).toBeNull();
    expect(serialToIso(2_958_466, false)).toBeNull();
    expect(serialToIso(Number.NaN, false)).toBeNull();
  });

  it('normalizes ISO date cells', () => {
    expect(isoDateCell('2024-03-01T00:00:00')).toBe('2024-03-01');
    expect(isoDateCell('2024-03-01T09:30:00Z')).toBe('2024-03-01 09:30:00');
    expect(isoDateCell('2024-03-01T09:30')).toBe('2024-03-01 09:30:00');
    expect(isoDateCell('2024-03-01')).toBe('2024-03-01');
    expect(isoDateCell('soon')).toBe('soon');
  });
});

describe('CSV text', () => {
  it('quotes only where the importer needs it', () => {
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('Smith "Big" Co')).toBe('"Smith ""Big"" Co"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('a\tb')).toBe('"a\tb"');
    expect(csvField('a|b')).toBe('"a|b"');
    expect(csvField('  spaced  ')).toBe('  spaced  ');
  });

  it('normalizes line breaks and drops control characters', () => {
    expect(cleanText('a\r\nb\rc\nd')).toBe('a\nb\nc\nd');
    expect(cleanText('bell\u0007 and\ttab')).toBe('bell and\ttab');
    expect(cleanText('中文')).toBe('中文');
  });
});

describe('XML text', () => {
  it('decodes entities', () => {
    expect(decodeEntities('A &amp; B &lt;C&gt; &quot;q&quot; &apos;s&apos;')).toBe(`A & B <C> "q" 's'`);
    expect(decodeEntities('&#x4E2D;&#25991; &#128512;')).toBe('中文 😀');
    expect(decodeEntities('&unknown; &#0;')).toBe('&unknown; ');
  });

  it('decodes OOXML _xHHHH_ escapes', () => {
    expect(decodeOoxmlEscapes('Line1_x000D_\nLine2')).toBe('Line1\r\nLine2');
    expect(decodeOoxmlEscapes('_x005F_x0041_')).toBe('_x0041_');
    expect(decodeOoxmlEscapes('snake_x_case')).toBe('snake_x_case');
  });

  it('parses attributes in either quote style, with prefixes', () => {
    const a = parseAttributes(` r="A1" s='3' r:id="rId1"\n t = "s" v="a &amp; b"`);
    expect([...a]).toEqual([
      ['r', 'A1'],
      ['s', '3'],
      ['r:id', 'rId1'],
      ['t', 's'],
      ['v', 'a & b'],
    ]);
  });
});

describe('XmlScanner', () => {
  const doc =
    '<?xml version="1.0"?>\n<!-- note --><x:root xmlns:x="urn:x"><a k="1 > 0" j=\'<\'>t&amp;1</a>' +
    '<b/><![CDATA[<raw>]]><c>中文</c></x:root>';
  const expected = [
    'open root  xmlns:x="urn:x"',
    'open a  k="1 > 0" j=\'<\'',
    'text t&amp;1',
    'close a',
    'open b  /',
    'close b',
    'cdata <raw>',
    'open c ',
    'text 中文',
    'close c',
    'close root',
  ];

  function events(chunks: string[]): string[] {
    const out: string[] = [];
    const handler: XmlHandler = {
      open: (name, attributes, selfClosing) =>
        out.push(`open ${name} ${attributes}${selfClosing ? ' /' : ''}`),
      close: (name) => out.push(`close ${name}`),
      text: (raw, cdata) => {
        if (raw.trim() !== '') out.push(`${cdata ? 'cdata' : 'text'} ${raw}`);
      },
    };
    const scanner = new XmlScanner(handler, 'test.xlsx');
    for (const c of chunks) scanner.push(c);
    scanner.end();
    return out;
  }

  it('reports elements, text and CDATA with local names', () => {
    expect(events([doc])).toEqual(expected);
  });

  it('gives the same events however the text is split', () => {
    expect(events([...doc])).toEqual(expected);
    for (const size of [2, 3, 7, 13]) {
      const chunks: string[] = [];
      for (let i = 0; i < doc.length; i += size) chunks.push(doc.slice(i, i + size));
      expect(events(chunks), `chunks of ${size}`).toEqual(expected);
    }
  });

  it('refuses a document type declaration', () => {
    expect(() => events(['<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'])).toThrow(
      /document type declaration/,
    );
  });

  it('refuses a tag broken by a stray <', () => {
    expect(() => events(['<a b="1" <c>'])).toThrow(/malformed/);
  });

  it('refuses a token that never ends', () => {
    const handler: XmlHandler = { open: () => {}, close: () => {}, text: () => {} };
    const scanner = new XmlScanner(handler, 'test.xlsx');
    scanner.push('<v>');
    const chunk = 'x'.repeat(1024 * 1024);
    expect(() => {
      for (let i = 0; i < 17; i++) scanner.push(chunk);
    }).toThrow(/longer than 16,777,216 characters/);
  });
});
