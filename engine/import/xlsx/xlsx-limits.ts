import type { ErrorCode } from '../../../shared/result';

/**
 * The hard limits that keep an untrusted workbook (a zip bomb, a hand-made hostile file) from
 * exhausting memory, disk or time. Every limit is checked on what is actually read, never on what
 * the file's headers claim.
 */
export interface XlsxLimits {
  /** Uncompressed bytes inflated from the whole archive, all parts together; also caps the CSV written. */
  maxUncompressedBytes: number;
  /** Uncompressed / compressed bytes of one entry, measured while inflating. */
  maxEntryRatio: number;
  /** `<row>` elements in the converted sheet. */
  maxRows: number;
}

export const DEFAULT_LIMITS: Readonly<XlsxLimits> = {
  maxUncompressedBytes: 1024 ** 3,
  maxEntryRatio: 200,
  // Excel's own maximum: a genuine export never has more.
  maxRows: 1_048_576,
};

/** Excel's last column, XFD. A cell reference beyond it is not something Excel wrote. */
export const MAX_COLUMNS = 16_384;

/**
 * The ratio is only judged once an entry has produced this much: tiny parts (an empty styles.xml,
 * a sheet of one repeated value) legitimately compress far better than 200:1, and cannot hurt.
 */
export const RATIO_GRACE_BYTES = 1024 * 1024;

/** workbook.xml, its relationships and styles.xml: metadata, which real workbooks keep small. */
export const MAX_METADATA_PART_BYTES = 64 * 1024 * 1024;

/** sharedStrings.xml is held in memory as strings while the sheet streams. */
export const MAX_SHARED_STRINGS_BYTES = 256 * 1024 * 1024;

/**
 * The longest single XML token (a tag, a text node) the scanner buffers while waiting for its end.
 * Excel caps a cell at 32,767 characters; this is far above that and far below the heap.
 */
export const MAX_TOKEN_CHARS = 16 * 1024 * 1024;

/** Characters in one row's cells together, for the same reason. */
export const MAX_ROW_CHARS = 16 * 1024 * 1024;

/** The central directory of a real workbook lists a few dozen entries. */
export const MAX_CENTRAL_DIRECTORY_BYTES = 16 * 1024 * 1024;

export type XlsxReason =
  | 'not_zip'
  | 'truncated'
  | 'corrupt'
  /** A part whose unpacked size or CRC-32 differs from the central directory's. */
  | 'checksum'
  | 'encrypted'
  | 'encrypted_or_xls'
  | 'unsupported_compression'
  | 'no_workbook'
  | 'no_such_sheet'
  | 'not_a_worksheet'
  | 'no_data'
  | 'dtd'
  | 'too_large_total'
  | 'too_large_output'
  | 'too_large_ratio'
  | 'too_large_part'
  | 'too_large_token'
  | 'too_large_row'
  | 'too_many_rows'
  | 'too_many_columns';

/**
 * A reason the workbook cannot be read. Thrown inside the reader (deep in streaming callbacks,
 * where returning a Result is impractical) and turned into a Result at the public boundary.
 */
export class XlsxError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly reason: XlsxReason,
    message: string,
    /** For `binary_file`: what the file is instead (the i18n message names it). */
    readonly what?: string,
  ) {
    super(message);
  }
}

/** `1 GiB`, `200 MiB`, `1,536 bytes`: limits as a person reads them. */
export function formatBytes(bytes: number): string {
  const units: [number, string][] = [
    [1024 ** 3, 'GiB'],
    [1024 ** 2, 'MiB'],
    [1024, 'KiB'],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size && bytes % size === 0) return `${(bytes / size).toLocaleString('en-US')} ${unit}`;
    if (bytes >= size) return `${(bytes / size).toFixed(1)} ${unit}`;
  }
  return `${bytes.toLocaleString('en-US')} bytes`;
}
