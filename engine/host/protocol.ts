import type { ApiEvent, ApiMethod } from '../../shared/api/contract';
import type { Result } from '../../shared/result';

/** Messages between a host's main thread and the engine worker. */
export type ToWorker =
  | { type: 'call'; id: number; method: ApiMethod; payload: unknown }
  /** The host's answer to a `print` request: the PDF's bytes, or why it could not print. */
  | { type: 'printed'; id: number; result: Result<Uint8Array> };

export type FromWorker =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: ApiEvent }
  | { type: 'fatal'; message: string }
  /** Report HTML for the host to print (only when EngineWorkerData.hostPrints). */
  | { type: 'print'; id: number; html: string };

export interface EngineWorkerData {
  dataDir: string;
  resourcesDir: string;
  nativeBinding?: string;
  /** The host prints reports itself (Electron's printToPDF) and answers `print` messages. */
  hostPrints?: boolean;
}
