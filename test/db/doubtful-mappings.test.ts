import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase, type SqliteHandle } from '../../engine/db/open-database';
import { importPaths } from '../../engine/import/import-files';
import { inspectTable, withMapping, type StagedTable } from '../../engine/import/stage-file';

/**
 * Issue #12, item 6: a mapping that is doubtful (a header that names the field only sometimes) or
 * that gives implausible figures (every row a different account, a "call result" whose values
 * are no call results, no activity type at all) is listed on the staged file with its reason, so
 * the mapping screen asks before importing; the CLI imports and reports them as warnings.
 */

const DTC = path.resolve(import.meta.dirname, '../../../shared/data/salesforce-dtc-sample');
const MAVEN = path.resolve(import.meta.dirname, '../../../shared/data/maven-crm-sales-opportunities');
const NOW = '2024-07-01T09:00:00.000Z';
const dir = mkdtempSync(path.join(tmpdir(), 'qc-doubts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function stage(file: string): Promise<StagedTable> {
  const r = await inspectTable(file, path.basename(file), `t:${path.basename(file)}`, statSync(file).size);
  if (!r.ok) throw new Error(`${file}: ${r.error.code}: ${r.error.message}`);
  return r.value;
}

const doubts = (t: StagedTable) => (t.info.doubtful ?? []).map((d) => [d.field, d.column, d.reason]);

let ws: OpenDatabase;
let db: SqliteHandle;
beforeEach(() => {
  ws = openDatabase(':memory:');
  db = ws.sqlite;
});
afterEach(() => ws.close());

describe('doubtful fields of the public Salesforce DTC sample', () => {
  it('tasks: the account is the opportunity each row is about; the task status is no call result', async () => {
    const staged = await stage(path.join(DTC, 'DTC_Task.csv'));
    expect(staged.info.mapping).toMatchObject({ account: 'WhatId', outcome: 'Status' });
    expect(doubts(staged)).toEqual([
      ['account', 'WhatId', 'one_value_per_row'],
      ['outcome', 'Status', 'values_not_recognised'],
    ]);
    const outcome = staged.info.doubtful?.find((d) => d.field === 'outcome');
    expect(outcome?.params).toMatchObject({ examples: 'In Progress, Not Started, Completed' });
  });

  it('events: the account is the opportunity, and no column says what kind of activity a row is', async () => {
    const staged = await stage(path.join(DTC, 'DTC_Event.csv'));
    expect(doubts(staged)).toEqual([
      ['activity_type', null, 'not_mapped'],
      ['account', 'WhatId', 'one_value_per_row'],
    ]);
    expect(staged.info.doubtful?.[0]?.params).toMatchObject({ type: 'meeting' });
  });

  it('telephony: "WhatId" names the record a call is about, not surely a customer', async () => {
    const staged = await stage(path.join(DTC, 'DTC_Telephony.csv'));
    expect(doubts(staged)).toEqual([['account', 'WhatId', 'weak_header']]);
  });

  it('clean exports raise nothing', async () => {
    expect(doubts(await stage(path.join(DTC, 'DTC_Opportunity.csv')))).toEqual([]);
    expect(doubts(await stage(path.join(MAVEN, 'sales_pipeline.csv')))).toEqual([]);
    expect(doubts(await stage(path.join(MAVEN, 'sales_teams.csv')))).toEqual([]);
  });

  it('a doubt goes once the field is mapped to another column, or unmapped', async () => {
    const staged = await stage(path.join(DTC, 'DTC_Task.csv'));
    const fixed = withMapping(staged, 'activities', { ...staged.info.mapping, account: null, outcome: null });
    expect(doubts(fixed)).toEqual([]);
  });

  it('an owner column with a different name on every row is doubtful too', async () => {
    const lines = ['Owner,Stage,Amount,Close Date'];
    for (let i = 0; i < 30; i++) lines.push(`Person ${i} Smith,Closed Won,${100 + i},2024-03-04`);
    const file = path.join(dir, 'owners.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    expect(doubts(await stage(file))).toEqual([['owner', 'Owner', 'one_value_per_row']]);
  });
});

describe('the CLI imports and reports them', () => {
  it('as warnings of the import summary', async () => {
    const r = await importPaths(db, [path.join(DTC, 'DTC_Task.csv')], NOW);
    if (!r.ok) throw new Error(r.error.message);
    const warnings = r.value[0]?.warnings ?? [];
    const anyCount: unknown = expect.any(Number);
    expect(warnings.filter((w) => w.code.startsWith('doubt_'))).toEqual([
      {
        code: 'doubt_one_value_per_row',
        params: {
          field: 'Account',
          column: 'WhatId',
          distinct: anyCount,
          rows: anyCount,
        },
      },
      {
        code: 'doubt_values_not_recognised',
        params: { field: 'Result', column: 'Status', examples: 'In Progress, Not Started, Completed' },
      },
    ]);
    expect(r.value[0]?.counts.rejected).toBe(0);
  });
});
