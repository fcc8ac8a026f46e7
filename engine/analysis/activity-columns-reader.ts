import { Worker } from 'node:worker_threads';
import type { ActivityColumnsRead } from './activity-columns';
import type { IdRange } from './chunked-rows';
import type { DealColumnsRead } from './deal-columns';
import type {
  ActivityColumnsWorkerData,
  FromActivityColumnsWorker,
  ToActivityColumnsWorker,
} from './activity-columns-worker';

function defaultWorkerFile(): URL {
  // From sources (tsx, vitest) the worker needs tsx's loader registered; a build runs plain JS.
  return import.meta.url.endsWith('.ts')
    ? new URL('./activity-columns-worker-tsx.mjs', import.meta.url)
    : new URL('./activity-columns-worker.js', import.meta.url);
}

export class ActivityColumnsReaderFailed extends Error {}

/** A request waiting for its reply: resolved with the rows it read. */
type Waiting =
  | { kind: 'read'; resolve: (read: ActivityColumnsRead) => void; reject: (e: Error) => void }
  | { kind: 'deals'; resolve: (read: DealColumnsRead) => void; reject: (e: Error) => void };

interface Reader {
  worker: Worker;
  nativeBinding: string | undefined;
  ready: Promise<void>;
  pending: Map<number, Waiting>;
}

/**
 * One worker, started once and kept idle: starting it (and, from sources, its TypeScript
 * loader) costs about as much as the read it would save on the first open.
 */
let reader: Reader | null = null;
let nextId = 1;

function start(nativeBinding: string | undefined): Reader {
  if (reader && reader.nativeBinding === nativeBinding) return reader;
  // Another runtime's binding (never in one app run, but tests may): a fresh worker loads it.
  if (reader) void reader.worker.terminate();
  const data: ActivityColumnsWorkerData = nativeBinding ? { nativeBinding } : {};
  const worker = new Worker(defaultWorkerFile(), { workerData: data });
  // An idle worker must not keep a CLI run or a test process alive.
  worker.unref();
  let onReady = (): void => undefined;
  const entry: Reader = {
    worker,
    nativeBinding,
    ready: new Promise<void>((resolve) => (onReady = resolve)),
    pending: new Map(),
  };
  const fail = (e: Error): void => {
    if (reader === entry) reader = null;
    onReady();
    for (const p of entry.pending.values()) p.reject(e);
    entry.pending.clear();
  };
  worker.on('message', (m: FromActivityColumnsWorker) => {
    if (m.type === 'ready') return onReady();
    const waiting = entry.pending.get(m.id);
    entry.pending.delete(m.id);
    if (entry.pending.size === 0) worker.unref();
    if (!waiting) return;
    if (m.type === 'error') waiting.reject(new ActivityColumnsReaderFailed(m.message));
    else if (m.type === 'read' && waiting.kind === 'read')
      waiting.resolve({ codes: m.codes, accounts: m.accounts, outcomes: m.outcomes });
    else if (m.type === 'deals' && waiting.kind === 'deals') waiting.resolve(m.deals);
    else
      waiting.reject(
        new ActivityColumnsReaderFailed(`The reader answered ${m.type} to a ${waiting.kind} request.`),
      );
  });
  worker.on('error', fail);
  worker.on('exit', (code) =>
    fail(new ActivityColumnsReaderFailed(`The activity columns reader stopped (exit code ${code}).`)),
  );
  reader = entry;
  return entry;
}

/** Starts the worker ahead of the first open (the engine does when it starts); resolves when loaded. */
export function prewarmActivityColumnsReader(nativeBinding?: string): Promise<void> {
  return start(nativeBinding).ready;
}

/**
 * Reads a workspace file's activity columns (engine/analysis/activity-columns.ts) in the worker,
 * on its own read-only connection. The file must be on disk: a second connection cannot open
 * another connection's ':memory:' database.
 */
export function readActivityColumnsInWorker(
  file: string,
  nativeBinding?: string,
  /** Only these rows (the caller reads the rest). */
  range?: IdRange,
): Promise<ActivityColumnsRead> {
  return new Promise<ActivityColumnsRead>((resolve, reject) => {
    ask(nativeBinding, { kind: 'read', resolve, reject }, (id) => ({
      type: 'read',
      id,
      file,
      ...(range ? { range } : {}),
    }));
  });
}

/**
 * Reads a workspace file's deals (engine/analysis/deal-columns.ts) in the worker, on its own
 * read-only connection, as readActivityColumnsInWorker reads activities.
 */
export function readDealColumnsInWorker(file: string, nativeBinding?: string): Promise<DealColumnsRead> {
  return new Promise<DealColumnsRead>((resolve, reject) => {
    ask(nativeBinding, { kind: 'deals', resolve, reject }, (id) => ({ type: 'deals', id, file }));
  });
}

/** Sends the worker a request and keeps it alive until the reply: the caller is waiting for it. */
function ask(
  nativeBinding: string | undefined,
  waiting: Waiting,
  request: (id: number) => ToActivityColumnsWorker,
): void {
  const entry = start(nativeBinding);
  const id = nextId++;
  entry.pending.set(id, waiting);
  entry.worker.ref();
  entry.worker.postMessage(request(id));
}

/**
 * Copies a workspace's WAL into its file on another thread: after a large import the copy takes
 * seconds (4.6 s after 10M activities), which on the engine thread kept every request waiting,
 * the first view of the new data included. A worker of its own, not the reader above, so reads
 * do not queue behind it; it exits when done. Resolves with false when the checkpoint could not
 * run or copy everything (the next one will): never rejects.
 */
export function checkpointInWorker(file: string, nativeBinding?: string): Promise<boolean> {
  const data: ActivityColumnsWorkerData = nativeBinding ? { nativeBinding } : {};
  return new Promise<boolean>((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(defaultWorkerFile(), { workerData: data });
    } catch {
      resolve(false);
      return;
    }
    // A process that ends first drops the copy: the next checkpoint makes it.
    worker.unref();
    let done = false;
    const finish = (copied: boolean): void => {
      if (done) return;
      done = true;
      resolve(copied);
      void worker.terminate();
    };
    worker.on('message', (m: FromActivityColumnsWorker) => {
      if (m.type === 'ready') {
        const request: ToActivityColumnsWorker = { type: 'checkpoint', id: 0, file };
        worker.postMessage(request);
      } else if (m.type === 'checkpoint') finish(m.copied);
      else if (m.type === 'error') finish(false);
    });
    worker.on('error', () => finish(false));
    worker.on('exit', () => finish(false));
  });
}
