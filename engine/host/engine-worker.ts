import { parentPort, workerData } from 'node:worker_threads';
import { Engine } from '../api/engine';
import type { EngineWorkerData, FromWorker, ToWorker } from './protocol';

/**
 * The engine's own thread: SQLite, imports and analytics never block the host's event loop, so
 * the window stays responsive and a cancel request is heard mid-import.
 */
const port = parentPort;
if (!port) throw new Error('engine-worker must run as a worker thread');
const post = (message: FromWorker): void => port.postMessage(message);

let engine: Engine;
try {
  engine = new Engine({
    ...(workerData as EngineWorkerData),
    emit: (event) => post({ type: 'event', event }),
  });
} catch (e) {
  post({ type: 'fatal', message: e instanceof Error ? e.message : String(e) });
  throw e;
}

port.on('message', (message: ToWorker) => {
  if (message.type !== 'call') return;
  void engine
    .call(message.method, message.payload)
    .then((result) => post({ type: 'result', id: message.id, result }));
});
