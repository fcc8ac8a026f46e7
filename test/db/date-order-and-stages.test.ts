import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../engine/api/engine';
import { openDatabase, type OpenDatabase, type SqliteHandle } from '../../engine/db/open-database';
import { importPaths } from '../../engine/import/import-files';
import { runImport, type ImportRequest } from '../../engine/import/run-import';
import { applySavedMapping } from '../../engine/import/saved-mappings';
import { inspectTable, type StagedTable } from '../../engine/import/stage-file';
import type { ImportSummary } from '../../shared/api/contract';

/**
 * Issue 3: the day/month order of slash dates is asked when no value decides it, and the stage
 * values of a deals file are listed with editable defaults that are saved with the mapping.
 */

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/import');
const NOW = '2024-07-01T09:00:00.000Z';
const fixture = (name: string): string => path.join(FIXTURES, name);
const dir = mkdtempSync(path.join(tmpdir(), 'qc-stages-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function stage(file: string): Promise<StagedTable> {
  const r = await inspectTable(file, path.basename(file), `test:${path.basename(file)}`, statSync(file).size);
  if (!r.ok) throw new Error(`${file}: ${r.error.message}`);
  return r.value;
}

async function importOk(
  sqlite: SqliteHandle,
  staged: StagedTable,
  extra: Partial<ImportRequest> = {},
): Promise<ImportSummary> {
  const r = await runImport(sqlite, {
    staged,
    kind: staged.info.kind ?? 'deals',
    mapping: staged.info.mapping,
    now: NOW,
    ...extra,
  });
  if (!r.ok) throw new Error(`${staged.info.fileName}: ${r.error.message}`);
  return r.value;
}

const rows = (sqlite: SqliteHandle, sql: string): unknown[] => sqlite.prepare(sql).raw().all();

let ws: OpenDatabase;
let db: SqliteHandle;
beforeEach(() => {
  ws = openDatabase(':memory:');
  db = ws.sqlite;
});
afterEach(() => ws.close());

describe('date order found at staging', () => {
  it.each([
    ['us-dates-mdy.csv', { decided: 'mdy', ambiguousColumns: [] }],
    ['eu-dates-dmy.csv', { decided: 'dmy', ambiguousColumns: [] }],
    // Created Date alone fits both orders, but Close Date proves the file day-first.
    ['eu-dates-ambiguous-column.csv', { decided: 'dmy', ambiguousColumns: [] }],
    ['all-dates-ambiguous.csv', { decided: null, ambiguousColumns: ['Close Date', 'Created Date'] }],
    // 2024年3月1日 and 2024/3/5; dotted day-first dates: never a question.
    ['gb18030-chinese-headers.csv', { decided: null, ambiguousColumns: [] }],
    ['utf8-bom-semicolon-decimal-comma.csv', { decided: 'dmy', ambiguousColumns: [] }],
  ])('%s', async (name, expected) => {
    expect((await stage(fixture(name))).info.dateOrder).toEqual(expected);
  });

  it('only for the columns mapped to date fields', async () => {
    const file = path.join(dir, 'unmapped-dates.csv');
    writeFileSync(file, 'Owner,Stage,Amount,Close Date,Note\nAnn,Won,10,2024-03-04,3/4/2024\n');
    const staged = await stage(file);
    expect(staged.info.mapping.close_date).toBe('Close Date');
    expect(staged.info.dateOrder).toEqual({ decided: null, ambiguousColumns: [] });
  });
});

describe('runImport and the date order', () => {
  const dates = (): unknown[] =>
    rows(db, 'SELECT external_id, close_date, created_date FROM deals ORDER BY id');

  it('reads an all-ambiguous file day-first when the user says so', async () => {
    const summary = await importOk(db, await stage(fixture('all-dates-ambiguous.csv')), { dateOrder: 'dmy' });
    expect(dates()).toEqual([
      ['AA-01', '2024-04-03', '2024-02-01'],
      ['AA-02', '2024-06-05', '2024-03-02'],
      ['AA-03', null, '2024-08-07'],
    ]);
    expect(summary.warnings.map((w) => w.code)).not.toContain('dates_assumed_month_first');
  });

  it('reads it month-first when the user says so', async () => {
    await importOk(db, await stage(fixture('all-dates-ambiguous.csv')), { dateOrder: 'mdy' });
    expect(dates()).toEqual([
      ['AA-01', '2024-03-04', '2024-01-02'],
      ['AA-02', '2024-05-06', '2024-02-03'],
      ['AA-03', null, '2024-07-08'],
    ]);
  });

  it('without an answer (the CLI) reads month-first and says so', async () => {
    const summary = await importOk(db, await stage(fixture('all-dates-ambiguous.csv')));
    expect(dates()[0]).toEqual(['AA-01', '2024-03-04', '2024-01-02']);
    expect(summary.warnings).toContainEqual({
      code: 'dates_assumed_month_first',
      params: { columns: 'Close Date, Created Date' },
    });
  });

  it('the answer applies to every column its own values do not decide, never against the values', async () => {
    // Close Date proves day-first (13/6/2024); Created Date (2/3/2024, 5/4/2024) takes the answer.
    await importOk(db, await stage(fixture('eu-dates-ambiguous-column.csv')), { dateOrder: 'mdy' });
    expect(dates()).toEqual([
      ['EA-01', '2024-06-13', '2024-02-03'],
      ['EA-02', '2024-07-01', '2024-05-04'],
    ]);
  });
});

describe('stage values', () => {
  it('are listed at staging with their counts and default outcome and funnel stage', async () => {
    const staged = await stage(fixture('all-dates-ambiguous.csv'));
    expect(staged.info.stages).toEqual([
      {
        field: 'stage',
        column: 'Stage',
        value: 'Closed Lost',
        count: 1,
        status: 'lost',
        funnel: null,
        known: true,
      },
      {
        field: 'stage',
        column: 'Stage',
        value: 'Closed Won',
        count: 1,
        status: 'won',
        funnel: 'signed',
        known: true,
      },
      {
        field: 'stage',
        column: 'Stage',
        value: 'Negotiation',
        count: 1,
        status: 'open',
        funnel: 'target_customer',
        known: true,
      },
    ]);
  });

  it('Chinese stages, with counts, most frequent first', async () => {
    const staged = await stage(fixture('gb18030-chinese-headers.csv'));
    expect(staged.info.stages.map((s) => [s.value, s.status, s.funnel])).toEqual(
      expect.arrayContaining([
        ['赢单', 'won', 'signed'],
        ['输单', 'lost', null],
        ['谈判', 'open', 'target_customer'],
      ]),
    );
    expect(staged.info.stages.reduce((n, s) => n + s.count, 0)).toBe(5);
  });

  it('are empty for other kinds', async () => {
    const file = path.join(dir, 'team.csv');
    writeFileSync(file, 'Sales Agent,Manager,Regional Office\nAnn Lee,Bo Chen,East\n');
    const staged = await stage(file);
    expect(staged.info.kind).toBe('reps');
    expect(staged.info.stages).toEqual([]);
  });

  it("the user's choice changes the stored status and funnel stage, and is reused via the saved mapping", async () => {
    const file = path.join(dir, 'phases.csv');
    const csv =
      'Owner,Stage,Amount,Close Date\nAnn Lee,Stage 7,100,2024-03-04\nAnn Lee,Closed Lost,50,2024-03-05\n';
    writeFileSync(file, csv);
    const staged = await stage(file);
    expect(staged.info.stages.find((s) => s.value === 'Stage 7')).toMatchObject({
      status: 'open',
      known: false,
    });
    const first = await importOk(db, staged, {
      stageMap: {
        'Stage 7': { status: 'won', funnel: 'signed' },
        'Closed Lost': { status: 'lost', funnel: 'target_customer' },
      },
    });
    expect(first.warnings.map((w) => w.code)).not.toContain('unknown_stage');
    expect(rows(db, 'SELECT stage, status, funnel_stage FROM deals ORDER BY id')).toEqual([
      ['Stage 7', 'won', 'signed'],
      ['Closed Lost', 'lost', 'target_customer'],
    ]);

    // Next month's file with the same headers: the saved mapping brings the choices back.
    const next = path.join(dir, 'phases-next.csv');
    writeFileSync(next, 'Owner,Stage,Amount,Close Date\nBo Chen,Stage 7,70,2024-04-04\n');
    const again = applySavedMapping(db, await stage(next));
    expect(again.info.mappingSource).toBe('saved');
    expect(again.info.stages).toEqual([
      {
        field: 'stage',
        column: 'Stage',
        value: 'Stage 7',
        count: 1,
        status: 'won',
        funnel: 'signed',
        known: true,
      },
    ]);
    // The headless path (CLI) uses the saved choices too.
    const cli = await importPaths(db, [next], NOW);
    expect(cli.ok).toBe(true);
    expect(
      rows(
        db,
        "SELECT status, funnel_stage FROM deals WHERE rep_id = (SELECT id FROM reps WHERE name = 'Bo Chen')",
      ),
    ).toEqual([['won', 'signed']]);
  });

  it('changing a choice and importing again updates the deals in place (no CRM ids)', async () => {
    const file = path.join(dir, 'no-ids.csv');
    writeFileSync(
      file,
      'Owner,Stage,Amount,Close Date\nAnn Lee,Stage 7,100,2024-03-04\nAnn Lee,Closed Won,50,2024-03-05\n',
    );
    const first = await importOk(db, await stage(file));
    expect(first.counts).toMatchObject({ added: 2 });
    expect(rows(db, 'SELECT status FROM deals ORDER BY id')).toEqual([['open'], ['won']]);
    const same = await importOk(db, await stage(file));
    expect(same.counts).toMatchObject({ added: 0, updated: 0, unchanged: 2 });
    const changed = await importOk(db, await stage(file), {
      stageMap: { 'Stage 7': { status: 'lost', funnel: 'prospect' } },
    });
    expect(changed.counts).toMatchObject({ added: 0, updated: 1, unchanged: 1 });
    expect(rows(db, 'SELECT stage, status, funnel_stage FROM deals ORDER BY id')).toEqual([
      ['Stage 7', 'lost', 'prospect'],
      ['Closed Won', 'won', 'signed'],
    ]);
  });

  it('Pipedrive: a deal lost while in "Proposal Made" is lost, at the target customer stage', async () => {
    const file = path.join(dir, 'pipedrive.csv');
    writeFileSync(
      file,
      'Deal - Title,Deal - Value,Deal - Owner,Deal - Stage,Deal - Status,Deal - Won time,Deal - Lost time\n' +
        'A,100,Ann Lee,Proposal Made,lost,,2024-03-04\nB,200,Ann Lee,Negotiations Started,won,2024-03-05,\nC,300,Ann Lee,Lead In,open,,\n',
    );
    const staged = await stage(file);
    expect(staged.info.mapping).toMatchObject({ stage: 'Deal - Stage', status: 'Deal - Status' });
    await importOk(db, staged);
    expect(rows(db, 'SELECT name, status, funnel_stage FROM deals ORDER BY id')).toEqual([
      ['A', 'lost', 'target_customer'],
      ['B', 'won', 'signed'],
      ['C', 'open', 'prospect'],
    ]);
  });
});

describe('the engine: remap, run with answers, saved for next time', () => {
  const engineDir = mkdtempSync(path.join(tmpdir(), 'qc-remap-'));
  const engine = new Engine({
    dataDir: engineDir,
    resourcesDir: path.resolve(import.meta.dirname, '../../resources'),
    now: () => new Date('2026-01-02T03:04:05.000Z'),
  });
  afterAll(() => {
    engine.close();
    rmSync(engineDir, { recursive: true, force: true });
  });
  const csv = 'Seller,Phase,Value,Booked\nAnn Lee,Signed up,100,3/4/2024\nBo Chen,Talking,50,05/06/2024\n';

  it('asks for the date order of a hand-mapped column and stores the answer', async () => {
    const staged = await engine.handlers['import.stage']({
      fileName: 'phases.csv',
      bytes: new TextEncoder().encode(csv),
    });
    if (!staged.ok) throw new Error(staged.error.message);
    expect(staged.value.dateOrder).toEqual({ decided: null, ambiguousColumns: [] });
    const mapping = { owner: 'Seller', stage: 'Phase', amount: 'Value', close_date: 'Booked' };
    const remapped = await engine.handlers['import.remap']({
      stagedId: staged.value.stagedId,
      kind: 'deals',
      mapping,
    });
    if (!remapped.ok) throw new Error(remapped.error.message);
    expect(remapped.value.dateOrder).toEqual({ decided: null, ambiguousColumns: ['Booked'] });
    expect(remapped.value.missingRequired).toEqual([]);
    expect(remapped.value.stages.map((s) => [s.value, s.status, s.known])).toEqual([
      ['Signed up', 'open', false],
      ['Talking', 'open', false],
    ]);
    const bad = await engine.handlers['import.remap']({
      stagedId: staged.value.stagedId,
      kind: 'deals',
      mapping: { owner: 'Nope' },
    });
    expect(bad.ok).toBe(false);

    const run = await engine.handlers['import.run']({
      jobId: 'j1',
      stagedId: staged.value.stagedId,
      kind: 'deals',
      mapping,
      dateOrder: 'dmy',
      stageMap: {
        'Signed up': { status: 'won', funnel: 'signed' },
        Talking: { status: 'open', funnel: 'target_customer' },
      },
    });
    if (!run.ok) throw new Error(run.error.message);
    const sqlite = (engine as unknown as { workspace: { sqlite: SqliteHandle } }).workspace.sqlite;
    expect(rows(sqlite, 'SELECT stage, status, funnel_stage, close_date FROM deals ORDER BY id')).toEqual([
      ['Signed up', 'won', 'signed', '2024-04-03'],
      ['Talking', 'open', 'target_customer', '2024-06-05'],
    ]);

    const again = await engine.handlers['import.stage']({
      fileName: 'phases.csv',
      bytes: new TextEncoder().encode(csv),
    });
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value).toMatchObject({ kind: 'deals', mappingSource: 'saved', mapping });
    expect(again.value.dateOrder.ambiguousColumns).toEqual(['Booked']);
    expect(again.value.stages.map((s) => [s.value, s.status, s.funnel, s.known])).toEqual([
      ['Signed up', 'won', 'signed', true],
      ['Talking', 'open', 'target_customer', true],
    ]);
  });
});
