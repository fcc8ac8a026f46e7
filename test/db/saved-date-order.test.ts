import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../engine/api/engine';
import { openDatabase, type OpenDatabase } from '../../engine/db/open-database';
import { importPaths } from '../../engine/import/import-files';
import { saveMapping } from '../../engine/import/saved-mappings';
import type { StagedFile } from '../../shared/api/contract';

/**
 * The user's day/month answer is saved with the mapping (migration 005): the next file with the
 * same headers comes with the question answered, and the app and the CLI read its dates that way.
 */

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/import');
const root = path.resolve(import.meta.dirname, '../..');
const NOW = '2024-07-01T09:00:00.000Z';
const HEADER = 'Opportunity ID,Opportunity Owner,Account Name,Stage,Amount,Close Date,Created Date';
const dir = mkdtempSync(path.join(tmpdir(), 'qc-date-order-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Same headers as all-dates-ambiguous.csv; no date of it passes 12 either. */
function nextMonth(name: string, prefix: string): string {
  const file = path.join(dir, name);
  writeFileSync(
    file,
    [
      HEADER,
      `${prefix}-01,Dana Fox,Acme,Closed Won,1500,2/5/2024,1/3/2024`,
      `${prefix}-02,Eli Grant,Globex,Closed Lost,700,09/10/2024,08/07/2024`,
      '',
    ].join('\n'),
  );
  return file;
}

let engine: Engine;
let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(dir, 'engine-'));
  engine = new Engine({
    dataDir,
    resourcesDir: path.resolve(root, 'resources'),
    now: () => new Date(NOW),
  });
});
afterEach(() => engine.close());

async function stage(file: string): Promise<StagedFile> {
  const r = await engine.handlers['import.stage']({
    fileName: path.basename(file),
    bytes: new Uint8Array(readFileSync(file)),
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function run(staged: StagedFile, jobId: string, dateOrder?: 'mdy' | 'dmy') {
  const r = await engine.handlers['import.run']({
    jobId,
    stagedId: staged.stagedId,
    kind: 'deals',
    mapping: staged.mapping,
    ...(dateOrder ? { dateOrder } : {}),
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const dealDates = (prefix: string): unknown[] =>
  engine.currentWorkspace.sqlite
    .prepare('SELECT external_id, close_date, created_date FROM deals WHERE external_id LIKE ? ORDER BY id')
    .raw()
    .all(`${prefix}-%`);

const savedOrders = (): unknown[] =>
  engine.currentWorkspace.sqlite.prepare('SELECT kind, date_order FROM saved_mappings').raw().all();

describe('the day/month answer saved with the mapping', () => {
  it('pre-answers the next file with the same headers, which the app then reads day-first', async () => {
    const first = await stage(path.join(FIXTURES, 'all-dates-ambiguous.csv'));
    expect(first.dateOrder).toEqual({ decided: null, ambiguousColumns: ['Close Date', 'Created Date'] });
    expect(first.savedDateOrder).toBeNull();
    await run(first, 'first', 'dmy');
    expect(dealDates('AA')[0]).toEqual(['AA-01', '2024-04-03', '2024-02-01']);
    expect(savedOrders()).toEqual([['deals', 'dmy']]);

    // Next month's export: still a question (no value decides it), answered as last time.
    const second = await stage(nextMonth('next-month.csv', 'NM'));
    expect(second).toMatchObject({
      mappingSource: 'saved',
      dateOrder: { decided: null, ambiguousColumns: ['Close Date', 'Created Date'] },
      savedDateOrder: 'dmy',
    });
    // The renderer sends the pre-set answer; without one the engine takes the saved one too.
    const summary = await run(second, 'second');
    expect(dealDates('NM')).toEqual([
      ['NM-01', '2024-05-02', '2024-03-01'],
      ['NM-02', '2024-10-09', '2024-07-08'],
    ]);
    expect(summary.warnings.map((w) => w.code)).not.toContain('dates_assumed_month_first');
  });

  it('keeps the saved answer when the file is detected again', async () => {
    await run(await stage(path.join(FIXTURES, 'all-dates-ambiguous.csv')), 'first', 'dmy');
    const second = await stage(nextMonth('redetect.csv', 'RD'));
    const again = await engine.handlers['import.redetect']({ stagedId: second.stagedId, kind: 'deals' });
    expect(again.ok && again.value.savedDateOrder).toBe('dmy');
  });

  it('saves the answer the user changes to', async () => {
    await run(await stage(path.join(FIXTURES, 'all-dates-ambiguous.csv')), 'first', 'dmy');
    const second = await stage(nextMonth('changed.csv', 'CH'));
    expect(second.savedDateOrder).toBe('dmy');
    await run(second, 'second', 'mdy');
    expect(dealDates('CH')[0]).toEqual(['CH-01', '2024-02-05', '2024-01-03']);
    expect(savedOrders()).toEqual([['deals', 'mdy']]);
    expect((await stage(nextMonth('third.csv', 'TH'))).savedDateOrder).toBe('mdy');
  });

  it('is used by the CLI import instead of month-first', async () => {
    await run(await stage(path.join(FIXTURES, 'all-dates-ambiguous.csv')), 'first', 'dmy');
    const result = await importPaths(engine.currentWorkspace.sqlite, [nextMonth('cli.csv', 'CL')], NOW);
    if (!result.ok) throw new Error(result.error.message);
    expect(dealDates('CL')[0]).toEqual(['CL-01', '2024-05-02', '2024-03-01']);
    expect(result.value[0]?.warnings.map((w) => w.code)).not.toContain('dates_assumed_month_first');
  });
});

describe('the order a file proves', () => {
  let ws: OpenDatabase;
  beforeEach(() => {
    ws = openDatabase(':memory:');
  });
  afterEach(() => ws.close());

  it('is saved too, so a later file of the same report reads the same way in the CLI', async () => {
    const proving = path.join(dir, 'proving.csv');
    // 13/6/2024 proves day-first.
    writeFileSync(proving, `${HEADER}\nPR-01,Dana Fox,Acme,Closed Won,100,13/6/2024,2/3/2024\n`);
    const first = await importPaths(ws.sqlite, [proving], NOW);
    expect(first.ok).toBe(true);
    const second = await importPaths(ws.sqlite, [nextMonth('proven-next.csv', 'PN')], NOW);
    if (!second.ok) throw new Error(second.error.message);
    expect(ws.sqlite.prepare("SELECT close_date FROM deals WHERE external_id = 'PN-01'").pluck().get()).toBe(
      '2024-05-02',
    );
    expect(second.value[0]?.warnings.map((w) => w.code)).not.toContain('dates_assumed_month_first');
  });

  it('without any, an ambiguous file still reads month-first and says so', async () => {
    const result = await importPaths(ws.sqlite, [nextMonth('fresh.csv', 'FR')], NOW);
    if (!result.ok) throw new Error(result.error.message);
    expect(ws.sqlite.prepare("SELECT close_date FROM deals WHERE external_id = 'FR-01'").pluck().get()).toBe(
      '2024-02-05',
    );
    expect(result.value[0]?.warnings.map((w) => w.code)).toContain('dates_assumed_month_first');
    expect(ws.sqlite.prepare('SELECT date_order FROM saved_mappings').pluck().get()).toBeNull();
  });

  it('is dropped when the same headers are saved as another kind', () => {
    const headers = HEADER.split(',');
    saveMapping(ws.sqlite, headers, 'deals', { owner: 'Opportunity Owner' }, NOW);
    ws.sqlite.exec("UPDATE saved_mappings SET date_order = 'dmy'");
    saveMapping(ws.sqlite, headers, 'deals', { owner: 'Opportunity Owner' }, NOW);
    expect(ws.sqlite.prepare('SELECT date_order FROM saved_mappings').pluck().get()).toBe('dmy');
    saveMapping(ws.sqlite, headers, 'activities', { owner: 'Opportunity Owner' }, NOW);
    expect(ws.sqlite.prepare('SELECT date_order FROM saved_mappings').pluck().get()).toBeNull();
  });
});
