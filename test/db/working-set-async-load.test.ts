import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinActivityColumns, readActivityColumns } from '../../engine/analysis/activity-columns';
import { activityCachePath } from '../../engine/analysis/activity-cache';
import {
  readActivityColumnsInWorker,
  readDealColumnsInWorker,
} from '../../engine/analysis/activity-columns-reader';
import { activityRowsPath } from '../../engine/analysis/activity-rows-file';
import { readDealColumns } from '../../engine/analysis/deal-columns';
import { WHOLE_TABLE } from '../../engine/analysis/chunked-rows';
import { loadWorkingSet, loadWorkingSetAsync } from '../../engine/analysis/working-set';
import { importPaths } from '../../engine/import/import-files';
import { Workspace } from '../../engine/workspace/workspace';
import { ACTIVITY_TYPES, type WorkingSet } from '../../shared/domain/types';
import { callConnected } from '../../shared/import/call-outcome';

/**
 * Opening a file-backed workspace reads the activities in a worker thread on a second, read-only
 * connection (engine/analysis/activity-columns-worker.ts) while the engine thread reads the rest:
 * the result must be the synchronous load's, field by field.
 */
const dir = mkdtempSync(join(tmpdir(), 'qc-ws-async-'));
const csv = (name: string, lines: string[]): string => {
  const file = join(dir, name);
  writeFileSync(file, lines.join('\n'));
  return file;
};
const files = (): string[] => [
  csv('accounts.csv', [
    'Account Name,Annual Revenue,Employees,Tier',
    'Acme,1000000,50,A',
    'Beta,,12,',
    'Gamma,250000,,C',
  ]),
  csv('activities.csv', [
    'Activity ID,Assigned To,Activity Type,Activity Date,Account Name,Call Result,Duration (min)',
    'A1,Ann Lee,Call,1965-03-01,Acme,Connected,3',
    'A2,Ann Lee,Call,2024-01-02,,No Answer,5',
    'A3,Bob Ray,Call,2024-01-03,Acme,,2',
    'A4,Bob Ray,Call,2024-01-04,Beta,,0',
    'A5,Bob Ray,Meeting,2024-01-05,Beta,,60',
    'A6,Ann Lee,Email,2099-12-31,Beta,,',
    'A7,Cy Dun,Call,1899-07-14,Nowhere Ltd,Completed,4',
    'A8,Cy Dun,Call,2023-11-30,Gamma,Completed,0',
    'A9,Cy Dun,Call,2023-12-01,,Left voicemail,9',
    'A10,Ann Lee,Visit,1969-12-31,Gamma,,',
  ]),
  csv('deals.csv', [
    'Opportunity ID,Opportunity Owner,Account Name,Stage,Amount,Created Date,Close Date,Probability (%)',
    'D1,Ann Lee,Acme,Closed Won,100.5,1969-12-31,1970-01-02,',
    'D2,Bob Ray,,Proposal,,2024-01-01,2024-03-01,40',
    'D3,Bob Ray,Beta,Closed Lost,7,2024-01-01,2024-02-01,',
    'D4,Dee Fox,Gamma,Closed Won,0.1,1950-05-05,1951-01-01,',
  ]),
  csv('quotas.csv', [
    'Sales Rep,Period Start,Period End,Quota',
    'Ann Lee,2024-01-01,2024-03-31,5000',
    'Bob Ray,2024-01-01,2024-03-31,7000',
  ]),
];

/** Every field of the two loads, typed arrays element by element (NaN equal to NaN). */
function expectSame(actual: WorkingSet, expected: WorkingSet): void {
  // node's deep equality first: vitest's element by element is slow on 100,000-row arrays, and
  // tells which field differs only when one does.
  if (isDeepStrictEqual(actual, expected)) return;
  expect(actual.reps).toStrictEqual(expected.reps);
  for (const key of ['accounts', 'deals', 'activities', 'quotas', 'snapshots'] as const) {
    expect(Object.keys(actual[key]).sort(), key).toStrictEqual(Object.keys(expected[key]).sort());
    for (const [field, value] of Object.entries(expected[key]))
      expect((actual[key] as unknown as Record<string, unknown>)[field], `${key}.${field}`).toStrictEqual(
        value,
      );
  }
  expect(actual).toStrictEqual(expected);
}

let file: Workspace;
beforeAll(async () => {
  file = new Workspace(join(dir, 'workspace.sqlite'), false);
  const imported = await importPaths(file.sqlite, files(), '2026-01-01T00:00:00.000Z');
  expect(imported.ok).toBe(true);
});
afterAll(() => {
  file.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('loading the working set in two threads', () => {
  it('equals the synchronous load on a workspace file, field by field', async () => {
    const sync = loadWorkingSet(file.sqlite);
    expect(sync.activities.length).toBe(10);
    expect(sync.deals.length).toBe(4);
    expect(sync.quotas.length).toBe(2);
    expect(sync.accounts.length).toBeGreaterThanOrEqual(3);
    // Calls decided by outcome (connected, voicemail) and by duration (blank, Completed).
    expect(sync.activities.flags.some((f) => f !== 0)).toBe(true);
    expect(sync.activities.account.includes(-1)).toBe(true);
    expect(Math.min(...sync.activities.day)).toBeLessThan(-25_000);
    const parallel = await loadWorkingSetAsync(file.sqlite, { file: file.path });
    expectSame(parallel, sync);
  });

  it('reads the activity columns in the worker, not by falling back to this thread', async () => {
    const here = readActivityColumns(file.sqlite);
    const there = await readActivityColumnsInWorker(file.path);
    expect(there.codes).toStrictEqual(here.codes);
    expect(there.accounts).toStrictEqual(here.accounts);
  });

  it('the workspace prepares its working set through the worker and keeps it', async () => {
    const sync = loadWorkingSet(file.sqlite);
    file.invalidate();
    await file.prepareWorkingSet();
    const prepared = file.getWorkingSet();
    expectSame(prepared, sync);
    await file.prepareWorkingSet();
    expect(file.getWorkingSet()).toBe(prepared);
  });

  it('reads every row in id order across chunks and gaps in the ids', async () => {
    const big = new Workspace(join(dir, 'big.sqlite'), false);
    try {
      const imported = await importPaths(big.sqlite, files().slice(0, 2), '2026-01-01T00:00:00.000Z');
      expect(imported.ok).toBe(true);
      // 250,000 more rows (some deleted again), straight into the table: more than two chunks of the text read.
      big.sqlite.exec(`
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 250000)
        INSERT INTO activities (batch_id, row_hash, rep_id, account_id, type_code, activity_day, outcome, duration_min)
        SELECT (SELECT min(id) FROM import_batches), i,
          CASE WHEN i % 7 = 0 THEN NULL ELSE (SELECT min(id) FROM reps) + i % 3 END,
          CASE WHEN i % 5 = 0 THEN NULL ELSE (SELECT min(id) FROM accounts) END,
          i % ${ACTIVITY_TYPES.length}, (i % 40000) - 20000,
          CASE i % 4 WHEN 0 THEN 'Connected' WHEN 1 THEN 'No answer' WHEN 2 THEN NULL ELSE 'Completed' END,
          CASE WHEN i % 3 = 0 THEN NULL ELSE i % 3 - 1 END
        FROM n;
        DELETE FROM activities WHERE id % 1000 BETWEEN 10 AND 400;`);
      const reference = big.sqlite
        .prepare(
          // The imported rows store their outcomes as codes, the rows added above as text: the
          // view shows both as text (migration 011).
          `SELECT coalesce(a.rep_id, 0), a.type_code, a.activity_day, coalesce(a.account_id, 0), v.outcome, a.duration_min
           FROM activities a JOIN activity_rows v ON v.id = a.id ORDER BY a.id`,
        )
        .raw()
        .all() as [number, number, number, number, string | null, number | null][];
      const call = ACTIVITY_TYPES.indexOf('call');
      const read = readActivityColumns(big.sqlite);
      expect(read.codes.length).toBe(reference.length);
      expect(reference.length).toBeGreaterThan(2 * 65_536);
      const unpacked = Array.from(read.codes, (code, k) => {
        const day = (code % 262_144) - 100_000;
        const rest = Math.floor(code / 262_144);
        return [Math.floor(rest / 16), Math.floor(rest / 2) % 8, day, read.accounts[k], rest % 2];
      });
      const expected = reference.map(([rep, type, day, account, outcome, duration]) => [
        rep,
        type,
        day,
        account,
        type === call && callConnected(outcome, duration) ? 1 : 0,
      ]);
      const differs = unpacked.findIndex((row, k) => !isDeepStrictEqual(row, expected[k]));
      expect(
        differs === -1 ? null : { row: differs, read: unpacked[differs], stored: expected[differs] },
      ).toBe(null);
      expectSame(await loadWorkingSetAsync(big.sqlite, { file: big.path }), loadWorkingSet(big.sqlite));
      // Two parts of the table, split anywhere (in a gap of deleted ids, inside a chunk, near
      // the end), join to the whole read.
      for (const split of [410, 65_536 + 7, 249_990]) {
        const joined = joinActivityColumns(
          readActivityColumns(big.sqlite, { ...WHOLE_TABLE, upTo: split }),
          readActivityColumns(big.sqlite, { ...WHOLE_TABLE, after: split }),
        );
        expect(joined.codes).toStrictEqual(read.codes);
        expect(joined.accounts).toStrictEqual(read.accounts);
        expect(new Set(joined.outcomes.map(([outcome]) => outcome))).toEqual(
          new Set(read.outcomes.map(([outcome]) => outcome)),
        );
      }
    } finally {
      big.close();
    }
  });

  it('a workspace in memory (no second connection can open it) still loads', async () => {
    const memory = new Workspace(':memory:', false);
    try {
      const imported = await importPaths(memory.sqlite, files(), '2026-01-01T00:00:00.000Z');
      expect(imported.ok).toBe(true);
      await memory.prepareWorkingSet();
      const set = memory.getWorkingSet();
      expect(set.activities.length).toBe(10);
      expectSame(set, loadWorkingSet(file.sqlite));
    } finally {
      memory.close();
    }
  });

  it('with many deals, reads them in the worker beside the rows file or the table, as the synchronous load reads them', async () => {
    const path = join(dir, 'deals.sqlite');
    const many = new Workspace(path, false);
    try {
      const imported = await importPaths(many.sqlite, files(), '2026-01-01T00:00:00.000Z');
      expect(imported.ok).toBe(true);
      // 60,000 more deals, over the worker's threshold: every status, funnel stage, NULL and
      // date the read turns into codes and day numbers, and deleted ids among them.
      many.sqlite.exec(`
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60000)
        INSERT INTO deals (record_key, rep_id, account_id, status, amount, created_date, close_date,
          expected_close_date, funnel_stage, probability, content_hash, batch_id)
        SELECT 'id:G' || i,
          CASE WHEN i % 9 = 0 THEN NULL ELSE (SELECT min(id) FROM reps) + i % 3 END,
          CASE WHEN i % 4 = 0 THEN NULL ELSE (SELECT min(id) FROM accounts) + i % 2 END,
          CASE i % 3 WHEN 0 THEN 'won' WHEN 1 THEN 'lost' ELSE 'open' END,
          CASE WHEN i % 11 = 0 THEN NULL ELSE i * 10.25 END,
          date('2020-01-01', '+' || (i % 1500) || ' days'),
          CASE WHEN i % 13 = 0 THEN NULL ELSE date('2021-01-01', '+' || (i % 1200) || ' days') END,
          CASE WHEN i % 2 = 0 THEN NULL ELSE date('2022-06-30', '+' || (i % 90) || ' days') END,
          CASE i % 5 WHEN 0 THEN NULL WHEN 1 THEN 'prospect' WHEN 2 THEN 'signed' WHEN 3 THEN 'target_market' ELSE 'target_customer' END,
          CASE WHEN i % 7 = 0 THEN NULL ELSE (i % 101) / 100.0 END,
          'h' || i, (SELECT min(id) FROM import_batches)
        FROM n;
        DELETE FROM deals WHERE id % 500 BETWEEN 100 AND 120;`);
      const sync = loadWorkingSet(many.sqlite);
      expect(sync.deals.length).toBeGreaterThan(55_000);

      // The worker's read is the read here, column by column.
      expect(await readDealColumnsInWorker(path)).toStrictEqual(readDealColumns(many.sqlite));

      // The rows file (written by a read from the table), no cache: the first open after an import.
      const cache = { path: activityCachePath(path), rows: activityRowsPath(path), writable: true };
      loadWorkingSet(many.sqlite, cache);
      rmSync(cache.path, { force: true });
      expect(existsSync(cache.rows)).toBe(true);
      expectSame(await loadWorkingSetAsync(many.sqlite, { file: path }, cache), sync);

      // Neither file: the worker reads the deals, then its share of the activities.
      rmSync(cache.path, { force: true });
      rmSync(cache.rows, { force: true });
      expectSame(await loadWorkingSetAsync(many.sqlite, { file: path }, { ...cache, writable: false }), sync);
      expect(existsSync(cache.rows)).toBe(false);

      // A worker that cannot open the file: everything is read here.
      expectSame(await loadWorkingSetAsync(many.sqlite, { file: join(dir, 'missing.sqlite') }), sync);
    } finally {
      many.close();
    }
  });
});
