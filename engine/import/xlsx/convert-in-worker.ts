import { rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { err, type Result } from '../../../shared/result';
import type { XlsxConversion, XlsxConvertOptions, XlsxListOptions, XlsxSheetInfo } from './xlsx-reader';
import type { XlsxWorkerRequest } from './xlsx-worker';

/**
 * Runs the XLSX reader in a worker thread with a bounded heap and a deadline. The reader's own
 * limits stop zip bombs and absurd sheets with a precise message; this is the second wall, for
 * whatever gets past them: running out of memory, an endless loop, a crash. Each of those ends
 * only the worker, and comes back as an ordinary error Result. Nothing here throws.
 */

export interface XlsxWorkerControl {
  /** Aborting terminates the worker; the Result is `cancelled`. */
  signal?: AbortSignal;
  /** Polled every 100 ms, for callers that track cancellation with a flag (run-import's style). */
  isCancelled?: () => boolean;
  /** Default 5 minutes. */
  timeoutMs?: number;
  /** Default: 768 MB old generation, 64 MB young generation. */
  resourceLimits?: ResourceLimits;
  /** Where the worker script is, for a bundle that does not place xlsx-worker.js beside this module. */
  workerFile?: string | URL;
}

export const XLSX_WORKER_LIMITS: ResourceLimits = {
  maxOldGenerationSizeMb: 768,
  maxYoungGenerationSizeMb: 64,
};
const DEFAULT_TIMEOUT_MS = 5 * 60 * 1000;
const CANCEL_POLL_MS = 100;

/** Converts one sheet of `inputPath` to a CSV at `outputPath` (see convertSheetToCsv), in a worker. */
export function convertXlsxInWorker(
  inputPath: string,
  outputPath: string,
  options: XlsxConvertOptions = {},
  control: XlsxWorkerControl = {},
): Promise<Result<XlsxConversion>> {
  const label = options.fileName || basename(inputPath);
  return runInWorker<XlsxConversion>({ op: 'convert', inputPath, outputPath, options }, label, control, () =>
    // A worker stopped mid-sheet leaves half a CSV: it must never be imported by mistake.
    rm(outputPath, { force: true }),
  );
}

/** The workbook's sheets (see listSheets), read in a worker. */
export function listSheetsInWorker(
  inputPath: string,
  options: XlsxListOptions = {},
  control: XlsxWorkerControl = {},
): Promise<Result<XlsxSheetInfo[]>> {
  const label = options.fileName || basename(inputPath);
  return runInWorker<XlsxSheetInfo[]>({ op: 'list', inputPath, options }, label, control);
}

function defaultWorkerFile(): URL {
  // From sources (tsx, vitest) the worker needs tsx's loader registered; a build runs plain JS.
  return import.meta.url.endsWith('.ts')
    ? new URL('./xlsx-worker-tsx.mjs', import.meta.url)
    : new URL('./xlsx-worker.js', import.meta.url);
}

function unsafe(label: string, why: string, reason: string): Result<never> {
  return err('not_a_table', `The workbook is too large or malformed to read safely (${why}).`, {
    file: label,
    reason,
  });
}

function describeDuration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} minute${ms === 60_000 ? '' : 's'}`;
  return `${Math.round(ms / 100) / 10} seconds`;
}

function runInWorker<T>(
  request: XlsxWorkerRequest,
  label: string,
  control: XlsxWorkerControl,
  onFailure?: () => Promise<unknown>,
): Promise<Result<T>> {
  return new Promise((resolve) => {
    let worker: Worker | null = null;
    let settled = false;

    const onAbort = (): void =>
      void settle(err('cancelled', 'The import was cancelled. Nothing was changed.'));
    const timeoutMs = control.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timer = setTimeout(
      () => void settle(unsafe(label, `it took longer than ${describeDuration(timeoutMs)}`, 'timeout')),
      timeoutMs,
    );
    const isCancelled = control.isCancelled;
    const poll = isCancelled
      ? setInterval(() => {
          if (isCancelled()) onAbort();
        }, CANCEL_POLL_MS)
      : undefined;

    // The first outcome wins; the worker is stopped and, on failure, its partial output removed,
    // before the caller hears back, so the caller may reuse the output path at once.
    async function settle(result: Result<unknown>): Promise<void> {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(poll);
      control.signal?.removeEventListener('abort', onAbort);
      await worker?.terminate().catch(() => undefined);
      if (!result.ok && onFailure) await onFailure().catch(() => undefined);
      resolve(result as Result<T>);
    }

    if (control.signal?.aborted || control.isCancelled?.()) {
      void settle(err('cancelled', 'The import was cancelled. Nothing was changed.'));
      return;
    }
    try {
      worker = new Worker(control.workerFile ?? defaultWorkerFile(), {
        resourceLimits: control.resourceLimits ?? XLSX_WORKER_LIMITS,
      });
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      void settle(err('internal', `The workbook reader could not start: ${detail}`, { file: label, detail }));
      return;
    }
    worker.once('message', (result: Result<unknown>) => void settle(result));
    worker.once('error', (e: Error & { code?: string }) => {
      void settle(
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? unsafe(label, 'it needs more memory than the app allows', 'worker_out_of_memory')
          : unsafe(label, `the reader failed: ${e.message}`, 'worker_crash'),
      );
    });
    worker.once('exit', (code) => {
      void settle(unsafe(label, `the reader stopped unexpectedly, exit code ${code}`, 'worker_crash'));
    });
    worker.postMessage(request);
    control.signal?.addEventListener('abort', onAbort, { once: true });
  });
}
