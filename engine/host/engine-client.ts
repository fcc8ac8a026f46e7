import { Worker } from 'node:worker_threads';
import type { ApiEvent, ApiMethod } from '../../shared/api/contract';
import { err, ok, type Result } from '../../shared/result';
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

  /**
   * `printHtml`: the host prints reports itself (Electron's printToPDF); the engine sends it
   * each document's HTML and waits for the PDF's bytes.
   */
  constructor(
    private readonly workerFile: string | URL,
    private readonly data: EngineWorkerData,
    private readonly printHtml?: (html: string) => Promise<Uint8Array>,
  ) {}

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const workerData: EngineWorkerData = { ...this.data, ...(this.printHtml ? { hostPrints: true } : {}) };
    const worker = new Worker(this.workerFile, { workerData });
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'result') {
        this.pending.get(message.id)?.(message.result);
        this.pending.delete(message.id);
      } else if (message.type === 'event') {
        for (const listener of this.listeners) listener(message.event);
      } else if (message.type === 'print') {
        void this.print(worker, message.id, message.html);
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

  /** Prints a document for the worker and sends the bytes back (moved, not copied). */
  private async print(worker: Worker, id: number, html: string): Promise<void> {
    let result: Result<Uint8Array>;
    try {
      if (!this.printHtml) throw new Error('this host does not print');
      result = ok(await this.printHtml(html));
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      result = err('print_failed', `Printing failed: ${detail}`, { detail });
    }
    const reply: ToWorker = { type: 'printed', id, result };
    // Moved only when the bytes are a whole buffer of their own (not a slice of Node's pool).
    const whole =
      result.ok &&
      result.value.byteOffset === 0 &&
      result.value.byteLength === result.value.buffer.byteLength;
    const transfer = result.ok && whole ? [result.value.buffer as ArrayBuffer] : [];
    if (this.worker === worker) worker.postMessage(reply, transfer);
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
