import type { SqliteHandle } from '../db/open-database';

/** Rows of a table by id: those with after < id <= upTo. */
export interface IdRange {
  after: number;
  upTo: number;
}

export const WHOLE_TABLE: IdRange = { after: Number.MIN_SAFE_INTEGER, upTo: Number.MAX_SAFE_INTEGER };

/** Rows (ids) per chunk of text: about half a megabyte of text per column. */
const CHUNK_ROWS = 65_536;

/**
 * Reads integer columns of a table with an INTEGER PRIMARY KEY `id`, in id order, as text: SQLite
 * joins each column's values over `CHUNK_ROWS` rows into one string and this parses it. A million
 * single-row reads cost a call into SQLite and a JS value each, which takes about as long as
 * SQLite's reading itself; a few dozen strings do not. `columns` are SQL expressions over the
 * table's columns giving an integer (NULL is read as NaN). Call inside a read transaction, so
 * that every chunk comes from the same snapshot.
 */
export function readIntegerColumns(
  sqlite: SqliteHandle,
  table: string,
  columns: readonly string[],
  params: Record<string, unknown> = {},
  /** Only rows with an id in (after, upTo]: a part of the table (see IdRange). */
  range: IdRange = WHOLE_TABLE,
): Float64Array<ArrayBuffer>[] {
  // The subquery scans by rowid in id order and each aggregate takes its rows in that order. A
  // NULL becomes an empty field (group_concat would skip it); coalesce(v, '') of an integer is
  // the integer.
  const chunk = sqlite
    .prepare(
      `SELECT max(id), count(*), ${columns.map((_, c) => `group_concat(coalesce(c${c}, ''), ',')`).join(', ')}
       FROM (SELECT id, ${columns.map((sql, c) => `${sql} AS c${c}`).join(', ')}
             FROM ${table} WHERE id > :after AND id <= :upTo ORDER BY id LIMIT ${CHUNK_ROWS})`,
    )
    .raw();
  const chunks: string[][] = [];
  // Sized from the rows read (no count(*) first: on a million rows that is another full scan).
  let rows = 0;
  for (let after = range.after; ;) {
    const [last, count, ...texts] = chunk.get({ ...params, after, upTo: range.upTo }) as [
      number | null,
      number,
      ...string[],
    ];
    if (count === 0 || last === null) break;
    chunks.push(texts);
    rows += count;
    after = last;
  }
  return columns.map((_, c) => {
    const values = new Float64Array(rows);
    let k = 0;
    for (const texts of chunks) k = parseIntegers(texts[c] as string, values, k);
    return values;
  });
}

/** Parses "v,v,..." (integers, empty for NULL) into `out` from `at` on; returns the next index. */
function parseIntegers(text: string, out: Float64Array, at: number): number {
  let k = at;
  let value = 0;
  let sign = 1;
  let empty = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) {
      out[k++] = empty ? Number.NaN : sign * value;
      value = 0;
      sign = 1;
      empty = true;
    } else if (c === 45) sign = -1;
    else {
      value = value * 10 + (c - 48);
      empty = false;
    }
  }
  out[k++] = empty ? Number.NaN : sign * value;
  return k;
}
