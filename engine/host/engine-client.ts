import { Worker } from 'node:worker_threads';
import type { ApiEvent, ApiMethod } from '../../shared/api/contract';
import { err, type Result } from '../../shared/result';
import type { EngineWorkerData, FromWorker, ToWorker } from './protocol';

/**
 * Talks to the engine worker from a host (Electron main, browser host). Calls resolve with a
 * Result; if the worker dies, pending calls resolve with an error and the next call starts a
 * fresh worker.
 */
export class EngineClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (result: Result<unknown>) => void>();
  private readonly listeners = new Set<(event: ApiEvent) => void>();

  constructor(
    private readonly workerFile: string | URL,
    private readonly data: EngineWorkerData,
  ) {}

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerFile, { workerData: this.data });
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'result') {
        this.pending.get(message.id)?.(message.result);
        this.pending.delete(message.id);
      } else if (message.type === 'event') {
        for (const listener of this.listeners) listener(message.event);
      } else {
        this.failAll(message.message);
      }
    });
    worker.on('error', (e) => this.failAll(e.message));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = null;
      if (code !== 0) this.failAll(`engine stopped (exit ${code})`);
    });
    this.worker = worker;
    return worker;
  }

  private failAll(detail: string): void {
    for (const resolve of this.pending.values())
      resolve(err('internal', `Engine error: ${detail}`, { detail }));
    this.pending.clear();
  }

  call(method: ApiMethod, payload: unknown): Promise<Result<unknown>> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      const message: ToWorker = { type: 'call', id, method, payload };
      worker.postMessage(message);
    });
  }

  onEvent(listener: (event: ApiEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.failAll('closed');
    await this.worker?.terminate();
    this.worker = null;
  }
}
