import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../engine/api/engine';
import { importPaths } from '../../engine/import/import-files';
import { Workspace } from '../../engine/workspace/workspace';
import { buildRankingView, buildTrendView } from '../../engine/analysis/ranking-view';
import { defaultAnalysisSettings, type AnalysisSettings } from '../../shared/analysis/settings';
import { parsePeriod, type Period } from '../../shared/period/period';

/**
 * The KPI engine against the public CRM samples in ../shared/data, each figure checked against
 * a SQL query written independently of the engine's code.
 */
const DATA = resolve(import.meta.dirname, '../../../shared/data');
const DTC = resolve(DATA, 'salesforce-dtc-sample');
const AW = resolve(DATA, 'adventureworks-reseller-quotas');
const MAVEN = resolve(DATA, 'maven-crm-sales-opportunities');

const period = (text: string): Period => {
  const p = parsePeriod(text);
  if (!p.ok) throw new Error(text);
  return p.value;
};

async function workspaceWith(files: string[]): Promise<Workspace> {
  const ws = new Workspace(':memory:', false);
  const result = await importPaths(ws.sqlite, files, '2026-01-01T00:00:00.000Z');
  if (!result.ok) throw new Error(result.error.message);
  ws.invalidate();
  return ws;
}

describe('Salesforce DTC: activity KPIs from tasks, events and calls', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await workspaceWith(
      ['DTC_Opportunity.csv', 'DTC_Account.csv', 'DTC_Task.csv', 'DTC_Event.csv'].map((f) => resolve(DTC, f)),
    );
  });
  afterAll(() => ws.close());

  it('counts calls, emails and meetings per rep as SQL does', () => {
    const view = buildRankingView(
      ws.getWorkingSet(),
      period('2015'),
      ws.dataRange(),
      defaultAnalysisSettings(),
    );
    const sql = ws.sqlite
      .prepare(
        `SELECT r.name AS rep,
           sum(a.type = 'call') AS calls, sum(a.type = 'email') AS emails, sum(a.type = 'meeting') AS meetings,
           count(*) AS activities
         FROM activity_rows a JOIN reps r ON r.id = a.rep_id
         WHERE a.activity_date BETWEEN '2015-01-01' AND '2015-12-31' GROUP BY r.name`,
      )
      .all() as { rep: string; calls: number; emails: number; meetings: number; activities: number }[];
    expect(sql.length).toBeGreaterThan(15);
    for (const row of sql) {
      const rep = view.rows.find((r) => r.rep === row.rep)!;
      expect(rep.values.calls, row.rep).toBe(row.calls);
      expect(rep.values.emails, row.rep).toBe(row.emails);
      expect(rep.values.meetings, row.rep).toBe(row.meetings);
      expect(rep.values.activities, row.rep).toBe(row.activities);
    }
    // Task subtype Call is a call, Email an email, and every event a meeting (none says visit).
    const totals = sql.reduce((t, r) => ({ calls: t.calls + r.calls, meetings: t.meetings + r.meetings }), {
      calls: 0,
      meetings: 0,
    });
    expect(totals.calls).toBeGreaterThan(600);
    expect(totals.meetings).toBe(1999);
  });

  it('rates calls over active working days and counts customers served', () => {
    const view = buildRankingView(
      ws.getWorkingSet(),
      period('2015'),
      ws.dataRange(),
      defaultAnalysisSettings(),
    );
    const ranked = view.rows.filter((r) => r.band !== 'unranked');
    expect(ranked.length).toBeGreaterThanOrEqual(15);
    for (const r of ranked) {
      expect(r.activeDays).toBeGreaterThan(0);
      expect(r.values.calls_per_day).toBeCloseTo(r.values.calls! / r.activeDays!, 9);
      const served = ws.sqlite
        .prepare(
          `SELECT count(*) FROM (
             SELECT account_id FROM activity_rows WHERE rep_id = ? AND account_id IS NOT NULL
               AND activity_date BETWEEN '2015-01-01' AND '2015-12-31'
             UNION SELECT account_id FROM deals WHERE rep_id = ? AND status = 'won' AND account_id IS NOT NULL
               AND close_date BETWEEN '2015-01-01' AND '2015-12-31')`,
        )
        .pluck()
        .get(r.repId, r.repId) as number;
      expect(r.values.customers_served, r.rep).toBe(served);
    }
  });

  it('tiers the accounts 80/20 and finds quality contacts only with tier A/B accounts', () => {
    const view = buildRankingView(
      ws.getWorkingSet(),
      period('2015'),
      ws.dataRange(),
      defaultAnalysisSettings(),
    );
    expect(view.tiers.available).toBe(true);
    expect(view.tiers.basisShare.A).toBeGreaterThanOrEqual(0.8);
    expect(view.tiers.basisShare.A + view.tiers.basisShare.B).toBeGreaterThanOrEqual(0.95);
    expect(view.kpiAvailable.quality_contacts_per_week).toBe(true);
    // Targeting only tier D finds fewer quality contacts than A and B for most reps, and the
    // team coverage shares add up to 1.
    const shares = view.coverage.all.activities;
    expect(shares.A + shares.B + shares.C + shares.D + shares.none).toBeCloseTo(1, 9);
    // The 3x3 matrix holds every rep ranked on both scores exactly once.
    const inMatrix = view.matrix.flatMap((c) => c.repIds);
    expect(new Set(inMatrix).size).toBe(inMatrix.length);
    expect(inMatrix.length).toBe(
      view.rows.filter((r) => r.resultsBand !== 'unranked' && r.activityBand !== 'unranked').length,
    );
  });
});

describe('Adventure Works: quota attainment from monthly targets', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await workspaceWith(
      ['SalespersonPerformance.csv', 'ResellerSalesTargets.csv', 'FactResellerSales.csv'].map((f) =>
        resolve(AW, f),
      ),
    );
  });
  afterAll(() => ws.close());

  it('divides won revenue by the year’s targets, in the quota unit, and flags the unit when off', () => {
    const plain = buildRankingView(
      ws.getWorkingSet(),
      period('2019'),
      ws.dataRange(),
      defaultAnalysisSettings(),
    );
    // The targets are in thousands: attainment in the hundreds is flagged.
    expect(plain.warnings.map((w) => w.code)).toContain('quota_scale_suspect');
    const settings: AnalysisSettings = { ...defaultAnalysisSettings(), quotaScale: 1000 };
    const view = buildRankingView(ws.getWorkingSet(), period('2019'), ws.dataRange(), settings);
    expect(view.warnings.map((w) => w.code)).not.toContain('quota_scale_suspect');
    const sql = ws.sqlite
      .prepare(
        `SELECT q.rep_id AS repId, q.quota * 1000 AS quota,
           (SELECT sum(amount) FROM deals d WHERE d.rep_id = q.rep_id AND status = 'won'
              AND close_date BETWEEN '2019-01-01' AND '2019-12-31') AS won
         FROM (SELECT rep_id, sum(amount) AS quota FROM quotas
               WHERE period_start >= '2019-01-01' AND period_end <= '2019-12-31' GROUP BY rep_id) q`,
      )
      .all() as { repId: number; quota: number; won: number | null }[];
    expect(sql.length).toBeGreaterThan(10);
    for (const row of sql) {
      const rep = view.rows.find((r) => r.repId === row.repId)!;
      if (row.quota > 0)
        expect(rep.values.quota_attainment, rep.rep).toBeCloseTo((row.won ?? 0) / row.quota, 9);
    }
  });
});

describe('Maven: peer groups, trend and saved settings through the engine', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qc-kpi-engine-'));
  const engine = new Engine({ dataDir: dir, resourcesDir: resolve(import.meta.dirname, '../../resources') });
  afterAll(() => {
    engine.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeAll(async () => {
    const result = await importPaths(
      engine.currentWorkspace.sqlite,
      [
        resolve(MAVEN, 'sales_teams.csv'),
        resolve(MAVEN, 'sales_pipeline.csv'),
        resolve(MAVEN, 'accounts.csv'),
      ],
      '2026-01-01T00:00:00.000Z',
    );
    if (!result.ok) throw new Error(result.error.message);
    engine.currentWorkspace.invalidate();
  });

  it('starts with the default settings and keeps what is saved', async () => {
    const before = await engine.handlers['settings.get']({});
    expect(before.ok && before.value).toEqual(defaultAnalysisSettings());
    const changed = { ...defaultAnalysisSettings(), peerGroup: 'team' as const, substantiveTouches: 5 };
    const saved = await engine.handlers['settings.save']({ settings: changed });
    expect(saved.ok && saved.value).toEqual(changed);
    const after = await engine.handlers['settings.get']({});
    expect(after.ok && after.value).toEqual(changed);
    // Rankings use the saved settings when the request brings none.
    const view = await engine.handlers['rankings.get']({ period: '2017' });
    expect(view.ok && view.value.settings.peerGroup).toBe('team');
    await engine.handlers['settings.save']({ settings: defaultAnalysisSettings() });
  });

  it('ranks within each team when asked, with a small-group warning per team', async () => {
    const settings = { ...defaultAnalysisSettings(), peerGroup: 'team' as const };
    const result = await engine.handlers['rankings.get']({ period: '2017', settings });
    if (!result.ok) throw new Error(result.error.message);
    const view = result.value;
    // Six managers with 4-6 agents each: every group is small.
    expect(view.peerGroups.filter((g) => g.ranked > 0)).toHaveLength(6);
    expect(view.peerGroups.every((g) => g.ranked === 0 || g.smallGroup)).toBe(true);
    expect(view.warnings.map((w) => w.code)).toContain('small_peer_groups');
    for (const row of view.rows) expect(row.peerGroup).toBe(row.team);
    // Each team has its own top rep.
    const topTeams = new Set(view.rows.filter((r) => r.band === 'top').map((r) => r.team));
    expect(topTeams.size).toBe(6);
  });

  it('gives the trend over the last N periods and who moved', async () => {
    const settings = { ...defaultAnalysisSettings(), trendPeriods: 4 };
    const result = await engine.handlers['rankings.trend']({ period: '2017-Q4', settings });
    if (!result.ok) throw new Error(result.error.message);
    const trend = result.value;
    expect(trend.periods.map((p) => p.id)).toEqual(['2017-Q1', '2017-Q2', '2017-Q3', '2017-Q4']);
    const q4 = await engine.handlers['rankings.get']({ period: '2017-Q4', settings });
    if (!q4.ok) throw new Error(q4.error.message);
    for (const rep of trend.reps) {
      const row = q4.value.rows.find((r) => r.repId === rep.repId)!;
      expect(rep.bands[3]).toBe(row.band);
      expect(rep.bands[2] === 'unranked' ? null : rep.bands[2]).toBe(row.previousBand);
    }
    expect(trend.reps.some((r) => r.movement === 'up')).toBe(true);
    expect(trend.reps.some((r) => r.movement === 'down')).toBe(true);
    const sum = q4.value.rows.reduce((s, r) => s + (r.values.won_revenue ?? 0), 0);
    expect(trend.team.wonRevenue[3]).toBeCloseTo(sum, 6);
    // Each row carries the previous quarter's figures for the comparison.
    const previous = q4.value.rows.reduce((s, r) => s + (r.previousValues.won_revenue ?? 0), 0);
    expect(trend.team.wonRevenue[2]).toBeCloseTo(previous, 6);
  });

  it('uses the same numbers in the view builder as through the engine', () => {
    const ws = engine.currentWorkspace;
    const direct = buildTrendView(ws.getWorkingSet(), period('2017-Q4'), defaultAnalysisSettings());
    expect(direct.periods).toHaveLength(6);
  });
});
