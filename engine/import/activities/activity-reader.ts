import { Worker } from 'node:worker_threads';
import { tableReadError, type TableFormat } from '../read-table';
import type { ActivityBatch, ActivityReadEnd, FromActivityReader } from './activity-batch';
import type { ActivityReadOptions } from './activity-batcher';
import type { ToActivityReader } from './activity-reader-worker';

function defaultWorkerFile(): URL {
  // From sources (tsx, vitest) the worker needs tsx's loader registered; a build runs plain JS.
  return import.meta.url.endsWith('.ts')
    ? new URL('./activity-reader-worker-tsx.mjs', import.meta.url)
    : new URL('./activity-reader-worker.js', import.meta.url);
}

/**
 * One reader worker is kept idle between imports: starting a worker (and, from sources, its
 * TypeScript loader) costs a few hundred milliseconds the user would otherwise wait for.
 */
let idle: Worker | null = null;

function spawn(): Worker {
  const worker = new Worker(defaultWorkerFile());
  // A failed worker is dropped; the next import starts a fresh one.
  worker.on('error', () => {
    if (idle === worker) idle = null;
  });
  worker.on('exit', () => {
    if (idle === worker) idle = null;
  });
  return worker;
}

let idleReady: Promise<void> = Promise.resolve();

/**
 * Starts the reader worker ahead of an import (the engine does when a file is staged, while the
 * user checks the mapping). Resolves when it has loaded.
 */
export function prewarmActivityReader(): Promise<void> {
  if (idle) return idleReady;
  const worker = spawn();
  idle = worker;
  // An idle worker must not keep a CLI run or a test process alive.
  worker.unref();
  idleReady = new Promise<void>((resolve) => {
    const done = (): void => {
      worker.off('message', onReady);
      worker.off('exit', done);
      resolve();
    };
    const onReady = (m: FromActivityReader): void => {
      if (m.type === 'ready') done();
    };
    worker.on('message', onReady);
    worker.on('exit', done);
  });
  return idleReady;
}

export interface ActivityReadRequest {
  path: string;
  format: TableFormat;
  headerRecord: number;
  width: number;
  options: ActivityReadOptions;
  hashFile: boolean;
  /** False to read a UTF-8 file as text too (tests compare the two routes). */
  byteRoute?: boolean;
}

export class ActivityReaderFailed extends Error {}

/**
 * Reads an activities file in the worker and yields its batches in order. Stopping early (a
 * cancel, an error in the consumer) terminates the worker; finishing returns it to idle.
 */
export async function* readActivities(
  request: ActivityReadRequest,
): AsyncGenerator<ActivityBatch, ActivityReadEnd> {
  const worker = idle ?? spawn();
  idle = null;
  worker.ref();
  const queue: FromActivityReader[] = [];
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  const onMessage = (m: FromActivityReader): void => {
    queue.push(m);
    wake?.();
  };
  const onError = (e: Error): void => {
    failure = e;
    wake?.();
  };
  const onExit = (code: number): void => {
    failure ??= new ActivityReaderFailed(`The activity reader stopped unexpectedly (exit code ${code}).`);
    wake?.();
  };
  worker.on('message', onMessage);
  worker.on('error', onError);
  worker.on('exit', onExit);
  let finished = false;
  try {
    const start: ToActivityReader = { type: 'start', ...request };
    worker.postMessage(start);
    for (;;) {
      while (queue.length === 0 && failure === null) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      const message = queue.shift();
      if (message === undefined) throw failure ?? new ActivityReaderFailed('The activity reader stopped.');
      if (message.type === 'ready') continue;
      if (message.type === 'error') {
        finished = true;
        if (message.reason === 'table') throw tableReadError(message.code, message.record);
        throw new ActivityReaderFailed(message.message);
      }
      if (message.type === 'end') {
        finished = true;
        return message;
      }
      yield message;
      const credit: ToActivityReader = { type: 'credit' };
      worker.postMessage(credit);
    }
  } finally {
    worker.off('message', onMessage);
    worker.off('error', onError);
    worker.off('exit', onExit);
    if (finished && failure === null && idle === null) {
      worker.unref();
      idle = worker;
    } else void worker.terminate();
  }
}
