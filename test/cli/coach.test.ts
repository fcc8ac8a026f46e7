import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRepCoachingView, buildTeamPracticesView } from '../../engine/coaching/coaching-view';
import { importPaths } from '../../engine/import/import-files';
import { Workspace } from '../../engine/workspace/workspace';
import { defaultAnalysisSettings } from '../../shared/analysis/settings';
import { PRACTICE_IDS } from '../../shared/coaching/practice-definitions';
import type { RepCoachingView, TeamPracticesView } from '../../shared/coaching/types';
import { parsePeriod, type Period } from '../../shared/period/period';

const root = resolve(import.meta.dirname, '../..');
const bin = resolve(root, 'bin/quartile-coach.mjs');
const DEMO = resolve(root, 'resources/demo');
const DEMO_FILES = readdirSync(DEMO)
  .filter((f) => f.endsWith('.csv'))
  .map((f) => resolve(DEMO, f));
const MAVEN = resolve(root, '../shared/data/maven-crm-sales-opportunities');
const MAVEN_FILES = [resolve(MAVEN, 'sales_pipeline.csv'), resolve(MAVEN, 'sales_teams.csv')];
const dir = mkdtempSync(join(tmpdir(), 'qc-coach-'));

const TEAM_COLUMNS = [
  'practice',
  'top_median',
  'middle_median',
  'bottom_median',
  'ratio_top_rest',
  'effect_size',
  'n_top',
  'n_rest',
  'distinguishing',
];
const REP_COLUMNS = [
  'practice',
  'name_en',
  'name_zh',
  'unit',
  'direction',
  'rep_value',
  'top_median',
  'gap',
  'gap_pct',
  'percentile',
  'effect_size',
  'separation',
];

function run(args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function readCsv(path: string): { fields: string[]; rows: Record<string, string>[] } {
  const text = readFileSync(path, 'utf8');
  // Plain CSV for scripts: no BOM, LF.
  expect(text.charCodeAt(0)).not.toBe(0xfeff);
  expect(text).not.toContain('\r');
  const parsed = Papa.parse<Record<string, string>>(text.trim(), { header: true });
  expect(parsed.errors).toEqual([]);
  return { fields: parsed.meta.fields ?? [], rows: parsed.data };
}

/** A CSV cell against the engine's number: empty for null, else equal to 6 significant digits. */
function expectCell(cell: string | undefined, value: number | null): void {
  if (value === null) {
    expect(cell).toBe('');
    return;
  }
  expect(cell).not.toBe('');
  expect(cell).not.toMatch(/e/i);
  const n = Number(cell);
  expect(Math.abs(n - value)).toBeLessThanOrEqual(Math.abs(value) * 5e-6 + 1e-12);
}

function period(id: string): Period {
  const p = parsePeriod(id);
  if (!p.ok) throw new Error(p.error.message);
  return p.value;
}

interface PlanFile {
  rep: string;
  period: string;
  next_period: string;
  band: string;
  top_by: string;
  goals: {
    practice: string;
    rank: number;
    current: number;
    target: number;
    benchmark: number;
    deadline: string;
    text_en: string;
    text_zh: string;
  }[];
  work_back: {
    target: number | null;
    target_source: string;
    rep: { per_week: Record<string, number | null> };
  };
  improvement_plan: { review_date: string; thresholds: unknown[] } | null;
  conflicts: unknown[];
}

// The engine's own views of the same data, to check the files against.
const demo = new Workspace(':memory:', false);
let team2025: TeamPracticesView;
let bottomRep: { repId: number; rep: string };
let bottomView: RepCoachingView;

beforeAll(async () => {
  const imported = await importPaths(demo.sqlite, DEMO_FILES, '2026-01-01T00:00:00.000Z');
  if (!imported.ok) throw new Error(imported.error.message);
  const ws = demo.getWorkingSet();
  team2025 = buildTeamPracticesView(ws, period('2025'), defaultAnalysisSettings());
  const q3 = buildTeamPracticesView(ws, period('2025-Q3'), defaultAnalysisSettings());
  bottomRep = q3.reps.find((r) => r.band === 'bottom')!;
  const view = buildRepCoachingView(
    demo.sqlite,
    ws,
    period('2025-Q3'),
    bottomRep.repId,
    defaultAnalysisSettings(),
  );
  if (!view.ok) throw new Error(view.error.message);
  bottomView = view.value;
});
afterAll(() => {
  demo.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('quartile-coach analyze: practices.csv', () => {
  it('writes the team view with the fixed columns first, one row per practice, as the engine computes it', () => {
    const out = join(dir, 'demo-analyze');
    const r = run(['analyze', ...DEMO_FILES, '--period', '2025', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const { fields, rows } = readCsv(join(out, 'practices.csv'));
    expect(fields.slice(0, TEAM_COLUMNS.length)).toEqual(TEAM_COLUMNS);
    expect(fields.slice(TEAM_COLUMNS.length)).toEqual([
      'p_value',
      'q_value',
      'separation',
      'results_correlation',
      'name_en',
      'name_zh',
    ]);
    expect(rows.map((row) => row.practice).sort()).toEqual([...PRACTICE_IDS].sort());
    // In the engine's order: most separating first.
    expect(rows.map((row) => row.practice)).toEqual(team2025.practices.map((p) => p.practice));
    for (const p of team2025.practices) {
      const row = rows.find((x) => x.practice === p.practice)!;
      expectCell(row.top_median, p.topMedian);
      expectCell(row.middle_median, p.middleMedian);
      expectCell(row.bottom_median, p.bottomMedian);
      expectCell(row.ratio_top_rest, p.ratioTopRest);
      expectCell(row.effect_size, p.effectSize);
      expectCell(row.q_value, p.qValue);
      expect(row.n_top).toBe(String(p.nTop));
      expect(row.n_rest).toBe(String(p.nRest));
      expect(row.distinguishing).toBe(p.distinguishing ? 'true' : 'false');
      expect(row.separation).toBe(p.separation);
    }
    // The demo's top performers hold more substantive relationships than its bottom quarter.
    const rel = rows.find((x) => x.practice === 'substantive_relationships')!;
    expect(Number(rel.top_median)).toBeGreaterThan(Number(rel.bottom_median));
    expect(Number(rel.n_top)).toBe(team2025.counts.top);
    expect(rows.filter((x) => x.distinguishing === 'true').length).toBeGreaterThan(0);
    // The other outputs are still there.
    expect(readCsv(join(out, 'rankings.csv')).rows.length).toBeGreaterThan(0);
  });

  it('switches the top performers to the composite with --top-by, and refuses an unknown one', () => {
    const out = join(dir, 'maven-analyze');
    const r = run(['analyze', ...MAVEN_FILES, '--period', '2017', '--out', out, '--top-by', 'composite']);
    expect(r.status, r.stderr).toBe(0);
    const { fields, rows } = readCsv(join(out, 'practices.csv'));
    expect(fields.slice(0, TEAM_COLUMNS.length)).toEqual(TEAM_COLUMNS);
    // Maven's 2017: 8 top-band reps of 30 ranked, with deal data only.
    const win = rows.find((x) => x.practice === 'win_rate')!;
    expect(win.n_top).toBe('8');
    expect(win.n_rest).toBe('22');
    expect(Number(win.top_median)).toBeGreaterThan(0);
    expect(Number(win.top_median)).toBeLessThanOrEqual(1);
    // No activities in Maven's export: activity practices have no values, and are never distinguishing.
    const calls = rows.find((x) => x.practice === 'calls_per_day')!;
    expect(calls.top_median).toBe('');
    expect(calls.distinguishing).toBe('false');

    const bad = run(['analyze', ...MAVEN_FILES, '--period', '2017', '--out', out, '--top-by', 'activity']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--top-by must be one of results, composite');
  });
});

describe('quartile-coach coach', () => {
  it('writes the rep view and the plan for a bottom-quartile demo rep, as the engine computes them', () => {
    const out = join(dir, 'demo-coach');
    // The name as a person might type it: other case, extra spaces.
    const typed = `  ${bottomRep.rep.toUpperCase().replace(' ', '   ')} `;
    const r = run(['coach', '--rep', typed, ...DEMO_FILES, '--period', '2025-Q3', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${bottomRep.rep}, 2025-Q3 (bottom)`);

    const { fields, rows } = readCsv(join(out, 'practices.csv'));
    expect(fields).toEqual(REP_COLUMNS);
    expect(rows.map((x) => x.practice)).toEqual(bottomView.gaps.map((g) => g.practice));
    for (const g of bottomView.gaps) {
      const row = rows.find((x) => x.practice === g.practice)!;
      expectCell(row.rep_value, g.value);
      expectCell(row.top_median, g.benchmark);
      expectCell(row.gap, g.gap);
      expectCell(row.gap_pct, g.gapPct);
      expectCell(row.percentile, g.percentile);
      expectCell(row.effect_size, g.effectSize);
      expect(row.separation).toBe(g.separation);
    }
    const rel = rows.find((x) => x.practice === 'substantive_relationships')!;
    expect(rel).toMatchObject({ unit: 'count', direction: 'higher', name_en: 'Substantive relationships' });

    const plan = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')) as PlanFile;
    expect(plan).toMatchObject({
      rep: bottomRep.rep,
      period: '2025-Q3',
      next_period: '2025-Q4',
      band: 'bottom',
      top_by: 'results',
    });
    expect(plan.goals.length).toBe(bottomView.plan.goals.length);
    expect(plan.goals.length).toBeGreaterThan(0);
    expect(plan.goals.length).toBeLessThanOrEqual(3);
    plan.goals.forEach((g, i) => {
      const engine = bottomView.plan.goals[i]!;
      expect(g).toMatchObject({ practice: engine.practice, rank: i + 1, deadline: '2025-12-31' });
      expect(g.current).toBeCloseTo(engine.current, 3);
      expect(g.target).toBeCloseTo(engine.target, 3);
      expect(g.benchmark).toBeCloseTo(engine.benchmark, 3);
      expect(g.text_en).toBe(engine.text.en);
      expect(g.text_zh).toBe(engine.text.zh);
      expect(g.text_zh).toMatch(/[\u4e00-\u9fff]/);
      // Measurable and towards the benchmark: the target lies between the current value and the benchmark.
      const [lo, hi] = [Math.min(g.current, g.benchmark), Math.max(g.current, g.benchmark)];
      expect(g.target).toBeGreaterThanOrEqual(lo - 1e-9);
      expect(g.target).toBeLessThanOrEqual(hi + 1e-9);
      // The practices.csv row of the goal's practice says the same current value.
      expect(Number(rows.find((x) => x.practice === g.practice)!.rep_value)).toBeCloseTo(g.current, 3);
    });
    // A bottom-quartile rep gets an improvement plan, reviewed 90 days (the default setting) after
    // the period: 30 September + 90 days (issue #12, item 12; it was the next period's end).
    expect(plan.improvement_plan).not.toBeNull();
    expect(plan.improvement_plan!.review_date).toBe('2025-12-29');
    expect(plan.improvement_plan!.thresholds.length).toBeGreaterThanOrEqual(plan.goals.length);
    expect(plan.work_back.target_source).toBe(bottomView.plan.workBack.targetSource);
    expect(Array.isArray(plan.conflicts)).toBe(true);
  });

  it('reads a --db workspace like files, and the Maven sample', () => {
    const db = join(dir, 'demo.sqlite');
    expect(run(['import', ...DEMO_FILES, '--db', db]).status).toBe(0);
    const fromDb = join(dir, 'demo-coach-db');
    const r = run(['coach', '--rep', bottomRep.rep, '--db', db, '--period', '2025-Q3', '--out', fromDb]);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(fromDb, 'plan.json'), 'utf8')).toBe(
      readFileSync(join(dir, 'demo-coach', 'plan.json'), 'utf8'),
    );

    const out = join(dir, 'maven-coach');
    const m = run(['coach', '--rep', 'darcel schlecht', ...MAVEN_FILES, '--period', '2017', '--out', out]);
    expect(m.status, m.stderr).toBe(0);
    const { fields, rows } = readCsv(join(out, 'practices.csv'));
    expect(fields).toEqual(REP_COLUMNS);
    expect(rows).toHaveLength(PRACTICE_IDS.length);
    // Darcel Schlecht leads Maven's 2017: ahead of the top-quartile median on deals created.
    const prospects = rows.find((x) => x.practice === 'prospects_per_week')!;
    expect(Number(prospects.rep_value)).toBeGreaterThan(Number(prospects.top_median));
    expect(Number(prospects.gap)).toBeLessThan(0);
    const plan = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')) as PlanFile;
    expect(plan).toMatchObject({ rep: 'Darcel Schlecht', period: '2017', next_period: '2018', band: 'top' });
    expect(plan.improvement_plan).toBeNull();
  });

  it('exits 1 with one line naming close names for an unknown rep, 2 without --rep', () => {
    const out = join(dir, 'unknown');
    const typo = run(['coach', '--rep', 'Darcel Schlect', ...MAVEN_FILES, '--period', '2017', '--out', out]);
    expect(typo.status).toBe(1);
    expect(typo.stderr.trim().split('\n')).toHaveLength(1);
    expect(typo.stderr).toContain('no rep named "Darcel Schlect"');
    expect(typo.stderr).toContain('"Darcel Schlecht"');
    const nobody = run(['coach', '--rep', 'Qqqqqq Zzzzzz', ...MAVEN_FILES, '--period', '2017', '--out', out]);
    expect(nobody.status).toBe(1);
    expect(nobody.stderr.trim().split('\n')).toHaveLength(1);
    expect(nobody.stderr).toContain('none with a close name');
    // Nothing is written for a refused rep.
    expect(() => readdirSync(out)).toThrow();

    const noRep = run(['coach', ...MAVEN_FILES, '--period', '2017', '--out', out]);
    expect(noRep.status).toBe(2);
    expect(noRep.stderr).toContain('coach needs --rep');
    const badPeriod = run([
      'coach',
      '--rep',
      'Darcel Schlecht',
      ...MAVEN_FILES,
      '--period',
      '2017-Q5',
      '--out',
      out,
    ]);
    expect(badPeriod.status).toBe(1);
    expect(badPeriod.stderr).toContain('is not a period');
  });
});
