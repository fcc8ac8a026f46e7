import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importPaths } from '../../engine/import/import-files';
import { undoImport } from '../../engine/import/undo-import';
import { Workspace } from '../../engine/workspace/workspace';

/**
 * One record, one row of a file (FileRecords, engine/import/writers/row-writer.ts): a row that
 * repeats a CRM id an earlier row of the same file gave, or a quota for a rep and period the file
 * already gave, is rejected with its row number and the earlier row's, and the first row is kept.
 * Re-importing such a file changes nothing, so undoing the re-import removes nothing.
 */
const FIXTURES = resolve(import.meta.dirname, '../fixtures/import');
const NOW = '2026-01-01T00:00:00.000Z';

let dir = '';
let ws: Workspace;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qc-repeats-'));
  ws = new Workspace(join(dir, 'workspace.sqlite'), false);
});
afterEach(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

async function importOne(file: string) {
  const r = await importPaths(ws.sqlite, [file], NOW);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value[0]!;
}

const all = (sql: string): unknown[] => ws.sqlite.prepare(sql).all();
const rejected = (batchId: number) =>
  all(
    `SELECT row_number, reason_code, reason_params_json FROM rejected_rows WHERE batch_id = ${batchId} ORDER BY row_number`,
  );
/** Every stored row of the tables an import writes, for "nothing changed" checks. */
const records = (): unknown[] =>
  ['deals', 'quotas', 'deal_snapshots', 'activities', 'reps', 'accounts'].map((t) =>
    all(`SELECT * FROM ${t} ORDER BY 1`),
  );

describe('a record repeated within one file', () => {
  it('deals (repeated-ids-deals.csv, opportunities listed once per product): the first row kept, the others rejected naming it', async () => {
    const first = await importOne(join(FIXTURES, 'repeated-ids-deals.csv'));
    expect(first.kind).toBe('deals');
    // Rows without an id are records of their own, even when identical.
    expect(first.counts).toEqual({ read: 7, added: 5, updated: 0, unchanged: 0, rejected: 2 });
    expect(first.warnings).toContainEqual({ code: 'rows_rejected', params: { count: 2 } });
    expect(rejected(first.batchId)).toEqual([
      { row_number: 3, reason_code: 'repeated_id', reason_params_json: '{"id":"RD-01","row":2}' },
      { row_number: 6, reason_code: 'repeated_id', reason_params_json: '{"id":"RD-02","row":4}' },
    ]);
    expect(
      all('SELECT external_id, status, amount, product FROM deals WHERE external_id IS NOT NULL ORDER BY id'),
    ).toEqual([
      { external_id: 'RD-01', status: 'won', amount: 1200, product: 'Widgets' },
      { external_id: 'RD-02', status: 'lost', amount: 800, product: 'Widgets' },
      { external_id: 'RD-03', status: 'open', amount: 500, product: 'Widgets' },
    ]);
    const before = records();
    const again = await importOne(join(FIXTURES, 'repeated-ids-deals.csv'));
    expect(again.counts).toEqual({ read: 7, added: 0, updated: 0, unchanged: 5, rejected: 2 });
    expect(records()).toEqual(before);
    // The re-import owns no record: undoing it removes nothing.
    undoImport(ws.sqlite, again.batchId);
    expect(records()).toEqual(before);
  });

  it('wide quotas (repeated-quotas-wide.csv): a row giving a rep a month the file already gave is rejected whole', async () => {
    const first = await importOne(join(FIXTURES, 'repeated-quotas-wide.csv'));
    expect(first.kind).toBe('quotas');
    expect(first.counts).toEqual({ read: 5, added: 4, updated: 0, unchanged: 0, rejected: 1 });
    expect(rejected(first.batchId)).toEqual([
      {
        row_number: 5,
        reason_code: 'repeated_quota',
        reason_params_json: '{"rep":"E-2","period":"2024-06","row":3}',
      },
    ]);
    // E-2's July quota came on the rejected row: not stored.
    expect(
      all(
        'SELECT r.name AS rep, substr(q.period_start, 1, 7) AS month, q.amount FROM quotas q JOIN reps r ON r.id = q.rep_id ORDER BY r.name, q.period_start',
      ),
    ).toEqual([
      ...[1, 2, 3].map((m) => ({ rep: 'E-1', month: `2024-0${m}`, amount: 100 })),
      ...[4, 5, 6].map((m) => ({ rep: 'E-1', month: `2024-0${m}`, amount: 150 })),
      ...[1, 2].map((m) => ({ rep: 'E-1', month: `2025-0${m}`, amount: 300 })),
      ...[1, 2, 3, 4, 5, 6].map((m) => ({ rep: 'E-2', month: `2024-0${m}`, amount: 200 })),
    ]);
    const before = records();
    const again = await importOne(join(FIXTURES, 'repeated-quotas-wide.csv'));
    expect(again.counts).toEqual({ read: 5, added: 0, updated: 0, unchanged: 4, rejected: 1 });
    expect(records()).toEqual(before);
  });

  it('deal history with snapshot ids: a repeated snapshot id is rejected, the first kept', async () => {
    const history = join(dir, 'OpportunityHistory.csv');
    writeFileSync(
      history,
      [
        'Id,OpportunityId,StageName,Amount,Probability,CloseDate,CreatedDate',
        'H-1,RD-01,Prospecting,1000,10,2024-06-30,2024-01-05',
        'H-2,RD-01,Negotiation,1200,60,2024-06-30,2024-03-05',
        'H-1,RD-01,Closed Won,1200,100,2024-06-30,2024-05-01',
      ].join('\n'),
    );
    await importOne(join(FIXTURES, 'repeated-ids-deals.csv'));
    const first = await importOne(history);
    expect(first.kind).toBe('deal_history');
    expect(first.counts).toEqual({ read: 3, added: 2, updated: 0, unchanged: 0, rejected: 1 });
    expect(rejected(first.batchId)).toEqual([
      { row_number: 4, reason_code: 'repeated_id', reason_params_json: '{"id":"H-1","row":2}' },
    ]);
    expect(all('SELECT record_key, stage FROM deal_snapshots ORDER BY id')).toEqual([
      { record_key: 'id:H-1', stage: 'Prospecting' },
      { record_key: 'id:H-2', stage: 'Negotiation' },
    ]);
    const before = records();
    expect((await importOne(history)).counts).toEqual({
      read: 3,
      added: 0,
      updated: 0,
      unchanged: 2,
      rejected: 1,
    });
    expect(records()).toEqual(before);
  });
});
