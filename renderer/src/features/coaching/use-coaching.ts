import type { ApiRequest, ApiResponse, HostBridge } from '../../../../shared/api/contract';
import { useLatestQuery, type AnalysisQuery } from '../../analysis/use-latest-query';

type CoachingMethod = 'coaching.team' | 'coaching.rep';

/**
 * A coaching view (team or rep), with useLatestQuery's discipline: one request in flight, the
 * newest inputs sent when it returns, the previous answer shown meanwhile. `request` null: no
 * period or no rep chosen yet; `revision` asks again after a note or a plan was saved.
 */
export function useCoaching<M extends CoachingMethod>(
  bridge: HostBridge,
  method: M,
  request: ApiRequest<M> | null,
  revision: number,
  enabled: boolean,
): AnalysisQuery<ApiResponse<M>> {
  return useLatestQuery(bridge, method, request, revision, enabled);
}
