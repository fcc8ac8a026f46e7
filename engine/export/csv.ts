/**
 * CSV writing for files a director opens in Excel. Cells that start with = + - @ (or tab/CR) are
 * prefixed with an apostrophe so a crafted CRM value can never run as a formula (CSV injection).
 * So are cells where one of = + - @ follows leading whitespace ("  =1+1", a no-break or
 * ideographic space, a zero-width space or BOM, a line break): spreadsheet programs skip such
 * whitespace when they decide whether a cell is a formula, and an import's trimming does not
 * reach the raw cells the rejected-rows CSV repeats (issue #13).
 * Negative numbers are written as numbers, not text, because they are numbers, not formulas.
 */
const FORMULA_START = /^(?:[\t\r]|[\s\u180e\u200b-\u200d\u2060]*[=+\-@])/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let text = value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface CsvStyle {
  /** A UTF-8 BOM makes Excel read Chinese names correctly; scripts reading the CLI's output prefer none. */
  bom: boolean;
  eol: '\r\n' | '\n';
}

/** For files the user saves from the app and opens in Excel. */
export const EXCEL_CSV: CsvStyle = { bom: true, eol: '\r\n' };
/** For the CLI's machine-readable outputs. */
export const PLAIN_CSV: CsvStyle = { bom: false, eol: '\n' };

export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | boolean | null | undefined)[])[],
  style: CsvStyle,
): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `${style.bom ? '\uFEFF' : ''}${lines.join(style.eol)}${style.eol}`;
}
