import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

/** Rep KPI summaries on the command line: the month comes from --period, never the file's name. */
const root = resolve(import.meta.dirname, '../..');
const bin = resolve(root, 'bin/quartile-coach.mjs');
const ALYSIO = resolve(root, '../shared/data/alysio-rep-activity-kpis');
const EXPANDED = resolve(ALYSIO, 'monthly_report_expanded.csv');
const RAW = resolve(ALYSIO, 'monthly_report_2025-01-08_14-56-48.csv');
const dir = mkdtempSync(join(tmpdir(), 'qc-cli-kpis-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('quartile-coach import of rep KPI summaries', () => {
  it('refuses a summary that does not say its month, naming the file and the flag', () => {
    const db = join(dir, 'refused.sqlite');
    const r = run(['import', EXPANDED, '--db', db]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('"monthly_report_expanded.csv"');
    expect(r.stderr).toContain('"last month"');
    expect(r.stderr).toContain('--period YYYY-MM');
    const sqlite = new BetterSqlite3(db, { readonly: true });
    expect(sqlite.prepare('SELECT count(*) FROM import_batches').pluck().get()).toBe(0);
    sqlite.close();
  });

  it('refuses a period that is not one month for "last month" columns', () => {
    const r = run(['import', EXPANDED, '--db', join(dir, 'quarter.sqlite'), '--period', '2024-Q4']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('one calendar month');
  });

  it('imports both exports with --period 2024-12 ("last month" = December 2024)', () => {
    const db = join(dir, 'kpis.sqlite');
    const r = run(['import', EXPANDED, RAW, '--db', db, '--period', '2024-12']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      files: {
        file: string;
        kind: string;
        counts: Record<string, number>;
        mapping: Record<string, string | null>;
        warnings: { code: string; params?: Record<string, unknown> }[];
      }[];
    };
    expect(out.files.map((f) => [f.file, f.kind, f.counts.added, f.counts.rejected])).toEqual([
      ['monthly_report_expanded.csv', 'rep_kpis', 50, 0],
      ['monthly_report_2025-01-08_14-56-48.csv', 'rep_kpis', 3, 0],
    ]);
    // The plan is kept with the batch: which column went to which month.
    expect(out.files[0]!.mapping['kpi:1:2024-12-01..2024-12-31']).toBe('Outbound Calls (last month)');
    expect(out.files[0]!.mapping['kpi:16:2024-11-01..2024-11-30']).toBe('Outbound Calls (month before last)');
    expect(out.files[0]!.warnings).toContainEqual({
      code: 'kpi_values_stored',
      params: { count: 1500, metrics: 15, periods: '2024-11, 2024-12' },
    });
    const sqlite = new BetterSqlite3(db, { readonly: true });
    expect(sqlite.prepare('SELECT count(*) FROM rep_kpi_values').pluck().get()).toBe(1590);
    expect(
      sqlite
        .prepare(
          `SELECT v.value FROM rep_kpi_values v JOIN reps r ON r.id = v.rep_id
           WHERE r.name = 'Serena' AND v.metric = 'calls' AND v.period_start = '2024-11-01'`,
        )
        .pluck()
        .get(),
    ).toBe(213);
    sqlite.close();

    // Importing the same files again changes nothing.
    const again = run(['import', EXPANDED, RAW, '--db', db, '--period', '2024-12']);
    expect(again.status, again.stderr).toBe(0);
    const counts = (JSON.parse(again.stdout) as { files: { counts: Record<string, number> }[] }).files.map(
      (f) => f.counts,
    );
    expect(counts).toEqual([
      { read: 50, added: 0, updated: 0, unchanged: 50, rejected: 0 },
      { read: 3, added: 0, updated: 0, unchanged: 3, rejected: 0 },
    ]);
  });

  it('analyze takes the month as --kpi-period (its --period is the ranking period)', () => {
    const r = run(['analyze', RAW, '--period', '2024', '--out', join(dir, 'out'), '--kpi-period', '2024-12']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('3 not ranked');
    const refused = run(['analyze', RAW, '--period', '2024', '--out', join(dir, 'out2')]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('--kpi-period YYYY-MM');
  });
});
