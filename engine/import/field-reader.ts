import type { ColumnMapping } from '../../shared/api/contract';
import { joinNameParts, type KindSpec } from '../../shared/import/field-catalog';
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
 * Passes on the data rows of a file in order: skips the header and anything above it and blank
 * rows, and holds back rows that look like a report footer ("Confidential Information - Do Not
 * Distribute") until a data row follows. Rows still held at the end are the footer.
 */
export class RowSieve {
  private held: { record: number; cells: string[] }[] = [];

  constructor(
    private readonly headerRecord: number,
    private readonly width: number,
    private readonly emit: (record: number, cells: string[]) => void,
  ) {}

  push(record: number, cells: string[]): void {
    if (record <= this.headerRecord || isBlankRow(cells)) return;
    if (looksLikeFooter(cells, this.width)) {
      this.held.push({ record, cells });
      return;
    }
    this.beforeData();
    this.emit(record, cells);
  }

  /**
   * A data row is about to be read by another route (a reader that knows the row is data):
   * the rows held back were not a footer after all, and are read first, like any other.
   */
  beforeData(): void {
    if (this.held.length === 0) return;
    for (const h of this.held) this.emit(h.record, h.cells);
    this.held = [];
  }

  /** How many rows at the end were taken for a footer and skipped. */
  get footerRows(): number {
    return this.held.length;
  }
}
