import type { ApiEvent, ApiMethod } from '../../shared/api/contract';
import type { Result } from '../../shared/result';

/** Messages between a host's main thread and the engine worker. */
export type ToWorker = { type: 'call'; id: number; method: ApiMethod; payload: unknown };

export type FromWorker =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: ApiEvent }
  | { type: 'fatal'; message: string };

export interface EngineWorkerData {
  dataDir: string;
  resourcesDir: string;
  nativeBinding?: string;
}
