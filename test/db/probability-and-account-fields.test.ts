import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase, type SqliteHandle } from '../../engine/db/open-database';
import { runImport } from '../../engine/import/run-import';
import { inspectTable, type StagedTable } from '../../engine/import/stage-file';
import type { ImportSummary } from '../../shared/api/contract';

/**
 * Migration 7's fields through the real import: deals.probability (0..1) and the accounts'
 * employees, decision authority and need. Expected values are read off the files by hand.
 */

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/import');
const DATA = path.resolve(import.meta.dirname, '../../../shared/data');
const NOW = '2024-07-01T09:00:00.000Z';
const dir = mkdtempSync(path.join(tmpdir(), 'qc-man-fields-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const opened: OpenDatabase[] = [];
afterEach(() => {
  for (const o of opened.splice(0)) o.close();
});
const fresh = (): SqliteHandle => {
  const o = openDatabase(':memory:');
  opened.push(o);
  return o.sqlite;
};

async function stage(file: string): Promise<StagedTable> {
  const r = await inspectTable(file, path.basename(file), `test:${file}`, statSync(file).size);
  if (!r.ok) throw new Error(`${file}: ${r.error.code}: ${r.error.message}`);
  return r.value;
}

async function importFile(sqlite: SqliteHandle, file: string): Promise<ImportSummary> {
  const staged = await stage(file);
  if (staged.info.kind === null) throw new Error(`${file}: no kind detected`);
  const r = await runImport(sqlite, {
    staged,
    kind: staged.info.kind,
    mapping: staged.info.mapping,
    now: NOW,
  });
  if (!r.ok) throw new Error(`${file}: ${r.error.code}: ${r.error.message}`);
  return r.value;
}

function csv(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

const rows = (sqlite: SqliteHandle, sql: string): unknown[] => sqlite.prepare(sql).raw().all();

describe('deals.probability', () => {
  const file = path.join(DATA, 'crm-and-sales-pipelines/CRM-and-Sales-Pipelines.csv');

  it('CRM-and-Sales-Pipelines: "Probability, %" is stored as 0..1 on every deal, and re-importing changes nothing', async () => {
    const staged = await stage(file);
    expect(staged.info.kind).toBe('deals');
    expect(staged.info.mapping).toMatchObject({
      probability: 'Probability, %',
      stage: 'Stage',
      status: 'Status',
      amount: 'Deal Value, $',
    });
    const db = fresh();
    const first = await importFile(db, file);
    expect(first.counts).toEqual({ read: 3000, added: 3000, updated: 0, unchanged: 0, rejected: 0 });
    // Counted in the file: 10 149, 20 533, 30 530, 40 580, 50 391, 60 286, 70 138, 80 123, 90 140, 100 130.
    expect(rows(db, 'SELECT probability, count(*) FROM deals GROUP BY 1 ORDER BY 1')).toEqual([
      [0.1, 149],
      [0.2, 533],
      [0.3, 530],
      [0.4, 580],
      [0.5, 391],
      [0.6, 286],
      [0.7, 138],
      [0.8, 123],
      [0.9, 140],
      [1, 130],
    ]);
    // First row: Thoughtblab, John Smith, Churned Customer, 833, 90.
    expect(
      rows(
        db,
        `SELECT a.name, d.status, d.amount, d.probability FROM deals d JOIN accounts a ON a.id = d.account_id
         ORDER BY d.id LIMIT 1`,
      ),
    ).toEqual([['Thoughtblab', 'won', 833, 0.9]]);
    const again = await importFile(db, file);
    expect(again.counts).toEqual({ read: 3000, added: 0, updated: 0, unchanged: 3000, rejected: 0 });
  });

  it('Salesforce Probability (0-100) is stored as 0..1', async () => {
    const db = fresh();
    const summary = await importFile(db, path.join(DATA, 'salesforce-data-export-format/Opportunity.csv'));
    expect(summary.counts.rejected).toBe(0);
    // Counted in the file: 0 29, 10 9, 100 12.
    expect(rows(db, 'SELECT probability, count(*) FROM deals GROUP BY 1 ORDER BY 1')).toEqual([
      [0, 29],
      [0.1, 9],
      [1, 12],
    ]);
  });

  it('reads 60%, 60 and 0.6 alike, rejects what is no probability, and updates a deal whose probability changed', async () => {
    const header = 'Owner,Account,Stage,Amount,Win probability\n';
    const v1 = csv(
      'p1.csv',
      header +
        [
          'Ann Lee,Acme Inc,Proposal,100,60%',
          'Ann Lee,Beta Ltd,Proposal,200,60',
          'Ann Lee,Gamma Corp,Proposal,300,0.6',
          'Ann Lee,Delta Inc,Proposal,400,',
          'Ann Lee,Epsilon Inc,Proposal,500,150',
          'Ann Lee,Zeta Inc,Proposal,600,likely',
        ].join('\n') +
        '\n',
    );
    const db = fresh();
    const first = await importFile(db, v1);
    expect(first.counts).toEqual({ read: 6, added: 4, updated: 0, unchanged: 0, rejected: 2 });
    expect(rows(db, 'SELECT amount, probability FROM deals ORDER BY amount')).toEqual([
      [100, 0.6],
      [200, 0.6],
      [300, 0.6],
      [400, null],
    ]);
    expect(
      rows(db, 'SELECT row_number, reason_code, reason_params_json FROM rejected_rows ORDER BY id'),
    ).toEqual([
      [6, 'invalid_number', JSON.stringify({ value: '150', field: 'Win probability' })],
      [7, 'invalid_number', JSON.stringify({ value: 'likely', field: 'Win probability' })],
    ]);
    // Next month's export: same deals, one probability moved, one filled in. The deals are
    // updated in place (the probability is not part of the key of a row without a CRM id).
    const v2 = csv(
      'p2.csv',
      header +
        [
          'Ann Lee,Acme Inc,Proposal,100,80%',
          'Ann Lee,Beta Ltd,Proposal,200,60',
          'Ann Lee,Gamma Corp,Proposal,300,0.6',
          'Ann Lee,Delta Inc,Proposal,400,25',
        ].join('\n') +
        '\n',
    );
    const second = await importFile(db, v2);
    expect(second.counts).toEqual({ read: 4, added: 0, updated: 2, unchanged: 2, rejected: 0 });
    expect(rows(db, 'SELECT amount, probability FROM deals ORDER BY amount')).toEqual([
      [100, 0.8],
      [200, 0.6],
      [300, 0.6],
      [400, 0.25],
    ]);
  });

  it('a header that says percent reads 1 as 1%', async () => {
    const db = fresh();
    await importFile(
      db,
      csv(
        'pct.csv',
        'Owner,Account,Stage,Amount,Probability (%)\nAnn Lee,Acme Inc,Proposal,100,1\nAnn Lee,Beta Ltd,Proposal,200,45\n',
      ),
    );
    expect(rows(db, 'SELECT amount, probability FROM deals ORDER BY amount')).toEqual([
      [100, 0.01],
      [200, 0.45],
    ]);
  });

  it('a file without a probability column stores none and keeps its hashes (re-import unchanged)', async () => {
    const db = fresh();
    const file = path.join(DATA, 'salesforce-dtc-sample/DTC_Opportunity.csv');
    const first = await importFile(db, file);
    expect(first.counts.added).toBe(1999);
    expect(rows(db, 'SELECT count(*) FROM deals WHERE probability IS NOT NULL')).toEqual([[0]]);
    expect((await importFile(db, file)).counts).toEqual({
      read: 1999,
      added: 0,
      updated: 0,
      unchanged: 1999,
      rejected: 0,
    });
  });
});

describe('accounts: employees, authority, need', () => {
  const en = path.join(FIXTURES, 'accounts-man-fields.csv');
  const zh = path.join(FIXTURES, 'accounts-man-fields-zh.csv');
  const accounts = (db: SqliteHandle): unknown[] =>
    rows(db, 'SELECT name, employees, authority, need FROM accounts ORDER BY id');

  it('English headers: NumberOfEmployees, Decision authority, Rating (Hot / Warm / Cold)', async () => {
    const staged = await stage(en);
    expect(staged.info.kind).toBe('accounts');
    expect(staged.info.mapping).toMatchObject({
      account: 'Account Name',
      industry: 'Industry',
      employees: 'NumberOfEmployees',
      authority: 'Decision authority',
      need: 'Rating',
      annual_revenue: 'Annual Revenue',
      tier: null,
    });
    const db = fresh();
    const first = await importFile(db, en);
    expect(first.counts).toEqual({ read: 8, added: 7, updated: 0, unchanged: 0, rejected: 1 });
    expect(accounts(db)).toEqual([
      ['Northwind Traders Inc', 1200, 1, 1],
      ['Contoso Ltd', 126, 0.5, 0.5],
      ['Fabrikam Corp', 5000, 0, 0],
      ['Tailspin Toys Inc', null, 0.75, 0.8],
      ['Adatum GmbH', 1001, 0, 0.25],
      ['Litware Inc', 300, null, null],
      ['Proseware Ltd', null, 1, null],
    ]);
    // "lots" employees: refused like any unreadable number.
    expect(rows(db, 'SELECT row_number, reason_code, reason_params_json FROM rejected_rows')).toEqual([
      [9, 'invalid_number', JSON.stringify({ value: 'lots', field: 'NumberOfEmployees' })],
    ]);
    const again = await importFile(db, en);
    expect(again.counts).toEqual({ read: 8, added: 0, updated: 0, unchanged: 7, rejected: 1 });
  });

  it('Chinese headers: 员工人数, 决策权, 客户意向', async () => {
    const staged = await stage(zh);
    expect(staged.info.kind).toBe('accounts');
    expect(staged.info.mapping).toMatchObject({
      account: '客户名称',
      industry: '行业',
      employees: '员工人数',
      authority: '决策权',
      need: '客户意向',
      owner: '负责人',
    });
    const db = fresh();
    const first = await importFile(db, zh);
    expect(first.counts).toEqual({ read: 5, added: 5, updated: 0, unchanged: 0, rejected: 0 });
    expect(accounts(db)).toEqual([
      ['华夏科技有限公司', 500, 1, 1],
      ['东方贸易集团', 12000, 0.5, 0.5],
      ['星辰软件有限公司', 75, 0, 0],
      ['蓝海物流有限公司', null, 1, 1],
      ['金桥咨询有限公司', 80, null, 0.5],
    ]);
    const again = await importFile(db, zh);
    expect(again.counts).toEqual({ read: 5, added: 0, updated: 0, unchanged: 5, rejected: 0 });
  });

  it('a later file fills in what an earlier one lacked and keeps what it does not say', async () => {
    const db = fresh();
    await importFile(db, en);
    const later = csv(
      'later.csv',
      'Account Name,Industry,Employees,Need level\nProseware Ltd,Retail,250,High\nNorthwind Traders Inc,Retail,1200,\n',
    );
    const summary = await importFile(db, later);
    expect(summary.counts).toEqual({ read: 2, added: 0, updated: 1, unchanged: 1, rejected: 0 });
    expect(rows(db, "SELECT employees, authority, need FROM accounts WHERE name = 'Proseware Ltd'")).toEqual([
      [250, 1, 1],
    ]);
    expect(
      rows(db, "SELECT employees, authority, need FROM accounts WHERE name = 'Northwind Traders Inc'"),
    ).toEqual([[1200, 1, 1]]);
  });

  it('Salesforce and Maven account lists: the employee counts are stored', async () => {
    const dtc = fresh();
    const s = await importFile(dtc, path.join(DATA, 'salesforce-dtc-sample/DTC_Account.csv'));
    expect(s.counts.rejected).toBe(0);
    // First row: Greer122 Inc, NumberOfEmployees 5000.
    expect(rows(dtc, "SELECT employees FROM accounts WHERE name = 'Greer122 Inc'")).toEqual([[5000]]);
    expect(rows(dtc, 'SELECT count(*) FROM accounts WHERE employees IS NULL')).toEqual([[0]]);
    const maven = fresh();
    await importFile(maven, path.join(DATA, 'maven-crm-sales-opportunities/accounts.csv'));
    // First row: Acme Corporation, employees 2822.
    expect(rows(maven, "SELECT employees FROM accounts WHERE name = 'Acme Corporation'")).toEqual([[2822]]);
  });
});
