import { open, type FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { UnzipInflate } from 'fflate';
import {
  MAX_CENTRAL_DIRECTORY_BYTES,
  RATIO_GRACE_BYTES,
  XlsxError,
  formatBytes,
  type XlsxLimits,
} from './xlsx-limits';

/**
 * Random access to a zip archive through its central directory, and bounded streaming of single
 * entries through fflate's UnzipInflate.
 *
 * Why not fflate's `Unzip` stream over the whole file: it walks local headers in file order and
 * keeps the compressed bytes of every entry it was not asked to start in memory (so a workbook
 * with a large second sheet or embedded images costs its whole size in RAM), and for entries
 * written with a data descriptor (Google Sheets, many libraries; the public CRM sample is one) it
 * has to guess where an entry ends by searching for a signature inside compressed data. The
 * central directory gives every entry's exact offset and compressed size, so each part can be
 * read on its own, in any order, twice if needed, without touching the others.
 */

export interface ByteSource {
  readonly size: number;
  read(position: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

export async function openFileSource(path: string): Promise<ByteSource> {
  const handle: FileHandle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    return {
      size,
      async read(position, length) {
        const buffer = new Uint8Array(Math.max(0, Math.min(length, size - position)));
        if (buffer.length === 0) return buffer;
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
        return buffer.subarray(0, bytesRead);
      },
      close: () => handle.close(),
    };
  } catch (e) {
    await handle.close();
    throw e;
  }
}

export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: (position, length) =>
      Promise.resolve(
        bytes.subarray(Math.min(position, bytes.length), Math.min(position + length, bytes.length)),
      ),
    close: () => Promise.resolve(),
  };
}

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflate; anything else is refused. */
  method: number;
  flags: number;
  compressedSize: number;
  /** From the central directory: what the part must unpack to, checked when it is read. */
  uncompressedSize: number;
  crc32: number;
  localHeaderOffset: number;
}

/** Consumer of one entry's uncompressed bytes. */
export interface EntrySink {
  /** Gets each piece of uncompressed data; returns false to stop reading the entry early. */
  data(chunk: Uint8Array): boolean;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_END64 = 0x06064b50;
const SIG_END64_LOCATOR = 0x07064b50;

/** Bytes read from disk at once. */
const READ_BYTES = 64 * 1024;
/**
 * Compressed bytes handed to the inflater at once. fflate inflates a whole push into one buffer,
 * and deflate peaks at about 1032:1, so this bounds one burst of output to about 4 MiB.
 */
const PUSH_BYTES = 4 * 1024;

const u16 = (b: Uint8Array, i: number): number => (b[i] as number) | ((b[i + 1] as number) << 8);
const u32 = (b: Uint8Array, i: number): number => (u16(b, i) | (u16(b, i + 2) << 16)) >>> 0;
const u64 = (b: Uint8Array, i: number): number => u32(b, i) + u32(b, i + 4) * 0x1_0000_0000;

/** Counts uncompressed bytes across all entries read from one archive. */
export class InflateBudget {
  inflated = 0;

  constructor(
    readonly limits: XlsxLimits,
    readonly label: string,
  ) {}

  add(bytes: number): void {
    this.inflated += bytes;
    if (this.inflated > this.limits.maxUncompressedBytes) {
      throw new XlsxError(
        'not_a_table',
        'too_large_total',
        `"${this.label}" expands to more than ${formatBytes(this.limits.maxUncompressedBytes)} when unzipped, ` +
          'the most the app reads from one workbook. It may be a zip bomb; if it is a real export, save it as CSV instead.',
      );
    }
  }
}

export class ZipArchive {
  private readonly byName = new Map<string, ZipEntry>();
  private readonly byLowerName = new Map<string, ZipEntry>();
  private readonly entries: readonly ZipEntry[];
  /** Parts read to their end whose size and CRC-32 matched the central directory. */
  private readonly verified = new Set<ZipEntry>();

  private constructor(
    private readonly source: ByteSource,
    private readonly label: string,
    entries: ZipEntry[],
  ) {
    this.entries = entries;
    for (const e of entries) {
      const name = normalizePartName(e.name);
      // A name listed twice is a trick, not something a spreadsheet writes: the first one wins.
      if (!this.byName.has(name)) this.byName.set(name, e);
      if (!this.byLowerName.has(name.toLowerCase())) this.byLowerName.set(name.toLowerCase(), e);
    }
  }

  static async open(source: ByteSource, label: string): Promise<ZipArchive> {
    return new ZipArchive(source, label, await readCentralDirectory(source, label));
  }

  /** Part names are case-insensitive in OPC; writers disagree on `sharedStrings` vs `SharedStrings`. */
  entry(name: string): ZipEntry | undefined {
    const n = normalizePartName(name);
    return this.byName.get(n) ?? this.byLowerName.get(n.toLowerCase());
  }

  /**
   * Unpacks every part not yet verified and checks its size and CRC-32, under the same budget and
   * ratio limits as any read (a zip bomb in an image is caught as one in a sheet). A bit flipped
   * in a part the conversion does not read (a theme, a drawing) still means the file was damaged
   * in a download or on a disk, and the part that was hit is only known by its checksum.
   */
  async verifyAll(budget: InflateBudget): Promise<void> {
    const keep: EntrySink = { data: () => true };
    for (const entry of this.entries) {
      if (!this.verified.has(entry)) await this.stream(entry, budget, keep);
    }
  }

  /**
   * Streams one entry's uncompressed bytes into `sink`, enforcing the archive-wide budget, the
   * per-entry compression ratio and an optional cap on this entry's size, all counted on the
   * bytes actually produced. A part read to its end must match the size and CRC-32 the central
   * directory gives: a flipped bit can leave a deflate stream that still unpacks, to other
   * bytes, and only the checksum tells (issue #13). With `readAll`, a part the sink stops early
   * is still unpacked (not delivered) to its end, so that its checksum is checked too: what was
   * delivered is then known to be what the writer wrote. Throws XlsxError.
   */
  async stream(
    entry: ZipEntry,
    budget: InflateBudget,
    sink: EntrySink,
    partCap?: number,
    options: { readAll?: boolean } = {},
  ): Promise<void> {
    const label = this.label;
    if (entry.flags & 1) {
      throw new XlsxError(
        'not_a_table',
        'encrypted',
        `"${label}" is password-protected. Remove the password in Excel, save, and try again.`,
      );
    }
    if (entry.method !== 0 && entry.method !== 8) {
      throw new XlsxError(
        'not_a_table',
        'unsupported_compression',
        `"${label}" uses a zip compression method (${entry.method}) that Excel does not write; save it again from Excel.`,
      );
    }
    const header = await this.source.read(entry.localHeaderOffset, 30);
    if (header.length < 30 || u32(header, 0) !== SIG_LOCAL) throw damaged(label);
    const dataStart = entry.localHeaderOffset + 30 + u16(header, 26) + u16(header, 28);
    const dataEnd = dataStart + entry.compressedSize;
    if (dataEnd > this.source.size) throw truncated(label);
    // Zip writers store an empty part as zero bytes whatever the method.
    if (entry.compressedSize === 0) {
      if (entry.uncompressedSize !== 0 || entry.crc32 !== 0) throw badChecksum(label, entry.name);
      this.verified.add(entry);
      return;
    }

    let produced = 0;
    let consumed = 0;
    let crc = 0;
    // What was thrown may be anything, and it is thrown again as it was: a flag says whether it was.
    let failed = false;
    let failure: unknown;
    let readerFailed = false;
    let readerFailure: unknown;
    /** The sink wants no more; with readAll the part is still unpacked to check it. */
    let delivering = true;
    let stopped = false;
    const maxRatio = budget.limits.maxEntryRatio;
    const accept = (chunk: Uint8Array): void => {
      if (stopped || failed || chunk.length === 0) return;
      produced += chunk.length;
      crc = crc32(chunk, crc);
      try {
        budget.add(chunk.length);
        if (partCap !== undefined && produced > partCap) {
          throw new XlsxError(
            'not_a_table',
            'too_large_part',
            `"${label}" has a part (${entry.name}) larger than ${formatBytes(partCap)}, the most the app reads for it.`,
          );
        }
        if (produced > RATIO_GRACE_BYTES && produced > consumed * maxRatio) {
          throw new XlsxError(
            'not_a_table',
            'too_large_ratio',
            `"${label}" has a part (${entry.name}) that expands to more than ${maxRatio.toLocaleString('en-US')} times ` +
              'its compressed size, the most the app allows. It may be a zip bomb; if it is a real export, save it as CSV instead.',
          );
        }
      } catch (e) {
        failed = true;
        failure = e;
        return;
      }
      if (!delivering) return;
      try {
        if (!sink.data(chunk)) {
          delivering = false;
          if (options.readAll !== true) stopped = true;
        }
      } catch (e) {
        // What the reader refused as malformed (a shared-string index past the end, broken XML)
        // may be the damage a checksum would name: with readAll, the part is unpacked to its end
        // first. A limit (too many rows, a row too long) is refused at once: a zip bomb trips
        // those, and unpacking it to its end to name a checksum would cost seconds for nothing.
        const limit = e instanceof XlsxError && e.reason.startsWith('too_');
        if (options.readAll !== true || limit || !(e instanceof XlsxError)) {
          failed = true;
          failure = e;
        } else {
          readerFailed = true;
          readerFailure = e;
          delivering = false;
        }
      }
    };

    let inflater: UnzipInflate | null = null;
    if (entry.method === 8) {
      inflater = new UnzipInflate();
      inflater.ondata = (e, chunk) => {
        if (e) {
          if (!failed) {
            failed = true;
            failure = damaged(label);
          }
          return;
        }
        accept(chunk);
      };
    }

    let position = dataStart;
    do {
      const want = Math.min(READ_BYTES, dataEnd - position);
      const bytes = await this.source.read(position, want);
      if (bytes.length < want) throw truncated(label);
      position += want;
      const last = position >= dataEnd;
      if (inflater === null) {
        consumed += bytes.length;
        accept(bytes);
      } else {
        for (let offset = 0; offset < bytes.length; offset += PUSH_BYTES) {
          const slice = bytes.subarray(offset, offset + PUSH_BYTES);
          consumed += slice.length;
          inflater.push(slice, last && offset + PUSH_BYTES >= bytes.length);
          if (failed || stopped) break;
        }
      }
      if (failed) throw failure;
    } while (!stopped && position < dataEnd);
    if (stopped) return;
    if (produced !== entry.uncompressedSize || crc !== entry.crc32) throw badChecksum(label, entry.name);
    this.verified.add(entry);
    if (readerFailed) throw readerFailure;
  }
}

function badChecksum(label: string, part: string): XlsxError {
  return new XlsxError(
    'not_a_table',
    'checksum',
    `"${label}" is damaged: its part ${part} does not match its checksum (CRC-32), so some of its ` +
      'bytes changed after Excel wrote it (a bad download, copy or disk). Nothing was imported; ' +
      'open it in Excel, save it again, or export it again, and retry.',
  );
}

function damaged(label: string): XlsxError {
  return new XlsxError(
    'not_a_table',
    'corrupt',
    `"${label}" is damaged: its zip data cannot be unpacked. Open it in Excel, save it again, and retry.`,
  );
}

function truncated(label: string): XlsxError {
  return new XlsxError(
    'not_a_table',
    'truncated',
    `"${label}" is incomplete: the file ends before the workbook does (an interrupted download or copy?).`,
  );
}

/** `/xl\worksheets/sheet1.xml` → `xl/worksheets/sheet1.xml`. */
export function normalizePartName(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '');
}

async function readCentralDirectory(source: ByteSource, label: string): Promise<ZipEntry[]> {
  const notZip = (): XlsxError =>
    new XlsxError(
      'not_a_table',
      'not_zip',
      `"${label}" is not an Excel workbook: an .xlsx file is a zip archive, and this one is not.`,
    );
  const head = await source.read(0, 4);
  const startsLikeZip = head.length === 4 && u32(head, 0) === SIG_LOCAL;
  // The end record is 22 bytes plus a comment of at most 65,535; a ZIP64 locator sits before it.
  const tailLength = Math.min(source.size, 22 + 0xffff + 20);
  const tailStart = source.size - tailLength;
  const tail = await source.read(tailStart, tailLength);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (u32(tail, i) === SIG_END && i + 22 + u16(tail, i + 20) <= tail.length) {
      end = i;
      break;
    }
  }
  if (end === -1) throw startsLikeZip ? truncated(label) : notZip();
  if (u16(tail, end + 4) !== 0 || u16(tail, end + 6) !== 0) {
    throw new XlsxError('not_a_table', 'corrupt', `"${label}" is a multi-part zip archive, not a workbook.`);
  }
  let count = u16(tail, end + 10);
  let cdSize = u32(tail, end + 12);
  let cdOffset = u32(tail, end + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || u32(tail, locator) !== SIG_END64_LOCATOR) throw damaged(label);
    const end64Offset = u64(tail, locator + 8);
    const end64 = await source.read(end64Offset, 56);
    if (end64.length < 56 || u32(end64, 0) !== SIG_END64) throw damaged(label);
    count = u64(end64, 32);
    cdSize = u64(end64, 40);
    cdOffset = u64(end64, 48);
  }
  if (cdSize > MAX_CENTRAL_DIRECTORY_BYTES) {
    throw new XlsxError(
      'not_a_table',
      'too_large_part',
      `"${label}" lists more zip entries than any workbook has (a ${formatBytes(cdSize)} directory).`,
    );
  }
  if (cdOffset + cdSize > tailStart + end) throw startsLikeZip ? truncated(label) : damaged(label);
  const cd = await source.read(cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  const utf8 = new TextDecoder('utf-8');
  const latin1 = new TextDecoder('latin1');
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cd.length || u32(cd, p) !== SIG_CENTRAL) throw damaged(label);
    const flags = u16(cd, p + 8);
    const method = u16(cd, p + 10);
    const crc = u32(cd, p + 16);
    let compressedSize = u32(cd, p + 20);
    let uncompressedSize = u32(cd, p + 24);
    const nameLength = u16(cd, p + 28);
    const extraLength = u16(cd, p + 30);
    const commentLength = u16(cd, p + 32);
    let localHeaderOffset = u32(cd, p + 42);
    const nameBytes = cd.subarray(p + 46, p + 46 + nameLength);
    // Bit 11: the name is UTF-8; otherwise code page 437, which is ASCII for every OOXML part name.
    const name = (flags & 0x800 ? utf8 : latin1).decode(nameBytes);
    // ZIP64: sizes and offset that overflow 32 bits move to extra field 0x0001, in this order.
    let x = p + 46 + nameLength;
    const extraEnd = x + extraLength;
    while (x + 4 <= extraEnd && x + 4 <= cd.length) {
      const id = u16(cd, x);
      const size = u16(cd, x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        if (uncompressedSize === 0xffffffff) {
          uncompressedSize = u64(cd, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(cd, q);
          q += 8;
        }
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = u64(cd, q);
      }
      x += 4 + size;
    }
    entries.push({ name, method, flags, compressedSize, uncompressedSize, crc32: crc, localHeaderOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
