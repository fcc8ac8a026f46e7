import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importPaths } from '../../engine/import/import-files';
import { Workspace } from '../../engine/workspace/workspace';
import { defaultAnalysisSettings } from '../../shared/analysis/settings';
import {
  analyzeCoaching,
  buildCoachingPlan,
  checkGoals,
  repCoachingView,
  teamPracticesView,
  type CoachingAnalysis,
} from '../../shared/coaching/analyze-coaching';
import { PRACTICE_BY_ID, PRACTICE_IDS } from '../../shared/coaching/practice-definitions';
import type { WorkingSet } from '../../shared/domain/types';
import { parsePeriod, type Period } from '../../shared/period/period';
import { DEMO_PLANTED } from '../../scripts/demo/generate-demo';

/**
 * The coaching analysis on the demo workspace, whose practices are planted by construction
 * (scripts/demo/generate-demo.ts, DEMO_PLANTED): the team view must find the planted practices
 * and must not find the planted non-difference (email volume); three plans (a top, a middle and
 * a bottom rep) are checked against figures worked out by hand from the rep view.
 */
const DEMO = resolve(import.meta.dirname, '../../resources/demo');
const period = (text: string): Period => {
  const p = parsePeriod(text);
  if (!p.ok) throw new Error(text);
  return p.value;
};

let ws: WorkingSet;
let year: CoachingAnalysis;
const settings = defaultAnalysisSettings();
const repIndex = (name: string): number => ws.reps.findIndex((r) => r.name === name);

beforeAll(async () => {
  const workspace = new Workspace(':memory:', false);
  const files = DEMO_PLANTED.files.map((f) => resolve(DEMO, f));
  const result = await importPaths(workspace.sqlite, files, '2026-01-01T00:00:00.000Z');
  if (!result.ok) throw new Error(result.error.message);
  workspace.invalidate();
  ws = workspace.getWorkingSet();
  year = analyzeCoaching(ws, period('2025'), settings);
}, 120_000);

describe('team view on the demo year', () => {
  it('ranks 39 reps by the results score into 10 / 19 / 10', () => {
    expect(year.team.counts).toEqual({ top: 10, middle: 19, bottom: 10 });
    expect(year.team.tooFew).toBe(false);
  });

  it('finds the planted practices', () => {
    const byId = new Map(year.team.practices.map((p) => [p.practice, p]));
    for (const id of [
      'substantive_relationships',
      'customers_served',
      'meetings_per_week',
      'visits_per_week',
      'calls_per_day',
    ] as const) {
      const p = byId.get(id)!;
      expect(p.distinguishing, id).toBe(true);
      expect(p.effectSize!, id).toBeGreaterThan(0.33);
      expect(p.qValue!, id).toBeLessThan(0.05);
      expect(p.topMedian!, id).toBeGreaterThan(p.bottomMedian!);
    }
    // About 1.5x the relationships of the rest, as planted (top 10 vs middle 5 per quarter, flattened
    // by noisy result quartiles over a year).
    expect(byId.get('substantive_relationships')!.ratioTopRest!).toBeGreaterThan(1.2);
  });

  it('does not call the planted non-difference (email volume) distinguishing', () => {
    for (const topBy of ['results', 'composite'] as const) {
      const c = topBy === 'results' ? year : analyzeCoaching(ws, period('2025'), settings, { topBy });
      const emails = c.team.practices.find((p) => p.practice === 'emails_per_day')!;
      expect(emails.distinguishing, topBy).toBe(false);
      expect(emails.separation, topBy).not.toBe('distinguishing');
      expect(Math.abs(emails.effectSize!), topBy).toBeLessThan(0.33);
    }
  });

  it('lists distinguishing practices first and flags the results KPIs that define the top', () => {
    const flags = year.team.practices.map((p) => p.distinguishing);
    expect(flags.indexOf(false)).toBeGreaterThan(0);
    expect(flags.slice(flags.indexOf(false)).includes(true)).toBe(false);
    const winRate = year.team.practices.find((p) => p.practice === 'win_rate')!;
    expect(winRate.inTopDefinition).toBe(true);
    expect(year.team.practices.find((p) => p.practice === 'calls_per_day')!.inTopDefinition).toBe(false);
  });

  it('the view lists every ranked rep and the practices nobody has', () => {
    const view = teamPracticesView(ws, year);
    expect(view.reps).toHaveLength(39);
    // The demo has quotas for 2025 only: pipeline coverage of the next year has no quota.
    expect(view.unavailable).toContain('pipeline_coverage');
    expect(view.practices).toHaveLength(PRACTICE_IDS.length);
  });
});

describe('plans for a top, a middle and a bottom rep (2025)', () => {
  it('bottom: Aisha Bello, hand-checked against her rep view', () => {
    const i = repIndex('Aisha Bello');
    const view = repCoachingView(ws, year, i, settings);
    expect(view.rep.band).toBe('bottom');
    const plan = view.plan;
    expect(plan.goals.map((g) => g.practice)).toEqual([
      'quality_contacts_per_week',
      'customers_served',
      'prospects_per_week',
    ]);
    const gap = new Map(view.gaps.map((g) => [g.practice, g]));
    // Quality contacts: 5.33 a week against a top median of 9.52. Half the gap (7.42) is more
    // than +25% in one period, and she has no earlier period, so the target is 5.33 x 1.25 = 6.66;
    // rounding up (6.7) would pass that limit, so it rounds down to one decimal: 6.6.
    const qc = plan.goals[0]!;
    expect(qc.current).toBeCloseTo(gap.get('quality_contacts_per_week')!.value!, 12);
    expect(qc.benchmark).toBeCloseTo(
      year.team.practices.find((p) => p.practice === 'quality_contacts_per_week')!.topMedian!,
      12,
    );
    expect(qc.current * 1.25).toBeLessThan(qc.current + 0.5 * (qc.benchmark - qc.current));
    expect(qc.achievable.capped).toBe(true);
    expect(qc.target).toBeCloseTo(Math.floor(qc.current * 1.25 * 10) / 10, 12);
    expect(qc.target).toBe(6.6);
    // Customers served: 13 against 17.5; half the gap is 15.25, within +25%: whole customers, up: 16.
    const cs = plan.goals[1]!;
    expect(cs.current).toBe(13);
    expect(cs.benchmark).toBe(17.5);
    expect(cs.target).toBe(16);
    expect(cs.achievable.capped).toBe(false);
    // Consistent: one goal per overlapping practice group; the overlaps are named.
    expect(plan.conflicts).toContainEqual({
      practice: 'meetings_per_week',
      with: 'quality_contacts_per_week',
      reason: 'overlap',
    });
    expect(plan.time.minutesPerWeek).toBeLessThanOrEqual(plan.time.budgetMinutesPerWeek);
    for (const g of plan.goals) {
      expect(g.deadline).toBe('2026-12-31');
      expect(g.period.id).toBe('2026');
      expect(g.text.en).toContain('Dec 31, 2026');
      expect(g.text.zh).toContain('2026年12月31日');
    }
    // The improvement plan: reviewed 90 days after the period (the default setting; issue #12,
    // item 12: it was a year later, at the next period's end), the composite that would have been middle.
    const ip = plan.improvementPlan!;
    expect(ip.reviewDate).toBe('2026-03-31');
    const middle = year.analysis.ranking.reps.filter((r) => r.band === 'middle').map((r) => r.composite!);
    expect(ip.compositeThreshold).toBe(Math.min(...middle));
    expect(ip.evidence.composite!).toBeLessThan(ip.compositeThreshold!);
    expect(ip.thresholds.slice(0, 3).map((t) => t.metric)).toEqual(plan.goals.map((g) => g.practice));
    expect(ip.evidence.weakKpis.every((k) => k.percentile < 0.25)).toBe(true);
  });

  it('middle: Ana Souza closes half of each gap', () => {
    const i = repIndex('Ana Souza');
    const plan = buildCoachingPlan(ws, year, i, settings);
    expect(plan.band).toBe('middle');
    expect(plan.improvementPlan).toBeNull();
    expect(plan.goals).toHaveLength(3);
    for (const g of plan.goals) {
      const half = g.current + 0.5 * (g.benchmark - g.current);
      expect(g.achievable.capped).toBe(false);
      // Rounded up to the unit's step, never more than one step past half the gap.
      expect(g.target).toBeGreaterThanOrEqual(half - 1e-9);
      expect(g.target - half).toBeLessThan(
        PRACTICE_BY_ID.get(g.practice)!.unit === 'ratio' ? 0.01 + 1e-9 : 0.1 + 1e-9,
      );
    }
    expect(plan.goals[0]!.practice).toBe('quality_contacts_per_week');
    expect(plan.goals[0]!.target).toBe(9.1); // 8.64 + (9.52 - 8.64) / 2 = 9.08 -> 9.1
  });

  it('top: Amara Diallo still gets goals only where she trails the top median', () => {
    const i = repIndex('Amara Diallo');
    const view = repCoachingView(ws, year, i, settings);
    expect(view.rep.band).toBe('top');
    for (const g of view.plan.goals) {
      const gap = view.gaps.find((x) => x.practice === g.practice)!;
      expect(gap.gap!).toBeGreaterThan(0);
      expect(['distinguishing', 'indicative']).toContain(gap.separation);
    }
    expect(view.plan.improvementPlan).toBeNull();
  });

  it('a tight time budget scales the activity goals down to fit', () => {
    const i = repIndex('Aisha Bello');
    const plan = buildCoachingPlan(ws, year, i, settings, { budgetMinutesPerWeek: 20 });
    const timed = plan.goals.filter((g) => g.minutesPerWeek !== null);
    expect(timed.length).toBeGreaterThan(0);
    for (const g of timed) expect(g.achievable.scaledForTime).toBe(true);
    // Rounding up to one decimal may add a little; never the unscaled ask.
    expect(plan.time.minutesPerWeek).toBeLessThan(60);
  });

  it('an unranked rep gets no goals and says why', () => {
    const i = repIndex(DEMO_PLANTED.notRankedReps[0]);
    const plan = buildCoachingPlan(ws, year, i, settings);
    expect(plan.goals).toHaveLength(0);
    expect(plan.shortReason).toBe('not_ranked');
  });
});

describe('checking saved goals against the next period', () => {
  it('met, progressing, missed and pending', () => {
    const i = repIndex('Aisha Bello');
    const plan = buildCoachingPlan(ws, analyzeCoaching(ws, period('2025-Q3'), settings), i, settings);
    expect(plan.next.id).toBe('2025-Q4');
    const saved = plan.goals.map((g) => ({
      practice: g.practice,
      baseline: g.current,
      target: g.target,
      deadline: g.deadline,
      period: g.period.id,
      text: g.text,
    }));
    const q4 = analyzeCoaching(ws, period('2025-Q4'), settings).values[i]!;
    const checks = checkGoals(saved, q4, true);
    expect(checks).toHaveLength(saved.length);
    for (const c of checks) {
      const dir = PRACTICE_BY_ID.get(c.practice)!.direction === 'lower' ? -1 : 1;
      const actual = c.actual!;
      const expected =
        dir * (actual - c.target) >= 0 ? 'met' : dir * (actual - c.baseline) > 0 ? 'progressing' : 'missed';
      expect(c.status).toBe(expected);
    }
    expect(checkGoals(saved, null, false).every((c) => c.status === 'pending')).toBe(true);
  });
});

describe('new and existing customers need history before the period', () => {
  it('warns when the data starts inside the period, not after a quarter of history', async () => {
    const { buildRankingView } = await import('../../engine/analysis/ranking-view');
    const range = { min: '2025-01-02', max: '2025-12-31' };
    const year = buildRankingView(ws, period('2025'), range, settings);
    expect(year.warnings).toContainEqual({ code: 'no_customer_history', params: { date: '2025-01-02' } });
    const q2 = buildRankingView(ws, period('2025-Q2'), range, settings);
    expect(q2.warnings.some((w) => w.code === 'no_customer_history')).toBe(false);
  });
});
