import type { ColumnMapping } from '../../shared/api/contract';
import { joinNameParts, type KindSpec } from '../../shared/import/field-catalog';
import type { Notice } from '../../shared/i18n/notice';
import { looksLikeFooter, isBlankRow } from './read-table';

/** Reads one mapped field of a row: trimmed text, or null when unmapped or empty. */
export type FieldReader = (field: string) => string | null;

/** Column index per mapped field; a mapping naming a header the file lacks is reported. */
export function columnIndexes(
  headers: readonly string[],
  mapping: ColumnMapping,
): { ok: true; columns: Map<string, number> } | { ok: false; header: string } {
  const columns = new Map<string, number>();
  for (const [field, header] of Object.entries(mapping)) {
    if (header === null) continue;
    const index = headers.indexOf(header);
    if (index === -1) return { ok: false, header };
    columns.set(field, index);
  }
  return { ok: true, columns };
}

/**
 * Builds the reader for a row's cells. A person given only as first and last name columns is
 * read as one name.
 */
export function fieldReaderFor(
  spec: KindSpec,
  columns: ReadonlyMap<string, number>,
): (cells: readonly string[]) => FieldReader {
  const cell = (cells: readonly string[], field: string): string | null => {
    const index = columns.get(field);
    if (index === undefined) return null;
    const v = (cells[index] ?? '').trim();
    return v === '' ? null : v;
  };
  return (cells) => (field) => {
    const parts = spec.nameParts?.[field];
    if (parts && !columns.has(field)) return joinNameParts(cell(cells, parts[0]), cell(cells, parts[1]));
    return cell(cells, field);
  };
}

/**
 * A row with more filled cells than the header has columns: what is in the extra cells belongs
 * to no column, and usually to another row (a delimiter inside an unquoted value, a damaged line
 * break that joined two lines). Reading it would drop those values without a word, so the row is
 * rejected, with its cells kept. Empty cells past the header (a trailing delimiter) hold nothing
 * and are ignored. Returns the rejection, or null for a row of the right width.
 */
export function extraCells(cells: readonly string[], width: number): Notice | null {
  if (cells.length <= width) return null;
  for (let i = width; i < cells.length; i++)
    if ((cells[i] as string).trim() !== '')
      return { code: 'extra_cells', params: { count: cells.length, columns: width } };
  return null;
}

/**
 * Passes on the data rows of a file in order: skips the header and anything above it and blank
 * rows, rejects rows with more filled cells than the header (extraCells), and holds back rows
 * that look like a report footer ("Confidential Information - Do Not Distribute") until a data
 * row follows. Rows still held at the end are the footer.
 */
export class RowSieve {
  private held: { record: number; cells: string[] }[] = [];
  /** Data rows with fewer cells than the header, and the first of them (see `shortRows`). */
  private short = 0;
  private firstShort = 0;

  constructor(
    private readonly headerRecord: number,
    private readonly width: number,
    private readonly emit: (record: number, cells: string[]) => void,
    /** A data row that cannot be read whatever its values (extraCells): counted and kept as rejected. */
    private readonly reject: (record: number, cells: string[], reason: Notice) => void,
  ) {}

  push(record: number, cells: string[]): void {
    if (record <= this.headerRecord || isBlankRow(cells)) return;
    const extra = extraCells(cells, this.width);
    if (extra !== null) {
      this.beforeData();
      this.reject(record, cells, extra);
      return;
    }
    if (looksLikeFooter(cells, this.width)) {
      this.held.push({ record, cells });
      return;
    }
    this.beforeData();
    this.data(record, cells);
  }

  private data(record: number, cells: string[]): void {
    if (cells.length < this.width && this.short++ === 0) this.firstShort = record;
    this.emit(record, cells);
  }

  /**
   * A data row is about to be read by another route (a reader that knows the row is data):
   * the rows held back were not a footer after all, and are read first, like any other.
   */
  beforeData(): void {
    if (this.held.length === 0) return;
    for (const h of this.held) this.data(h.record, h.cells);
    this.held = [];
  }

  /** How many rows at the end were taken for a footer and skipped. */
  get footerRows(): number {
    return this.held.length;
  }

  /**
   * Data rows with fewer cells than the header: read with their missing cells empty, which loses
   * nothing the file holds (some writers leave trailing empty cells out), but a row cut in two by
   * a stray line break looks the same, so the import says how many there were and where the
   * first is, rather than nothing.
   */
  get shortRows(): { count: number; first: number } {
    return { count: this.short, first: this.firstShort };
  }
}
