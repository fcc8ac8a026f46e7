import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteHandle } from '../../engine/db/open-database';
import { runImport } from '../../engine/import/run-import';
import { inspectTable, type StagedTable } from '../../engine/import/stage-file';
import { convertSheetToCsv } from '../../engine/import/xlsx/xlsx-reader';
import type { ImportSummary } from '../../shared/api/contract';

/**
 * XLSX → CSV → the existing importer, unchanged: the converted CSV is staged with inspectTable and
 * imported with runImport into an in-memory workspace, and the public CRM workbook must give
 * exactly what its own CSV export gives.
 */

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/xlsx');
const DATA = path.resolve(import.meta.dirname, '../../../shared/data/crm-and-sales-pipelines');
const NOW = '2024-07-01T09:00:00.000Z';
const dir = mkdtempSync(path.join(tmpdir(), 'qc-xlsx-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function toCsv(xlsx: string, sheet?: string): Promise<string> {
  const output = path.join(dir, `${path.basename(xlsx)}.csv`);
  const r = await convertSheetToCsv(xlsx, output, sheet === undefined ? {} : { sheet });
  if (!r.ok) throw new Error(`${xlsx}: ${r.error.code}: ${r.error.message}`);
  return output;
}

async function stage(csvPath: string, fileName: string): Promise<StagedTable> {
  const r = await inspectTable(csvPath, fileName, 'id', statSync(csvPath).size);
  if (!r.ok) throw new Error(`${csvPath}: ${r.error.code}: ${r.error.message}`);
  return r.value;
}

async function importStaged(sqlite: SqliteHandle, staged: StagedTable): Promise<ImportSummary> {
  const kind = staged.info.kind;
  if (kind === null) throw new Error(`${staged.info.fileName}: no kind detected`);
  const r = await runImport(sqlite, { staged, kind, mapping: staged.info.mapping, now: NOW });
  if (!r.ok) throw new Error(`${staged.info.fileName}: ${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** [external id, rep, account, stage, status, amount, currency, close date, created date] */
function dealTuples(sqlite: SqliteHandle): unknown[][] {
  return sqlite
    .prepare(
      `SELECT d.external_id, r.name AS rep, a.name AS account, d.stage, d.status, d.amount, d.currency,
              d.close_date, d.created_date
       FROM deals d LEFT JOIN reps r ON r.id = d.rep_id LEFT JOIN accounts a ON a.id = d.account_id
       ORDER BY d.id`,
    )
    .raw()
    .all() as unknown[][];
}

describe('chinese-deals.xlsx through the CSV importer', () => {
  it('is staged as deals from its Chinese headers', async () => {
    const staged = await stage(await toCsv(path.join(FIXTURES, 'chinese-deals.xlsx')), 'x.xlsx');
    expect(staged.format).toEqual({ encoding: 'utf-8', bomLength: 0, delimiter: ',', lineBreak: '\n' });
    expect(staged.info.headers).toEqual([
      '负责人',
      '客户名称',
      '商机金额',
      '销售阶段',
      '结单日期',
      '创建日期',
    ]);
    expect(staged.info.kind).toBe('deals');
    expect(staged.info.preset).toBe('chinese-crm');
    expect(staged.info.missingRequired).toEqual([]);
    expect(staged.info.mapping).toMatchObject({
      owner: '负责人',
      account: '客户名称',
      amount: '商机金额',
      stage: '销售阶段',
      close_date: '结单日期',
      created_date: '创建日期',
    });
  });

  it('stores the deals with their amounts, statuses and ISO dates', async () => {
    const db = openDatabase(':memory:');
    try {
      const staged = await stage(await toCsv(path.join(FIXTURES, 'chinese-deals.xlsx')), 'x.xlsx');
      const summary = await importStaged(db.sqlite, staged);
      expect(summary.counts).toEqual({ read: 4, added: 4, updated: 0, unchanged: 0, rejected: 0 });
      // No currency in the workbook and none for the workspace: said (issue #12).
      expect(summary.warnings).toEqual([{ code: 'no_currency' }]);
      expect(dealTuples(db.sqlite)).toEqual([
        [null, '张伟', '北京星辰科技有限公司', '赢单', 'won', 125_000, null, '2024-03-01', '2024-01-15'],
        [null, '李娜', '上海明月贸易有限公司', '输单', 'lost', 80_000, null, '2024-03-05', '2024-02-01'],
        [null, '王芳', '深圳海风电子有限公司', '谈判', 'open', 1_200_000, null, null, '2024-03-05'],
        [null, '刘洋', '杭州青松软件有限公司', '输单', 'lost', 45_000, null, '2024-05-20', '2024-04-01'],
      ]);
      expect(db.sqlite.prepare('SELECT name FROM reps ORDER BY id').pluck().all()).toEqual([
        '张伟',
        '李娜',
        '王芳',
        '刘洋',
      ]);
    } finally {
      db.close();
    }
  });
});

describe('title-row.xlsx through the CSV importer', () => {
  it('finds the header under the title row and stores the deals', async () => {
    const staged = await stage(await toCsv(path.join(FIXTURES, 'title-row.xlsx')), 'report.xlsx');
    expect(staged.info.headerLine).toBe(2);
    expect(staged.info.warnings).toEqual([{ code: 'title_rows_skipped', params: { count: 1 } }]);
    expect(staged.info.kind).toBe('deals');
    const db = openDatabase(':memory:');
    try {
      const summary = await importStaged(db.sqlite, staged);
      expect(summary.counts).toEqual({ read: 3, added: 3, updated: 0, unchanged: 0, rejected: 0 });
      expect(dealTuples(db.sqlite)).toEqual([
        ['T-1', 'Ann Lee', 'Acme', 'Closed Won', 'won', 1200.5, null, '2024-03-01', null],
        ['T-2', 'Bob Ray', 'Globex', 'Closed Lost', 'lost', 800, null, '2024-03-12', null],
        ['T-3', 'Ann Lee', 'Initech', 'Negotiation', 'open', 5000, null, '2024-04-30', null],
      ]);
    } finally {
      db.close();
    }
  });
});

describe('the public CRM workbook (crm-and-sales-pipelines)', () => {
  const xlsx = path.join(DATA, 'CRM-and-Sales-Pipelines.xlsx');
  const exportCsv = path.join(DATA, 'CRM-and-Sales-Pipelines.csv');
  const parse = (text: string): string[][] => Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
  /** The CSV export writes US M/D/YYYY dates; the conversion writes ISO. */
  const usToIso = (v: string): string => {
    const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
    return m ? `${m[3]}-${(m[1] as string).padStart(2, '0')}-${(m[2] as string).padStart(2, '0')}` : v;
  };

  it('converts CRM_data to the same 3,000 rows as the CSV export of the same data', async () => {
    const converted = parse(readFileSync(await toCsv(xlsx, 'CRM_data'), 'utf8'));
    const exported = parse(readFileSync(exportCsv, 'utf8')).map((r) => r.map(usToIso));
    expect(converted.length).toBe(3001);
    expect(converted[0]).toEqual([
      'Organization',
      'Country',
      'Lattitude',
      'Longitude',
      'Industry',
      'Organization size',
      'Owner',
      'Lead acquisition date',
      'Product',
      'Status',
      'Status sequence',
      'Stage',
      'Stage sequence',
      'Deal Value, $',
      'Probability, %',
      'Expected close date',
      'Actual close date',
    ]);
    expect(converted[1]).toEqual([
      'Thoughtblab',
      'Netherlands',
      '52.370216',
      '4.895168',
      'Banking and Finance',
      'Small (11-200)',
      'John Smith',
      '2024-04-20',
      'SAAS',
      'Churned Customer',
      '7',
      '',
      '',
      '833',
      '90',
      '2024-08-07',
      '2024-06-27',
    ]);
    expect(converted[1500]).toEqual([
      'Dooley, Jast and Lindgren',
      'Switzerland',
      '46.204391',
      '6.143158',
      'Government Administration Healthcare',
      'Micro (1-10)',
      'Jessica Martinez',
      '2024-05-18',
      'Services',
      'Opportunity',
      '5',
      'Nurturing',
      '3',
      '475',
      '50',
      '2024-09-27',
      '',
    ]);
    expect(converted[3000]).toEqual([
      'Lang-Mraz',
      'Switzerland',
      '46.204391',
      '6.143158',
      'Banking and Finance',
      'Enterprise (1001+)',
      'Laura Thompson',
      '2024-05-20',
      'Custom solution',
      'Sales Accepted',
      '4',
      '',
      '',
      '2680',
      '20',
      '2024-08-31',
      '',
    ]);
    // Every other cell too, dates compared after normalising the export's M/D/YYYY.
    expect(converted).toEqual(exported);
  });

  it('converts the Dictionary sheet by name', async () => {
    const r = await convertSheetToCsv(xlsx, path.join(dir, 'dictionary.csv'), { sheet: 'Dictionary' });
    expect(r).toEqual({
      ok: true,
      value: { sheets: ['CRM_data', 'Dictionary'], sheet: 'Dictionary', rows: 30, columns: 2 },
    });
    const rows = parse(readFileSync(path.join(dir, 'dictionary.csv'), 'utf8'));
    expect(rows.slice(0, 3)).toEqual([
      [
        'Organization',
        "Organization that has been identified as a lead and entered into the company's CRM system.",
      ],
      ['Country', 'Country where the organization is based.'],
      ['Latitude', 'Latitude of the country'],
    ]);
  });

  it('imports the same deals as its CSV export', async () => {
    const fromXlsx = openDatabase(':memory:');
    const fromCsv = openDatabase(':memory:');
    try {
      const a = await importStaged(
        fromXlsx.sqlite,
        await stage(await toCsv(xlsx), 'CRM-and-Sales-Pipelines.xlsx'),
      );
      const b = await importStaged(fromCsv.sqlite, await stage(exportCsv, 'CRM-and-Sales-Pipelines.csv'));
      expect(a.counts).toEqual({ read: 3000, added: 3000, updated: 0, unchanged: 0, rejected: 0 });
      expect(a.counts).toEqual(b.counts);
      const deals = dealTuples(fromXlsx.sqlite);
      expect(deals[0]).toEqual([
        null,
        'John Smith',
        'Thoughtblab',
        'Churned Customer',
        'won',
        833,
        'USD', // "Deal Value, $" (issue #12)
        '2024-06-27',
        '2024-04-20',
      ]);
      expect(deals).toEqual(dealTuples(fromCsv.sqlite));
    } finally {
      fromXlsx.close();
      fromCsv.close();
    }
  });
});
