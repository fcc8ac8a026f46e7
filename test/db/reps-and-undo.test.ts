import { resolve } from 'node:path';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importPaths } from '../../engine/import/import-files';
import { undoImport } from '../../engine/import/undo-import';
import {
  editDistance,
  findRepDuplicates,
  mergeReps,
  dismissDuplicate,
} from '../../engine/workspace/rep-duplicates';
import { Workspace } from '../../engine/workspace/workspace';

const DTC = resolve(import.meta.dirname, '../../../shared/data/salesforce-dtc-sample');
const NOW = '2026-01-01T00:00:00.000Z';
const dir = mkdtempSync(join(tmpdir(), 'qc-reps-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const count = (ws: Workspace, sql: string): number => ws.sqlite.prepare(sql).pluck().get() as number;

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and transpositions', () => {
    expect(editDistance('doroth gardner', 'dorothy gardner', 2)).toBe(1);
    expect(editDistance('laura palmer', 'luara palmer', 2)).toBe(1);
    expect(editDistance('ann', 'bob', 1)).toBe(2);
    expect(editDistance('same', 'same', 0)).toBe(0);
  });
});

describe('near-duplicate reps', () => {
  it('offers Doroth / Dorothy Gardner for merging, merges on request, and remembers the spelling', async () => {
    const ws = new Workspace(':memory:', false);
    const extra = join(dir, 'more-deals.csv');
    writeFileSync(
      extra,
      'Opportunity ID,Opportunity Owner,Stage,Amount,Close Date\nX-1,Dorothy Gardner,Closed Won,100,2015-01-05\nX-2,Wei Li,Closed Won,5,2015-01-06\nX-3,Li Wei,Closed Lost,5,2015-01-07\n',
    );
    expect((await importPaths(ws.sqlite, [resolve(DTC, 'DTC_Opportunity.csv'), extra], NOW)).ok).toBe(true);
    const dupes = findRepDuplicates(ws.sqlite);
    const gardner = dupes.find((d) => d.reason === 'spelling');
    expect(gardner).toMatchObject({
      keep: { name: 'Doroth Gardner', deals: 116 },
      merge: { name: 'Dorothy Gardner', deals: 1 },
    });
    expect(dupes.find((d) => d.reason === 'word_order')).toBeDefined();
    // Nothing was merged by itself.
    expect(count(ws, "SELECT count(*) FROM reps WHERE name LIKE 'Doroth%'")).toBe(2);

    expect(mergeReps(ws.sqlite, gardner!.merge.repId, gardner!.keep.repId)).toBe(true);
    expect(count(ws, "SELECT count(*) FROM reps WHERE name LIKE 'Doroth%'")).toBe(1);
    expect(count(ws, `SELECT count(*) FROM deals WHERE rep_id = ${gardner!.keep.repId}`)).toBe(117);
    // Next month's file spelled the other way lands on the same rep.
    const next = join(dir, 'next.csv');
    writeFileSync(
      next,
      'Opportunity ID,Opportunity Owner,Stage,Amount,Close Date\nX-9,dorothy  gardner,Closed Won,7,2015-02-05\n',
    );
    expect((await importPaths(ws.sqlite, [next], NOW)).ok).toBe(true);
    expect(count(ws, "SELECT count(*) FROM reps WHERE name LIKE 'Doroth%'")).toBe(1);
    expect(count(ws, `SELECT count(*) FROM deals WHERE rep_id = ${gardner!.keep.repId}`)).toBe(118);

    // A pair the user says are two people is not offered again.
    const order = findRepDuplicates(ws.sqlite).find((d) => d.reason === 'word_order')!;
    dismissDuplicate(ws.sqlite, order.keep.repId, order.merge.repId);
    expect(findRepDuplicates(ws.sqlite)).toEqual([]);
    ws.close();
  });
});

describe('undoing an import', () => {
  it('removes exactly what the batch added, and the reps and accounts only it referred to', async () => {
    const ws = new Workspace(':memory:', false);
    const first = await importPaths(ws.sqlite, [resolve(DTC, 'DTC_Opportunity.csv')], NOW);
    if (!first.ok) throw new Error(first.error.message);
    const before = {
      deals: count(ws, 'SELECT count(*) FROM deals'),
      reps: count(ws, 'SELECT count(*) FROM reps'),
      accounts: count(ws, 'SELECT count(*) FROM accounts'),
    };
    const second = await importPaths(ws.sqlite, [resolve(DTC, 'DTC_Task.csv')], NOW);
    if (!second.ok) throw new Error(second.error.message);
    const tasks = second.value[0]!;
    expect(count(ws, 'SELECT count(*) FROM activities')).toBe(1999);
    // Jessica Nichols owns tasks but no opportunities: the task import created her.
    expect(count(ws, "SELECT count(*) FROM reps WHERE name = 'Jessica Nichols'")).toBe(1);

    const removed = undoImport(ws.sqlite, tasks.batchId);
    expect(removed).toMatchObject({ activities: 1999, deals: 0, reps: 1 });
    expect(count(ws, 'SELECT count(*) FROM activities')).toBe(0);
    expect({
      deals: count(ws, 'SELECT count(*) FROM deals'),
      reps: count(ws, 'SELECT count(*) FROM reps'),
      accounts: count(ws, 'SELECT count(*) FROM accounts'),
    }).toEqual(before);
    expect(count(ws, 'SELECT count(*) FROM import_batches')).toBe(1);
    expect(undoImport(ws.sqlite, tasks.batchId)).toBeNull();

    undoImport(ws.sqlite, first.value[0]!.batchId);
    for (const table of ['deals', 'reps', 'accounts', 'teams', 'import_batches', 'rejected_rows']) {
      expect(count(ws, `SELECT count(*) FROM ${table}`), table).toBe(0);
    }
    ws.close();
  });

  it('removes the activity texts the batch added that no row names any more, and keeps the rest', async () => {
    const ws = new Workspace(':memory:', false);
    const header = 'Activity ID,Assigned To,Activity Type,Subject,Activity Date,Call Result';
    const write = (name: string, lines: string[]): string => {
      const path = join(dir, name);
      writeFileSync(path, [header, ...lines].join('\n'));
      return path;
    };
    const imported = async (path: string): Promise<number> => {
      const result = await importPaths(ws.sqlite, [path], NOW);
      if (!result.ok) throw new Error(result.error.message);
      return result.value[0]!.batchId;
    };
    const texts = () =>
      ws.sqlite.prepare('SELECT text, batch_id FROM activity_texts ORDER BY text').raw().all();
    // A value takes a code from its second row in a file (activity-texts.ts).
    const first = await imported(
      write('texts-1.csv', [
        'T-1,Ann Lee,Call,Intro,2024-03-01,Connected',
        'T-2,Ann Lee,Call,Intro,2024-03-02,Connected',
      ]),
    );
    // The second file codes "Call" and "Intro" again (T-4) and brings "Meeting" and "Demo" (T-6).
    const second = await imported(
      write('texts-2.csv', [
        'T-3,Bo Chen,Call,Intro,2024-03-03,',
        'T-4,Bo Chen,Call,Intro,2024-03-04,',
        'T-5,Bo Chen,Meeting,Demo,2024-03-05,',
        'T-6,Bo Chen,Meeting,Demo,2024-03-06,',
      ]),
    );
    expect(texts()).toEqual([
      ['Call', first],
      ['Connected', first],
      ['Demo', second],
      ['Intro', first],
      ['Meeting', second],
    ]);
    // Undoing the first: its texts the second file's rows still name stay, no longer its own.
    undoImport(ws.sqlite, first);
    expect(texts()).toEqual([
      ['Call', null],
      ['Demo', second],
      ['Intro', null],
      ['Meeting', second],
    ]);
    expect(
      ws.sqlite
        .prepare('SELECT external_id, type_raw, subject, outcome FROM activity_rows ORDER BY id')
        .raw()
        .all(),
    ).toEqual([
      ['T-3', 'Call', 'Intro', null],
      ['T-4', 'Call', 'Intro', null],
      ['T-5', 'Meeting', 'Demo', null],
      ['T-6', 'Meeting', 'Demo', null],
    ]);
    // Undoing the second removes the texts it added; those no import owns any more stay.
    undoImport(ws.sqlite, second);
    expect(texts()).toEqual([
      ['Call', null],
      ['Intro', null],
    ]);
    expect(ws.sqlite.pragma('foreign_key_check')).toEqual([]);
    ws.close();
  });

  // The undo runs with foreign keys off (issue #13: their per-row look-ups made a 1M-row undo
  // take 402 s), so it must do what the schema's ON DELETE actions did.
  it('does what the ON DELETE actions did, leaves no broken reference, and turns foreign keys back on', async () => {
    const ws = new Workspace(':memory:', false);
    const paths = ['DTC_Account.csv', 'DTC_Opportunity.csv', 'DTC_OpportunityHistory.csv', 'DTC_Task.csv'];
    const batches: number[] = [];
    for (const file of paths) {
      const r = await importPaths(ws.sqlite, [resolve(DTC, file)], NOW);
      if (!r.ok) throw new Error(r.error.message);
      batches.push(r.value[0]!.batchId);
    }
    const [accountsBatch, dealsBatch, historyBatch] = batches as [number, number, number, number];
    const linked = count(ws, `SELECT count(*) FROM deal_snapshots WHERE deal_id IS NOT NULL`);
    expect(linked).toBeGreaterThan(0);
    const kept = count(ws, `SELECT count(*) FROM reps WHERE batch_id = ${dealsBatch}`);

    const removed = undoImport(ws.sqlite, dealsBatch);
    expect(removed?.deals).toBeGreaterThan(0);
    expect(ws.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(ws.sqlite.pragma('foreign_key_check')).toEqual([]);
    // ON DELETE SET NULL: the history's snapshots keep their rows, without the removed deals.
    expect(count(ws, `SELECT count(*) FROM deal_snapshots WHERE batch_id = ${historyBatch}`)).toBeGreaterThan(
      0,
    );
    expect(count(ws, 'SELECT count(*) FROM deal_snapshots WHERE deal_id IS NOT NULL')).toBe(0);
    // ON DELETE SET NULL on the batch: reps and accounts it created that others still use stay.
    expect(count(ws, `SELECT count(*) FROM reps WHERE batch_id = ${dealsBatch}`)).toBe(0);
    expect(count(ws, `SELECT count(*) FROM accounts WHERE batch_id = ${dealsBatch}`)).toBe(0);
    expect(count(ws, 'SELECT count(*) FROM reps WHERE batch_id IS NULL')).toBeLessThanOrEqual(kept);
    // ON DELETE CASCADE: the batch's rejected rows, and the aliases of reps removed.
    expect(count(ws, `SELECT count(*) FROM rejected_rows WHERE batch_id = ${dealsBatch}`)).toBe(0);
    expect(count(ws, 'SELECT count(*) FROM rep_aliases WHERE rep_id NOT IN (SELECT id FROM reps)')).toBe(0);

    // And every remaining batch undone leaves an empty workspace, consistent at each step.
    for (const batchId of batches.filter((b) => b !== dealsBatch).reverse()) {
      undoImport(ws.sqlite, batchId);
      expect(ws.sqlite.pragma('foreign_key_check'), `after ${batchId}`).toEqual([]);
    }
    for (const table of [
      'deals',
      'activities',
      'deal_snapshots',
      'reps',
      'rep_aliases',
      'accounts',
      'teams',
    ]) {
      expect(count(ws, `SELECT count(*) FROM ${table}`), table).toBe(0);
    }
    expect(accountsBatch).toBeGreaterThan(0);
    ws.close();
  });
});
