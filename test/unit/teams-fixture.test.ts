import { describe, expect, it } from 'vitest';
import { defaultAnalysisSettings } from '../../shared/analysis/settings';
import { analyzeCoaching } from '../../shared/coaching/analyze-coaching';
import { dayNumber, fromDayNumber, weekdayOf } from '../../shared/period/period';
import { planTeams, rescorePlan, assignmentOf } from '../../shared/teams/plan-teams';
import { TEAMS_CSV_COLUMNS, teamsCsvRows } from '../../shared/teams/plan-table';
import { buildWorkingSet, type TestActivity, type TestDeal } from './working-set-builder';
import { periodFrom } from './teams-period';

/**
 * A company where the right placement is known by construction: three leaders, each outstanding
 * in a different practice (calls, visits, customers served), and middle reps who are each close
 * to the top in everything but one clear gap. Every such rep must land with the leader who is
 * outstanding where they are weak, through the real KPI and coaching pipeline.
 */

type Gap = 'calls' | 'visits' | 'accounts';

interface Profile {
  name: string;
  team: string;
  calls: number;
  visitsPerWeek: number;
  accounts: number;
  revenue: number;
  won: number;
  lost: number;
}

const TOP = { calls: 6, visitsPerWeek: 4, accounts: 20 };
const MIDDLE = { calls: 5, visitsPerWeek: 3, accounts: 17 };
const WEAK = { calls: 2, visitsPerWeek: 1, accounts: 6 };
const BOTTOM = { calls: 3, visitsPerWeek: 1, accounts: 8 };

function company(): { profiles: Profile[]; gaps: Map<string, Gap>; leaders: Record<Gap, string> } {
  const profiles: Profile[] = [];
  const teams = ['Alpha', 'Beta', 'Gamma'];
  const team = (i: number): string => teams[i % 3]!;
  let i = 0;
  const add = (p: Omit<Profile, 'team'>): void => {
    profiles.push({ ...p, team: team(i++) });
  };
  const leaders: Record<Gap, string> = {
    calls: 'Lead Calls',
    visits: 'Lead Visits',
    accounts: 'Lead Accounts',
  };
  add({ name: leaders.calls, ...TOP, calls: 15, revenue: 330_000, won: 12, lost: 3 });
  add({ name: leaders.visits, ...TOP, visitsPerWeek: 10, revenue: 320_000, won: 12, lost: 3 });
  add({ name: leaders.accounts, ...TOP, accounts: 45, revenue: 310_000, won: 12, lost: 3 });
  for (let k = 0; k < 3; k++)
    add({ name: `Top ${k + 1}`, ...TOP, revenue: 260_000 - k * 5000, won: 10, lost: 3 });
  const gaps = new Map<string, Gap>();
  (['calls', 'visits', 'accounts'] as const).forEach((gap, g) => {
    for (let k = 0; k < 4; k++) {
      const name = `Middle ${gap} ${k + 1}`;
      gaps.set(name, gap);
      const level = { ...MIDDLE };
      if (gap === 'calls') level.calls = WEAK.calls;
      if (gap === 'visits') level.visitsPerWeek = WEAK.visitsPerWeek;
      if (gap === 'accounts') level.accounts = WEAK.accounts;
      add({ name, ...level, revenue: 160_000 - g * 4000 - k * 1000, won: 7, lost: 3 });
    }
  });
  for (let k = 0; k < 6; k++)
    add({ name: `Bottom ${k + 1}`, ...BOTTOM, revenue: 50_000 - k * 2000, won: 3, lost: 3 });
  return { profiles, gaps, leaders };
}

function workingSet(profiles: Profile[], tierA: Record<string, number> = {}) {
  const deals: TestDeal[] = [];
  const activities: TestActivity[] = [];
  let nextAccount = 0;
  const from = dayNumber('2025-01-01');
  const to = dayNumber('2025-03-31');
  for (const p of profiles) {
    const pool = Array.from({ length: p.accounts }, () => nextAccount++);
    let touch = 0;
    const account = (): number => pool[touch++ % pool.length]!;
    let weekday = 0;
    for (let d = from; d <= to; d++) {
      const wd = weekdayOf(d);
      if (wd === 0 || wd === 6) continue;
      const day = fromDayNumber(d);
      for (let k = 0; k < p.calls; k++)
        activities.push({ rep: p.name, type: 'call', day, account: account(), connected: k % 2 === 0 });
      const visits = Math.floor(p.visitsPerWeek / 5) + (weekday % 5 < p.visitsPerWeek % 5 ? 1 : 0);
      for (let k = 0; k < visits; k++)
        activities.push({ rep: p.name, type: 'visit', day, account: account() });
      activities.push({ rep: p.name, type: 'email', day });
      activities.push({ rep: p.name, type: 'email', day });
      if (wd === 3) activities.push({ rep: p.name, type: 'meeting', day, account: account() });
      weekday++;
    }
    for (let k = 0; k < p.won; k++) {
      deals.push({
        rep: p.name,
        status: 'won',
        amount: Math.round(p.revenue / p.won),
        created: '2024-12-01',
        closed: fromDayNumber(from + 5 + k * 6),
        account: pool[k % pool.length]!,
      });
    }
    for (let k = 0; k < p.lost; k++) {
      deals.push({
        rep: p.name,
        status: 'lost',
        amount: 10_000,
        created: '2024-12-01',
        closed: fromDayNumber(from + 8 + k * 9),
        account: pool[0]!,
      });
    }
  }
  // Tier-A accounts (imported tiers): the first `tierA[rep]` accounts of each named rep's pool.
  const accounts: Record<number, { tier: string; owner: string }> = {};
  let first = 0;
  for (const p of profiles) {
    for (let k = 0; k < (tierA[p.name] ?? 0); k++) accounts[first + k] = { tier: 'A', owner: p.name };
    first += p.accounts;
  }
  return buildWorkingSet({
    reps: profiles.map((p) => p.name),
    accounts,
    repInfo: Object.fromEntries(profiles.map((p) => [p.name, { team: p.team, region: 'One' }])),
    deals,
    activities,
    accountCount: nextAccount,
  });
}

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
