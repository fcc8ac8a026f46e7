import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiMethod, ApiResponse } from '../../shared/api/contract';
import type { Result } from '../../shared/result';
import { Engine } from '../../engine/api/engine';
import { importPaths } from '../../engine/import/import-files';
import { mergeRep } from '../../engine/import/merge-reps';
import { undoImport } from '../../engine/import/undo-import';
import { Workspace } from '../../engine/workspace/workspace';

/**
 * Alysio's monthly activity report: one row per rep, 15 KPIs for "last month" and "month
 * before last". The files carry no month and their names must not date them, so the month is
 * given: here "last month" = December 2024, as for an export made in January 2025.
 */
const root = resolve(import.meta.dirname, '../..');
const ALYSIO = resolve(root, '../shared/data/alysio-rep-activity-kpis');
const EXPANDED = resolve(ALYSIO, 'monthly_report_expanded.csv');
const RAW = resolve(ALYSIO, 'monthly_report_2025-01-08_14-56-48.csv');
const NOW = '2026-01-01T00:00:00.000Z';
const DECEMBER = { start: '2024-12-01', end: '2024-12-31' };
const dir = mkdtempSync(join(tmpdir(), 'qc-kpis-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function q(ws: Workspace, sql: string, ...args: unknown[]): unknown {
  return ws.sqlite
    .prepare(sql)
    .pluck()
    .get(...args);
}

/** One stored value: rep, metric and the month it starts. */
function value(ws: Workspace, rep: string, metric: string, start: string): unknown {
  return q(
    ws,
    `SELECT v.value FROM rep_kpi_values v JOIN reps r ON r.id = v.rep_id
     WHERE r.name = ? AND v.metric = ? AND v.period_start = ?`,
    rep,
    metric,
    start,
  );
}

describe('Alysio rep KPI summaries', () => {
  it('refuses the files without their month, and imports nothing', async () => {
    const ws = new Workspace(':memory:', false);
    const r = await importPaths(ws.sqlite, [EXPANDED], NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('kpi_period_required');
      expect(r.error.message).toContain('monthly_report_expanded.csv');
      expect(r.error.message).toContain('"last month"');
    }
    expect(q(ws, 'SELECT count(*) FROM import_batches')).toBe(0);
    ws.close();
  });

  it('stores one value per rep, metric and month: 50 reps x 15 metrics x 2 months', async () => {
    const ws = new Workspace(':memory:', false);
    const r = await importPaths(ws.sqlite, [EXPANDED], NOW, { kpiPeriod: DECEMBER });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [summary] = r.value;
    expect(summary).toMatchObject({
      kind: 'rep_kpis',
      counts: { read: 50, added: 50, updated: 0, unchanged: 0, rejected: 0 },
    });
    expect(summary!.warnings).toContainEqual({
      code: 'kpi_values_stored',
      params: { count: 1500, metrics: 15, periods: '2024-11, 2024-12' },
    });
    expect(q(ws, 'SELECT count(*) FROM rep_kpi_values')).toBe(1500);
    expect(q(ws, 'SELECT count(*) FROM reps')).toBe(50);
    expect(
      q(
        ws,
        "SELECT count(*) FROM rep_kpi_values WHERE period_start = '2024-12-01' AND period_end = '2024-12-31'",
      ),
    ).toBe(750);
    expect(
      q(
        ws,
        "SELECT count(*) FROM rep_kpi_values WHERE period_start = '2024-11-01' AND period_end = '2024-11-30'",
      ),
    ).toBe(750);
    // The known metrics by their ids, the rest under their header text.
    expect(
      ws.sqlite.prepare('SELECT DISTINCT metric, metric_label FROM rep_kpi_values ORDER BY metric').all(),
    ).toEqual([
      { metric: 'calls', metric_label: 'Outbound Calls' },
      { metric: 'connected_calls', metric_label: 'Calls with Correct Contact' },
      { metric: 'custom:1 1', metric_label: '1:1' },
      {
        metric: 'custom:custom linkedin outreach to candidates',
        metric_label: 'Custom LinkedIn Outreach to Candidates',
      },
      { metric: 'custom:initial discovery meeting set', metric_label: 'Initial Discovery Meeting Set' },
      { metric: 'custom:interview', metric_label: 'Interview' },
      { metric: 'custom:new custom kpi', metric_label: 'New Custom KPI' },
      { metric: 'custom:personal development hour', metric_label: 'Personal Development Hour' },
      { metric: 'custom:pipeline review', metric_label: 'Pipeline Review' },
      { metric: 'custom:prospects added to cadence', metric_label: 'Prospects added to cadence' },
      { metric: 'custom:scheduled next event', metric_label: 'Scheduled Next Event' },
      { metric: 'emails', metric_label: 'Personalized Outbound Emails' },
      { metric: 'meetings', metric_label: 'Demo Meeting Completed' },
      { metric: 'meetings_booked', metric_label: 'Demo Meeting Set' },
      { metric: 'opportunities_created', metric_label: 'Opportunity Created' },
    ]);
    expect(value(ws, 'Emma Wilson', 'calls', '2024-12-01')).toBe(134);
    expect(value(ws, 'Emma Wilson', 'calls', '2024-11-01')).toBe(171);
    expect(value(ws, 'Christopher Davis', 'emails', '2024-11-01')).toBe(232);
    expect(value(ws, 'Christopher Davis', 'connected_calls', '2024-12-01')).toBe(129);
    expect(value(ws, 'Christopher Davis', 'custom:initial discovery meeting set', '2024-12-01')).toBe(22);
    expect(value(ws, "Michael O'Brien", 'custom:1 1', '2024-12-01')).toBe(7);
    expect(value(ws, 'Sophie Martin', 'meetings', '2024-12-01')).toBe(1);
    expect(
      q(ws, "SELECT sum(value) FROM rep_kpi_values WHERE metric = 'calls' AND period_start = '2024-12-01'"),
    ).toBe(10207);
    expect(
      q(ws, "SELECT sum(value) FROM rep_kpi_values WHERE metric = 'calls' AND period_start = '2024-11-01'"),
    ).toBe(10496);
    expect(
      q(
        ws,
        "SELECT sum(value) FROM rep_kpi_values WHERE metric = 'opportunities_created' AND period_start = '2024-12-01'",
      ),
    ).toBe(33);
    // Zeros are counts like any other.
    expect(q(ws, 'SELECT count(*) FROM rep_kpi_values WHERE value = 0')).toBe(92);
    expect(q(ws, 'SELECT kind FROM import_batches')).toBe('rep_kpis');

    // The same file again changes nothing.
    const again = await importPaths(ws.sqlite, [EXPANDED], NOW, { kpiPeriod: DECEMBER });
    expect(again.ok && again.value[0]!.counts).toEqual({
      read: 50,
      added: 0,
      updated: 0,
      unchanged: 50,
      rejected: 0,
    });
    expect(q(ws, 'SELECT count(*) FROM rep_kpi_values')).toBe(1500);
    expect(q(ws, 'SELECT count(*) FROM reps')).toBe(50);
    ws.close();
  });

  it('reads the raw export in its own column order; a newer export of a month updates it', async () => {
    const ws = new Workspace(':memory:', false);
    const first = await importPaths(ws.sqlite, [RAW], NOW, { kpiPeriod: DECEMBER });
    expect(first.ok && first.value[0]!.counts).toEqual({
      read: 3,
      added: 3,
      updated: 0,
      unchanged: 0,
      rejected: 0,
    });
    expect(q(ws, 'SELECT count(*) FROM rep_kpi_values')).toBe(90);
    expect(value(ws, 'Mike', 'connected_calls', '2024-11-01')).toBe(124);
    expect(value(ws, 'Mike', 'calls', '2024-11-01')).toBe(341);
    expect(value(ws, 'Mike', 'calls', '2024-12-01')).toBe(0);
    expect(value(ws, 'Serena', 'meetings', '2024-11-01')).toBe(35);
    expect(value(ws, 'Serena', 'meetings_booked', '2024-11-01')).toBe(4);
    expect(value(ws, 'Serena', 'emails', '2024-11-01')).toBe(81);
    expect(value(ws, 'Curry', 'custom:scheduled next event', '2024-11-01')).toBe(4);

    // February's export: its "month before last" is January, its "last month" February. Mike's
    // January row now has figures the earlier file could not know; November and December stay.
    const newer = join(dir, 'alysio-february.csv');
    const text = readFileSync(RAW, 'utf8').replace(/^Mike,.*$/m, `Mike,${Array(30).fill('1').join(',')}`);
    writeFileSync(newer, text);
    const feb = await importPaths(ws.sqlite, [newer], NOW, {
      kpiPeriod: { start: '2025-02-01', end: '2025-02-28' },
    });
    expect(feb.ok && feb.value[0]!.counts.added).toBe(3);
    expect(value(ws, 'Mike', 'calls', '2025-01-01')).toBe(1);
    expect(value(ws, 'Mike', 'calls', '2024-11-01')).toBe(341);
    expect(q(ws, 'SELECT count(*) FROM rep_kpi_values')).toBe(180);

    // A corrected export of the same months replaces Mike's values and leaves the others alone.
    const corrected = join(dir, 'alysio-corrected.csv');
    writeFileSync(corrected, readFileSync(RAW, 'utf8').replace(/^Mike,(\d+),/m, 'Mike,9,'));
    const fixed = await importPaths(ws.sqlite, [corrected], NOW, { kpiPeriod: DECEMBER });
    expect(fixed.ok && fixed.value[0]!.counts).toEqual({
      read: 3,
      added: 0,
      updated: 1,
      unchanged: 2,
      rejected: 0,
    });
    expect(value(ws, 'Mike', 'custom:1 1', '2024-12-01')).toBe(9);
    expect(q(ws, 'SELECT count(*) FROM rep_kpi_values')).toBe(180);
    ws.close();
  });

  it('undo removes the values an import wrote and the reps only it knew', async () => {
    const ws = new Workspace(':memory:', false);
    const expanded = await importPaths(ws.sqlite, [EXPANDED], NOW, { kpiPeriod: DECEMBER });
    const raw = await importPaths(ws.sqlite, [RAW], NOW, { kpiPeriod: DECEMBER });
    if (!expanded.ok || !raw.ok) throw new Error('import failed');
    expect(q(ws, 'SELECT count(*) FROM rep_kpi_values')).toBe(1590);
    expect(q(ws, 'SELECT count(*) FROM reps')).toBe(53);
    expect(undoImport(ws.sqlite, raw.value[0]!.batchId)).toEqual({
      deals: 0,
      activities: 0,
      quotas: 0,
      kpiValues: 90,
      snapshots: 0,
      reps: 3,
      accounts: 0,
    });
    expect(q(ws, 'SELECT count(*) FROM rep_kpi_values')).toBe(1500);
    expect(q(ws, 'SELECT count(*) FROM reps')).toBe(50);
    expect(undoImport(ws.sqlite, expanded.value[0]!.batchId)).toMatchObject({ kpiValues: 1500, reps: 50 });
    expect(q(ws, 'SELECT count(*) FROM rep_kpi_values')).toBe(0);
    expect(q(ws, 'SELECT count(*) FROM import_batches')).toBe(0);
    expect(ws.sqlite.pragma('foreign_key_check')).toEqual([]);
    ws.close();
  });

  it('a merged rep keeps their values under the surviving rep', async () => {
    const ws = new Workspace(':memory:', false);
    await importPaths(ws.sqlite, [EXPANDED], NOW, { kpiPeriod: DECEMBER });
    await importPaths(ws.sqlite, [RAW], NOW, { kpiPeriod: DECEMBER });
    const id = (name: string): number => q(ws, 'SELECT id FROM reps WHERE name = ?', name) as number;
    const mike = id('Mike');
    const michael = id("Michael O'Brien");
    ws.sqlite.transaction(() => mergeRep(ws.sqlite, mike, michael))();
    // Both had every metric for both months: the survivor's own values win.
    expect(q(ws, 'SELECT count(*) FROM rep_kpi_values WHERE rep_id = ?', michael)).toBe(30);
    expect(value(ws, "Michael O'Brien", 'calls', '2024-12-01')).toBe(83);
    expect(
      q(ws, "SELECT count(*) FROM rep_kpi_values WHERE record_key NOT LIKE 'k:' || rep_id || ':%'"),
    ).toBe(0);
    expect(q(ws, 'SELECT count(*) FROM rep_kpi_values')).toBe(1560);
    ws.close();
  });
});

describe('Alysio rep KPI summaries through the engine', () => {
  const engine = new Engine({
    dataDir: join(dir, 'engine'),
    resourcesDir: resolve(root, 'resources'),
    now: () => new Date(NOW),
  });
  afterAll(() => engine.close());
  /** Through request validation, as every host calls the engine. */
  const call = <M extends ApiMethod>(method: M, payload: unknown): Promise<Result<ApiResponse<M>>> =>
    engine.call(method, payload) as Promise<Result<ApiResponse<M>>>;

  it('detects the kind from the columns, asks for the month, and shows the import in the history', async () => {
    const staged = await engine.handlers['import.stage']({
      fileName: 'monthly_report_2025-01-08_14-56-48.csv',
      bytes: new Uint8Array(readFileSync(RAW)),
    });
    if (!staged.ok) throw new Error(staged.error.message);
    expect(staged.value.kind).toBe('rep_kpis');
    expect(staged.value.missingRequired).toEqual([]);
    const request = {
      jobId: 'j1',
      stagedId: staged.value.stagedId,
      kind: 'rep_kpis' as const,
      mapping: staged.value.mapping,
    };
    // The name holds a date; it is not read: without the month the import is refused.
    const refused = await call('import.run', request);
    expect(!refused.ok && refused.error.code).toBe('kpi_period_required');
    const bad = await call('import.run', { ...request, period: { start: '2024-12-31', end: '2024-12-01' } });
    expect(!bad.ok && bad.error.code).toBe('invalid_request');
    const done = await call('import.run', { ...request, period: DECEMBER });
    expect(done.ok && done.value.counts).toMatchObject({ read: 3, added: 3, rejected: 0 });
    const history = await call('import.history', {});
    expect(history.ok && history.value[0]).toMatchObject({
      kind: 'rep_kpis',
      fileName: 'monthly_report_2025-01-08_14-56-48.csv',
      counts: { read: 3, added: 3 },
    });
    const undone = await call('import.undo', { batchId: done.ok ? done.value.batchId : 0 });
    expect(undone.ok && undone.value).toMatchObject({ kpiValues: 90, reps: 3 });
  });
});
