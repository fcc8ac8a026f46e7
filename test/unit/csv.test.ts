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

  // Spreadsheets skip leading whitespace before a formula (issue #13, item 9): a CRM value of
  // "  =1+1" must be neutralised as surely as "=1+1".
  it.each([
    ['  =1+1', "'  =1+1"],
    [' +1+2', "' +1+2"],
    ['\u00a0-2+3', "'\u00a0-2+3"],
    ['\u3000@SUM(A1)', "'\u3000@SUM(A1)"],
    ['\n=1+1', `"'\n=1+1"`],
    ['\r\n  =cmd|x', `"'\r\n  =cmd|x"`],
    ['\u200b=1+1', "'\u200b=1+1"],
    ['\ufeff=1+1', "'\ufeff=1+1"],
    [' \t -1', "' \t -1"],
    ['  plain', '  plain'],
    ['a =1', 'a =1'],
  ])('neutralises a formula trigger after leading whitespace in %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('neutralises "  =1+1" in a whole exported file', () => {
    expect(toCsv(['reason', 'raw'], [['bad date', '  =1+1']], PLAIN_CSV)).toBe(
      "reason,raw\nbad date,'  =1+1\n",
    );
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
