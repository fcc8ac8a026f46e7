import { describe, expect, it } from 'vitest';
import { csvCell, EXCEL_CSV, PLAIN_CSV, toCsv } from '../../engine/export/csv';

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['line\nbreak', '"line\nbreak"'],
    ['张伟', '张伟'],
  ])('neutralises %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('writes numbers as numbers, including negatives, and nulls as empty', () => {
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });
});

describe('toCsv', () => {
  it('adds a BOM and CRLF for Excel, neither for scripts', () => {
    expect(toCsv(['a'], [[1]], EXCEL_CSV)).toBe('\uFEFFa\r\n1\r\n');
    expect(toCsv(['a'], [[1]], PLAIN_CSV)).toBe('a\n1\n');
  });
});
