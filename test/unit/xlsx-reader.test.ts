import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  convertSheetToCsv,
  listSheets,
  type XlsxConversion,
  type XlsxConvertOptions,
} from '../../engine/import/xlsx/xlsx-reader';
import type { AppError } from '../../shared/result';
import {
  buildXlsx,
  inline,
  n,
  row,
  workbookParts,
  writeZipBomb,
  zipParts,
} from '../fixtures/xlsx/make-fixtures';

/**
 * The XLSX reader on the fixtures in test/fixtures/xlsx (see its README) and on hostile files
 * made here. Expected CSV text is written out by hand from the fixtures' XML.
 */

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/xlsx');
const fixture = (name: string): string => path.join(FIXTURES, name);
const dir = mkdtempSync(path.join(tmpdir(), 'qc-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
const outPath = (): string => path.join(dir, `out-${++counter}.csv`);

async function convert(
  input: string,
  options: XlsxConvertOptions = {},
): Promise<{ csv: string; conversion: XlsxConversion }> {
  const output = outPath();
  const r = await convertSheetToCsv(input, output, options);
  if (!r.ok) throw new Error(`${input}: ${r.error.code}: ${r.error.message}`);
  return { csv: readFileSync(output, 'utf8'), conversion: r.value };
}

async function convertError(input: string, options: XlsxConvertOptions = {}): Promise<AppError> {
  const output = outPath();
  const r = await convertSheetToCsv(input, output, options);
  if (r.ok) throw new Error(`${input} was converted, expected an error`);
  // A failed conversion never leaves a partial CSV behind.
  expect(existsSync(output)).toBe(false);
  return r.error;
}

function writeTemp(name: string, bytes: Uint8Array): string {
  const p = path.join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

describe('cell values', () => {
  it('chinese-deals.xlsx: shared strings, rich text, phonetic guides, built-in and custom date formats', async () => {
    const { csv, conversion } = await convert(fixture('chinese-deals.xlsx'));
    expect(conversion).toEqual({ sheets: ['商机'], sheet: '商机', rows: 5, columns: 6 });
    expect(csv).toBe(
      '负责人,客户名称,商机金额,销售阶段,结单日期,创建日期\n' +
        '张伟,北京星辰科技有限公司,125000,赢单,2024-03-01,2024-01-15\n' +
        '李娜,上海明月贸易有限公司,80000,输单,2024-03-05,2024-02-01\n' +
        '王芳,深圳海风电子有限公司,1200000,谈判,,2024-03-05\n' +
        '刘洋,杭州青松软件有限公司,45000,输单,2024-05-20,2024-04-01\n',
    );
  });

  it('cell-types.xlsx: every kind of cell value', async () => {
    const { csv, conversion } = await convert(fixture('cell-types.xlsx'));
    expect(conversion).toEqual({ sheets: ['Types'], sheet: 'Types', rows: 31, columns: 2 });
    expect(csv.split('\n')).toEqual([
      'Kind,Value',
      'inline padded,  padded inline ',
      'inline rich,Rich inline',
      'formula string,ab',
      'formula number,3',
      'formula no cache,',
      'bool true,TRUE',
      'bool false,FALSE',
      'error,',
      'float noise,0.30000000000000004',
      'pi,3.141592653589793',
      'small exponent,0.0015',
      'tiny,0.0000001',
      'huge,1234567890123456800000',
      'long integer,123456789012345678901',
      'negative,-0.5',
      'seventeen digits,52.370216',
      'datetime,2024-03-01 12:00:00',
      'time,18:00:00',
      'locale date,2024-03-01',
      'quoted d,12.5',
      'red number,1234.5',
      'entities,"A & B <C> ""q"" 中文"',
      // _x000D_ + line feed is one line break, and it is quoted.
      'escapes,"Line1',
      'Line2 _x0041_"',
      'needs quotes,"Smith ""Big"" Co, Ltd"',
      'semicolon,"a;b"',
      'cdata,<raw> & text',
      'iso date cell,2024-03-01',
      'iso datetime cell,2024-03-01 09:30:00',
      'date 1900-03-01,1900-03-01',
      'integer as float,45402',
      '',
    ]);
  });

  it('date1904.xlsx: the 1904 date system', async () => {
    const { csv } = await convert(fixture('date1904.xlsx'));
    expect(csv).toBe('Event,When\ndate,2024-03-01\ndatetime,2024-03-01 06:00:00\n');
  });

  it('sparse.xlsx: missing cells, skipped rows, cells without references, empty rows', async () => {
    const { csv, conversion } = await convert(fixture('sparse.xlsx'));
    expect(csv).toBe(
      [
        'Id,Name,Amount,Note',
        'S-1,,10,',
        'S-2,Bea,,late',
        // Row 5: cells with formatting only, between data rows.
        ',,,',
        'S-3,Cy,30,',
        ',no id,,',
        '',
      ].join('\n'),
    );
    expect(conversion.columns).toBe(4);
    expect(conversion.rows).toBe(6);
  });

  it('prefixed-strict.xlsx: prefixed elements, a workbook found through _rels/.rels, stored entries', async () => {
    const { csv, conversion } = await convert(fixture('prefixed-strict.xlsx'));
    expect(csv).toBe('Owner,Amount\nZoë,42\n');
    expect(conversion.sheets).toEqual(['Data']);
  });

  it('title-row.xlsx: title and blank rows above the header are kept for the importer to skip', async () => {
    const { csv } = await convert(fixture('title-row.xlsx'));
    expect(csv).toBe(
      'Pipeline report - Q1 2024,,,,,\n' +
        'Opportunity ID,Opportunity Owner,Account Name,Stage,Amount,Close Date\n' +
        'T-1,Ann Lee,Acme,Closed Won,1200.5,2024-03-01\n' +
        'T-2,Bob Ray,Globex,Closed Lost,800,2024-03-12\n' +
        'T-3,Ann Lee,Initech,Negotiation,5000,2024-04-30\n',
    );
  });

  it('pads every record to the width of the widest early row, and keeps a later wider row whole', async () => {
    const rows = [row(1, inline('A1', 'a') + inline('B1', 'b'))];
    for (let r = 2; r <= 150; r++) rows.push(row(r, n(`A${r}`, r)));
    rows.push(row(151, n('A151', 151) + inline('D151', 'wide')));
    const file = writeTemp('widths.xlsx', buildXlsx({ sheets: [{ name: 'S', rows: rows.join('') }] }));
    const { csv, conversion } = await convert(file);
    const lines = csv.split('\n');
    expect(lines.slice(0, 3)).toEqual(['a,b', '2,', '3,']);
    expect(lines[149]).toBe('150,');
    expect(lines[150]).toBe('151,,,wide');
    expect(conversion).toEqual({ sheets: ['S'], sheet: 'S', rows: 151, columns: 4 });
  });
});

describe('sheets', () => {
  it('lists sheets in workbook order, with whether each has data', async () => {
    const r = await listSheets(fixture('two-sheets.xlsx'));
    expect(r).toEqual({
      ok: true,
      value: [
        { name: 'Notes', hasCells: false, hidden: false },
        { name: 'Deals', hasCells: true, hidden: false },
        { name: 'Lookup', hasCells: true, hidden: true },
      ],
    });
  });

  it('lists sheets from bytes in memory too', async () => {
    const r = await listSheets(readFileSync(fixture('chinese-deals.xlsx')));
    expect(r).toEqual({ ok: true, value: [{ name: '商机', hasCells: true, hidden: false }] });
  });

  it('converts the first sheet with data by default', async () => {
    const { csv, conversion } = await convert(fixture('two-sheets.xlsx'));
    expect(conversion).toEqual({ sheets: ['Notes', 'Deals', 'Lookup'], sheet: 'Deals', rows: 2, columns: 3 });
    expect(csv).toBe('Deal,Owner,Amount\nD-1,Ann,100\n');
  });

  it('converts a sheet chosen by name, even a hidden one, case and spaces aside', async () => {
    const { csv, conversion } = await convert(fixture('two-sheets.xlsx'), { sheet: ' lookup ' });
    expect(conversion.sheet).toBe('Lookup');
    expect(csv).toBe('Code,Label\nW,Won\n');
  });

  it('refuses a sheet that does not exist, naming the ones that do', async () => {
    expect(await convertError(fixture('two-sheets.xlsx'), { sheet: 'Pipeline' })).toEqual({
      code: 'not_a_table',
      message: '"two-sheets.xlsx" has no sheet named "Pipeline" (it has: "Notes", "Deals", "Lookup").',
      params: { file: 'two-sheets.xlsx', reason: 'no_such_sheet' },
    });
  });

  it('reports an empty sheet chosen by name as empty', async () => {
    expect(
      await convertError(fixture('two-sheets.xlsx'), { sheet: 'Notes', fileName: 'Q1 deals.xlsx' }),
    ).toEqual({
      code: 'empty_file',
      message: 'The sheet "Notes" in "Q1 deals.xlsx" is empty.',
      params: { file: 'Q1 deals.xlsx', reason: 'no_data' },
    });
  });

  it('reports a workbook without any data', async () => {
    const file = writeTemp(
      'blank.xlsx',
      buildXlsx({
        sheets: [
          { name: 'A', rows: '' },
          { name: 'B', rows: '' },
        ],
      }),
    );
    const e = await convertError(file);
    expect(e.code).toBe('empty_file');
    expect(e.message).toBe('"blank.xlsx" has no sheet with any data.');
  });
});

describe('files that are not workbooks', () => {
  it('encrypted.xlsx: a password-protected (or .xls) file', async () => {
    expect(await convertError(fixture('encrypted.xlsx'))).toEqual({
      code: 'binary_file',
      message:
        '"encrypted.xlsx" is password-protected or in the old Excel 97-2003 (.xls) format. ' +
        'Remove the password, or save it as .xlsx or CSV, and try again.',
      params: {
        file: 'encrypted.xlsx',
        reason: 'encrypted_or_xls',
        what: 'password-protected or legacy .xls workbook',
      },
    });
  });

  it('not-a-zip.xlsx: a CSV with an .xlsx name', async () => {
    const e = await convertError(fixture('not-a-zip.xlsx'));
    expect(e.code).toBe('not_a_table');
    expect(e.message).toBe(
      '"not-a-zip.xlsx" is not an Excel workbook: an .xlsx file is a zip archive, and this one is not.',
    );
    expect(e.params?.reason).toBe('not_zip');
  });

  it('truncated.xlsx: an interrupted download', async () => {
    const e = await convertError(fixture('truncated.xlsx'));
    expect(e.code).toBe('not_a_table');
    expect(e.message).toBe(
      '"truncated.xlsx" is incomplete: the file ends before the workbook does (an interrupted download or copy?).',
    );
  });

  it('a zip without xl/workbook.xml', async () => {
    const file = writeTemp('docs.xlsx', zipParts({ 'word/document.xml': '<w:document/>' }));
    const e = await convertError(file);
    expect(e.message).toBe(
      '"docs.xlsx" is a zip archive but not an Excel workbook (it has no xl/workbook.xml).',
    );
    expect(e.params?.reason).toBe('no_workbook');
  });

  it('corrupted compressed data', async () => {
    const parts = workbookParts({
      sheets: [
        { name: 'S', rows: Array.from({ length: 200 }, (_, i) => row(i + 1, n(`A${i + 1}`, i))).join('') },
      ],
    });
    const bytes = zipParts(parts);
    // The sheet is the first entry; overwrite the middle of its compressed data.
    for (let i = 120; i < 160; i++) bytes[i] = 0xff;
    const e = await convertError(writeTemp('corrupt.xlsx', bytes));
    expect(e.code).toBe('not_a_table');
    expect(e.message).toBe(
      '"corrupt.xlsx" is damaged: its zip data cannot be unpacked. Open it in Excel, save it again, and retry.',
    );
  });

  it('a sheet whose XML stops in the middle', async () => {
    const parts = workbookParts({
      sheets: [{ name: 'S', rows: row(1, inline('A1', 'a') + inline('B1', 'b')) }],
    });
    parts['xl/worksheets/sheet1.xml'] = (parts['xl/worksheets/sheet1.xml'] as string).split(
      '</sheetData>',
    )[0] as string;
    const e = await convertError(writeTemp('cut.xlsx', zipParts(parts)));
    expect(e.message).toBe(
      '"cut.xlsx" is damaged: its part xl/worksheets/sheet1.xml ends in the middle. Open it in Excel, save it again, and retry.',
    );
  });

  it('an empty file and a missing file', async () => {
    expect((await convertError(writeTemp('empty.xlsx', new Uint8Array(0)))).code).toBe('empty_file');
    const missing = await convertError(path.join(dir, 'nope.xlsx'));
    expect(missing.code).toBe('io_error');
    expect(missing.message).toMatch(/^"nope\.xlsx" could not be read: ENOENT/);
  });
});

describe('limits', () => {
  it('stops at the row limit', async () => {
    const e = await convertError(fixture('chinese-deals.xlsx'), { maxRows: 3 });
    expect(e).toEqual({
      code: 'not_a_table',
      message:
        'The sheet "商机" in "chinese-deals.xlsx" has more than 3 rows, the most the app reads from one sheet.',
      params: { file: 'chinese-deals.xlsx', reason: 'too_many_rows' },
    });
    expect((await convert(fixture('chinese-deals.xlsx'), { maxRows: 5 })).conversion.rows).toBe(5);
  });

  it('refuses a cell beyond column XFD', async () => {
    const file = writeTemp(
      'xfe.xlsx',
      buildXlsx({
        sheets: [
          { name: 'S', rows: row(1, inline('A1', 'a') + inline('XFD1', 'last')) + row(2, n('XFE2', 1)) },
        ],
      }),
    );
    expect(await convertError(file)).toEqual({
      code: 'not_a_table',
      message:
        'The sheet "S" in "xfe.xlsx" has a cell beyond column XFD (16,384 columns), the most the app reads.',
      params: { file: 'xfe.xlsx', reason: 'too_many_columns' },
    });
  });

  it('caps the CSV written, which padding to a hostile width could blow up', async () => {
    const rows = [row(1, inline('A1', 'a') + n('XFD1', 1))];
    for (let r = 2; r <= 200; r++) rows.push(row(r, n(`A${r}`, r)));
    const file = writeTemp('wide.xlsx', buildXlsx({ sheets: [{ name: 'S', rows: rows.join('') }] }));
    const e = await convertError(file, { maxUncompressedBytes: 1024 * 1024 });
    expect(e.message).toBe(
      'Converting "wide.xlsx" would write more than 1 MiB of text, the most the app reads from one workbook.',
    );
    expect(e.params?.reason).toBe('too_large_output');
  });

  it('ratio-bomb-small.xlsx: 20 MiB of rows deflated 400:1', async () => {
    const started = performance.now();
    const e = await convertError(fixture('ratio-bomb-small.xlsx'));
    expect(e).toEqual({
      code: 'not_a_table',
      message:
        '"ratio-bomb-small.xlsx" has a part (xl/worksheets/sheet1.xml) that expands to more than 200 times its ' +
        'compressed size, the most the app allows. It may be a zip bomb; if it is a real export, save it as CSV instead.',
      params: { file: 'ratio-bomb-small.xlsx', reason: 'too_large_ratio' },
    });
    expect(performance.now() - started).toBeLessThan(2_000);
    // The same file is read when the ratio limit allows it: the limit is what refused it.
    const r = await convertSheetToCsv(fixture('ratio-bomb-small.xlsx'), outPath(), { maxEntryRatio: 1000 });
    expect(r.ok && r.value.rows).toBe(806_597);
  });

  it('refuses a part read whole that is too large, whatever its ratio', async () => {
    const strings = Array.from({ length: 3000 }, (_, i) => `<si><t>${'s'.repeat(30)}${i}</t></si>`);
    const file = writeTemp(
      'strings.xlsx',
      buildXlsx({
        sheets: [{ name: 'S', rows: row(1, '<c r="A1" t="s"><v>0</v></c>') }],
        sharedStrings: strings,
      }),
    );
    const e = await convertError(file, { maxUncompressedBytes: 64 * 1024 });
    expect(e.params?.reason).toBe('too_large_total');
    expect(e.message).toBe(
      '"strings.xlsx" expands to more than 64 KiB when unzipped, the most the app reads from one workbook. ' +
        'It may be a zip bomb; if it is a real export, save it as CSV instead.',
    );
  });

  describe('a 2 GiB zip bomb made at test time', () => {
    const bomb = path.join(dir, 'bomb.xlsx');
    const lying = path.join(dir, 'bomb-lying.xlsx');
    let compressedBytes = 0;
    beforeAll(() => {
      compressedBytes = writeZipBomb(bomb, { mebibytes: 2048 }).compressedBytes;
      writeZipBomb(lying, { mebibytes: 2048, lyingHeaders: true });
    });

    it('is small on disk', () => {
      expect(compressedBytes).toBeGreaterThan(1024 * 1024);
      expect(compressedBytes).toBeLessThan(8 * 1024 * 1024);
    });

    for (const [name, file] of [
      ['honest headers', bomb],
      ['headers that claim 1,000 bytes', lying],
    ] as const) {
      it(`is refused by the ratio limit within a second (${name})`, async () => {
        const started = performance.now();
        const e = await convertError(file);
        expect(performance.now() - started).toBeLessThan(1_000);
        expect(e.params?.reason).toBe('too_large_ratio');
        expect(e.message).toMatch(/expands to more than 200 times its compressed size/);
      });
    }

    it('is refused by the total size limit when the ratio limit is lifted', async () => {
      const started = performance.now();
      const e = await convertError(bomb, { maxEntryRatio: 1e9, maxUncompressedBytes: 32 * 1024 * 1024 });
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(e.params?.reason).toBe('too_large_total');
      expect(e.message).toMatch(/^"bomb\.xlsx" expands to more than 32 MiB when unzipped/);
    });

    it('is refused by the row limit when both size limits are lifted, with memory flat', async () => {
      const heapBefore = process.memoryUsage().heapUsed;
      let peakHeap = heapBefore;
      const sampler = setInterval(() => {
        peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      }, 5);
      const started = performance.now();
      const e = await convertError(bomb, { maxEntryRatio: 1e9 });
      clearInterval(sampler);
      // About 55 MiB of XML was inflated, parsed and written as CSV before the limit tripped.
      expect(e.params?.reason).toBe('too_many_rows');
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(peakHeap - heapBefore).toBeLessThan(96 * 1024 * 1024);
    });
  });
});
