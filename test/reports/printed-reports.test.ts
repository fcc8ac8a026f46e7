import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../engine/api/engine';
import { buildDemoWorkspace } from '../../engine/workspace/demo-workspace';
import { Workspace } from '../../engine/workspace/workspace';
import { practiceName, practiceValue } from '../../reports/report-text';
import type { ApiMethod, ApiRequest, ApiResponse, RankingView } from '../../shared/api/contract';
import type { RepCoachingView } from '../../shared/coaching/types';
import type { Result } from '../../shared/result';
import { compactText, fonts, images, isA4, pageSizes, text } from './poppler';

/**
 * The printed reports (issue #11) as a user gets them: `quartile-coach report` run on a demo
 * workspace with a saved plan, a note and a saved team scenario, and the PDFs read back with
 * poppler: A4 pages, every font embedded and none of Type 3, the rep's name and the plan's goals
 * and targets in English and in Chinese, real Chinese text, every ranked rep named in the
 * director's report and none in the anonymised one. Chromium is Debian's (.ci/run installs it).
 */
const root = resolve(import.meta.dirname, '../..');
const bin = resolve(root, 'bin/quartile-coach.mjs');
const dir = mkdtempSync(join(tmpdir(), 'qc-reports-'));
// The file's name is the workspace's name in every page's header.
const db = join(dir, 'Northwind Sales.sqlite');
const PERIOD = '2025';

function run(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

async function call<M extends ApiMethod>(
  engine: Engine,
  method: M,
  req: ApiRequest<M>,
): Promise<ApiResponse<M>> {
  const result = (await engine.call(method, req)) as Result<ApiResponse<M>>;
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}

let view: RankingView;
let coaching: RepCoachingView;
let rep: string;
let team: string;
let allNames: string[];
const NOTE = 'Agreed to review the tier-A pipeline every Friday.';

beforeAll(async () => {
  const workspace = new Workspace(db, false);
  const built = await buildDemoWorkspace(
    workspace.sqlite,
    resolve(root, 'resources'),
    '2026-01-01T00:00:00.000Z',
  );
  if (!built.ok) throw new Error(built.error.message);
  workspace.invalidate();
  const engine = Engine.inProcess(workspace, { now: () => new Date('2026-01-05T09:00:00Z') });
  view = await call(engine, 'rankings.get', { period: PERIOD });
  // A rep of the bottom band: their dossier has every section, the improvement plan included.
  const bottom = view.rows.find((r) => r.band === 'bottom' && r.team !== null)!;
  coaching = await call(engine, 'coaching.rep', { period: PERIOD, repId: bottom.repId });
  rep = coaching.rep.name;
  team = bottom.team!;
  expect(coaching.plan.goals.length).toBeGreaterThan(0);
  await call(engine, 'coaching.savePlan', {
    repId: bottom.repId,
    period: PERIOD,
    goals: coaching.plan.goals.map((g) => ({
      practice: g.practice,
      baseline: g.current,
      target: g.target,
      deadline: g.deadline,
      period: g.period.id,
      text: g.text,
    })),
  });
  await call(engine, 'coaching.addNote', { repId: bottom.repId, text: NOTE, period: PERIOD });
  const plan = await call(engine, 'teams.plan', { period: PERIOD });
  await call(engine, 'teams.saveScenario', {
    period: PERIOD,
    name: 'Five teams',
    assignment: plan.placements.map((p) => ({ repId: p.repId, leaderId: p.leaderId })),
  });
  // The logo Settings keeps: every page's header prints it.
  const logo = readFileSync(resolve(root, 'test/fixtures/reports/logo.png')).toString('base64');
  await call(engine, 'workspace.setReportLogo', { logo: `data:image/png;base64,${logo}` });
  allNames = workspace.getWorkingSet().reps.map((r) => r.name);
  engine.close();
  workspace.close();
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Each command runs once (a run starts a browser), its PDFs read by the tests that need them. */
const runs = new Map<string, ReturnType<typeof run>>();
function printOnce(name: string, args: string[]): { out: string; result: ReturnType<typeof run> } {
  const out = join(dir, name);
  if (!runs.has(name)) runs.set(name, run(['report', '--db', db, '--period', PERIOD, '--out', out, ...args]));
  return { out, result: runs.get(name)! };
}
const english = () => printOnce('en', ['--rep', rep, '--director']);
const chinese = () => printOnce('zh', ['--rep', rep, '--director', '--anonymise', '--lang', 'zh-CN']);

function expectPrintable(pdf: string): void {
  const sizes = pageSizes(pdf);
  expect(sizes.length).toBeGreaterThan(0);
  expect(isA4(sizes[0]!, 'portrait')).toBe(true);
  for (const size of sizes) expect(isA4(size, 'portrait') || isA4(size, 'landscape')).toBe(true);
  const used = fonts(pdf);
  expect(used.length).toBeGreaterThan(0);
  for (const font of used) {
    expect(font.embedded).toBe(true);
    expect(font.type).not.toMatch(/Type 3/);
    // Only the font the app ships: no system font stood in for a missing glyph.
    expect(font.name).toMatch(/NotoSansSC/);
    expect(font.type).toBe('CID TrueType');
  }
}

describe('quartile-coach report: the coaching dossier', () => {
  it('prints an A4 dossier in English with the rep, the saved plan, the note and the header', () => {
    const { out, result: r } = english();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^2025: 1 dossier, director-report\.pdf \(2 PDFs, \d+ pages\) -> /);
    const pdf = join(out, `${rep}.pdf`);
    expectPrintable(pdf);
    const pages = pageSizes(pdf).length;
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(4);
    const t = text(pdf);
    expect(t).toContain(rep);
    // Name, team, period, peer group and data end on every page's header; page numbers on every page.
    expect(t.split(`${rep} · ${team} · 2025 · Whole company · data to Dec 31, 2025`).length - 1).toBe(pages);
    expect(t.split('Northwind Sales · Coaching dossier').length - 1).toBe(pages);
    for (let p = 1; p <= pages; p++) expect(t).toContain(`Page ${p} of ${pages}`);
    expect(t).toContain('As saved on');
    for (const goal of coaching.plan.goals) {
      expect(t).toContain(practiceName('en', goal.practice));
      expect(t).toContain(practiceValue('en', goal.practice, goal.target, view.currency));
    }
    expect(t).toContain('Improvement plan');
    expect(t).toContain(NOTE);
    expect(t).toContain('Work back from the target');
    // The logo, on every page and nowhere else (the charts are vectors, not images).
    const logos = images(pdf);
    expect(logos.map((i) => i.page)).toEqual(Array.from({ length: pages }, (_, i) => i + 1));
    for (const image of logos) expect([image.width, image.height]).toEqual([360, 100]);
  });

  it('prints it in Chinese, with real Chinese text and the goals in Chinese', () => {
    const { out, result: r } = chinese();
    expect(r.status).toBe(0);
    const pdf = join(out, `${rep}.pdf`);
    expectPrintable(pdf);
    const t = compactText(pdf);
    const pages = pageSizes(pdf).length;
    expect(t).toContain(rep.replace(/\s+/g, ''));
    expect(t).toContain('辅导档案');
    for (let p = 1; p <= pages; p++) expect(t).toContain(`第${p}页/共${pages}页`);
    // Chinese characters, not boxes or missing glyphs: hundreds of them, in words the catalog has.
    const han = t.match(/\p{Script=Han}/gu) ?? [];
    expect(han.length).toBeGreaterThan(300);
    for (const words of ['分档与得分', '关键指标与前25%对比', '改进计划', '签名']) expect(t).toContain(words);
    for (const goal of coaching.plan.goals) {
      expect(t).toContain(practiceName('zh-CN', goal.practice).replace(/\s+/g, ''));
      expect(t).toContain(
        practiceValue('zh-CN', goal.practice, goal.target, view.currency).replace(/\s+/g, ''),
      );
    }
  });

  it('prints every rep of a team, one PDF each plus all of them in one', () => {
    const out = join(dir, 'team');
    const r = run(['report', '--db', db, '--period', PERIOD, '--out', out, '--all', '--team', team]);
    expect(r.status).toBe(0);
    const members = view.rows.filter(
      (row) => row.team === team && row.unrankedReason !== 'no_data_in_period',
    );
    const files = readdirSync(out).sort();
    expect(files).toEqual([...members.map((m) => `${m.rep}.pdf`), 'all-dossiers.pdf'].sort());
    const combined = join(out, 'all-dossiers.pdf');
    expectPrintable(combined);
    const each = members.reduce((n, m) => n + pageSizes(join(out, `${m.rep}.pdf`)).length, 0);
    expect(pageSizes(combined).length).toBe(each);
    const t = text(combined);
    for (const m of members) expect(t).toContain(`${m.rep} · ${team} · 2025`);
  });
});

describe("quartile-coach report: the director's report", () => {
  it('names every ranked rep, lists the not-ranked and prints the saved scenario', () => {
    const { out, result: r } = english();
    expect(r.status).toBe(0);
    const pdf = join(out, 'director-report.pdf');
    expectPrintable(pdf);
    // The ranking table is on landscape pages, between portrait ones.
    const sizes = pageSizes(pdf);
    expect(sizes.some((s) => isA4(s, 'landscape'))).toBe(true);
    const t = text(pdf);
    const ranked = view.rows.filter((row) => row.band !== 'unranked');
    expect(ranked.length).toBeGreaterThan(30);
    for (const row of ranked) expect(t).toContain(row.rep);
    for (const row of view.rows.filter((x) => x.band === 'unranked')) expect(t).toContain(row.rep);
    for (const words of [
      'Band spread',
      'Results × activity',
      'What separates the top performers here',
      'Coverage of customer tiers',
      'Funnel and forecast',
      'Proposed teams',
      '“Five teams”',
    ])
      expect(t).toContain(words);
  });

  it('anonymised, names nobody: reps are numbered by rank in tables, cells and reasons', () => {
    const out = join(dir, 'anonymised');
    const r = run(['report', '--db', db, '--period', PERIOD, '--out', out, '--director', '--anonymise']);
    expect(r.status).toBe(0);
    const pdf = join(out, 'director-report.pdf');
    expectPrintable(pdf);
    const t = text(pdf);
    for (const name of allNames) {
      expect(t).not.toContain(name);
      // Nor the surname alone (the reasons of the team plan name people in sentences).
      const last = name.split(' ').at(-1)!;
      if (last.length >= 4) expect(t).not.toMatch(new RegExp(`\\b${last}\\b`));
    }
    expect(t).toContain('Rep 1 ');
    expect(t).toContain(`Rep ${view.rankedCount}`);
    expect(t).toContain('Anonymised');
  });

  it('anonymised in Chinese as well', () => {
    const { out, result: r } = chinese();
    expect(r.status).toBe(0);
    const pdf = join(out, 'director-report.pdf');
    expectPrintable(pdf);
    const t = compactText(pdf);
    for (const name of allNames) expect(t).not.toContain(name.replace(/\s+/g, ''));
    expect(t).toContain('销售1');
    expect(t).toContain('销售总监报告');
  });
});

describe('quartile-coach report: nothing to print', () => {
  it('exits 1 with one line for an unknown rep', () => {
    const r = run([
      'report',
      '--db',
      db,
      '--period',
      PERIOD,
      '--out',
      join(dir, 'x'),
      '--rep',
      'Nobody Atall',
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/no rep named "Nobody Atall"/);
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });

  it('exits 1 for a period without data', () => {
    const r = run(['report', '--db', db, '--period', '2019', '--out', join(dir, 'y'), '--all', '--director']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/No rep has data in 2019/);
  });

  it('exits 1 when no browser is found', () => {
    const r = run(['report', '--db', db, '--period', PERIOD, '--out', join(dir, 'z'), '--all'], {
      QC_CHROMIUM: join(dir, 'no-such-browser'),
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/No Chrome, Chromium or Edge found/);
  });

  it('exits 2 without --rep, --all or --director', () => {
    const r = run(['report', '--db', db, '--period', PERIOD, '--out', join(dir, 'w')]);
    expect(r.status).toBe(2);
  });
});
