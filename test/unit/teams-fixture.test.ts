import { describe, expect, it } from 'vitest';
import { defaultAnalysisSettings } from '../../shared/analysis/settings';
import { analyzeCoaching } from '../../shared/coaching/analyze-coaching';
import { planTeams, rescorePlan, assignmentOf } from '../../shared/teams/plan-teams';
import { TEAMS_CSV_COLUMNS, teamsCsvRows } from '../../shared/teams/plan-table';
import { company, workingSet, type Gap } from './teams-company';
import { periodFrom } from './teams-period';

describe('team planner on a company built so the right placement is known', () => {
  const { profiles, gaps, leaders } = company();
  const ws = workingSet(profiles);
  const settings = defaultAnalysisSettings();
  const c = analyzeCoaching(ws, periodFrom('2025-Q1'), settings);

  it('chooses the three outstanding reps as leaders and places each middle rep with the leader of their gap', () => {
    const result = planTeams(ws, c, {});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const plan = result.value;
    const name = (id: number): string => ws.reps.find((r) => r.id === id)!.name;
    expect(plan.teams.map((t) => t.leader).sort()).toEqual(Object.values(leaders).sort());
    // The practices the benefit uses separate the top performers here.
    const used = plan.input.practices.map((p) => p.practice);
    expect(used).toEqual(expect.arrayContaining(['calls_per_day', 'visits_per_week', 'customers_served']));
    const acceptedFocus: Record<Gap, string[]> = {
      calls: ['calls_per_day', 'activities_per_day'],
      visits: ['visits_per_week', 'meetings_per_week', 'quality_contacts_per_week', 'face_to_face_share'],
      accounts: [
        'customers_served',
        'customers_served_new',
        'customers_served_existing',
        'substantive_relationships',
      ],
    };
    for (const p of plan.placements) {
      const gap = gaps.get(p.rep);
      if (!gap) continue;
      expect(name(p.leaderId), p.rep).toBe(leaders[gap]);
      expect(acceptedFocus[gap], p.rep).toContain(p.focus?.practice);
      expect(p.benefit).toBeGreaterThan(10);
      expect(p.text.en).toContain(leaders[gap]);
      expect(p.text.zh).toContain(leaders[gap]);
    }
    // Nobody dropped: every rep is placed exactly once, leaders lead their own team.
    expect(plan.placements.map((p) => p.rep).sort()).toEqual(profiles.map((p) => p.name).sort());
    expect(plan.notPlaced).toEqual([]);
    // The bottom quartile is flagged for an improvement plan, never silently.
    const bottom = plan.placements.filter((p) => p.rep.startsWith('Bottom'));
    expect(bottom.every((p) => p.role === 'improvement_plan' && p.text.en.includes('improvement plan'))).toBe(
      true,
    );
    expect(plan.optimal).toBe(true);
    // Top reps who do not lead are told why, by the score leaders are chosen by.
    const others = plan.placements.filter((p) => p.rep.startsWith('Top '));
    expect(others.length).toBe(3);
    for (const p of others) {
      expect(p.text.en).toContain('Top quartile by results score, not among the leaders');
      expect(p.text.zh).toContain('按结果得分位于前 25%，但未入选组长');
    }
  });

  it('re-scores a what-if move at once and explains it as the director’s', () => {
    const result = planTeams(ws, c, {});
    if (!result.ok) throw new Error(result.error.message);
    const plan = result.value;
    const rep = plan.placements.find((p) => gaps.get(p.rep) === 'calls')!;
    const other = plan.teams.find((t) => t.leaderId !== rep.leaderId)!;
    const moved = assignmentOf(plan).map((a) =>
      a.repId === rep.repId ? { ...a, leaderId: other.leaderId } : a,
    );
    const t0 = performance.now();
    const whatIf = rescorePlan(plan, moved);
    expect(performance.now() - t0).toBeLessThan(100);
    const after = whatIf.placements.find((p) => p.repId === rep.repId)!;
    expect(after.leaderId).toBe(other.leaderId);
    expect(after.reason).toBe('manual');
    expect(whatIf.objective.benefit).toBeLessThan(plan.objective.benefit);
    expect(whatIf.manual).toBe(true);
    // Scoring the saved placement again gives the same teams (a scenario reopened).
    const again = planTeams(ws, c, { assignment: assignmentOf(whatIf) });
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value.placements.map((p) => [p.repId, p.leaderId, p.reason === 'manual'])).toEqual(
      whatIf.placements.map((p) => [p.repId, p.leaderId, p.reason === 'manual']),
    );
  });

  it('writes one teams.csv row per rep with the issue’s columns', () => {
    const result = planTeams(ws, c, {});
    if (!result.ok) throw new Error(result.error.message);
    const rows = teamsCsvRows(result.value);
    expect(rows).toHaveLength(profiles.length);
    expect(rows.every((r) => r.length === TEAMS_CSV_COLUMNS.length)).toBe(true);
    const leaderRows = rows.filter((r) => r[5] === 'leader');
    expect(leaderRows).toHaveLength(3);
    expect(leaderRows.every((r) => r[7] === null)).toBe(true);
  });

  it('refuses impossible sizes with the constraint named, and no plan', () => {
    const result = planTeams(ws, c, { constraints: { teams: 3, maxSize: 5 } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('infeasible_plan');
    expect(result.error.params?.constraint).toBe('max_size');
    expect(result.error.message).toContain('24 people cannot fit in 3 teams of at most 5');
  });

  it('takes named leaders and keeps those marked "should not lead" out', () => {
    const top1 = ws.reps.find((r) => r.name === 'Top 1')!.id;
    const leadCalls = ws.reps.find((r) => r.name === leaders.calls)!.id;
    const result = planTeams(ws, c, { constraints: { leaders: [top1], notLeaders: [leadCalls] } });
    if (!result.ok) throw new Error(result.error.message);
    const ids = result.value.teams.map((t) => t.leaderId);
    expect(ids).toContain(top1);
    expect(ids).not.toContain(leadCalls);
    expect(ids).toHaveLength(3);
  });
});

describe('customer coverage suggestions', () => {
  const { profiles, leaders } = company();
  // Leaders carry one tier-A account, the other top reps two, each bottom rep one.
  const tierA: Record<string, number> = Object.fromEntries(
    profiles.map((p) => [
      p.name,
      Object.values(leaders).includes(p.name)
        ? 1
        : p.name.startsWith('Top')
          ? 2
          : p.name.startsWith('Bottom')
            ? 1
            : 0,
    ]),
  );
  const ws = workingSet(profiles, tierA);
  const settings = defaultAnalysisSettings();
  settings.tiers = { ...settings.tiers, method: 'imported' };
  const c = analyzeCoaching(ws, periodFrom('2025-Q1'), settings);

  it('lists every tier-A account of the bottom quartile, biggest first, and suggests only owners with room', () => {
    const result = planTeams(ws, c, {});
    if (!result.ok) throw new Error(result.error.message);
    const { coverage, placements } = result.value;
    // The owners are the bottom-band reps (composite band: some "Bottom" reps rank middle on
    // activity), biggest revenue at stake first.
    const onPlan = placements
      .filter((p) => p.role === 'improvement_plan' && p.rep.startsWith('Bottom'))
      .map((p) => p.rep);
    expect(onPlan.length).toBeGreaterThanOrEqual(3);
    expect(coverage.map((s) => s.owner)).toEqual([...onPlan].sort());
    // Bottom k won 3 deals of (50,000 - 2,000 (k - 1)) / 3 each, the first on their tier-A account.
    for (const s of coverage) {
      const k = Number(s.owner.split(' ')[1]);
      expect(s.wonInPeriod).toBe(Math.round((50_000 - 2_000 * (k - 1)) / 3));
    }
    // Room: the most a top performer carries (2) less what each carries. Leaders have one place
    // each (3 in all) and the other top reps none, so three accounts find an owner.
    const suggested = coverage.filter((s) => s.suggestedId !== null);
    expect(suggested).toHaveLength(Math.min(3, coverage.length));
    expect(coverage.slice(3).every((s) => s.reason === 'nobody')).toBe(true);
    const leaderIds = new Set(result.value.teams.map((t) => t.leaderId));
    expect(suggested.every((s) => leaderIds.has(s.suggestedId!))).toBe(true);
    // The owner's own proposed leader comes first when they have room.
    const first = coverage[0]!;
    const ownLeader = placements.find((p) => p.repId === first.ownerId)!.leaderId;
    expect(first.reason).toBe('own_leader');
    expect(first.suggestedId).toBe(ownLeader);
  });
});
