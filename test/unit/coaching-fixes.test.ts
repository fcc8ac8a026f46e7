import { describe, expect, it } from 'vitest';
import { defaultAnalysisSettings, parseAnalysisSettings } from '../../shared/analysis/settings';
import {
  analyzeCoaching,
  buildCoachingPlan,
  repCoachingView,
  teamPracticesView,
} from '../../shared/coaching/analyze-coaching';
import { parsePeriod, type Period } from '../../shared/period/period';
import { buildWorkingSet, type TestActivity, type TestDeal } from './working-set-builder';

// Issue #12, items 9-12 (docs/coaching.md).

const period = (text: string): Period => {
  const p = parsePeriod(text);
  if (!p.ok) throw new Error(text);
  return p.value;
};
const settings = defaultAnalysisSettings();

/**
 * 16 reps in March 2024: rep k wins k + 1 deals of 1,000 (+ 10 k) and loses one, makes k + 1
 * calls and k % 3 + 1 meetings every working day. `staged`: lost deals are recorded at a funnel
 * stage (target market, prospect or target customer in turn), else they only say won / lost.
 */
function team(staged: boolean, extra: { reps?: string[] } = {}) {
  const reps = Array.from({ length: 16 }, (_, k) => `Rep ${String.fromCharCode(65 + k)}`);
  const deals: TestDeal[] = [];
  const activities: TestActivity[] = [];
  reps.forEach((rep, k) => {
    for (let d = 0; d <= k; d++) {
      deals.push({
        rep,
        status: 'won',
        amount: 1000 + 10 * k,
        created: `2024-03-0${1 + (d % 5)}`,
        closed: '2024-03-21',
        account: k * 20 + d,
      });
    }
    for (let l = 0; l < 1 + (k % 4); l++) {
      deals.push({
        rep,
        status: 'lost',
        amount: 1000,
        created: '2024-03-01',
        closed: '2024-03-20',
        account: k * 20 + 10 + l,
        ...(staged
          ? { funnel: (['target_market', 'prospect', 'target_customer'] as const)[(k + l) % 3] }
          : {}),
      });
    }
    for (let day = 1; day <= 31; day++) {
      const iso = `2024-03-${String(day).padStart(2, '0')}`;
      const weekday = new Date(`${iso}T00:00:00Z`).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      for (let c = 0; c <= k; c++)
        activities.push({ rep, type: 'call', day: iso, account: k * 20 + (c % 5) });
      for (let m = 0; m <= k % 3; m++)
        activities.push({ rep, type: 'meeting', day: iso, account: k * 20 + m });
    }
  });
  return buildWorkingSet({ reps: [...reps, ...(extra.reps ?? [])], deals, activities });
}

describe('item 9: the goal text says what the target does', () => {
  it('states the share of the gap the rounded, capped or scaled target really closes', () => {
    const ws = team(true);
    const c = analyzeCoaching(ws, period('2024-03'), settings);
    let checked = 0;
    for (let r = 0; r < 16; r++) {
      for (const g of buildCoachingPlan(ws, c, r, settings).goals) {
        const real = Math.abs(g.target - g.current) / Math.abs(g.benchmark - g.current);
        expect(g.achievable.gapShare, g.practice).toBeCloseTo(real, 9);
        const pct = `${Math.round(real * 100)}%`;
        expect(g.text.en, g.text.en).toContain(`closes ${pct} of the gap`);
        expect(g.text.zh, g.text.zh).toContain(pct);
        if (g.achievable.capped) expect(g.text.en).toContain('a first step');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5);
  });
});

describe('item 10: funnel practices only from data with a funnel', () => {
  it('leaves conversions unavailable, and says why, when deals only say won or lost', () => {
    const ws = team(false);
    const c = analyzeCoaching(ws, period('2024-03'), settings);
    for (const v of c.values) {
      expect(v.conversion_to_prospect).toBeNull();
      expect(v.conversion_to_target_customer).toBeNull();
      expect(v.conversion_to_signed).toBeNull();
    }
    const view = teamPracticesView(ws, c);
    expect(view.unavailable).toEqual(
      expect.arrayContaining([
        'conversion_to_prospect',
        'conversion_to_target_customer',
        'conversion_to_signed',
      ]),
    );
    expect(view.unavailableReasons).toMatchObject({
      conversion_to_prospect: 'no_funnel_stages',
      conversion_to_target_customer: 'no_funnel_stages',
      conversion_to_signed: 'no_funnel_stages',
    });
    for (let r = 0; r < 16; r++) {
      for (const g of buildCoachingPlan(ws, c, r, settings).goals)
        expect(g.practice).not.toMatch(/^conversion_/);
    }
  });

  it('measures them when lost deals are recorded at the stages in between', () => {
    const ws = team(true);
    const c = analyzeCoaching(ws, period('2024-03'), settings);
    expect(c.values.some((v) => v.conversion_to_prospect !== null)).toBe(true);
    expect(c.values.some((v) => v.conversion_to_signed !== null)).toBe(true);
    expect(teamPracticesView(ws, c).unavailable).not.toContain('conversion_to_signed');
  });
});

describe('item 11: a rep without the data to be compared', () => {
  it('says there is not enough data instead of zeros and a 100% gap', () => {
    const ws = team(true, { reps: ['Manager'] });
    const c = analyzeCoaching(ws, period('2024-03'), settings);
    const view = repCoachingView(ws, c, 16, settings);
    expect(view.rep.band).toBe('unranked');
    expect(view.notEnoughData).toBe('no_data_in_period');
    for (const g of view.gaps) {
      expect(g.value, g.practice).toBeNull();
      expect(g.gap, g.practice).toBeNull();
      expect(g.gapPct, g.practice).toBeNull();
    }
    expect(view.plan.goals).toEqual([]);
    expect(repCoachingView(ws, c, 3, settings).notEnoughData).toBeNull();
  });
});

describe('item 12: improvement plan review date and thresholds', () => {
  it('reviews the plan 90 days after the period by default, a setting', () => {
    const ws = team(true);
    const c = analyzeCoaching(ws, period('2024-03'), settings);
    const plan = buildCoachingPlan(ws, c, 0, settings);
    expect(plan.band).toBe('bottom');
    // 31 March 2024 + 90 days.
    expect(plan.improvementPlan!.reviewDate).toBe('2024-06-29');
    const later = { ...settings, improvementReviewDays: 30 };
    expect(
      buildCoachingPlan(ws, analyzeCoaching(ws, period('2024-03'), later), 0, later).improvementPlan!
        .reviewDate,
    ).toBe('2024-04-30');
    expect(defaultAnalysisSettings().improvementReviewDays).toBe(90);
    expect(parseAnalysisSettings({ improvementReviewDays: 45 }).ok).toBe(true);
    expect(parseAnalysisSettings({ improvementReviewDays: 0 }).ok).toBe(false);
    expect(parseAnalysisSettings({ improvementReviewDays: 12.5 }).ok).toBe(false);
    expect(parseAnalysisSettings({ improvementReviewDays: 400 }).ok).toBe(false);
  });

  it('gives count thresholds as whole numbers', () => {
    const ws = team(true);
    const c = analyzeCoaching(ws, period('2024-03'), settings);
    let counts = 0;
    for (let r = 0; r < 16; r++) {
      const plan = buildCoachingPlan(ws, c, r, settings).improvementPlan;
      for (const t of plan?.thresholds ?? []) {
        if (
          ['deals_won', 'new_customers_won', 'customers_served', 'substantive_relationships'].includes(
            t.metric,
          )
        ) {
          expect(Number.isInteger(t.threshold), `${t.metric} ${t.threshold}`).toBe(true);
          counts++;
        }
      }
    }
    expect(counts).toBeGreaterThan(0);
  });
});
