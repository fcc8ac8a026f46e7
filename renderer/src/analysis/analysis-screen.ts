import type { RankingView, WorkspaceInfo } from '../../../shared/api/contract';
import type { PeerGroupBy } from '../../../shared/analysis/settings';
import type { AnalysisQuery } from './use-latest-query';

/**
 * What every screen of an analysis (Dashboard, Rankings, Coaching, Teams) is given: the period
 * and peer group its AnalysisHeader picks, and the period's ranking (the header's facts).
 */
export interface AnalysisScreenProps {
  info: WorkspaceInfo;
  period: string;
  onPeriodChange: (period: string) => void;
  peerGroup: PeerGroupBy | null;
  onPeerGroupChange: (peerGroup: PeerGroupBy) => void;
  ranking: AnalysisQuery<RankingView>;
}
