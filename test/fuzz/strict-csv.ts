/**
 * The campaign's reference: an RFC 4180 record counter written for the tests, sharing no code
 * with the importer (no papaparse, no byte tokenizer). It tells how many records a delimited text
 * holds, or that the text cannot be split into records at all, so an import's counts can be
 * checked against it.
 *
 * RFC 4180, with the tolerances the import documents (docs/decisions.md, issue #13):
 * - a record ends at LF, with or without a CR before it (RFC: CRLF only; LF-only exports are the
 *   norm, and one LF line in a CRLF file is a line of its own);
 * - a quote inside an unquoted cell is a literal character (RFC: not allowed; it can never make
 *   a cell run over a line, so no record hides behind it);
 * - white space between a closing quote and the delimiter or line end is ignored;
 * - a quote inside a quoted cell that is neither doubled nor closing (followed by the delimiter
 *   or the line end) is out of place: the cell goes on to the next closing quote. If the cell
 *   then runs over a line break, its opening quote was stray and the rows after it are not
 *   knowable: the text is `stray`, and an import must refuse it;
 * - a quoted cell still open at the end of the text: `unterminated`, to be refused too.
 */

export type StrictResult =
  { status: 'ok'; records: string[][] } | { status: 'stray' | 'unterminated'; record: number };

const LF = '\n';
const CR = '\r';
const QUOTE = '"';

/** White space that may stand between a closing quote and what ends the cell (not LF). */
function isPad(ch: string): boolean {
  return ch !== LF && /\s/.test(ch);
}

export function strictRecords(text: string, delimiter: string): StrictResult {
  const records: string[][] = [];
  let cells: string[] = [];
  let i = 0;
  const n = text.length;
  /** After a cell: the delimiter (next cell), a line end (next record) or the end of the text. */
  const endCell = (value: string): 'cell' | 'record' | 'end' => {
    cells.push(value);
    if (i >= n) {
      records.push(cells);
      return 'end';
    }
    if (text[i] === delimiter) {
      i++;
      if (i >= n) {
        // A delimiter at the very end: one more, empty, cell.
        cells.push('');
        records.push(cells);
        return 'end';
      }
      return 'cell';
    }
    // Only a line feed is left (the callers stop at nothing else).
    i++;
    records.push(cells);
    cells = [];
    return i >= n ? 'end' : 'record';
  };
  for (;;) {
    if (i >= n) break;
    let outcome: 'cell' | 'record' | 'end';
    if (text[i] === QUOTE) {
      const record = records.length + 1;
      let value = '';
      let j = i + 1;
      let misplaced = false;
      for (;;) {
        const q = text.indexOf(QUOTE, j);
        if (q === -1) return { status: 'unterminated', record };
        value += text.slice(j, q);
        if (text[q + 1] === QUOTE) {
          value += QUOTE;
          j = q + 2;
          continue;
        }
        let k = q + 1;
        while (k < n && isPad(text[k] as string)) k++;
        if (k >= n || text[k] === delimiter || text[k] === LF) {
          i = k;
          break;
        }
        misplaced = true;
        value += QUOTE;
        j = q + 1;
      }
      if (misplaced && value.includes(LF)) return { status: 'stray', record };
      outcome = endCell(value);
    } else {
      let k = i;
      while (k < n && text[k] !== delimiter && text[k] !== LF) k++;
      let end = k;
      // The CR of a CRLF line break (or one the text ends with) is not the cell's.
      if ((k >= n || text[k] === LF) && end > i && text[end - 1] === CR) end--;
      const value = text.slice(i, end);
      i = k;
      outcome = endCell(value);
    }
    if (outcome === 'end') return { status: 'ok', records };
  }
  return { status: 'ok', records };
}

/** A record with nothing but white space in it: the import skips these. */
export function isBlank(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}
