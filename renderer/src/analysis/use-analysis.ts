import type { ApiResponse, HostBridge } from '../../../shared/api/contract';
import type { AnalysisSettings } from '../../../shared/analysis/settings';
import { useLatestQuery, type AnalysisQuery } from './use-latest-query';

export type { AnalysisQuery } from './use-latest-query';

type AnalysisMethod = 'rankings.get' | 'rankings.trend';

/**
 * Asks the engine for an analysis of `period` with `settings` (the Settings screen's draft, so
 * the screen follows every edit) and keeps the answer; see useLatestQuery.
 */
export function useAnalysis<M extends AnalysisMethod>(
  bridge: HostBridge,
  method: M,
  period: string | null,
  settings: AnalysisSettings | null,
  revision: number,
  enabled: boolean,
): AnalysisQuery<ApiResponse<M>> {
  const request = period === null ? null : settings ? { period, settings } : { period };
  return useLatestQuery(bridge, method, request, revision, enabled);
}
