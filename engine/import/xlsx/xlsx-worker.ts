import { parentPort } from 'node:worker_threads';
import { err, type Result } from '../../../shared/result';
import { convertSheetToCsv, listSheets, type XlsxConvertOptions, type XlsxListOptions } from './xlsx-reader';

/**
 * Worker-thread entry: reads one workbook, posts the Result, and is done. The parent
 * (convert-in-worker.ts) starts it with a heap limit, so a workbook that gets past the reader's
 * own limits exhausts this thread, never the app.
 */

export type XlsxWorkerRequest =
  | { op: 'convert'; inputPath: string; outputPath: string; options: XlsxConvertOptions }
  | { op: 'list'; inputPath: string; options: XlsxListOptions };

async function handle(request: XlsxWorkerRequest): Promise<Result<unknown>> {
  if (request.op === 'convert')
    return convertSheetToCsv(request.inputPath, request.outputPath, request.options);
  return listSheets(request.inputPath, request.options);
}

const port = parentPort;
if (!port) throw new Error('xlsx-worker must run as a worker thread');

port.once('message', (request: XlsxWorkerRequest) => {
  void handle(request)
    .catch((e: unknown) => {
      const detail = e instanceof Error ? e.message : String(e);
      return err('internal', `Reading the workbook failed: ${detail}`, { detail });
    })
    .then((result) => port.postMessage(result));
});
