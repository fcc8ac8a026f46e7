import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildRankingView } from '../../engine/analysis/ranking-view';
import { loadWorkingSet } from '../../engine/analysis/working-set';
import { importPaths } from '../../engine/import/import-files';
import { undoImport } from '../../engine/import/undo-import';
import { Workspace } from '../../engine/workspace/workspace';
import { defaultAnalysisSettings } from '../../shared/analysis/settings';
import type { RankingView } from '../../shared/api/contract';
import { parsePeriod } from '../../shared/period/period';

/**
 * Deal history (OpportunityHistory snapshots) imported into a real workspace file, and forecast
 * accuracy computed from it. The expected figures come from a separate script that reads the
 * two CSV files with Python's csv module and applies the written rule (docs/kpis.md): for each
 * opportunity the latest history row with CreatedDate <= the period's first day (same day: the
 * later row), when its stage is not Closed Won / Closed Lost and its CloseDate is inside the
 * period, Amount × Probability / 100; against the Amount of DTC_Opportunity rows with StageName
 * Closed Won and CloseDate inside the period.
 */
const DTC = resolve(import.meta.dirname, '../../../shared/data/salesforce-dtc-sample');
const DEALS = resolve(DTC, 'DTC_Opportunity.csv');
const HISTORY = resolve(DTC, 'DTC_OpportunityHistory.csv');
const NOW = '2026-01-01T00:00:00.000Z';

let dir = '';
let ws: Workspace;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qc-history-'));
  ws = new Workspace(join(dir, 'workspace.sqlite'), false);
});
afterEach(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

const q = (sql: string): unknown => ws.sqlite.prepare(sql).pluck().get();

function view(periodText: string): RankingView {
  const p = parsePeriod(periodText);
  if (!p.ok) throw new Error(periodText);
  ws.invalidate();
  return buildRankingView(ws.getWorkingSet(), p.value, ws.dataRange(), defaultAnalysisSettings());
}

async function importAll(files: string[]) {
  const r = await importPaths(ws.sqlite, files, NOW);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** Every stored row of the tables an import writes, for "nothing changed" checks. */
const tables = (): unknown[] =>
  ['import_batches', 'deals', 'deal_snapshots', 'reps', 'accounts', 'rejected_rows'].map((t) =>
    ws.sqlite.prepare(`SELECT * FROM ${t} ORDER BY 1`).all(),
  );

describe('deal history: the Salesforce DTC OpportunityHistory sample', () => {
  it('is detected as deal history and every row is linked to its opportunity by name', async () => {
    // Given history first: the import orders deals before the history that names them.
    const summaries = await importAll([HISTORY, DEALS]);
    expect(summaries.map((s) => s.kind)).toEqual(['deals', 'deal_history']);
    const history = summaries[1]!;
    expect(history.counts).toEqual({ read: 387, added: 387, updated: 0, unchanged: 0, rejected: 0 });
    expect(history.warnings).toEqual([]);
    expect(history.mapping).toMatchObject({
      deal_name: 'OpportunityName',
      created_date: 'CreatedDate',
      snapshot_date: null,
      stage: 'StageName',
      amount: 'Amount',
      expected_close_date: 'CloseDate',
      probability: 'Probability',
      forecast_category: 'ForecastCategory',
    });
    expect(q('SELECT count(*) FROM deal_snapshots WHERE deal_id IS NULL')).toBe(0);
    expect(q('SELECT count(DISTINCT deal_id) FROM deal_snapshots')).toBe(291);
    expect(
      ws.sqlite
        .prepare('SELECT status, count(*) FROM deal_snapshots GROUP BY status ORDER BY status')
        .raw()
        .all(),
    ).toEqual([
      ['lost', 35],
      ['open', 274],
      ['won', 78],
    ]);
    // The file's first row: "Opportunity for Conner5,2015-09-26,32400,2015-07-01,Qualification,Pipeline,10,...".
    expect(
      ws.sqlite
        .prepare(
          `SELECT s.deal_name, s.snapshot_date, s.stage, s.status, s.funnel_stage, s.amount, s.expected_close_date,
             s.probability, s.forecast_category, d.name AS deal
           FROM deal_snapshots s JOIN deals d ON d.id = s.deal_id ORDER BY s.id LIMIT 1`,
        )
        .get(),
    ).toEqual({
      deal_name: 'Opportunity for Conner5',
      snapshot_date: '2015-07-01',
      stage: 'Qualification',
      status: 'open',
      funnel_stage: 'target_customer',
      amount: 32400,
      expected_close_date: '2015-09-26',
      probability: 0.1,
      forecast_category: 'Pipeline',
      deal: 'Opportunity for Conner5',
    });
    const snapshots = loadWorkingSet(ws.sqlite).snapshots;
    expect(snapshots.length).toBe(387);
    expect(snapshots.unmatched).toBe(0);
    // Ordered by day: the earliest snapshot is from 2014-11.
    expect(snapshots.day[0]).toBeLessThanOrEqual(snapshots.day[386]!);
  });

  it('forecast accuracy for 2015-Q3, 2015-07 and 2015-Q2 matches the independent computation', async () => {
    await importAll([DEALS, HISTORY]);
    const q3 = view('2015-Q3');
    expect(q3.forecast.accuracyUnavailable).toBeNull();
    const a = q3.forecast.accuracy!;
    expect(a.period.id).toBe('2015-Q3');
    expect(a.asOf).toBe('2015-07-01');
    expect(a.forecast).toBeCloseTo(57_400_551.7, 4);
    expect(a.actual).toBe(9_470_842);
    expect(a.deals).toBe(115);
    expect(a.wonDeals).toBe(10);
    expect(a.wonInForecast).toBe(0);
    expect(a.ratio).toBeCloseTo(9_470_842 / 57_400_551.7, 12);
    expect(a.accuracy).toBeCloseTo(0.16499566153124623, 12);
    // The sample's data ends in 2015-Q3.
    expect(a.periodComplete).toBe(false);
    const bruce = q3.rows.find((r) => r.rep === 'Bruce Kennedy')!;
    expect(bruce.forecast.accuracy).toMatchObject({
      forecast: 8_198_793,
      actual: 98_850,
      deals: 7,
      wonDeals: 1,
    });
    expect(bruce.forecast.accuracy!.accuracy).toBeCloseTo(0.012056652729249273, 12);
    const johnny = q3.rows.find((r) => r.rep === 'Johnny Green')!;
    expect(johnny.forecast.accuracy).toMatchObject({
      forecast: 5_988_554,
      actual: 0,
      deals: 10,
      accuracy: 0,
    });

    const july = view('2015-07').forecast.accuracy!;
    expect(july.forecast).toBeCloseTo(29_003_725.8, 4);
    expect(july.actual).toBe(9_470_842);
    expect(july.deals).toBe(44);
    expect(july.accuracy).toBeCloseTo(0.3265388062660557, 12);

    const q2 = view('2015-Q2').forecast.accuracy!;
    expect(q2.forecast).toBe(1_158_354);
    expect(q2.actual).toBe(104_477_945);
    expect(q2.deals).toBe(4);
    expect(q2.wonDeals).toBe(109);
    expect(q2.accuracy).toBeCloseTo(0.011087067227442127, 12);
    expect(q2.periodComplete).toBe(true);
    // Per rep: Bruce Kennedy had nothing forecast for Q2 but won: accuracy 0, no ratio.
    const bruceQ2 = view('2015-Q2').rows.find((r) => r.rep === 'Bruce Kennedy')!.forecast.accuracy!;
    expect(bruceQ2).toMatchObject({ forecast: 0, actual: 11_967_960, ratio: null, accuracy: 0 });
  });

  it('before the history starts, accuracy is unavailable with its reason, not 0', async () => {
    await importAll([DEALS, HISTORY]);
    const v = view('2014-Q4');
    expect(v.forecast.accuracy).toBeNull();
    expect(v.forecast.accuracyUnavailable).toBe('no_history_before_period');
    expect(v.rows.every((r) => r.forecast.accuracy === null)).toBe(true);
  });

  it('importing the same files again changes nothing', async () => {
    await importAll([DEALS, HISTORY]);
    const before = tables().slice(1);
    const again = await importAll([HISTORY]);
    expect(again[0]!.counts).toEqual({ read: 387, added: 0, updated: 0, unchanged: 387, rejected: 0 });
    expect(tables().slice(1)).toEqual(before);
  });

  it('undo removes the snapshots and only them; accuracy is then unavailable', async () => {
    const [deals, history] = await importAll([DEALS, HISTORY]);
    expect(view('2015-Q3').forecast.accuracy).not.toBeNull();
    const dealsBefore = ws.sqlite.prepare('SELECT * FROM deals ORDER BY id').all();
    expect(undoImport(ws.sqlite, history!.batchId)).toEqual({
      deals: 0,
      activities: 0,
      quotas: 0,
      kpiValues: 0,
      snapshots: 387,
      reps: 0,
      accounts: 0,
    });
    expect(q('SELECT count(*) FROM deal_snapshots')).toBe(0);
    expect(ws.sqlite.prepare('SELECT * FROM deals ORDER BY id').all()).toEqual(dealsBefore);
    expect(q(`SELECT count(*) FROM import_batches WHERE id = ${history!.batchId}`)).toBe(0);
    const v = view('2015-Q3');
    expect(v.forecast.accuracy).toBeNull();
    expect(v.forecast.accuracyUnavailable).toBe('no_history');
    expect(deals!.kind).toBe('deals');
  });

  it('history imported before its deals is linked when the deals arrive; undoing the deals unlinks it', async () => {
    const [history] = await importAll([HISTORY]);
    expect(history!.warnings).toEqual([{ code: 'snapshots_unmatched', params: { count: 387 } }]);
    expect(q('SELECT count(*) FROM deal_snapshots WHERE deal_id IS NULL')).toBe(387);
    expect(loadWorkingSet(ws.sqlite).snapshots).toMatchObject({ length: 0, unmatched: 387 });
    expect(view('2015-Q3').forecast.accuracyUnavailable).toBe('no_history');

    const [deals] = await importAll([DEALS]);
    // The working set links them by name: the same figures as when the deals came first.
    expect(loadWorkingSet(ws.sqlite).snapshots).toMatchObject({ length: 387, unmatched: 0 });
    expect(view('2015-Q3').forecast.accuracy!.forecast).toBeCloseTo(57_400_551.7, 4);
    // Importing the history again now stores the link: an update, not new rows.
    const [again] = await importAll([HISTORY]);
    expect(again!.counts).toMatchObject({ added: 0, updated: 387, unchanged: 0 });
    expect(q('SELECT count(*) FROM deal_snapshots WHERE deal_id IS NULL')).toBe(0);

    undoImport(ws.sqlite, deals!.batchId);
    expect(q('SELECT count(*) FROM deal_snapshots')).toBe(387);
    expect(q('SELECT count(*) FROM deal_snapshots WHERE deal_id IS NULL')).toBe(387);
    expect(view('2015-Q3').forecast.accuracyUnavailable).toBe('no_history');
  });
});

describe('deal history: unreadable rows and other layouts', () => {
  it('rejects rows without a deal, a date or a readable number, with the reason, in one transaction', async () => {
    await importAll([DEALS]);
    const file = join(dir, 'snapshots-zh.csv');
    writeFileSync(
      file,
      [
        '商机名称,快照日期,销售阶段,金额,预计成交日期,赢率,预测类别',
        'Opportunity for Conner5,2015-06-01,Qualification,30000,2015-09-26,10%,Pipeline',
        ',2015-06-01,Qualification,100,2015-09-26,10%,Pipeline',
        'Opportunity for Conner5,,Qualification,100,2015-09-26,10%,Pipeline',
        'Opportunity for Conner5,not a date,Qualification,100,2015-09-26,10%,Pipeline',
        'Opportunity for Conner5,2015-06-02,Qualification,lots,2015-09-26,10%,Pipeline',
        'Opportunity for Conner5,2015-06-03,Qualification,100,2015-09-26,250%,Pipeline',
        'Nobody knows this deal,2015-06-04,Closed Won,100,2015-06-04,100%,Closed',
      ].join('\n'),
    );
    const [s] = await importAll([file]);
    expect(s!.kind).toBe('deal_history');
    expect(s!.counts).toEqual({ read: 7, added: 2, updated: 0, unchanged: 0, rejected: 5 });
    expect(s!.rejectedSample.map((r) => [r.rowNumber, r.reason.code])).toEqual([
      [3, 'missing_required'],
      [4, 'missing_required'],
      [5, 'invalid_date'],
      [6, 'invalid_number'],
      [7, 'invalid_number'],
    ]);
    expect(s!.warnings).toContainEqual({ code: 'snapshots_unmatched', params: { count: 1 } });
    expect(q('SELECT count(*) FROM rejected_rows')).toBe(5);
    expect(
      ws.sqlite
        .prepare('SELECT deal_id IS NOT NULL AS linked, status, probability FROM deal_snapshots ORDER BY id')
        .all(),
    ).toEqual([
      { linked: 1, status: 'open', probability: 0.1 },
      { linked: 0, status: 'won', probability: 1 },
    ]);
  });

  it('a stage-history report with an owner column and a snapshot date is history, not deals', async () => {
    const file = join(dir, 'stage-history-report.csv');
    writeFileSync(
      file,
      [
        'Opportunity Owner,Opportunity Name,Stage,Amount,Probability (%),Close Date,Snapshot Date',
        'Laura Palmer,Opportunity for Greer1,Prospecting,1000,10,2015-09-01,2015-06-30',
      ].join('\n'),
    );
    const [s] = await importAll([file]);
    expect(s!.kind).toBe('deal_history');
    expect(q('SELECT count(*) FROM deals')).toBe(0);
    expect(q('SELECT snapshot_date FROM deal_snapshots')).toBe('2015-06-30');
  });
});
