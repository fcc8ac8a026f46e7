import { describe, expect, it } from 'vitest';
import { defaultAnalysisSettings, parseAnalysisSettings, parseWeights } from '../../shared/analysis/settings';
import { KPI_DEFINITIONS } from '../../shared/kpi/kpi-definitions';

describe('analysis settings', () => {
  it('defaults to 60/40, the registry weights, company peers, N = 3 and A+B as target', () => {
    const d = defaultAnalysisSettings();
    expect(d.weights.groups).toEqual({ results: 60, activity: 40 });
    for (const def of KPI_DEFINITIONS) expect(d.weights.kpis[def.id]).toBe(def.defaultWeight);
    expect(d).toMatchObject({
      peerGroup: 'company',
      substantiveTouches: 3,
      minActiveDays: 10,
      minClosedDeals: 1,
      quotaScale: 1,
      trendPeriods: 6,
      tiers: { method: 'revenue', revenueCutoffs: [80, 95], target: ['A', 'B'] },
    });
  });

  it('fills what is missing with defaults', () => {
    const parsed = parseAnalysisSettings({ peerGroup: 'region', tiers: { method: 'man' } });
    expect(parsed.ok && parsed.value.peerGroup).toBe('region');
    expect(parsed.ok && parsed.value.tiers).toMatchObject({ method: 'man', revenueCutoffs: [80, 95] });
    expect(parsed.ok && parsed.value.weights.groups).toEqual({ results: 60, activity: 40 });
  });

  it('sorts and de-duplicates holidays and orders target tiers', () => {
    const parsed = parseAnalysisSettings({
      holidays: ['2024-12-25', '2024-01-01', '2024-12-25'],
      tiers: { target: ['B', 'A', 'C'] },
    });
    expect(parsed.ok && parsed.value.holidays).toEqual(['2024-01-01', '2024-12-25']);
    expect(parsed.ok && parsed.value.tiers.target).toEqual(['A', 'B', 'C']);
  });

  it.each([
    [{ peerGroup: 'galaxy' }],
    [{ holidays: ['2024-02-30'] }],
    [{ holidays: 'x' }],
    [{ substantiveTouches: 0 }],
    [{ minActiveDays: -1 }],
    [{ minClosedDeals: 2.5 }],
    [{ quotaScale: 0 }],
    [{ trendPeriods: 3 }],
    [{ trendPeriods: 9 }],
    [{ tiers: { method: 'astrology' } }],
    [{ tiers: { revenueCutoffs: [95, 80] } }],
    [{ tiers: { revenueCutoffs: [80, 100] } }],
    [{ tiers: { scoreCutoffs: [20, 50] } }],
    [{ tiers: { target: [] } }],
    [{ tiers: { target: ['E'] } }],
    [{ weights: { groups: { results: 0, activity: 0 } } }],
    [{ weights: { groups: { results: 101 } } }],
    [{ weights: { kpis: { won_revenue: -1 } } }],
    [null],
    [[1, 2]],
  ])('refuses %j with a reason', (input) => {
    const parsed = parseAnalysisSettings(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.code).toBe('invalid_settings');
  });

  it('drops unknown KPI ids from a saved row, but refuses them from a page', () => {
    const saved = parseAnalysisSettings({ weights: { kpis: { retired_kpi: 4, won_revenue: 7 } } });
    expect(saved.ok && saved.value.weights.kpis.won_revenue).toBe(7);
    expect(saved.ok && 'retired_kpi' in saved.value.weights.kpis).toBe(false);
    expect(parseAnalysisSettings({ weights: { kpis: { retired_kpi: 4 } } }, { strict: true }).ok).toBe(false);
    expect(parseAnalysisSettings({ colour: 'red' }, { strict: true }).ok).toBe(false);
    expect(parseAnalysisSettings({ colour: 'red' }).ok).toBe(true);
  });

  it('keeps the weight of a shown-not-ranked KPI at 0', () => {
    const w = parseWeights({ kpis: { calls: 5, calls_per_day: 5 } });
    expect(w.ok && w.value.kpis.calls).toBe(0);
    expect(w.ok && w.value.kpis.calls_per_day).toBe(5);
  });

  it('round-trips through JSON unchanged', () => {
    const d = defaultAnalysisSettings();
    const again = parseAnalysisSettings(JSON.parse(JSON.stringify(d)));
    expect(again.ok && again.value).toEqual(d);
  });
});
