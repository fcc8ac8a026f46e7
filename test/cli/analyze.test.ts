import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { KPI_DEFINITIONS } from '../../shared/kpi/kpi-definitions';

const root = resolve(import.meta.dirname, '../..');
const bin = resolve(root, 'bin/quartile-coach.mjs');
const MAVEN = resolve(root, '../shared/data/maven-crm-sales-opportunities');
const dir = mkdtempSync(join(tmpdir(), 'qc-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('quartile-coach analyze', () => {
  const out = join(dir, 'maven-2017');
  const result = run([
    'analyze',
    resolve(MAVEN, 'sales_pipeline.csv'),
    resolve(MAVEN, 'sales_teams.csv'),
    '--period',
    '2017',
    '--out',
    out,
  ]);

  it('exits 0 and writes rankings.csv with one row per rep', () => {
    expect(result.status, result.stderr).toBe(0);
    const csv = readFileSync(join(out, 'rankings.csv'), 'utf8');
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    const parsed = Papa.parse<Record<string, string>>(csv.trim(), { header: true });
    const rows = parsed.data;
    expect(rows).toHaveLength(35);
    for (const col of [
      'rep',
      'team',
      'band',
      'composite_score',
      'won_revenue',
      'deals_won',
      'deals_lost',
      'win_rate',
      'avg_deal_size',
    ]) {
      expect(parsed.meta.fields).toContain(col);
    }
    const bands = rows.map((r) => r.band);
    expect(bands.filter((b) => b === 'top')).toHaveLength(8);
    expect(bands.filter((b) => b === 'middle')).toHaveLength(14);
    expect(bands.filter((b) => b === 'bottom')).toHaveLength(8);
    expect(bands.filter((b) => b === 'unranked')).toHaveLength(5);
    for (const r of rows) {
      if (r.band === 'unranked') {
        expect(r.composite_score).toBe('');
        continue;
      }
      const score = Number(r.composite_score);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(100);
      const winRate = Number(r.win_rate);
      expect(winRate).toBeGreaterThanOrEqual(0);
      expect(winRate).toBeLessThanOrEqual(1);
      expect(Number(r.win_rate)).toBeCloseTo(
        Number(r.deals_won) / (Number(r.deals_won) + Number(r.deals_lost)),
        5,
      );
    }
  });

  it('writes summary.json with the period, band counts and KPI definitions', () => {
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as {
      period: { id: string; start: string; end: string };
      band_counts: Record<string, number>;
      kpis: {
        id: string;
        group: string;
        name_en: string;
        name_zh: string;
        unit: string;
        direction: string;
        formula: string;
      }[];
    };
    expect(summary.period).toMatchObject({ id: '2017', start: '2017-01-01', end: '2017-12-31' });
    expect(summary.band_counts).toEqual({ top: 8, middle: 14, bottom: 8, unranked: 5 });
    const winRate = summary.kpis.find((k) => k.id === 'win_rate')!;
    expect(winRate).toMatchObject({
      group: 'results',
      unit: 'ratio',
      direction: 'higher',
      name_zh: '赢单率',
    });
    expect(winRate.formula).toMatch(/won/);
  });

  it('gives the same numbers for the same input (deterministic)', () => {
    const out2 = join(dir, 'again');
    expect(
      run([
        'analyze',
        resolve(MAVEN, 'sales_teams.csv'),
        resolve(MAVEN, 'sales_pipeline.csv'),
        '--period',
        '2017',
        '--out',
        out2,
      ]).status,
    ).toBe(0);
    expect(readFileSync(join(out2, 'rankings.csv'), 'utf8')).toBe(
      readFileSync(join(out, 'rankings.csv'), 'utf8'),
    );
  });

  it.each([
    [
      ['analyze', resolve(MAVEN, 'sales_pipeline.csv'), '--period', '2017-Q5', '--out', join(dir, 'x')],
      /not a period/,
    ],
    // The app's own checks of a chosen file (engine/import/source-file.ts), word for word.
    [['analyze', join(dir, 'missing.csv'), '--period', '2017', '--out', join(dir, 'x')], /was not found at/],
    [
      ['analyze', dir, '--period', '2017', '--out', join(dir, 'x')],
      /is a folder, not a file the app can import/,
    ],
    [
      ['analyze', resolve(root, 'package.json'), '--period', '2017', '--out', join(dir, 'x')],
      /Could not tell|not a table/,
    ],
  ])('fails with one clear line and a non-zero code: %j', (args, message) => {
    const r = run(args);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('rejects a random binary file without writing anything', () => {
    const junk = join(dir, 'junk.csv');
    writeFileSync(junk, Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256)));
    const r = run(['analyze', junk, '--period', '2017', '--out', join(dir, 'junk-out')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/binary/);
  });

  it('prints usage with exit code 2 for a wrong command line', () => {
    const r = run(['analyze', '--out', join(dir, 'y')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Usage/);
  });
});

describe('quartile-coach analyze: every KPI and the ranking options', () => {
  const out = join(dir, 'maven-options');
  const db = join(dir, 'options.sqlite');
  const files = [resolve(MAVEN, 'sales_teams.csv'), resolve(MAVEN, 'sales_pipeline.csv')];
  expect(run(['import', ...files, '--db', db]).status).toBe(0);
  const csvRows = (path: string) =>
    Papa.parse<Record<string, string>>(readFileSync(path, 'utf8').trim(), { header: true });

  it('writes one column per KPI id plus the results and activity bands', () => {
    expect(run(['analyze', '--db', db, '--period', '2017', '--out', out]).status).toBe(0);
    const parsed = csvRows(join(out, 'rankings.csv'));
    for (const def of KPI_DEFINITIONS) expect(parsed.meta.fields).toContain(def.id);
    for (const col of ['results_band', 'activity_band', 'peer_group', 'active_days'])
      expect(parsed.meta.fields).toContain(col);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as {
      kpis: Record<string, unknown>[];
    };
    expect(summary.kpis.map((k) => k.id)).toEqual(KPI_DEFINITIONS.map((d) => d.id));
    for (const k of summary.kpis) {
      expect(Object.keys(k)).toEqual(
        expect.arrayContaining(['id', 'group', 'name_en', 'name_zh', 'unit', 'direction', 'formula']),
      );
      expect(['results', 'activity']).toContain(k.group);
    }
  });

  it('ranks within teams with --peer-group team', () => {
    const teamOut = join(dir, 'maven-team');
    expect(
      run(['analyze', '--db', db, '--period', '2017', '--out', teamOut, '--peer-group', 'team']).status,
    ).toBe(0);
    const rows = csvRows(join(teamOut, 'rankings.csv')).data;
    const ranked = rows.filter((r) => r.band !== 'unranked');
    for (const r of ranked) expect(r.peer_group).toBe(r.team);
    // One top rep (at least) per manager's team.
    expect(new Set(ranked.filter((r) => r.band === 'top').map((r) => r.team)).size).toBe(6);
    const r = run(['analyze', '--db', db, '--period', '2017', '--out', teamOut, '--peer-group', 'galaxy']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--peer-group must be one of company, region, team, role/);
  });

  it('reads --weights in flat or nested form, and refuses unknown ids', () => {
    // Only won revenue counts: the ranking is then the won-revenue order.
    const flat = join(dir, 'weights-flat.json');
    writeFileSync(
      flat,
      JSON.stringify({
        results: 100,
        activity: 0,
        ...Object.fromEntries(
          KPI_DEFINITIONS.filter((d) => d.direction !== 'none').map((d) => [
            d.id,
            d.id === 'won_revenue' ? 1 : 0,
          ]),
        ),
      }),
    );
    const flatOut = join(dir, 'weights-flat');
    const r = run(['analyze', '--db', db, '--period', '2017', '--out', flatOut, '--weights', flat]);
    expect(r.status, r.stderr).toBe(0);
    const ranked = csvRows(join(flatOut, 'rankings.csv')).data.filter((row) => row.band !== 'unranked');
    const revenues = ranked.map((row) => Number(row.won_revenue));
    expect(revenues).toEqual([...revenues].sort((a, b) => b - a));
    const nested = join(dir, 'weights-nested.json');
    writeFileSync(
      nested,
      JSON.stringify({ groups: { results: 100, activity: 0 }, kpis: { won_revenue: 1 } }),
    );
    expect(
      run(['analyze', '--db', db, '--period', '2017', '--out', join(dir, 'w2'), '--weights', nested]).status,
    ).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, 'w2', 'summary.json'), 'utf8')) as {
      group_weights: Record<string, number>;
    };
    expect(summary.group_weights).toEqual({ results: 100, activity: 0 });

    const typo = join(dir, 'weights-typo.json');
    writeFileSync(typo, JSON.stringify({ won_revenu: 3 }));
    const bad = run(['analyze', '--db', db, '--period', '2017', '--out', join(dir, 'w3'), '--weights', typo]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/unknown KPI id "won_revenu"/);
    writeFileSync(typo, '{not json');
    expect(
      run(['analyze', '--db', db, '--period', '2017', '--out', join(dir, 'w3'), '--weights', typo]).stderr,
    ).toMatch(/not JSON/);
  });
});

describe('quartile-coach import', () => {
  it('imports into a workspace file, reports JSON, and analyze --db reads it', () => {
    const db = join(dir, 'ws.sqlite');
    const stdout = execFileSync(
      process.execPath,
      [bin, 'import', resolve(MAVEN, 'sales_pipeline.csv'), resolve(MAVEN, 'sales_teams.csv'), '--db', db],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    const summary = JSON.parse(stdout) as { files: { kind: string; counts: { added: number } }[] };
    expect(summary.files.map((f) => f.kind)).toEqual(['reps', 'deals']);
    expect(summary.files[1]!.counts.added).toBe(8800);
    const out = join(dir, 'from-db');
    expect(run(['analyze', '--db', db, '--period', '2017-Q3', '--out', out]).status).toBe(0);
    const summaryJson = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as {
      period: { id: string };
    };
    expect(summaryJson.period.id).toBe('2017-Q3');
  });

  it('imports in a rollback journal, into a new workspace or not, unless the workspace is open elsewhere, and leaves it in WAL mode', () => {
    const db = join(dir, 'created.sqlite');
    const journalMode = (): unknown => {
      const check = new BetterSqlite3(db, { readonly: true });
      try {
        return check.pragma('journal_mode', { simple: true });
      } finally {
        check.close();
      }
    };
    expect(run(['import', resolve(MAVEN, 'sales_teams.csv'), '--db', db]).status).toBe(0);
    expect(existsSync(`${db}-journal`)).toBe(false);
    expect(journalMode()).toBe('wal');
    // The next import finds the workspace and opens it as the app does.
    expect(run(['import', resolve(MAVEN, 'sales_pipeline.csv'), '--db', db]).status).toBe(0);
    expect(journalMode()).toBe('wal');
    const reader = new BetterSqlite3(db, { readonly: true });
    expect(reader.prepare('SELECT count(*) FROM deals').pluck().get()).toBe(8800);
    // With the workspace open elsewhere (the app), the CLI imports in the WAL beside it.
    expect(run(['import', resolve(MAVEN, 'accounts.csv'), '--db', db]).status).toBe(0);
    expect(reader.prepare('SELECT count(*) FROM accounts').pluck().get()).toBeGreaterThan(80);
    reader.close();
    expect(journalMode()).toBe('wal');
  });
});
