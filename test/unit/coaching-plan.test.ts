import { describe, expect, it } from 'vitest';
import { defaultAnalysisSettings } from '../../shared/analysis/settings';
import {
  analyzeCoaching,
  buildCoachingPlan,
  checkGoals,
  repGaps,
} from '../../shared/coaching/analyze-coaching';
import { PRACTICE_DEFINITIONS } from '../../shared/coaching/practice-definitions';
import type { SavedGoal } from '../../shared/coaching/types';
import { KPI_BY_ID } from '../../shared/kpi/kpi-definitions';
import { parsePeriod, type Period } from '../../shared/period/period';
import { buildWorkingSet, type TestActivity, type TestDeal } from './working-set-builder';

const period = (text: string): Period => {
  const p = parsePeriod(text);
  if (!p.ok) throw new Error(text);
  return p.value;
};
const settings = defaultAnalysisSettings();

/**
 * A team built so that calls separate the reps and emails do not: rep k (0..n-1) wins k + 1
 * deals of 1,000 and loses one, makes k + 1 calls every working day of March 2024, and two emails
 * a day like everyone else.
 */
function team(n: number, reversed = false, callsFollowSkill = true) {
  const reps = Array.from({ length: n }, (_, k) => `Rep ${String.fromCharCode(65 + k)}`);
  const deals: TestDeal[] = [];
  const activities: TestActivity[] = [];
  reps.forEach((rep, k) => {
    for (let d = 0; d <= k; d++) {
      deals.push({
        rep,
        status: 'won',
        amount: 1000,
        // The better the rep, the shorter the cycle: 20 - k days from created to won.
        created: `2024-03-${String(1 + k).padStart(2, '0')}`,
        closed: '2024-03-21',
        account: k,
      });
    }
    deals.push({
      rep,
      status: 'lost',
      amount: 1000,
      created: '2024-03-01',
      closed: '2024-03-20',
      account: k,
    });
    for (let day = 1; day <= 31; day++) {
      const iso = `2024-03-${String(day).padStart(2, '0')}`;
      const weekday = new Date(`${iso}T00:00:00Z`).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      for (let c = 0; c <= (callsFollowSkill ? k : 3); c++)
        activities.push({ rep, type: 'call', day: iso, account: k });
      activities.push(
        { rep, type: 'email', day: iso, account: k },
        { rep, type: 'email', day: iso, account: k },
      );
    }
  });
  if (reversed) {
    deals.reverse();
    activities.reverse();
  }
  return { reps, ws: buildWorkingSet({ reps, deals, activities }) };
}

describe('practice registry', () => {
  it('a practice that is a KPI carries the KPI’s id, unit and formula', () => {
    for (const def of PRACTICE_DEFINITIONS) {
      if (!def.kpi) continue;
      const kpi = KPI_BY_ID.get(def.kpi)!;
      expect(def.id).toBe(kpi.id);
      expect(def.unit).toBe(kpi.unit);
      expect(def.formula_en).toBe(kpi.formula_en);
    }
  });

  it('every practice has both languages and a direction', () => {
    for (const def of PRACTICE_DEFINITIONS) {
      expect(def.name_zh.length).toBeGreaterThan(0);
      expect(def.drives_zh.length).toBeGreaterThan(0);
      expect(['higher', 'lower']).toContain(def.direction);
    }
  });
});

describe('team comparison on a constructed team', () => {
  it('calls separate 16 reps; emails, equal for all, do not', () => {
    const { ws } = team(16);
    const c = analyzeCoaching(ws, period('2024-03'), settings);
    expect(c.team.counts).toEqual({ top: 4, middle: 8, bottom: 4 });
    const calls = c.team.practices.find((p) => p.practice === 'calls_per_day')!;
    // Results follow calls exactly: the 4 top reps make 13..16 calls a day, the rest 1..12.
    expect(calls.topMedian).toBe(14.5);
    expect(calls.middleMedian).toBe(8.5);
    expect(calls.bottomMedian).toBe(2.5);
    expect(calls.restMedian).toBe(6.5);
    expect(calls.effectSize).toBe(1);
    expect(calls.nTop).toBe(4);
    expect(calls.nRest).toBe(12);
    // Exact Mann-Whitney, complete separation of 4 vs 12: 2 / C(16, 4) = 2 / 1820.
    expect(calls.pValue).toBeCloseTo(2 / 1820, 12);
    expect(calls.distinguishing).toBe(true);
    expect(c.team.volumeDistinguishes).toBe(true);
    const emails = c.team.practices.find((p) => p.practice === 'emails_per_day')!;
    expect(emails.effectSize).toBe(0);
    expect(emails.separation).toBe('no_difference');
    expect(emails.distinguishing).toBe(false);
    expect(emails.ratioTopRest).toBe(1);
  });

  it('the bottom rep is told to close half the call gap, capped at +25%', () => {
    const { ws } = team(16);
    const c = analyzeCoaching(ws, period('2024-03'), settings);
    const gaps = repGaps(c, 0);
    const calls = gaps.find((g) => g.practice === 'calls_per_day')!;
    expect(calls.value).toBe(1);
    expect(calls.benchmark).toBe(14.5);
    expect(calls.gap).toBe(13.5);
    expect(calls.gapPct).toBeCloseTo(13.5 / 14.5, 12);
    expect(calls.percentile).toBe(0);
    const plan = buildCoachingPlan(ws, c, 0, settings);
    const goal = plan.goals.find((g) => g.practice === 'calls_per_day')!;
    // Half the gap is 7.75 a day; +25% of 1 is 1.25: rounded to one decimal without passing the
    // limit, 1.2.
    expect(goal.target).toBe(1.2);
    expect(goal.achievable.capped).toBe(true);
    // 0.2 more calls a day = 1 a week x 10 minutes.
    expect(goal.minutesPerWeek).toBeCloseTo(10, 9);
    expect(goal.text.en).toContain('a first step towards the top-quartile median of 14.5');
    expect(plan.band).toBe('bottom');
    expect(plan.improvementPlan).not.toBeNull();
    // The plan never holds activities per day next to calls per day: they count the same work.
    const ids = plan.goals.map((g) => g.practice);
    expect(
      ids.filter((id) => ['calls_per_day', 'activities_per_day', 'emails_per_day'].includes(id)),
    ).toHaveLength(1);
  });

  it('a whole-number target takes at least one step, even past +25%', () => {
    // Two customers served cannot become 2.5: the goal is 3.
    const { ws } = team(16);
    const c = analyzeCoaching(ws, period('2024-03'), settings);
    for (const g of buildCoachingPlan(ws, c, 1, settings).goals) {
      const def = PRACTICE_DEFINITIONS.find((d) => d.id === g.practice)!;
      expect(g.target, g.practice).not.toBe(g.current);
      if (def.unit === 'count') expect(Number.isInteger(g.target), g.practice).toBe(true);
    }
  });

  it('a lower-is-better practice is oriented: the top reps’ shorter cycle is a positive effect', () => {
    const { ws } = team(16);
    const c = analyzeCoaching(ws, period('2024-03'), settings);
    const cycle = c.team.practices.find((p) => p.practice === 'sales_cycle_days')!;
    // Top reps (k = 12..15) take 20 - k = 5..8 days; the rest 9..20.
    expect(cycle.topMedian).toBe(6.5);
    expect(cycle.effectSize).toBe(1);
    expect(cycle.inTopDefinition).toBe(true);
    const gap = repGaps(c, 0).find((g) => g.practice === 'sales_cycle_days')!;
    // Rep A takes 20 days: 13.5 days behind, a positive gap although the number must go down.
    expect(gap.value).toBe(20);
    expect(gap.gap).toBe(13.5);
    expect(gap.percentile).toBe(0);
  });

  it('says so when raw volume does not separate the top: everyone makes 4 calls a day', () => {
    const { ws } = team(16, false, false);
    const c = analyzeCoaching(ws, period('2024-03'), settings);
    expect(c.team.volumeDistinguishes).toBe(false);
    const calls = c.team.practices.find((p) => p.practice === 'calls_per_day')!;
    expect(calls.topMedian).toBe(4);
    expect(calls.restMedian).toBe(4);
    expect(calls.separation).toBe('no_difference');
    // Results still follow something: the deals' sales cycle, shorter for the better reps.
    expect(c.team.practices.find((p) => p.practice === 'sales_cycle_days')!.effectSize).toBe(1);
  });

  it('a team of 5 is too few to call anything distinguishing', () => {
    const { ws } = team(5);
    const c = analyzeCoaching(ws, period('2024-03'), settings);
    expect(c.team.tooFew).toBe(true);
    expect(c.team.practices.every((p) => p.separation === 'too_few' && !p.distinguishing)).toBe(true);
    const plan = buildCoachingPlan(ws, c, 0, settings);
    expect(plan.goals).toHaveLength(0);
    expect(plan.shortReason).toBe('too_few_reps');
  });

  it('an empty workspace gives an empty, honest comparison', () => {
    const ws = buildWorkingSet({ reps: [] });
    const c = analyzeCoaching(ws, period('2024-03'), settings);
    expect(c.team.counts).toEqual({ top: 0, middle: 0, bottom: 0 });
    expect(c.team.tooFew).toBe(true);
    expect(c.team.practices.every((p) => p.topMedian === null && p.effectSize === null)).toBe(true);
  });

  it('the order of the rows never changes the comparison', () => {
    const a = analyzeCoaching(team(12).ws, period('2024-03'), settings).team;
    const b = analyzeCoaching(team(12, true).ws, period('2024-03'), settings).team;
    expect(b).toEqual(a);
  });
});

describe('goal checks', () => {
  const goal = (practice: SavedGoal['practice'], baseline: number, target: number): SavedGoal => ({
    practice,
    baseline,
    target,
    deadline: '2024-06-30',
    period: '2024-Q2',
    text: { en: '', zh: '' },
  });
  const values = (calls: number | null, cycle: number | null) =>
    Object.fromEntries(
      PRACTICE_DEFINITIONS.map((d) => [
        d.id,
        d.id === 'calls_per_day' ? calls : d.id === 'sales_cycle_days' ? cycle : null,
      ]),
    ) as Parameters<typeof checkGoals>[1];

  it('met at or past the target, in the practice’s direction', () => {
    const goals = [goal('calls_per_day', 4, 5), goal('sales_cycle_days', 60, 50)];
    expect(checkGoals(goals, values(5, 50), true).map((c) => c.status)).toEqual(['met', 'met']);
    expect(checkGoals(goals, values(4.5, 55), true).map((c) => c.status)).toEqual([
      'progressing',
      'progressing',
    ]);
    expect(checkGoals(goals, values(3.9, 61), true).map((c) => c.status)).toEqual(['missed', 'missed']);
    // While the period runs, not yet met and not better is pending, not missed.
    expect(checkGoals(goals, values(3.9, 61), false).map((c) => c.status)).toEqual(['pending', 'pending']);
    expect(checkGoals(goals, values(null, null), true).map((c) => c.status)).toEqual(['pending', 'pending']);
  });
});
