import { defaultAnalysisSettings } from '../../shared/analysis/settings';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRankingView } from '../../engine/analysis/ranking-view';
import { importPaths } from '../../engine/import/import-files';
import { runImport } from '../../engine/import/run-import';
import { inspectTable } from '../../engine/import/stage-file';
import { Workspace } from '../../engine/workspace/workspace';
import { parsePeriod } from '../../shared/period/period';
import { statSync } from 'node:fs';

/**
 * Microsoft's Adventure Works reseller data: a roster with two ids per person (EmployeeKey and
 * EmployeeID), wide monthly targets keyed by EmployeeID in UTF-16LE, and order lines keyed by
 * EmployeeKey. Reps must come out as one person each, whichever file is imported first.
 */
const AW = resolve(import.meta.dirname, '../../../shared/data/adventureworks-reseller-quotas');
const NOW = '2026-01-01T00:00:00.000Z';
const files = {
  roster: resolve(AW, 'SalespersonPerformance.csv'),
  targets: resolve(AW, 'ResellerSalesTargets.csv'),
  orders: resolve(AW, 'FactResellerSales.csv'),
  resellers: resolve(AW, 'Resellers.csv'),
};

/** Imports files one by one in the given order, as a user dropping them one at a time would. */
async function importInOrder(ws: Workspace, paths: string[]): Promise<void> {
  for (const path of paths) {
    const staged = await inspectTable(path, path, path, statSync(path).size);
    if (!staged.ok || !staged.value.info.kind) throw new Error(`${path} not staged`);
    const r = await runImport(ws.sqlite, {
      staged: staged.value,
      kind: staged.value.info.kind,
      mapping: staged.value.info.mapping,
      now: NOW,
    });
    if (!r.ok) throw new Error(`${path}: ${r.error.message}`);
  }
  ws.invalidate();
}

function facts(ws: Workspace) {
  const q = (sql: string, ...args: unknown[]): unknown =>
    ws.sqlite
      .prepare(sql)
      .pluck()
      .get(...args);
  return {
    reps: q('SELECT count(*) FROM reps'),
    deals: q('SELECT count(*) FROM deals'),
    won: q("SELECT count(*) FROM deals WHERE status = 'won'"),
    quotas: q('SELECT count(*) FROM quotas'),
    jillian2018: q(
      `SELECT round(sum(d.amount), 2) FROM deals d JOIN reps r ON r.id = d.rep_id
       WHERE r.name = 'Jillian Carson' AND d.close_date LIKE '2018%'`,
    ),
    brianQuota: ws.sqlite
      .prepare(
        `SELECT q.period_start, q.period_end, q.amount FROM quotas q JOIN reps r ON r.id = q.rep_id
         WHERE r.name = 'Brian Welcker' AND q.period_start IN ('2018-01-01', '2018-12-01') ORDER BY q.period_start`,
      )
      .all(),
    firstLine: ws.sqlite
      .prepare(
        `SELECT r.name AS rep, a.name AS account, d.amount, d.close_date, d.status FROM deals d
         JOIN reps r ON r.id = d.rep_id LEFT JOIN accounts a ON a.id = d.account_id ORDER BY d.id LIMIT 1`,
      )
      .get(),
  };
}

describe('Adventure Works: roster, wide targets and order lines', () => {
  it('imports roster first, then targets and orders, as one rep per person', async () => {
    const ws = new Workspace(':memory:', false);
    const r = await importPaths(ws.sqlite, [files.orders, files.targets, files.roster, files.resellers], NOW);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // importPaths sorts: roster and accounts before deals and quotas.
    expect(r.value.map((s) => s.kind)).toEqual(['reps', 'accounts', 'deals', 'quotas']);
    expect(r.value.map((s) => s.counts.rejected)).toEqual([0, 0, 0, 0]);
    const f = facts(ws);
    expect(f).toMatchObject({ reps: 18, deals: 57_851, won: 57_851, quotas: 809, jillian2018: 3_814_937.87 });
    expect(f.brianQuota).toEqual([
      { period_start: '2018-01-01', period_end: '2018-01-31', amount: 650 },
      { period_start: '2018-12-01', period_end: '2018-12-31', amount: 2000 },
    ]);
    // SO43659's first line: EmployeeKey 285 is Tsvi Reiter, ResellerKey 676 is Better Bike Shop.
    expect(f.firstLine).toMatchObject({
      rep: 'Tsvi Reiter',
      account: 'Better Bike Shop',
      amount: 2024.99,
      close_date: '2017-07-01',
      status: 'won',
    });
    const period = parsePeriod('2018');
    if (!period.ok) throw new Error();
    const view = buildRankingView(
      ws.getWorkingSet(),
      period.value,
      ws.dataRange(),
      defaultAnalysisSettings(),
    );
    // 14 of the 17 sales people had orders in 2018 (10 in 2017, 17 in 2019); the rest are listed, not ranked.
    expect(view.rankedCount).toBe(14);
    expect(view.rows).toHaveLength(18);
    expect(view.rows.find((row) => row.rep === 'Jillian Carson')?.values.won_revenue).toBeCloseTo(
      3_814_937.87,
      2,
    );
    ws.close();
  });

  it('merges the placeholder reps when orders and targets arrive before the roster', async () => {
    const ws = new Workspace(':memory:', false);
    await importInOrder(ws, [files.orders, files.targets]);
    // Before the roster, reps are only known by their ids: 17 keys and 18 employee ids.
    expect(ws.sqlite.prepare('SELECT count(*) FROM reps').pluck().get()).toBe(35);
    await importInOrder(ws, [files.roster, files.resellers]);
    const f = facts(ws);
    expect(f).toMatchObject({ reps: 18, deals: 57_851, quotas: 809, jillian2018: 3_814_937.87 });
    expect(f.brianQuota).toHaveLength(2);
    expect(f.firstLine).toMatchObject({ rep: 'Tsvi Reiter', account: 'Better Bike Shop', amount: 2024.99 });
    ws.close();
  });
});
