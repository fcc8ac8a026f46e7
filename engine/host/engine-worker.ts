import { parentPort, workerData } from 'node:worker_threads';
import { Engine } from '../api/engine';
import type { HostPrint } from '../reports/pdf-printer';
import type { EngineWorkerData, FromWorker, ToWorker } from './protocol';

/**
 * The engine's own thread: SQLite, imports and analytics never block the host's event loop, so
 * the window stays responsive and a cancel request is heard mid-import.
 */
const port = parentPort;
if (!port) throw new Error('engine-worker must run as a worker thread');
const post = (message: FromWorker): void => port.postMessage(message);
const data = workerData as EngineWorkerData;

/** Print requests sent to the host, by id, waiting for its `printed` answer. */
const printing = new Map<number, { resolve: (bytes: Uint8Array) => void; reject: (e: Error) => void }>();
let nextPrint = 1;
const hostPrint: HostPrint = (html) =>
  new Promise((resolve, reject) => {
    const id = nextPrint++;
    printing.set(id, { resolve, reject });
    post({ type: 'print', id, html });
  });

let engine: Engine;
try {
  const { hostPrints, ...config } = data;
  engine = new Engine({
    ...config,
    emit: (event) => post({ type: 'event', event }),
    ...(hostPrints ? { hostPrint } : {}),
  });
} catch (e) {
  post({ type: 'fatal', message: e instanceof Error ? e.message : String(e) });
  throw e;
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'printed') {
    const waiting = printing.get(message.id);
    printing.delete(message.id);
    if (!waiting) return;
    if (message.result.ok) waiting.resolve(message.result.value);
    else waiting.reject(new Error(message.result.error.message));
    return;
  }
  if (message.type !== 'call') return;
  void engine
    .call(message.method, message.payload)
    .then((result) => post({ type: 'result', id: message.id, result }));
});
