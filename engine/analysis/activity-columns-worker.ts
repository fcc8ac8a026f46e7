import BetterSqlite3 from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { readActivityColumns, type ActivityColumnsRead } from './activity-columns';
import type { IdRange } from './chunked-rows';
import { dealColumnBuffers, readDealColumns, type DealColumnsRead } from './deal-columns';

/**
 * Worker-thread entry: reads a workspace's activity columns on its own read-only connection while
 * the engine thread reads the deals, accounts and quotas, or its deals while the engine thread
 * reads the activity rows file (better-sqlite3 is synchronous, so the two halves of opening a
 * workspace only overlap in two threads). WAL lets both read at once.
 * Started once and kept idle between reads: starting it costs more than a read of a small file.
 *
 * A second instance copies a workspace's WAL into its file after a large import
 * (checkpointInWorker), so the engine thread answers meanwhile.
 */

export interface ActivityColumnsWorkerData {
  /** better_sqlite3.node for the running runtime (Electron's ABI differs from Node's). */
  nativeBinding?: string;
}

export type ToActivityColumnsWorker =
  | { type: 'read'; id: number; file: string; range?: IdRange }
  | { type: 'deals'; id: number; file: string }
  | { type: 'checkpoint'; id: number; file: string };

export type FromActivityColumnsWorker =
  | { type: 'ready' }
  | ({ type: 'read'; id: number } & ActivityColumnsRead)
  | { type: 'deals'; id: number; deals: DealColumnsRead }
  | { type: 'checkpoint'; id: number; copied: boolean }
  | { type: 'error'; id: number; message: string };

const port = parentPort;
if (!port) throw new Error('activity-columns-worker must run in a worker thread');
const { nativeBinding } = (workerData ?? {}) as ActivityColumnsWorkerData;
const options = { ...(nativeBinding ? { nativeBinding } : {}) };

// Loads the native addon now, not in the first read the user waits for.
new BetterSqlite3(':memory:', options).close();

port.on('message', (m: ToActivityColumnsWorker) => {
  try {
    if (m.type === 'checkpoint') {
      // PASSIVE: copies what it can without waiting for the engine's connection, which may be
      // reading or writing again by now; what is left goes at the next checkpoint.
      const sqlite = new BetterSqlite3(m.file, { ...options, fileMustExist: true });
      try {
        const [result] = sqlite.pragma('wal_checkpoint(PASSIVE)') as {
          busy: number;
          log: number;
          checkpointed: number;
        }[];
        // Everything copied: not blocked, and every frame of the WAL in the file.
        const copied = result !== undefined && result.busy === 0 && result.checkpointed === result.log;
        const reply: FromActivityColumnsWorker = { type: 'checkpoint', id: m.id, copied };
        port.postMessage(reply);
      } finally {
        sqlite.close();
      }
      return;
    }
    // A connection per read: the engine may switch workspaces (user, demo) between reads, and an
    // open connection would keep the file's WAL index mapped after the engine closed it.
    const sqlite = new BetterSqlite3(m.file, { ...options, readonly: true, fileMustExist: true });
    try {
      sqlite.pragma('busy_timeout = 5000');
      if (m.type === 'deals') {
        const deals = readDealColumns(sqlite);
        const reply: FromActivityColumnsWorker = { type: 'deals', id: m.id, deals };
        port.postMessage(reply, dealColumnBuffers(deals));
        return;
      }
      const read = readActivityColumns(sqlite, m.range);
      const reply: FromActivityColumnsWorker = { type: 'read', id: m.id, ...read };
      port.postMessage(reply, [read.codes.buffer, read.accounts.buffer]);
    } finally {
      sqlite.close();
    }
  } catch (e) {
    const reply: FromActivityColumnsWorker = {
      type: 'error',
      id: m.id,
      message: e instanceof Error ? e.message : String(e),
    };
    port.postMessage(reply);
  }
});

const ready: FromActivityColumnsWorker = { type: 'ready' };
port.postMessage(ready);
