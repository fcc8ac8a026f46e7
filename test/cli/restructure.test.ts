import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamsCsv } from '../../cli/restructure-output';
import { Engine } from '../../engine/api/engine';
import { importPaths } from '../../engine/import/import-files';
import { Workspace } from '../../engine/workspace/workspace';
import type { Result } from '../../shared/result';
import { TEAMS_CSV_COLUMNS } from '../../shared/teams/plan-table';
import type { TeamPlan } from '../../shared/teams/types';

/**
 * `quartile-coach restructure` (issue #10), run as a user runs it: the files it writes, the
 * line it prints and its exit codes. Its plan must be the engine's own `teams.plan` answer for the
 * same data (the CLI is a host calling the API method, not a recipe of its own).
 */
const root = resolve(import.meta.dirname, '../..');
const bin = resolve(root, 'bin/quartile-coach.mjs');
const DEMO = resolve(root, 'resources/demo');
const DEMO_FILES = readdirSync(DEMO)
  .filter((f) => f.endsWith('.csv'))
  .map((f) => resolve(DEMO, f));
const MAVEN = resolve(root, '../shared/data/maven-crm-sales-opportunities');
const MAVEN_FILES = [resolve(MAVEN, 'sales_pipeline.csv'), resolve(MAVEN, 'sales_teams.csv')];
const dir = mkdtempSync(join(tmpdir(), 'qc-restructure-'));

function run(args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function readCsv(path: string): { text: string; fields: string[]; rows: Record<string, string>[] } {
  const text = readFileSync(path, 'utf8');
  // Plain CSV for scripts: no BOM, LF.
  expect(text.charCodeAt(0)).not.toBe(0xfeff);
  expect(text).not.toContain('\r');
  const parsed = Papa.parse<Record<string, string>>(text.trim(), { header: true });
  expect(parsed.errors).toEqual([]);
  return { text, fields: parsed.meta.fields ?? [], rows: parsed.data };
}

interface PlanFile {
  period: string;
  top_by: string;
  objective: { benefit: number; moves: number; matched: number };
  constraints: {
    teams: number;
    min_size: number;
    max_size: number;
    max_moves: number | null;
    within: string;
    leaders: { rep_id: number; rep: string }[];
    pins: { rep_id: number; leader_id: number }[];
    apart: { rep_id: number }[][];
  };
  teams: {
    name: string;
    leader: string;
    leader_id: number;
    size: number;
    benefit: number;
    members: { rep: string; rep_id: number; band: string; role: string; moved: boolean; benefit: number }[];
  }[];
  moves: { rep_id: number; from: string | null; to: string }[];
  coverage: { account: string; owner: string; suggested: string | null }[];
  not_placed: { rep: string; rep_id: number; reason: string }[];
  checks: { constraint: string; ok: boolean }[];
  notices: { code: string; message: string }[];
}

const readPlan = (out: string): PlanFile =>
  JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')) as PlanFile;

/** The engine's own answer for the demo, through the same API method, in-process. */
let demoPlan: TeamPlan;
let demoReps: number;

beforeAll(async () => {
  const workspace = new Workspace(':memory:', false);
  const imported = await importPaths(workspace.sqlite, DEMO_FILES, '2026-01-01T00:00:00.000Z');
  if (!imported.ok) throw new Error(imported.error.message);
  workspace.invalidate();
  demoReps = workspace.getWorkingSet().reps.length;
  const engine = Engine.inProcess(workspace);
  const plan = (await engine.call('teams.plan', { period: '2025' })) as Result<TeamPlan>;
  if (!plan.ok) throw new Error(plan.error.message);
  demoPlan = plan.value;
  engine.close();
  workspace.close();
}, 120_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('quartile-coach restructure', () => {
  it('writes teams.csv, one row per rep, and plan.json for the demo: the engine’s plan', () => {
    const out = join(dir, 'demo');
    const r = run(['restructure', ...DEMO_FILES, '--period', '2025', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const improvement = demoPlan.placements.filter((p) => p.role === 'improvement_plan').length;
    expect(r.stdout.trim()).toBe(
      `2025: ${demoPlan.teams.length} teams, ${demoPlan.placements.length} placed, ${demoPlan.objective.moves} moved, ` +
        `${improvement} on improvement plans -> ${out}`,
    );

    const { text, fields, rows } = readCsv(join(out, 'teams.csv'));
    expect(fields).toEqual([...TEAMS_CSV_COLUMNS]);
    // Every rep of the roster exactly once: placed, or listed as not placed with the reason.
    expect(rows).toHaveLength(demoReps);
    expect(new Set(rows.map((x) => x.rep)).size).toBe(demoReps);
    expect(text).toBe(teamsCsv(demoPlan));
    const placed = rows.filter((x) => x.proposed_team !== '');
    expect(placed).toHaveLength(demoPlan.placements.length);
    for (const row of placed) {
      expect(['leader', 'member', 'improvement_plan', 'unranked']).toContain(row.role);
      expect(['true', 'false']).toContain(row.moved);
      if (row.role === 'leader') {
        expect(row.leader).toBe(row.rep);
        expect(row.focus_practice).toBe('');
      }
      if (row.role === 'improvement_plan') expect(row.band).toBe('bottom');
      expect(row.reason_en).not.toBe('');
      expect(row.reason_zh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(rows.filter((x) => x.role === 'leader')).toHaveLength(demoPlan.teams.length);
    expect(rows.filter((x) => x.moved === 'true')).toHaveLength(demoPlan.objective.moves);

    const plan = readPlan(out);
    expect(plan.period).toBe('2025');
    expect(plan.top_by).toBe('results');
    expect(plan.objective.moves).toBe(demoPlan.objective.moves);
    expect(plan.objective.benefit).toBeCloseTo(demoPlan.objective.benefit, 2);
    // The constraints used, every default resolved.
    expect(plan.constraints).toMatchObject({
      teams: demoPlan.input.constraints.teams,
      min_size: 3,
      max_size: demoPlan.input.constraints.maxSize,
      max_moves: null,
      within: 'none',
    });
    // Leaders and members: every placed person in exactly one team.
    const inTeams = plan.teams.flatMap((t) => [t.leader_id, ...t.members.map((m) => m.rep_id)]);
    expect(inTeams.sort((a, b) => a - b)).toEqual(demoPlan.placements.map((p) => p.repId));
    for (const t of plan.teams) {
      expect(t.size).toBe(t.members.length + 1);
      expect(t.size).toBeGreaterThanOrEqual(3);
      expect(t.size).toBeLessThanOrEqual(plan.constraints.max_size);
    }
    expect(plan.moves).toHaveLength(plan.objective.moves);
    expect(plan.not_placed.map((n) => n.rep_id)).toEqual(demoPlan.notPlaced.map((n) => n.repId));
    expect(plan.not_placed.length + demoPlan.placements.length).toBe(demoReps);
    // Coverage suggestions name their accounts (the engine fills in the names).
    expect(plan.coverage.length).toBe(demoPlan.coverage.length);
    for (const c of plan.coverage) expect(c.account.length).toBeGreaterThan(0);
    expect(plan.checks.every((c) => c.ok)).toBe(true);
  });

  it('reads a --db workspace like the files', () => {
    const db = join(dir, 'demo.sqlite');
    expect(run(['import', ...DEMO_FILES, '--db', db]).status).toBe(0);
    const out = join(dir, 'demo-db');
    const r = run(['restructure', '--db', db, '--period', '2025', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(out, 'teams.csv'), 'utf8')).toBe(
      readFileSync(join(dir, 'demo', 'teams.csv'), 'utf8'),
    );
    expect(readFileSync(join(out, 'plan.json'), 'utf8')).toBe(
      readFileSync(join(dir, 'demo', 'plan.json'), 'utf8'),
    );
  });

  it('takes leaders, pins, apart pairs and a move budget by name on the Maven sample', () => {
    const out = join(dir, 'maven');
    const r = run([
      'restructure',
      ...MAVEN_FILES,
      '--period',
      '2017',
      '--out',
      out,
      // Names as a person types them: any case, extra spaces.
      '--leaders',
      'darcel schlecht;  Vicki   Laflamme',
      '--pin',
      'anna snelling = Vicki Laflamme',
      '--apart',
      'Cecily Lampkin;Cassey Cress',
      '--max-moves',
      '20',
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^2017: \d+ teams, \d+ placed, \d+ moved, \d+ on improvement plans? -> /);
    const plan = readPlan(out);
    const leaders = plan.teams.map((t) => t.leader);
    expect(leaders).toContain('Darcel Schlecht');
    expect(leaders).toContain('Vicki Laflamme');
    expect(plan.constraints.leaders.map((l) => l.rep)).toEqual(['Darcel Schlecht', 'Vicki Laflamme']);
    expect(plan.constraints.max_moves).toBe(20);
    expect(plan.objective.moves).toBeLessThanOrEqual(20);
    const teamOf = (name: string): string | undefined =>
      plan.teams.find((t) => t.leader === name || t.members.some((m) => m.rep === name))?.name;
    expect(teamOf('Anna Snelling')).toBe(teamOf('Vicki Laflamme'));
    expect(teamOf('Cecily Lampkin')).toBeDefined();
    expect(teamOf('Cecily Lampkin')).not.toBe(teamOf('Cassey Cress'));
    const { rows } = readCsv(join(out, 'teams.csv'));
    // Maven's roster: 35 sales agents, each once.
    expect(rows).toHaveLength(35);
    expect(new Set(rows.map((x) => x.rep)).size).toBe(35);
    expect(rows.find((x) => x.rep === 'Anna Snelling')!.leader).toBe('Vicki Laflamme');
  });

  it('exits 1 with one line naming close names for an unknown leader, and writes nothing', () => {
    const out = join(dir, 'unknown');
    const typo = run([
      'restructure',
      ...MAVEN_FILES,
      '--period',
      '2017',
      '--out',
      out,
      '--leaders',
      'Darcel Schlecht;Vicki Laflame',
    ]);
    expect(typo.status).toBe(1);
    expect(typo.stderr.trim().split('\n')).toHaveLength(1);
    expect(typo.stderr).toContain('--leaders');
    expect(typo.stderr).toContain('no rep named "Vicki Laflame"');
    expect(typo.stderr).toContain('"Vicki Laflamme"');
    const pin = run([
      'restructure',
      ...MAVEN_FILES,
      '--period',
      '2017',
      '--out',
      out,
      '--pin',
      'Qqqq Zzzz=Darcel Schlecht',
    ]);
    expect(pin.status).toBe(1);
    expect(pin.stderr.trim().split('\n')).toHaveLength(1);
    expect(pin.stderr).toContain('no rep named "Qqqq Zzzz"');
    expect(() => readdirSync(out)).toThrow();
  });

  it('exits 1 with one line for constraints no plan can meet: 4 teams of at most 5 for the demo', () => {
    const out = join(dir, 'impossible');
    const r = run([
      'restructure',
      ...DEMO_FILES,
      '--period',
      '2025',
      '--out',
      out,
      '--teams',
      '4',
      '--max-size',
      '5',
    ]);
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^quartile-coach: /);
    expect(r.stdout).toBe('');
    // No half plan.
    expect(() => readdirSync(out)).toThrow();
  });

  it('exits 2 for a malformed command line', () => {
    const out = join(dir, 'usage');
    const base = ['restructure', ...MAVEN_FILES, '--period', '2017', '--out', out];
    for (const extra of [
      ['--teams', 'five'],
      ['--min-size', '-1'],
      ['--within', 'team'],
      ['--pin', 'Anna Snelling'],
      ['--apart', 'Cecily Lampkin'],
      ['--leaders', ' ; '],
      ['--top-by', 'activity'],
    ]) {
      const r = run([...base, ...extra]);
      expect(r.status, extra.join(' ')).toBe(2);
      expect(r.stderr).toContain('Usage:');
    }
    expect(run(['restructure', ...MAVEN_FILES, '--period', '2017']).status).toBe(2);
    expect(run(['restructure', '--period', '2017', '--out', out]).status).toBe(2);
    expect(() => readdirSync(out)).toThrow();
  });
});
