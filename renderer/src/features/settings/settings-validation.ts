import {
  parseAnalysisSettings,
  parseWeights,
  type AnalysisSettings,
} from '../../../../shared/analysis/settings';
import { KPI_DEFINITIONS, type KpiId } from '../../../../shared/kpi/kpi-definitions';

/**
 * Which fields of a draft the shared validator (parseAnalysisSettings) refuses. Each field is
 * checked on its own, so the form can show the error next to the field that causes it; the
 * whole draft is applied only when parseAnalysisSettings accepts all of it.
 */
export interface SettingsFieldErrors {
  groups: boolean;
  kpis: Partial<Record<KpiId, boolean>>;
  minActiveDays: boolean;
  minClosedDeals: boolean;
  substantiveTouches: boolean;
  revenueCutoffs: boolean;
  scoreCutoffs: boolean;
  lookbackMonths: boolean;
  target: boolean;
  quotaScale: boolean;
  trendPeriods: boolean;
  improvementReviewDays: boolean;
}

const refuses = (partial: Record<string, unknown>): boolean => !parseAnalysisSettings(partial).ok;

export function settingsFieldErrors(draft: AnalysisSettings): SettingsFieldErrors {
  const kpis: Partial<Record<KpiId, boolean>> = {};
  for (const def of KPI_DEFINITIONS) {
    if (def.direction === 'none') continue;
    const weight = draft.weights.kpis[def.id];
    if (weight !== undefined && !parseWeights({ kpis: { [def.id]: weight } }).ok) kpis[def.id] = true;
  }
  const tiers = draft.tiers;
  return {
    groups: !parseWeights({ groups: draft.weights.groups }).ok,
    kpis,
    minActiveDays: refuses({ minActiveDays: draft.minActiveDays }),
    minClosedDeals: refuses({ minClosedDeals: draft.minClosedDeals }),
    substantiveTouches: refuses({ substantiveTouches: draft.substantiveTouches }),
    revenueCutoffs: refuses({ tiers: { revenueCutoffs: tiers.revenueCutoffs } }),
    scoreCutoffs: refuses({ tiers: { scoreCutoffs: tiers.scoreCutoffs } }),
    lookbackMonths: refuses({ tiers: { lookbackMonths: tiers.lookbackMonths } }),
    target: refuses({ tiers: { target: tiers.target } }),
    quotaScale: refuses({ quotaScale: draft.quotaScale }),
    trendPeriods: refuses({ trendPeriods: draft.trendPeriods }),
    improvementReviewDays: refuses({ improvementReviewDays: draft.improvementReviewDays }),
  };
}

/** Dates typed or pasted into the holiday box: any mix of commas, semicolons, spaces and lines. */
export function splitDates(text: string): string[] {
  return text
    .split(/[\s,;，；、]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
