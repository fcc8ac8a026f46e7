import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../engine/api/engine';
import { openDatabase, type OpenDatabase, type SqliteHandle } from '../../engine/db/open-database';
import { importPaths } from '../../engine/import/import-files';
import { runImport } from '../../engine/import/run-import';
import { inspectTable, type StagedTable } from '../../engine/import/stage-file';
import { detectWithValues } from '../../shared/import/value-mapping';

/**
 * Issue #12, item 5: owner and org columns under the labels real CRM and HR exports use, owner
 * columns told by the names of known reps when the header says nothing, a refusal that names the
 * missing column, and closed deals dated by whichever column their CRM keeps the outcome's date in.
 */

const NOW = '2024-07-01T09:00:00.000Z';
const dir = mkdtempSync(path.join(tmpdir(), 'qc-owner-org-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function stage(file: string): Promise<StagedTable> {
  const r = await inspectTable(file, path.basename(file), `t:${path.basename(file)}`, statSync(file).size);
  if (!r.ok) throw new Error(`${file}: ${r.error.code}: ${r.error.message}`);
  return r.value;
}

let ws: OpenDatabase;
let db: SqliteHandle;
beforeEach(() => {
  ws = openDatabase(':memory:');
  db = ws.sqlite;
});
afterEach(() => ws.close());

const rows = (sql: string): unknown[] => db.prepare(sql).raw().all();

describe('owner, manager, team, role and hire-date labels', () => {
  const activity = (owner: string): string[] => [
    owner,
    'Subject',
    'Activity Type',
    'Date',
    'Company / Account',
  ];
  it.each([
    ['Assigned'], // Salesforce activity report
    ['Assigned To'],
    ['Assignee'],
    ['Activity owner'],
    ['Task Owner'], // Zoho
    ['Activity - Assigned to user'], // Pipedrive
    ['Owner Alias'],
    ['执行人'],
    ['负责人姓名'],
  ])('activities owned by "%s"', (owner) => {
    const { best } = detectWithValues(activity(owner), []);
    expect(best?.kind).toBe('activities');
    expect(best?.mapping.owner).toBe(owner);
  });

  it.each([
    [
      ['姓名', '直属上级', '所属部门', '职务', '入职时间'],
      ['姓名', '直属上级', '所属部门', '职务', '入职时间'],
    ],
    [
      ['员工姓名', '汇报对象', '部门名称', '岗位名称', '入职日期'],
      ['员工姓名', '汇报对象', '部门名称', '岗位名称', '入职日期'],
    ],
    [
      ['Full Name', 'Reports To: Full Name', 'Department', 'User Role', 'Hire Date'],
      ['Full Name', 'Reports To: Full Name', 'Department', 'User Role', 'Hire Date'],
    ],
    [
      ['Employee Name', 'Supervisor', 'Division', 'Job Title', 'Date of Joining'],
      ['Employee Name', 'Supervisor', 'Division', 'Job Title', 'Date of Joining'],
    ],
    [
      ['Name', 'ManagerId', 'Business Unit', 'Designation', 'Start Date'],
      ['Name', 'ManagerId', 'Business Unit', 'Designation', 'Start Date'],
    ],
  ])('an org export %j', (headers, [rep, manager, team, role, hire]) => {
    const { best } = detectWithValues(headers, []);
    expect(best?.kind).toBe('reps');
    expect(best?.mapping).toMatchObject({ rep, manager, team, role, hire_date: hire });
  });
});

describe('an owner column told by the names of known reps', () => {
  it('maps the column whose values are the workspace reps (upper case, no header we know)', async () => {
    // Names the value rules alone cannot read as people: all capitals.
    const roster = write('roster.csv', 'Sales Rep,Team\nAnn Lee,East\nBo Chen,East\nCy Diaz,West\n');
    expect((await importPaths(db, [roster], NOW)).ok).toBe(true);
    const lines = ['Verkäufer,Phase,Betrag,Abschluss'];
    for (let i = 0; i < 12; i++) {
      const who = ['ANN LEE', 'BO CHEN', 'CY DIAZ'][i % 3] as string;
      lines.push(
        `${who},${i % 2 ? 'Closed Won' : 'Closed Lost'},${100 + i},2024-03-${String(i + 1).padStart(2, '0')}`,
      );
    }
    const file = write('deals-de.csv', `${lines.join('\n')}\n`);
    const engineDir = mkdtempSync(path.join(tmpdir(), 'qc-known-reps-'));
    const engine = new Engine({
      dataDir: engineDir,
      resourcesDir: path.resolve(import.meta.dirname, '../../resources'),
      now: () => new Date(NOW),
    });
    try {
      const first = await engine.handlers['import.stagePath']({ path: roster, fileName: 'roster.csv' });
      if (!first.ok) throw new Error(first.error.message);
      const run = await engine.handlers['import.run']({
        jobId: 'r',
        stagedId: first.value.stagedId,
        kind: 'reps',
        mapping: first.value.mapping,
      });
      if (!run.ok) throw new Error(run.error.message);
      const staged = await engine.handlers['import.stagePath']({ path: file, fileName: 'deals-de.csv' });
      if (!staged.ok) throw new Error(staged.error.message);
      expect(staged.value.kind).toBe('deals');
      expect(staged.value.mapping.owner).toBe('Verkäufer');
      expect(staged.value.guessedFromValues).toContain('owner');
    } finally {
      engine.close();
      rmSync(engineDir, { recursive: true, force: true });
    }
  });

  it('the CLI reads the same file with the workspace reps', async () => {
    const roster = write('roster2.csv', 'Sales Rep,Team\nAnn Lee,East\nBo Chen,East\nCy Diaz,West\n');
    const lines = ['Verkäufer,Phase,Betrag,Abschluss'];
    for (let i = 0; i < 12; i++)
      lines.push(`${['ANN LEE', 'BO CHEN', 'CY DIAZ'][i % 3]},Closed Won,${100 + i},2024-04-0${(i % 9) + 1}`);
    const file = write('deals-de2.csv', `${lines.join('\n')}\n`);
    expect((await importPaths(db, [roster], NOW)).ok).toBe(true);
    const r = await importPaths(db, [file], NOW);
    if (!r.ok) throw new Error(r.error.message);
    expect(rows('SELECT COUNT(*) FROM deals')).toEqual([[12]]);
    expect(rows('SELECT COUNT(*) FROM reps')).toEqual([[3]]);
  });

  it('a file still refused says which column is missing and how to pick it', async () => {
    const file = write(
      'no-owner.csv',
      'Subject,Activity Type,Date\nIntro,Call,2024-03-04\nDemo,Meeting,2024-03-05\n',
    );
    const r = await importPaths(db, [file], NOW);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('missing_columns');
    expect(r.error.params).toMatchObject({ file: 'no-owner.csv', kind: 'activities', fields: 'Owner (rep)' });
    expect(r.error.message).toBe(
      '"no-owner.csv" looks like Activities, but no column was recognised as Owner (rep). In the ' +
        'Import screen, choose "Activities" under "This file holds" and pick the column for Owner (rep) ' +
        'in the mapping table (remembered for files with the same columns), or rename that column "Owner".',
    );
  });
});

describe('closed deals dated by their own columns', () => {
  it('Pipedrive: a lost deal is dated by its lost time, a won deal by its won time', async () => {
    const file = write(
      'pipedrive.csv',
      'Deal - Title,Deal - Value,Deal - Owner,Deal - Stage,Deal - Status,Deal - Won time,Deal - Lost time\n' +
        'A,100,Ann Lee,Proposal Made,lost,,2024-03-04 10:00:00\nB,200,Ann Lee,Negotiations Started,won,2024-03-05 11:00:00,\nC,300,Ann Lee,Lead In,open,,\n',
    );
    const staged = await stage(file);
    const r = await runImport(db, { staged, kind: 'deals', mapping: staged.info.mapping, now: NOW });
    if (!r.ok) throw new Error(r.error.message);
    expect(rows('SELECT name, status, close_date FROM deals ORDER BY id')).toEqual([
      ['A', 'lost', '2024-03-04'],
      ['B', 'won', '2024-03-05'],
      ['C', 'open', null],
    ]);
    expect(r.value.warnings.map((w) => w.code)).not.toContain('missing_close_date');
  });

  it('a close date, else a "closed on", else the status change date', async () => {
    const file = write(
      'closed-on.csv',
      'Owner,Status,Amount,Closed On,Status Change Date\n' +
        'Ann Lee,Won,100,2024-01-10,2024-01-11\nAnn Lee,Lost,50,,2024-02-12\nAnn Lee,Lost,70,2024-03-13,\n',
    );
    const staged = await stage(file);
    expect(staged.info.mapping).toMatchObject({
      close_date: 'Closed On',
      status_changed_date: 'Status Change Date',
    });
    const r = await runImport(db, { staged, kind: 'deals', mapping: staged.info.mapping, now: NOW });
    if (!r.ok) throw new Error(r.error.message);
    expect(rows('SELECT status, close_date FROM deals ORDER BY id')).toEqual([
      ['won', '2024-01-10'],
      ['lost', '2024-02-12'],
      ['lost', '2024-03-13'],
    ]);
  });

  it('Chinese CRM: 赢单日期 and 输单日期', async () => {
    const file = write(
      'zh-dates.csv',
      '负责人,商机名称,状态,商机金额,赢单日期,输单日期\n张伟,甲,赢单,100,2024-05-01,\n张伟,乙,输单,80,,2024-05-02\n',
    );
    const staged = await stage(file);
    const r = await runImport(db, { staged, kind: 'deals', mapping: staged.info.mapping, now: NOW });
    if (!r.ok) throw new Error(r.error.message);
    expect(rows('SELECT status, close_date FROM deals ORDER BY id')).toEqual([
      ['won', '2024-05-01'],
      ['lost', '2024-05-02'],
    ]);
  });
});
