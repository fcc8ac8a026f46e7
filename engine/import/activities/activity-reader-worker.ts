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
let creditWaiter: (() => void) | null = null;

type StartRequest = Extract<ToActivityReader, { type: 'start' }>;

/** Posts what the batcher holds, once the importing thread has room for it. */
async function post(batcher: ActivityBatcher, done: number, total: number): Promise<void> {
  while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (creditWaiter = resolve));
  const batch = batcher.take(done, total);
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
    batch.externalId.bytes.buffer,
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

/**
 * Reads a UTF-8 file from its bytes (Utf8Tokenizer, ActivityBatcher.addBytes) up to the first
 * record the tokenizer is not sure about, if any: where papaparse takes over.
 */
async function readUtf8(
  request: StartRequest,
  batcher: ActivityBatcher,
  sieve: RowSieve,
  hash: Hash | null,
): Promise<{ position: number; recordsBefore: number } | null> {
  const tokenizer = new Utf8Tokenizer(request.format.delimiter, request.format.lineBreak);
  const handle = await open(request.path, 'r');
  /** The last read started: it may still be running when the loop returns. */
  let reading: Promise<unknown> = Promise.resolve();
  try {
    const { size } = await handle.stat();
    let buffer = Buffer.allocUnsafe(2 * CHUNK_BYTES);
    /** File offset of buffer[0]; bytes [0, filled) hold file data not yet consumed. */
    let base = 0;
    let filled = 0;
    let from = request.format.bomLength;
    let hashedTo = 0;
    let recordsBefore = 0;
    let chunks = 0;
    // Reads take turns between two buffers: one is being read into while the other is copied
    // out. Waiting for each read before parsing left the thread idle about 4% of a re-import.
    const spare = [Buffer.allocUnsafe(CHUNK_BYTES), Buffer.allocUnsafe(CHUNK_BYTES)];
    let readTo = 0;
    const readAhead = (): Promise<{ chunk: Buffer; bytesRead: number }> => {
      const chunk = spare[chunks & 1] as Buffer;
      const want = Math.min(CHUNK_BYTES, FIRST_CHUNK_BYTES * 2 ** chunks++);
      return handle.read(chunk, 0, want, readTo).then(({ bytesRead }) => {
        readTo += bytesRead;
        return { chunk, bytesRead };
      });
    };
    /** The read of the next chunk, running (on libuv's thread pool) while this one is parsed. */
    let next = readAhead();
    reading = next;
    const asText = (record: number, cells: string[]): void => sieve.push(record, cells);
    const beforeData = (): void => sieve.beforeData();
    for (;;) {
      const { chunk, bytesRead } = await next;
      const final = bytesRead === 0 || readTo >= size;
      if (!final) {
        next = readAhead();
        reading = next;
      }
      if (filled + bytesRead > buffer.length) {
        const bigger = Buffer.allocUnsafe(2 * (filled + CHUNK_BYTES));
        buffer.copy(bigger, 0, 0, filled);
        buffer = bigger;
      }
      chunk.copy(buffer, filled, 0, bytesRead);
      filled += bytesRead;
      const result = tokenizer.tokenize(buffer, from, filled, final);
      const records = tokenizer.records;
      for (let r = 0; r < records.count; r++) {
        const record = recordsBefore + r + 1;
        if (record <= request.headerRecord) continue;
        batcher.addBytes(record, buffer, records, r, asText, beforeData);
      }
      recordsBefore += records.count;
      // Checksum what has been read as records, so papaparse taking over hashes the rest once.
      if (hash && result.consumed > hashedTo - base) {
        hash.update(buffer.subarray(Math.max(0, hashedTo - base), result.consumed));
        hashedTo = base + result.consumed;
      }
      await post(batcher, base + result.consumed, size);
      // Not sure, or a quote still open at the end of the file (papaparse says how it is broken).
      if (result.unsure || (final && result.consumed < filled))
        return { position: base + result.consumed, recordsBefore };
      if (final) return null;
      buffer.copy(buffer, 0, result.consumed, filled);
      base += result.consumed;
      filled -= result.consumed;
      from = 0;
      if (filled > MAX_PENDING_BYTES) return { position: base, recordsBefore };
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
  const hash = request.hashFile ? createHash('sha256') : null;
  const end = (): ActivityReadEnd => ({
    type: 'end',
    footerRows: sieve.footerRows,
    shortRows: sieve.shortRows,
    sha256: hash ? hash.digest('hex') : null,
  });
  try {
    let from: { position: number; recordsBefore: number } | null = null;
    const utf8 =
      request.format.encoding === 'utf-8' && request.format.lineBreak !== '\r' && request.byteRoute !== false;
    if (utf8) {
      from = await readUtf8(request, batcher, sieve, hash);
      if (from === null) return end();
    }
    let progress: [number, number] = [0, 0];
    for await (const rows of streamRows(request.path, request.format, {
      ...(hash ? { onBytes: (chunk: Uint8Array) => hash.update(chunk) } : {}),
      ...(from ? { from } : {}),
      onProgress: (done, total) => {
        progress = [done, total];
      },
    })) {
      for (const { record, cells } of rows) sieve.push(record, cells);
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
  void read(message).then((end) => port.postMessage(end));
});
