import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../engine/api/engine';
import { openDatabase, type OpenDatabase, type SqliteHandle } from '../../engine/db/open-database';
import { importPaths } from '../../engine/import/import-files';
import { runImport } from '../../engine/import/run-import';
import { inspectTable, type StagedTable } from '../../engine/import/stage-file';

/**
 * Issue #12, item 7: the currency of amounts comes from a currency column, else the amount's
 * header (`Deal Value, $`, `Amount (EUR)`, `金额（元）`), else the values (`€ 1.200`), else the
 * workspace's currency, asked once and changeable in Settings; no amount is stored without a
 * unit when the unit is known or was given.
 */

const NOW = '2024-07-01T09:00:00.000Z';
const CRM = path.resolve(import.meta.dirname, '../../../shared/data/crm-and-sales-pipelines');
const dir = mkdtempSync(path.join(tmpdir(), 'qc-currency-'));
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

const currencies = (): unknown[] =>
  db.prepare('SELECT currency, count(*) FROM deals GROUP BY currency ORDER BY currency').raw().all();

describe('the currency from the header or the values', () => {
  it('"Deal Value, $" of the public sample: every deal in USD', async () => {
    const staged = await stage(path.join(CRM, 'CRM-and-Sales-Pipelines.csv'));
    expect(staged.info.currency).toEqual({ code: 'USD', source: 'header' });
    expect(staged.info.currencyNeeded).toBe(false);
    const r = await runImport(db, { staged, kind: 'deals', mapping: staged.info.mapping, now: NOW });
    if (!r.ok) throw new Error(r.error.message);
    expect(currencies()).toEqual([['USD', 3000]]);
    expect(r.value.warnings.map((w) => w.code)).not.toContain('no_currency');
  });

  it.each([
    ['Amount (EUR)', 'EUR'],
    ['金额（元）', 'CNY'],
    ['Value ¥', 'CNY'],
    ['Revenue in GBP', 'GBP'],
  ])('%s', async (header, code) => {
    const file = write(
      `h-${code}.csv`,
      `Owner,Stage,${header},Close Date\nAnn Lee,Closed Won,100,2024-03-04\n`,
    );
    const staged = await stage(file);
    expect(staged.info.mapping.amount).toBe(header);
    expect(staged.info.currency).toEqual({ code, source: 'header' });
    const r = await runImport(db, { staged, kind: 'deals', mapping: staged.info.mapping, now: NOW });
    if (!r.ok) throw new Error(r.error.message);
    expect(currencies()).toEqual([[code, 1]]);
  });

  it('the values: "€ 1.200,00" says EUR, and the plain amounts of the column take it too', async () => {
    const file = write(
      'v.csv',
      'Owner,Stage,Amount,Close Date\nAnn Lee,Closed Won,€ 1.200,2024-03-04\nAnn Lee,Closed Won,€ 300,2024-03-05\nAnn Lee,Closed Lost,250,2024-03-06\n',
    );
    const staged = await stage(file);
    expect(staged.info.currency).toEqual({ code: 'EUR', source: 'values' });
    const r = await runImport(db, { staged, kind: 'deals', mapping: staged.info.mapping, now: NOW });
    if (!r.ok) throw new Error(r.error.message);
    expect(currencies()).toEqual([['EUR', 3]]);
  });

  it('a file that says nothing: the CLI imports without a unit and says so', async () => {
    const file = write('none.csv', 'Owner,Stage,Amount,Close Date\nAnn Lee,Closed Won,100,2024-03-04\n');
    expect((await stage(file)).info.currencyNeeded).toBe(true);
    const r = await importPaths(db, [file], NOW);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value[0]?.warnings.map((w) => w.code)).toContain('no_currency');
  });
});

describe('the workspace currency, asked once', () => {
  const engineDir = mkdtempSync(path.join(tmpdir(), 'qc-currency-engine-'));
  const engine = new Engine({
    dataDir: engineDir,
    resourcesDir: path.resolve(import.meta.dirname, '../../resources'),
    now: () => new Date(NOW),
  });
  afterAll(() => {
    engine.close();
    rmSync(engineDir, { recursive: true, force: true });
  });
  const csv = (owner: string): Uint8Array =>
    new TextEncoder().encode(`Owner,Stage,Amount,Close Date\n${owner},Closed Won,100,2024-03-04\n`);
  const sqlite = (): SqliteHandle =>
    (engine as unknown as { workspace: { sqlite: SqliteHandle } }).workspace.sqlite;

  it('is asked for the first file without one, then used for the next, and Settings changes it', async () => {
    const first = await engine.handlers['import.stage']({ fileName: 'a.csv', bytes: csv('Ann Lee') });
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.currencyNeeded).toBe(true);
    const run = await engine.handlers['import.run']({
      jobId: 'a',
      stagedId: first.value.stagedId,
      kind: 'deals',
      mapping: first.value.mapping,
      currency: 'EUR',
    });
    if (!run.ok) throw new Error(run.error.message);
    const info = await engine.handlers['workspace.info']({});
    expect(info.ok && info.value.currency).toBe('EUR');

    const second = await engine.handlers['import.stage']({ fileName: 'b.csv', bytes: csv('Bo Chen') });
    if (!second.ok) throw new Error(second.error.message);
    expect(second.value.currency).toEqual({ code: 'EUR', source: 'workspace' });
    expect(second.value.currencyNeeded).toBe(false);
    const again = await engine.handlers['import.run']({
      jobId: 'b',
      stagedId: second.value.stagedId,
      kind: 'deals',
      mapping: second.value.mapping,
    });
    if (!again.ok) throw new Error(again.error.message);
    // A file that says USD keeps USD whatever the workspace's currency.
    const usd = await engine.handlers['import.stage']({
      fileName: 'c.csv',
      bytes: new TextEncoder().encode(
        'Owner,Stage,Amount (USD),Close Date\nCy Diaz,Closed Won,100,2024-03-04\n',
      ),
    });
    if (!usd.ok) throw new Error(usd.error.message);
    const third = await engine.handlers['import.run']({
      jobId: 'c',
      stagedId: usd.value.stagedId,
      kind: 'deals',
      mapping: usd.value.mapping,
    });
    if (!third.ok) throw new Error(third.error.message);
    const byRep = (): unknown[] =>
      sqlite()
        .prepare('SELECT r.name, d.currency FROM deals d JOIN reps r ON r.id = d.rep_id ORDER BY d.id')
        .raw()
        .all();
    expect(byRep()).toEqual([
      ['Ann Lee', 'EUR'],
      ['Bo Chen', 'EUR'],
      ['Cy Diaz', 'USD'],
    ]);

    const changed = await engine.handlers['workspace.setCurrency']({ currency: 'GBP' });
    if (!changed.ok) throw new Error(changed.error.message);
    expect(changed.value.currency).toBe('GBP');
    expect(byRep()).toEqual([
      ['Ann Lee', 'GBP'],
      ['Bo Chen', 'GBP'],
      ['Cy Diaz', 'USD'],
    ]);
    const badCode = await engine.handlers['workspace.setCurrency']({ currency: 'euro' });
    expect(badCode.ok).toBe(false);
  });
});
