import { randomBytes } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  ftruncateSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { crc32 } from 'node:zlib';
import { removeStaleTemporaries } from './stale-temporaries';

/**
 * A file kept beside the workspace for speed (the import's key file, the activity rows file),
 * written whole to a temporary file and renamed over the workspace's only when it may name the
 * workspace's state: after the import writing it commits. A kill at any moment leaves either the
 * previous file (whose token the workspace no longer has) or the new one, never a file that passes
 * for other rows. Any failure to write (a full disk, a read-only folder) only drops the file: the
 * workspace stays the truth, and readers go back to SQLite.
 */
export class SidecarWriter {
  private readonly temporary: string;
  private fd: number | null = null;
  private sealed = false;
  /** False once the file cannot be written (publish then removes the workspace's old one). */
  usable = true;

  /**
   * `copyOf`: start from a copy of that file instead of an empty one (InPlaceWriter.intoCopy).
   * The copy is made at the first write, read or seal, so a writer that is discarded before it
   * writes never copies (60 MB of activity rows at 5M).
   */
  constructor(
    private readonly path: string,
    private copyOf?: string,
  ) {
    this.temporary = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    removeStaleTemporaries(path);
    if (copyOf === undefined) this.open();
  }

  private open(): void {
    const copyOf = this.copyOf;
    this.copyOf = undefined;
    try {
      if (copyOf !== undefined) copyFileSync(copyOf, this.temporary);
      this.fd = openSync(this.temporary, copyOf === undefined ? 'w+' : 'r+');
    } catch {
      this.drop();
    }
  }

  /** The file to write, once opened (and copied); null when it cannot be written. */
  private get handle(): number | null {
    if (this.fd === null && this.usable && !this.sealed) this.open();
    return this.usable ? this.fd : null;
  }

  /** Writes all of `bytes` at `position`; a failure drops the file. (`_shared`: see InPlaceWriter.) */
  writeAt(bytes: Uint8Array, position: number, _shared?: boolean): void {
    const fd = this.handle;
    if (fd === null) return;
    try {
      writeFully(fd, bytes, position);
    } catch {
      this.drop();
    }
  }

  /** Reads `bytes.length` bytes at `position` of what was written; false (and dropped) if it cannot. */
  readAt(bytes: Uint8Array, position: number): boolean {
    const fd = this.handle;
    if (fd === null) return false;
    if (readFully(fd, bytes, position)) return true;
    this.drop();
    return false;
  }

  /** Cuts what was written to `length` bytes (a file extended from a longer copy). */
  truncate(length: number): void {
    const fd = this.handle;
    if (fd === null) return;
    try {
      ftruncateSync(fd, length);
    } catch {
      this.drop();
    }
  }

  /** Stops writing: no file from this writer. */
  drop(): void {
    this.usable = false;
    this.close();
    rmSync(this.temporary, { force: true });
  }

  private close(): void {
    if (this.fd === null) return;
    try {
      closeSync(this.fd);
    } catch {
      // Nothing more to write to it.
    }
    this.fd = null;
  }

  /** Everything is written: the file may be published. */
  seal(): void {
    if (this.handle === null) return;
    this.sealed = true;
    this.close();
  }

  /**
   * The sealed file replaces the workspace's; when none could be written, the old one is removed
   * (its token no longer matches: it would only take disk space). Call once the state the file
   * names is committed.
   */
  publish(): void {
    try {
      if (this.usable && this.sealed) renameSync(this.temporary, this.path);
      else {
        this.drop();
        rmSync(this.path, { force: true });
      }
    } catch {
      this.drop();
    }
  }

  /** The state the file would name was not committed: the temporary file goes, the workspace's stays. */
  discard(): void {
    this.copyOf = undefined;
    if (this.usable || this.fd !== null) this.drop();
  }
}

/**
 * Extends the workspace's file in place instead of writing a new one, where rewriting it whole
 * would cost more than the import's own change (the key file at 5M stored rows: 100 MB written
 * again and renamed over the old one for a million new keys; the activity rows file, 60 MB
 * copied). The file keeps its first `keep` bytes; what is written after them, and its header at
 * 0, stay in memory until `publish`, after the import committed, and go into the file then,
 * header last. Until then nothing on disk changes, so a rollback or a kill before the commit
 * leaves the workspace's file as it was; a kill during publish leaves a header naming the old
 * state over other contents, which the reader's size and checksum checks refuse (the next import
 * then reads SQLite and writes it again). A reader in another process checks the same way.
 */
export class InPlaceWriter {
  private readonly chunks: { bytes: Uint8Array; position: number }[] = [];
  private end: number;
  private sealed = false;
  usable = true;

  /** `keep`: the bytes of the workspace's file that stay (its length is at least that). */
  constructor(
    private readonly path: string,
    keep: number,
  ) {
    this.end = keep;
    removeStaleTemporaries(path);
  }

  /**
   * `bytes` for `position`, written at publish: a copy, or, when `shared` (the caller never
   * changes them), the bytes themselves. The header goes at 0; the file's new length is the end
   * of the last bytes past `keep`, or `keep`.
   */
  writeAt(bytes: Uint8Array, position: number, shared = false): void {
    if (!this.usable) return;
    this.chunks.push({ bytes: shared ? bytes : bytes.slice(), position });
    this.end = Math.max(this.end, position + bytes.length);
  }

  /** The bytes held in memory for publish. */
  get heldBytes(): number {
    let n = 0;
    for (const chunk of this.chunks) n += chunk.bytes.length;
    return n;
  }

  /** The file's length after publish: what was written past it goes (a file that ends shorter). */
  truncate(length: number): void {
    this.end = length;
  }

  /**
   * The same writes, onto a copy of the workspace's file (SidecarWriter, renamed over it at
   * publish): for a writer that must read back what it wrote, which this one keeps in memory.
   * This writer is spent.
   */
  intoCopy(): SidecarWriter {
    const copy = new SidecarWriter(this.path, this.path);
    if (!this.usable) copy.drop();
    else for (const chunk of this.chunks) copy.writeAt(chunk.bytes, chunk.position);
    this.usable = false;
    this.chunks.length = 0;
    return copy;
  }

  /** Stops: the workspace's file is removed at publish (it will not name the new state). */
  drop(): void {
    this.usable = false;
    this.chunks.length = 0;
  }

  seal(): void {
    if (this.usable) this.sealed = true;
  }

  /** After the commit: the file takes what was written, cut to its new length, header last. */
  publish(): void {
    if (!this.usable || !this.sealed) {
      rmSync(this.path, { force: true });
      return;
    }
    let fd: number | null = null;
    try {
      fd = openSync(this.path, 'r+');
      // The header last: until it is written, the file names the old state and fails its checks.
      for (const chunk of this.chunks) if (chunk.position > 0) writeFully(fd, chunk.bytes, chunk.position);
      ftruncateSync(fd, this.end);
      for (const chunk of this.chunks) if (chunk.position === 0) writeFully(fd, chunk.bytes, 0);
    } catch {
      rmSync(this.path, { force: true });
    } finally {
      if (fd !== null) closeSync(fd);
      this.chunks.length = 0;
    }
  }

  /** The import did not commit: nothing was written, the workspace's file stays. */
  discard(): void {
    this.usable = false;
    this.chunks.length = 0;
  }
}

function writeFully(fd: number, bytes: Uint8Array, position: number): void {
  for (let done = 0; done < bytes.length;) {
    const n = writeSync(fd, bytes, done, bytes.length - done, position + done);
    if (n <= 0) throw new Error('short write');
    done += n;
  }
}

/**
 * The fixed-size header the files beside the workspace start with (the key file, the activity rows
 * file): a magic number, the length of a JSON object, the JSON, padded with spaces to `size`
 * bytes. Null when the JSON does not fit.
 */
export function sidecarHeader(magic: number, value: object, size: number): Buffer | null {
  const json = Buffer.from(JSON.stringify(value), 'utf8');
  if (json.length > size - 8) return null;
  const head = Buffer.alloc(size, 0x20);
  head.writeUInt32LE(magic, 0);
  head.writeUInt32LE(json.length, 4);
  json.copy(head, 8);
  return head;
}

/** The JSON value of such a header at the start of `fd`; undefined when there is none. */
export function readSidecarHeader(fd: number, magic: number, size: number): unknown {
  const head = Buffer.alloc(size);
  if (!readFully(fd, head, 0) || head.readUInt32LE(0) !== magic) return undefined;
  const length = head.readUInt32LE(4);
  if (length > size - 8) return undefined;
  try {
    return JSON.parse(head.toString('utf8', 8, 8 + length));
  } catch {
    return undefined;
  }
}

/** Reads exactly `bytes.length` bytes at `position`; false at the end of the file or on an error. */
export function readFully(fd: number, bytes: Uint8Array, position: number): boolean {
  try {
    for (let done = 0; done < bytes.length;) {
      const read = readSync(fd, bytes, done, Math.min(bytes.length - done, 1 << 30), position + done);
      if (read <= 0) return false;
      done += read;
    }
    return true;
  } catch {
    return false;
  }
}

/** A running CRC-32 (zlib's, native: 25 ms for 120 MB); a zeroed or shifted page fails it. */
export class Checksum {
  private crc: number;
  constructor(start = 0) {
    this.crc = start;
  }
  add(words: Uint32Array | Int32Array | Float64Array | Uint8Array): void {
    this.crc = crc32(new Uint8Array(words.buffer, words.byteOffset, words.byteLength), this.crc);
  }
  get value(): number {
    return this.crc;
  }
}
