import { describe, expect, it } from 'vitest';
import { analyzePeriod, rankPeriod } from '../../shared/analysis/analyze';
import { defaultAnalysisSettings } from '../../shared/analysis/settings';
import { KPI_DEFINITIONS, type KpiId } from '../../shared/kpi/kpi-definitions';
import { yearPeriod } from '../../shared/period/period';
import { comparableRankings, rankReps } from '../../shared/ranking/ranking';
import { buildWorkingSet, type TestActivity, type TestDeal } from './working-set-builder';

// Issue #12, item 1: a period whose data cannot support a ranking (the demo's 2024 holds only
// deals created then, so it ranked 36 reps on prospects created alone) is not ranked and is never
// the comparison for another period. The rule: docs/ranking.md §1a and §4b.

const REPS = ['Ann', 'Bob', 'Cy', 'Dee', 'Eve'];
/** Every rep has deals created in 2024 that close (won or lost) in 2025. */
const deals: TestDeal[] = REPS.flatMap((rep, r) =>
  [0, 1, 2].map((d) => ({
    rep,
    status: d <= r % 3 ? ('won' as const) : ('lost' as const),
    amount: 100 * (r + 1) + d,
    created: `2024-0${d + 3}-1${r}`,
    closed: `2025-0${d + 3}-1${r}`,
  })),
);

describe('which periods are ranked', () => {
  it('does not rank a period with no result KPI when the workspace has results elsewhere', () => {
    const ws = buildWorkingSet({ reps: REPS, deals });
    const { ranking } = rankPeriod(ws, yearPeriod(2024), defaultAnalysisSettings());
    expect(ranking.support).toEqual({ ranked: false, reason: 'no_results' });
    expect(ranking.rankedCount).toBe(0);
    expect(
      ranking.reps.every((r) => r.band === 'unranked' && r.unrankedReason === 'no_results_in_period'),
    ).toBe(true);
    expect(rankPeriod(ws, yearPeriod(2025), defaultAnalysisSettings()).ranking.support.ranked).toBe(true);
  });

  it('still ranks on activity alone a workspace that has no results in any period', () => {
    const available = Object.fromEntries(
      KPI_DEFINITIONS.map((d) => [d.id, d.group === 'activity']),
    ) as Record<KpiId, boolean>;
    const input = [1, 2, 3, 4].map((v) => ({
      values: { calls_per_day: v, meetings_per_week: v },
      unrankedReason: null,
      peerKey: null,
    }));
    const out = rankReps(input, { weights: defaultAnalysisSettings().weights, kpiAvailable: available });
    expect(out.support.ranked).toBe(true);
    expect(out.rankedCount).toBe(4);
    const gap = rankReps(input, {
      weights: defaultAnalysisSettings().weights,
      kpiAvailable: available,
      workspaceHasResults: true,
    });
    expect(gap.support).toEqual({ ranked: false, reason: 'no_results' });
  });
});

describe('movement only between comparable rankings', () => {
  it('has no previous bands when the previous period was not ranked, and says why', () => {
    const ws = buildWorkingSet({ reps: REPS, deals });
    const analysis = analyzePeriod(ws, yearPeriod(2025), defaultAnalysisSettings(), { withPrevious: true });
    expect(analysis.previousBands).toBeNull();
    expect(analysis.comparison).toEqual({ available: false, reason: 'previous_not_ranked' });
  });

  it('does not compare a ranking with activities against one without', () => {
    // 2024 and 2025 both have closed deals; only 2025 has activities: 40% of its weight is on
    // KPIs the 2024 ranking never saw.
    // Deals created and closed within each of 2023, 2024 and 2025.
    const both: TestDeal[] = ['2023', '2024', '2025'].flatMap((year) =>
      deals.map((d) => ({
        ...d,
        created: `${year}${d.created!.slice(4)}`,
        closed: `${year}${d.closed!.slice(4, 7)}-2${d.closed!.slice(9)}`,
      })),
    );
    const activities: TestActivity[] = REPS.flatMap((rep, r) =>
      Array.from({ length: 20 + r }, (_, d) => ({
        rep,
        type: d % 2 === 0 ? ('call' as const) : ('meeting' as const),
        day: `2025-0${1 + (d % 9)}-${String(10 + (d % 15)).padStart(2, '0')}`,
        account: r,
      })),
    );
    const ws = buildWorkingSet({ reps: REPS, deals: both, activities });
    const settings = defaultAnalysisSettings();
    const now = rankPeriod(ws, yearPeriod(2025), settings).ranking;
    const before = rankPeriod(ws, yearPeriod(2024), settings).ranking;
    expect(now.support.ranked && before.support.ranked).toBe(true);
    expect(comparableRankings(now, before)).toEqual({ available: false, reason: 'different_kpis' });
    const analysis = analyzePeriod(ws, yearPeriod(2025), settings, { withPrevious: true });
    expect(analysis.previousBands).toBeNull();
    // Deals alone in both years: comparable.
    const dealsOnly = buildWorkingSet({ reps: REPS, deals: both });
    const same = analyzePeriod(dealsOnly, yearPeriod(2025), settings, { withPrevious: true });
    expect(same.comparison).toEqual({ available: true, reason: null });
    expect(same.previousBands?.some((b) => b !== null)).toBe(true);
  });
});
