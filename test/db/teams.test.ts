import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../engine/api/engine';
import { importPaths } from '../../engine/import/import-files';
import { undoImport } from '../../engine/import/undo-import';
import { mergeScenarioIds } from '../../engine/teams/scenario-store';
import { Workspace } from '../../engine/workspace/workspace';
import type { Result } from '../../shared/result';
import type { Assignment, PlanCheckView, TeamPlan, TeamScenario } from '../../shared/teams/types';

/**
 * The team planner through the Engine's handlers (issue #10) on the demo workspace: plans,
 * scenarios saved, listed, scored again and deleted, the Excel export, a rep merge carrying
 * scenario ids along, "check the plan", and undo keeping the reps a scenario places.
 */
const root = resolve(import.meta.dirname, '../..');
const MAVEN = resolve(root, '../shared/data/maven-crm-sales-opportunities');
const dir = mkdtempSync(join(tmpdir(), 'qc-teams-'));
let tick = 0;
// A clock that moves a second per call, so scenarios saved one after another sort by time.
const engine = new Engine({
  dataDir: dir,
  resourcesDir: resolve(root, 'resources'),
  now: () => new Date(Date.UTC(2026, 0, 2, 3, 4, tick++)),
});
afterAll(() => {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One API method through the single entry point every host uses (validation included). */
async function call<T>(method: Parameters<Engine['call']>[0], payload: unknown): Promise<T> {
  const r = (await engine.call(method, payload)) as Result<T>;
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

const sqlite = () => engine.currentWorkspace.sqlite;
const assignmentOf = (plan: TeamPlan): Assignment[] =>
  plan.placements.map((p) => ({ repId: p.repId, leaderId: p.leaderId }));

/** Every placed person exactly once, in a team whose leader leads it, in rep id order. */
function expectWellFormed(plan: TeamPlan): void {
  const ids = plan.placements.map((p) => p.repId);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids).toEqual([...ids].sort((a, b) => a - b));
  const inTeams = plan.teams.flatMap((t) => [t.leaderId, ...t.members]).sort((a, b) => a - b);
  expect(inTeams).toEqual(ids);
  for (const t of plan.teams) expect(t.size).toBe(t.members.length + 1);
  const leaders = new Set(plan.teams.map((t) => t.leaderId));
  for (const p of plan.placements) {
    expect(leaders.has(p.leaderId)).toBe(true);
    expect(p.role === 'leader').toBe(p.repId === p.leaderId);
  }
  // Nobody is both placed and not placed.
  for (const n of plan.notPlaced) expect(ids).not.toContain(n.repId);
}

let plan2025: TeamPlan;

beforeAll(async () => {
  const demo = await engine.handlers['workspace.openDemo']({});
  if (!demo.ok) throw new Error(demo.error.message);
  plan2025 = await call<TeamPlan>('teams.plan', { period: '2025' });
}, 120_000);

describe('teams.plan', () => {
  it('plans the demo year: every rep placed once, or listed with the reason', () => {
    expectWellFormed(plan2025);
    expect(plan2025.period.id).toBe('2025');
    expect(plan2025.manual).toBe(false);
    expect(plan2025.teams.length).toBe(plan2025.input.constraints.teams);
    const reps = sqlite().prepare('SELECT count(*) FROM reps').pluck().get() as number;
    expect(plan2025.placements.length + plan2025.notPlaced.length).toBe(reps);
    expect(plan2025.checks.every((c) => c.ok)).toBe(true);
  });

  it('names the coverage suggestions’ accounts: the working set’s accounts are the table’s rows by id', () => {
    expect(plan2025.coverage.length).toBeGreaterThan(0);
    const names = sqlite().prepare('SELECT name FROM accounts ORDER BY id').pluck().all() as string[];
    for (const c of plan2025.coverage) {
      expect(c.account).toBe(names[c.accountIndex]);
      expect(c.account.length).toBeGreaterThan(0);
    }
  });

  it('gives the same plan for the same request, and an infeasible_plan error, no half plan, for impossible sizes', async () => {
    const again = await call<TeamPlan>('teams.plan', { period: '2025' });
    expect(assignmentOf(again)).toEqual(assignmentOf(plan2025));
    const r = await engine.call('teams.plan', { period: '2025', constraints: { teams: 4, maxSize: 5 } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('infeasible_plan');
    expect(typeof r.error.params?.constraint).toBe('string');
    // A malformed request never reaches the planner.
    const bad = await engine.call('teams.plan', { period: '2025', constraints: { teams: 0 } });
    expect(!bad.ok && bad.error.code).toBe('invalid_request');
    const period = await engine.call('teams.plan', { period: '2025-Q5' });
    expect(!period.ok && period.error.code).toBe('invalid_period');
  });
});

describe('scenarios', () => {
  it('save -> list -> plan with the assignment gives the same placements -> delete', async () => {
    // The director moves one member to another team before saving.
    const member = plan2025.placements.find((p) => p.role === 'member')!;
    const other = plan2025.teams.find((t) => t.leaderId !== member.leaderId)!;
    const edited = assignmentOf(plan2025).map((a) =>
      a.repId === member.repId ? { ...a, leaderId: other.leaderId, manual: true } : a,
    );
    const saved = await call<TeamScenario>('teams.saveScenario', {
      period: '2025',
      name: '  Spring reorg  ',
      constraints: { minSize: 3 },
      assignment: edited,
    });
    expect(saved.name).toBe('Spring reorg');
    expect(saved.period).toBe('2025');
    expect(saved.topBy).toBe('results');
    expect(saved.savedAt).toMatch(/^2026-01-02T03:04:/);
    expect(saved.constraints).toMatchObject({ teams: null, minSize: 3, maxSize: null, within: 'none' });

    // The figures are the engine's score of the placement, not anything the page says.
    const scored = await call<TeamPlan>('teams.plan', { period: '2025', assignment: edited });
    expectWellFormed(scored);
    expect(scored.manual).toBe(true);
    expect(scored.placements.find((p) => p.repId === member.repId)!.leaderId).toBe(other.leaderId);
    expect(saved.summary).toEqual({
      teams: scored.teams.length,
      benefit: scored.objective.benefit,
      moves: scored.objective.moves,
      placed: scored.placements.length,
    });
    const withSummary = await engine.call('teams.saveScenario', {
      period: '2025',
      name: 'Forged',
      assignment: edited,
      summary: { teams: 1, benefit: 1e9, moves: 0, placed: 0 },
    });
    expect(!withSummary.ok && withSummary.error.code).toBe('invalid_request');

    const second = await call<TeamScenario>('teams.saveScenario', {
      period: '2025-q3',
      name: 'Solver Q3',
      assignment: assignmentOf(await call<TeamPlan>('teams.plan', { period: '2025-Q3' })),
    });
    // Periods are stored normalised.
    expect(second.period).toBe('2025-Q3');
    const list = await call<TeamScenario[]>('teams.scenarios', {});
    expect(list.map((s) => s.scenarioId)).toEqual([second.scenarioId, saved.scenarioId]);
    expect(list[1]).toEqual(saved);

    // Opened again: the saved assignment scores to the same placements and figures.
    const reopened = await call<TeamPlan>('teams.plan', {
      period: saved.period,
      topBy: saved.topBy,
      constraints: saved.constraints,
      assignment: saved.assignment,
    });
    expect(assignmentOf(reopened)).toEqual(assignmentOf(scored));
    expect(reopened.objective).toEqual(scored.objective);
    expect(reopened.placements.find((p) => p.repId === member.repId)!.reason).toBe('manual');

    expect(await call('teams.deleteScenario', { scenarioId: second.scenarioId })).toEqual({ deleted: true });
    expect(await call('teams.deleteScenario', { scenarioId: second.scenarioId })).toEqual({ deleted: false });
    expect((await call<TeamScenario[]>('teams.scenarios', {})).map((s) => s.scenarioId)).toEqual([
      saved.scenarioId,
    ]);
    expect(await call('teams.deleteScenario', { scenarioId: saved.scenarioId })).toEqual({ deleted: true });
    expect(await call<TeamScenario[]>('teams.scenarios', {})).toEqual([]);
  });

  it('refuses a blank name and a period that is no period', async () => {
    const assignment = assignmentOf(plan2025);
    const blank = await engine.call('teams.saveScenario', { period: '2025', name: '  ', assignment });
    expect(!blank.ok && blank.error.code).toBe('invalid_request');
    const period = await engine.call('teams.saveScenario', { period: 'someday', name: 'A', assignment });
    expect(!period.ok && period.error.code).toBe('invalid_period');
    expect(await call<TeamScenario[]>('teams.scenarios', {})).toEqual([]);
  });
});

describe('teams.exportCsv', () => {
  it('writes teams.csv for Excel: BOM, CRLF, and a rep named =cmd neutralised', async () => {
    const member = plan2025.placements.find((p) => p.role !== 'leader')!;
    const original = member.rep;
    sqlite().prepare('UPDATE reps SET name = ? WHERE id = ?').run('=cmd', member.repId);
    engine.currentWorkspace.invalidate();
    try {
      const { fileName, csv } = await call<{ fileName: string; csv: string }>('teams.exportCsv', {
        period: '2025',
      });
      expect(fileName).toBe('teams-2025.csv');
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      expect(csv.slice(1).startsWith('rep,band,current_team,proposed_team,leader,role,moved,')).toBe(true);
      expect(csv).toContain('\r\n');
      const lines = csv.slice(1).trimEnd().split('\r\n');
      expect(lines).toHaveLength(1 + plan2025.placements.length + plan2025.notPlaced.length);
      expect(lines.some((l) => l.startsWith("'=cmd,"))).toBe(true);
      expect(lines.some((l) => l.startsWith('=cmd'))).toBe(false);
      // The rep's reason names them too: never as a formula at the start of a cell.
      expect(csv).not.toMatch(/(^|,)=cmd/m);
      const q3 = await call<{ fileName: string }>('teams.exportCsv', { period: '2025-Q3' });
      expect(q3.fileName).toBe('teams-2025-Q3.csv');
    } finally {
      sqlite().prepare('UPDATE reps SET name = ? WHERE id = ?').run(original, member.repId);
      engine.currentWorkspace.invalidate();
    }
  });
});

describe('teams.check', () => {
  it('compares the moved reps with those who stayed, 2025-Q3 against 2025-Q4 (the demo runs to the year end)', async () => {
    const plan = await call<TeamPlan>('teams.plan', { period: '2025-Q3' });
    const scenario = await call<TeamScenario>('teams.saveScenario', {
      period: '2025-Q3',
      name: 'Q3 plan',
      assignment: assignmentOf(plan),
    });
    const check = await call<PlanCheckView>('teams.check', { scenarioId: scenario.scenarioId });
    expect(check.before.id).toBe('2025-Q3');
    expect(check.after.id).toBe('2025-Q4');
    expect(check.ready).toBe(true);
    expect(check.why).toBeNull();
    expect(check.placed).toBe(plan.placements.length);
    expect(check.scenario).toEqual(scenario);
    expect(check.groups.map((g) => g.group)).toEqual(['moved', 'stayed']);
    const moved = plan.placements.filter((p) => p.moved && p.role !== 'leader').length;
    const stayed = plan.placements.filter((p) => !p.moved && p.role !== 'leader').length;
    // Only reps ranked in both quarters are compared.
    expect(check.groups[0]!.reps).toBeLessThanOrEqual(moved);
    expect(check.groups[1]!.reps).toBeLessThanOrEqual(stayed);
    expect(check.groups[0]!.reps + check.groups[1]!.reps).toBeGreaterThan(0);
    expect(check.tooFew).toBe(check.groups.some((g) => g.reps < 3));
    // Nobody has adopted the plan yet: only those already in their proposed leader's team.
    const adoptedNow = plan.placements.filter((p) => !p.moved && p.currentTeam !== null).length;
    expect(check.adopted).toBe(adoptedNow);

    const missing = await engine.call('teams.check', { scenarioId: 999_999 });
    expect(!missing.ok && missing.error.code).toBe('not_found');
    // The demo has no 2026 data: a 2025 scenario cannot be checked yet.
    const year = await call<TeamScenario>('teams.saveScenario', {
      period: '2025',
      name: 'Year',
      assignment: assignmentOf(plan2025),
    });
    const notYet = await call<PlanCheckView>('teams.check', { scenarioId: year.scenarioId });
    expect(notYet).toMatchObject({ ready: false, why: 'no_data_after', groups: [] });
  });
});

describe('rep merges', () => {
  it('move a merged rep’s ids in every scenario to the surviving rep', async () => {
    const scenarios = await call<TeamScenario[]>('teams.scenarios', {});
    const q3 = scenarios.find((s) => s.name === 'Q3 plan')!;
    const leaderId = q3.assignment.find((a) => a.repId === a.leaderId)!.leaderId;
    const fromId = q3.assignment.find((a) => a.repId !== a.leaderId && a.leaderId === leaderId)!.repId;
    // Merged into another member the scenario places (in another team): the survivor's own placement wins.
    const intoId = q3.assignment.find((a) => a.repId !== a.leaderId && a.leaderId !== leaderId)!.repId;
    const intoLeader = q3.assignment.find((a) => a.repId === intoId)!.leaderId;
    expect(await call('reps.merge', { fromId, intoId })).toEqual({ merged: true });

    const after = (await call<TeamScenario[]>('teams.scenarios', {})).find(
      (s) => s.scenarioId === q3.scenarioId,
    )!;
    expect(after.assignment.some((a) => a.repId === fromId || a.leaderId === fromId)).toBe(false);
    expect(after.assignment.filter((a) => a.repId === intoId)).toEqual([
      { repId: intoId, leaderId: intoLeader },
    ]);
    expect(after.assignment).toHaveLength(q3.assignment.length - 1);
    // The saved figures stay as they were scored.
    expect(after.summary).toEqual(q3.summary);

    // A leader merged into a member: the survivor leads the team, nobody is left without a leader.
    const leaderFrom = leaderId;
    const member = after.assignment.find((a) => a.repId !== a.leaderId && a.leaderId !== leaderFrom)!.repId;
    expect(await call('reps.merge', { fromId: leaderFrom, intoId: member })).toEqual({ merged: true });
    const led = (await call<TeamScenario[]>('teams.scenarios', {})).find(
      (s) => s.scenarioId === q3.scenarioId,
    )!;
    expect(led.assignment.some((a) => a.repId === leaderFrom || a.leaderId === leaderFrom)).toBe(false);
    expect(led.assignment.find((a) => a.repId === member)).toEqual({ repId: member, leaderId: member });
    const formerTeam = after.assignment.filter((a) => a.leaderId === leaderFrom && a.repId !== leaderFrom);
    for (const a of formerTeam)
      expect(led.assignment.find((b) => b.repId === a.repId)!.leaderId).toBe(member);
    // The scenario still scores: the survivor leads.
    const plan = await call<TeamPlan>('teams.plan', { period: led.period, assignment: led.assignment });
    expectWellFormed(plan);
    expect(plan.teams.some((t) => t.leaderId === member)).toBe(true);
    const check = await call<PlanCheckView>('teams.check', { scenarioId: led.scenarioId });
    expect(check.placed).toBe(led.assignment.length);
  });

  it('rewrite leaders, pins, apart pairs and the moved list by the rules of migration 10', () => {
    const summary = { teams: 2, benefit: 5, moves: 2, placed: 5, movedRepIds: [3, 5] };
    const merged = mergeScenarioIds(
      {
        constraints: {
          teams: 2,
          leaders: [5, 1],
          notLeaders: [9],
          pins: [
            { repId: 5, leaderId: 1 },
            { repId: 6, leaderId: 5 },
          ],
          apart: [
            [5, 7],
            [9, 7],
            [5, 9],
          ],
        },
        assignment: [
          { repId: 1, leaderId: 1 },
          { repId: 3, leaderId: 1 },
          { repId: 5, leaderId: 5 },
          { repId: 6, leaderId: 5, manual: true },
          { repId: 9, leaderId: 1 },
        ],
        summary,
      },
      5,
      9,
    );
    // Rep 5 led a team: merged into 9, the team keeps its leader, now 9.
    expect(merged.assignment).toEqual([
      { repId: 1, leaderId: 1 },
      { repId: 3, leaderId: 1 },
      { repId: 9, leaderId: 9 },
      { repId: 6, leaderId: 9, manual: true },
    ]);
    // 9 was marked "should not lead" and 5 "should lead": the survivor's own choice stands.
    expect(merged.constraints.leaders).toEqual([1]);
    expect(merged.constraints.notLeaders).toEqual([9]);
    expect(merged.constraints.pins).toEqual([
      { repId: 9, leaderId: 1 },
      { repId: 6, leaderId: 9 },
    ]);
    // [5, 7] and [9, 7] are one pair now; [5, 9] became one person.
    expect(merged.constraints.apart).toEqual([[9, 7]]);
    // The kept placement is the merged rep's (it led), and the merged rep had moved.
    expect(merged.summary.movedRepIds).toEqual([3, 9]);
    expect(merged.constraints.teams).toBe(2);

    // Two members: the survivor's own placement and moved flag stand.
    const members = mergeScenarioIds(
      {
        constraints: {},
        assignment: [
          { repId: 1, leaderId: 1 },
          { repId: 4, leaderId: 1 },
          { repId: 2, leaderId: 2 },
          { repId: 8, leaderId: 2 },
        ],
        summary: { ...summary, movedRepIds: [4] },
      },
      4,
      8,
    );
    expect(members.assignment).toEqual([
      { repId: 1, leaderId: 1 },
      { repId: 2, leaderId: 2 },
      { repId: 8, leaderId: 2 },
    ]);
    expect(members.summary.movedRepIds).toEqual([]);
    expect(members.constraints).toEqual({});
  });
});

describe('undo', () => {
  it('keeps the reps a saved scenario places; without one, they go with their import', async () => {
    const pipeline = resolve(MAVEN, 'sales_pipeline.csv');
    const outcome = async (withScenario: boolean): Promise<number> => {
      const workspace = new Workspace(':memory:', false);
      const local = Engine.inProcess(workspace, { now: () => new Date('2026-01-02T00:00:00.000Z') });
      try {
        const imported = await importPaths(workspace.sqlite, [pipeline], '2026-01-01T00:00:00.000Z');
        if (!imported.ok) throw new Error(imported.error.message);
        workspace.invalidate();
        const plan = (await local.call('teams.plan', {
          period: '2017',
          constraints: { teams: 3 },
        })) as Result<TeamPlan>;
        if (!plan.ok) throw new Error(plan.error.message);
        expect(plan.value.placements.length).toBeGreaterThan(0);
        if (withScenario) {
          const saved = await local.call('teams.saveScenario', {
            period: '2017',
            name: 'Before undo',
            constraints: { teams: 3 },
            assignment: assignmentOf(plan.value),
          });
          expect(saved.ok).toBe(true);
        }
        const removed = undoImport(workspace.sqlite, imported.value[0]!.batchId);
        expect(removed?.deals).toBeGreaterThan(0);
        return workspace.sqlite.prepare('SELECT count(*) FROM reps').pluck().get() as number;
      } finally {
        local.close();
        workspace.close();
      }
    };
    expect(await outcome(false)).toBe(0);
    // Maven's 2017 pipeline: 30 sellers, every one placed by the plan.
    expect(await outcome(true)).toBe(30);
  });
});
