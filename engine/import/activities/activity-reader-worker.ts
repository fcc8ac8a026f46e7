import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { RowSieve } from '../field-reader';
import { BrokenQuotesError, streamRows, type TableFormat } from '../read-table';
import type { FromActivityReader } from './activity-batch';
import { ActivityBatcher, type ActivityReadOptions } from './activity-batcher';

/**
 * Worker-thread entry: reads, parses and checks an activities file and posts it in batches to the
 * importing thread, which only inserts. The two run in parallel, so a large import takes about
 * as long as its inserts. The worker stays alive between imports (one file at a time).
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
    }
  | { type: 'credit' };

/** Batches posted and not yet taken: enough to keep both threads busy, few enough to cap memory. */
const MAX_IN_FLIGHT = 3;

const port = parentPort;
if (!port) throw new Error('activity-reader-worker must run in a worker thread');

let inFlight = 0;
/** Bytes read so far and the file's size, as streamRows last reported. */
let progress: [number, number] = [0, 0];
let creditWaiter: (() => void) | null = null;

async function read(request: Extract<ToActivityReader, { type: 'start' }>): Promise<FromActivityReader> {
  const batcher = new ActivityBatcher(request.options);
  const sieve = new RowSieve(request.headerRecord, request.width, (record, cells) =>
    batcher.add(record, cells),
  );
  const hash = request.hashFile ? createHash('sha256') : null;
  try {
    for await (const rows of streamRows(request.path, request.format, {
      ...(hash ? { onBytes: (chunk: Uint8Array) => hash.update(chunk) } : {}),
      onProgress: (done, total) => {
        progress = [done, total];
      },
    })) {
      for (const { record, cells } of rows) sieve.push(record, cells);
      while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (creditWaiter = resolve));
      const batch = batcher.take(progress[0], progress[1]);
      inFlight++;
      (port as NonNullable<typeof port>).postMessage(batch, [
        batch.hasId.buffer,
        batch.idKey.buffer,
        batch.repeatOf.buffer,
        batch.occurrence.buffer,
        batch.sameAsBefore.buffer,
        batch.rowHash.buffer,
        batch.owner.codes.buffer,
        batch.owner.inlineLengths.buffer,
        batch.account.codes.buffer,
        batch.account.inlineLengths.buffer,
        batch.activityType.buffer,
        batch.duration.buffer,
        batch.externalId.codes.buffer,
        batch.externalId.inlineLengths.buffer,
        batch.typeRaw.codes.buffer,
        batch.typeRaw.inlineLengths.buffer,
        batch.date.codes.buffer,
        batch.date.inlineLengths.buffer,
        batch.subject.codes.buffer,
        batch.subject.inlineLengths.buffer,
        batch.outcome.codes.buffer,
        batch.outcome.inlineLengths.buffer,
      ]);
    }
    return { type: 'end', footerRows: sieve.footerRows, sha256: hash ? hash.digest('hex') : null };
  } catch (e) {
    if (e instanceof BrokenQuotesError) return { type: 'error', reason: 'broken_quotes', record: e.record };
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
  progress = [0, 0];
  void read(message).then((end) => port.postMessage(end));
});
