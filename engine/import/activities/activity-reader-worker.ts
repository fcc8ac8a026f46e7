import { createHash, type Hash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { RowSieve } from '../field-reader';
import { MAX_PENDING_CHARS, streamRows, TableReadError, type TableFormat } from '../read-table';
import type { ActivityReadEnd, FromActivityReader } from './activity-batch';
import { ActivityBatcher, type ActivityReadOptions } from './activity-batcher';
import { Utf8Tokenizer } from './utf8-records';

/**
 * Worker-thread entry: reads, parses and checks an activities file and posts it in batches to the
 * importing thread, which matches record keys and inserts. The two run in parallel, so a large
 * import takes about as long as the slower of the two. The worker stays alive between imports (one file at a time).
 */

export type ToActivityReader =
  | {
      type: 'start';
      path: string;
      format: TableFormat;
      headerRecord: number;
      width: number;
      options: ActivityReadOptions;
      /** Checksum the file's bytes while reading (a text export read directly). */
      hashFile: boolean;
      /** False to read a UTF-8 file as text too (tests compare the two routes). */
      byteRoute?: boolean;
    }
  | { type: 'credit' };

/** Batches posted and not yet taken: enough to keep both threads busy, few enough to cap memory. */
const MAX_IN_FLIGHT = 3;

const port = parentPort;
if (!port) throw new Error('activity-reader-worker must run in a worker thread');

let inFlight = 0;
/** The furthest progress posted: papaparse starting over (ByteRouteEnd) must not move the bar back. */
let bytesPosted = 0;
let creditWaiter: (() => void) | null = null;

type StartRequest = Extract<ToActivityReader, { type: 'start' }>;

/** Posts what the batcher holds, once the importing thread has room for it. */
async function post(batcher: ActivityBatcher, done: number, total: number): Promise<void> {
  while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (creditWaiter = resolve));
  bytesPosted = Math.max(bytesPosted, done);
  const batch = batcher.take(bytesPosted, total);
  inFlight++;
  (port as NonNullable<typeof port>).postMessage(batch, [
    batch.record.buffer,
    batch.hasId.buffer,
    batch.idKey.buffer,
    batch.rowHash.buffer,
    batch.owner.codes.buffer,
    batch.owner.inlineLengths.buffer,
    batch.account.codes.buffer,
    batch.account.inlineLengths.buffer,
    batch.activityType.buffer,
    batch.duration.buffer,
    batch.externalId.lengths.buffer,
    batch.typeRaw.codes.buffer,
    batch.typeRaw.inlineLengths.buffer,
    batch.day.buffer,
    batch.subject.codes.buffer,
    batch.subject.inlineLengths.buffer,
    batch.outcome.codes.buffer,
    batch.outcome.inlineLengths.buffer,
  ]);
}

/** The UTF-8 route's chunk: like streamRows', about 3,000 rows. */
const CHUNK_BYTES = 256 * 1024;
/**
 * The first chunks are small and double up to CHUNK_BYTES: their rows run before the code is
 * compiled hot, and a whole first chunk took 200 ms before the progress bar moved again.
 */
const FIRST_CHUNK_BYTES = 16 * 1024;
/**
 * An unfinished record this long (in bytes, at least as many as its characters) is handed to
 * streamRows, which refuses it past MAX_PENDING_CHARS and says why (a quote left open, one huge
 * cell): one limit and one message for both routes.
 */
const MAX_PENDING_BYTES = MAX_PENDING_CHARS;

/** How far the byte route read, and where papaparse goes on. */
interface ByteRouteEnd {
  /** Records the byte route read, the header's included. */
  records: number;
  /**
   * 'done' when it read the whole file; else papaparse takes over at the byte offset of the next
   * record of a UTF-8 file or, in another encoding (whose offsets the UTF-8 copy does not keep),
   * 'restart's from the top, skipping the records already read and checksumming again.
   */
  then: 'done' | 'restart' | number;
}

/**
 * Reads a text file from its bytes (Utf8Tokenizer, ActivityBatcher.addBytes) up to the first
 * record the tokenizer is not sure about, if any: where papaparse takes over. A UTF-8 file's
 * bytes are read as they are; any other encoding (GB18030 from the Chinese CRMs, UTF-16,
 * Windows-1252) is decoded chunk by chunk with the TextDecoder streamRows uses and written back as
 * UTF-8, so both routes read the same text. A million-row GB18030 export took 3.0 s through
 * papaparse; decoding and re-encoding it costs the reader 0.3 s (docs/decisions.md).
 */
async function readBytes(
  request: StartRequest,
  batcher: ActivityBatcher,
  sieve: RowSieve,
  hash: Hash | null,
): Promise<ByteRouteEnd> {
  const tokenizer = new Utf8Tokenizer(request.format.delimiter, request.format.lineBreak);
  const { encoding, bomLength } = request.format;
  const decoder = encoding === 'utf-8' ? null : new TextDecoder(encoding);
  const handle = await open(request.path, 'r');
  /** The last read started: it may still be running when the loop returns. */
  let reading: Promise<unknown> = Promise.resolve();
  try {
    const { size } = await handle.stat();
    let buffer = Buffer.allocUnsafe(2 * CHUNK_BYTES);
    /** Offset of buffer[0] in the UTF-8 bytes; bytes [0, filled) hold data not yet consumed. */
    let base = 0;
    let filled = 0;
    /** Where the records start in the buffer: past a UTF-8 BOM (a decoder drops other BOMs). */
    let from = decoder ? 0 : bomLength;
    let hashedTo = 0;
    let recordsBefore = 0;
    let chunks = 0;
    // Reads take turns between two buffers: one is being read into while the other is copied
    // out. Waiting for each read before parsing left the thread idle about 4% of a re-import.
    const spare = [Buffer.allocUnsafe(CHUNK_BYTES), Buffer.allocUnsafe(CHUNK_BYTES)];
    let readTo = 0;
    const readAhead = (): Promise<{ chunk: Buffer; at: number; bytesRead: number }> => {
      const chunk = spare[chunks & 1] as Buffer;
      const want = Math.min(CHUNK_BYTES, FIRST_CHUNK_BYTES * 2 ** chunks++);
      const at = readTo;
      return handle.read(chunk, 0, want, at).then(({ bytesRead }) => {
        readTo += bytesRead;
        return { chunk, at, bytesRead };
      });
    };
    /** The read of the next chunk, running (on libuv's thread pool) while this one is parsed. */
    let next = readAhead();
    reading = next;
    const asText = (record: number, cells: string[]): void => sieve.push(record, cells);
    const beforeData = (): void => sieve.beforeData();
    for (;;) {
      const { chunk, at, bytesRead } = await next;
      const final = bytesRead === 0 || readTo >= size;
      if (!final) {
        next = readAhead();
        reading = next;
      }
      let text: string | null = null;
      if (decoder) {
        // The file's own bytes are checksummed here: the buffer holds their UTF-8 copy.
        hash?.update(chunk.subarray(0, bytesRead));
        const skip = at === 0 ? Math.min(bomLength, bytesRead) : 0;
        text = decoder.decode(chunk.subarray(skip, bytesRead), { stream: !final });
      }
      // A UTF-16 code unit takes at most three bytes in UTF-8 (a pair of them, four).
      const adding = text === null ? bytesRead : 3 * text.length;
      if (filled + adding > buffer.length) {
        const bigger = Buffer.allocUnsafe(2 * (filled + Math.max(adding, CHUNK_BYTES)));
        buffer.copy(bigger, 0, 0, filled);
        buffer = bigger;
      }
      filled += text === null ? chunk.copy(buffer, filled, 0, bytesRead) : buffer.write(text, filled, 'utf8');
      const result = tokenizer.tokenize(buffer, from, filled, final);
      const records = tokenizer.records;
      for (let r = 0; r < records.count; r++) {
        const record = recordsBefore + r + 1;
        if (record <= request.headerRecord) continue;
        batcher.addBytes(record, buffer, records, r, asText, beforeData);
      }
      recordsBefore += records.count;
      // Checksum what has been read as records, so papaparse taking over hashes the rest once.
      if (!decoder && hash && result.consumed > hashedTo - base) {
        hash.update(buffer.subarray(Math.max(0, hashedTo - base), result.consumed));
        hashedTo = base + result.consumed;
      }
      await post(batcher, decoder ? at + bytesRead : base + result.consumed, size);
      // Not sure, or a quote still open at the end of the file (papaparse says how it is broken).
      if (result.unsure || (final && result.consumed < filled))
        return { records: recordsBefore, then: decoder ? 'restart' : base + result.consumed };
      if (final) return { records: recordsBefore, then: 'done' };
      buffer.copy(buffer, 0, result.consumed, filled);
      base += result.consumed;
      filled -= result.consumed;
      from = 0;
      if (filled > MAX_PENDING_BYTES) return { records: recordsBefore, then: decoder ? 'restart' : base };
    }
  } finally {
    // A read still running writes into a buffer of ours: it ends before the file is closed.
    await reading.catch(() => undefined);
    await handle.close();
  }
}

async function read(request: StartRequest): Promise<FromActivityReader> {
  const batcher = new ActivityBatcher(request.options, request.width);
  const sieve = new RowSieve(
    request.headerRecord,
    request.width,
    (record, cells) => batcher.add(record, cells),
    (record, cells, reason) => batcher.reject(record, cells, reason),
  );
  let hash = request.hashFile ? createHash('sha256') : null;
  /** Records the byte route read; papaparse skips them when it starts over (ByteRouteEnd). */
  let asBytes = 0;
  const end = (): ActivityReadEnd => ({
    type: 'end',
    footerRows: sieve.footerRows,
    shortRows: sieve.shortRows,
    sha256: hash ? hash.digest('hex') : null,
    recordsAsBytes: asBytes,
  });
  try {
    let from: { position: number; recordsBefore: number } | null = null;
    let skipThrough = 0;
    if (request.format.lineBreak !== '\r' && request.byteRoute !== false) {
      const byteRoute = await readBytes(request, batcher, sieve, hash);
      asBytes = byteRoute.records;
      if (byteRoute.then === 'done') return end();
      if (byteRoute.then === 'restart') {
        skipThrough = byteRoute.records;
        hash = request.hashFile ? createHash('sha256') : null;
      } else from = { position: byteRoute.then, recordsBefore: byteRoute.records };
    }
    const fileHash = hash;
    let progress: [number, number] = [0, 0];
    for await (const rows of streamRows(request.path, request.format, {
      ...(fileHash ? { onBytes: (chunk: Uint8Array) => fileHash.update(chunk) } : {}),
      ...(from ? { from } : {}),
      onProgress: (done, total) => {
        progress = [done, total];
      },
    })) {
      for (const { record, cells } of rows) if (record > skipThrough) sieve.push(record, cells);
      await post(batcher, progress[0], progress[1]);
    }
    return end();
  } catch (e) {
    if (e instanceof TableReadError)
      return { type: 'error', reason: 'table', code: e.code, record: e.record };
    return { type: 'error', reason: 'failed', message: e instanceof Error ? e.message : String(e) };
  }
}

port.postMessage({ type: 'ready' } satisfies FromActivityReader);

port.on('message', (message: ToActivityReader) => {
  if (message.type === 'credit') {
    inFlight = Math.max(0, inFlight - 1);
    const waiter = creditWaiter;
    creditWaiter = null;
    waiter?.();
    return;
  }
  inFlight = 0;
  bytesPosted = 0;
  void read(message).then((end) => port.postMessage(end));
});
