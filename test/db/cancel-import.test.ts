import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../engine/db/open-database';
import { EngineClient } from '../../engine/host/engine-client';
import type { ApiResponse, ImportSummary, StagedFile, WorkspaceInfo } from '../../shared/api/contract';
import type { Result } from '../../shared/result';

/**
 * Cancel takes effect within a second: a large activities import driven the way the app drives
 * it (the engine in its worker thread, calls and events as messages, web/server.ts's worker
 * entry), cancelled once its first progress event arrives, resolves with `cancelled` within
 * 1000 ms of the request and leaves nothing behind. Only the public engine API is used, so the
 * test holds whatever path reads the activities.
 */

const root = resolve(import.meta.dirname, '../..');
const ROWS = 400_000;
const CANCEL_WITHIN_MS = 1000;
const dir = mkdtempSync(join(tmpdir(), 'qc-cancel-'));
const dataDir = join(dir, 'data');
let client: EngineClient;

async function call<T>(method: Parameters<EngineClient['call']>[0], payload: unknown): Promise<Result<T>> {
  return (await client.call(method, payload)) as Result<T>;
}

async function callOk<T>(method: Parameters<EngineClient['call']>[0], payload: unknown): Promise<T> {
  const result = await call<T>(method, payload);
  if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** A CRM activity export: ids, owners, types, dates, subjects, accounts. */
function activitiesCsv(rows: number): string {
  const types = ['Call', 'Meeting', 'Email', 'Visit', 'Task'];
  const lines = ['Activity ID,Assigned To,Activity Type,Activity Date,Subject,Account Name'];
  for (let i = 0; i < rows; i++) {
    const month = String((i % 12) + 1).padStart(2, '0');
    const day = String((i % 28) + 1).padStart(2, '0');
    lines.push(
      `ACT-${i},Rep ${i % 250},${types[i % 5]},2024-${month}-${day},Follow-up ${i % 1000},Account ${i % 3000}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

beforeAll(() => {
  client = new EngineClient(new URL('../../engine/host/engine-worker-tsx.mjs', import.meta.url), {
    dataDir,
    resourcesDir: resolve(root, 'resources'),
  });
});

afterAll(async () => {
  await client?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('cancelling an import', () => {
  it(`takes effect within ${CANCEL_WITHIN_MS} ms and leaves no activities and no new batch`, async () => {
    // A committed import first, so "no new batch" is more than "still empty".
    const reps = await callOk<StagedFile>('import.stage', {
      fileName: 'reps.csv',
      bytes: new TextEncoder().encode('Sales Rep,Team,Region\nRep 1,East,North\nRep 2,West,South\n'),
    });
    expect(reps.kind).toBe('reps');
    await callOk<ImportSummary>('import.run', {
      jobId: 'reps',
      stagedId: reps.stagedId,
      kind: 'reps',
      mapping: reps.mapping,
    });
    const before = await callOk<WorkspaceInfo>('workspace.info', {});
    expect(before.counts).toMatchObject({ activities: 0, batches: 1 });

    const file = join(dir, 'activities.csv');
    writeFileSync(file, activitiesCsv(ROWS));
    const staged = await callOk<StagedFile>('import.stage', {
      fileName: 'activities.csv',
      bytes: new Uint8Array(readFileSync(file)),
    });
    expect(staged.kind).toBe('activities');
    expect(staged.missingRequired).toEqual([]);

    const jobId = 'big-activities';
    const firstProgress = new Promise<{ phase: string; rowsRead: number }>((done) => {
      const off = client.onEvent((event) => {
        if (event.type !== 'import.progress' || event.jobId !== jobId) return;
        off();
        done(event);
      });
    });
    const started = performance.now();
    const run = call<ApiResponse<'import.run'>>('import.run', {
      jobId,
      stagedId: staged.stagedId,
      kind: 'activities',
      mapping: staged.mapping,
    });
    let settled = false;
    void run.then(() => (settled = true));

    const progress = await firstProgress;
    // Still reading: the cancel below lands mid-import, not after it.
    expect(progress.phase).toBe('reading');
    expect(settled).toBe(false);
    const requested = performance.now();
    const cancel = await callOk<{ cancelled: boolean }>('import.cancel', { jobId });
    expect(cancel.cancelled).toBe(true);
    const result = await run;
    const tookMs = performance.now() - requested;

    // It was still reading when the cancel was sent: running to the end means it was not heard.
    expect(result.ok, `the import ran to the end ${tookMs.toFixed(0)} ms after the cancel`).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('cancelled');
    expect(
      tookMs,
      `cancel took ${tookMs.toFixed(0)} ms (first progress after ${(requested - started).toFixed(0)} ms)`,
    ).toBeLessThan(CANCEL_WITHIN_MS);

    // Through the API, and in the file itself once the engine has let go of it.
    const after = await callOk<WorkspaceInfo>('workspace.info', {});
    expect(after.counts).toMatchObject({ activities: 0, batches: 1 });
    expect((await callOk<unknown[]>('import.history', {})).length).toBe(1);
    await client.close();
    const db = openDatabase(join(dataDir, 'workspace.sqlite'));
    try {
      expect(db.sqlite.prepare('SELECT count(*) FROM activities').pluck().get()).toBe(0);
      expect(db.sqlite.prepare('SELECT kind FROM import_batches').pluck().all()).toEqual(['reps']);
      expect(db.sqlite.prepare('SELECT count(*) FROM rejected_rows').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  }, 120_000);
});
