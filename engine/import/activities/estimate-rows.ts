import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Bytes read from the head of the file to measure its row length. */
const SAMPLE_BYTES = 1 << 20;
/** Headroom over the measured rate: a table that must grow rehashes every key it holds. */
const HEADROOM = 1.1;

/**
 * How many rows a staged table file holds, from the line breaks in its first megabyte, to size
 * the import's key tables once. The file's size over a fixed 64 bytes a row overestimated a
 * 95-byte-a-row export by half, and at 10M rows that half was 90 MB of empty slots (issue #14).
 * A quoted cell with line breaks only makes the estimate larger; a head of short rows makes it
 * smaller, and the tables then grow once. A file that cannot be read counts 64 bytes a row.
 */
export function estimateRows(path: string): number {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    const sample = Buffer.alloc(Math.min(size, SAMPLE_BYTES));
    const read = readSync(fd, sample, 0, sample.length, 0);
    let breaks = 0;
    for (let at = sample.indexOf(10, 0); at !== -1 && at < read; at = sample.indexOf(10, at + 1)) breaks++;
    if (read >= size) return breaks + 1;
    return Math.ceil((size * Math.max(1, breaks) * HEADROOM) / read);
  } catch {
    return 0;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
