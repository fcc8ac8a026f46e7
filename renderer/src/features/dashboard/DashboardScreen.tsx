import { Suspense, lazy } from 'react';
import type { TrendView } from '../../../../shared/api/contract';
import { AnalysisHeader } from '../../ui/AnalysisHeader';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { HowRankingWorks } from '../rankings/HowRankingWorks';
import { SummaryStrip } from '../rankings/SummaryStrip';
import { ViewNotices } from '../../ui/ViewNotices';
import { CoverageCard } from './CoverageCard';
import { ForecastCard } from './ForecastCard';
import { FunnelCard } from './FunnelCard';
import { MatrixCard } from './MatrixCard';
import { PeerGroupsStrip } from './PeerGroupsStrip';
import { TierCard } from './TierCard';
import { StabilityCard, TrendCard } from './TrendCard';
import { useI18n } from '../../i18n/i18n';
import { ReportButtons } from '../reports/ReportButtons';
import type { AnalysisQuery } from '../../analysis/use-analysis';
import type { AnalysisScreenProps } from '../../analysis/analysis-screen';

interface Props extends AnalysisScreenProps {
  trend: AnalysisQuery<TrendView>;
  onOpenRankings: () => void;
}

const BandChart = lazy(() => import('../rankings/BandChart'));

/**
 * The director's overview of one period: bands by team, the results x activity matrix, coverage
 * of the customer tiers, the funnel, the forecast, and the trend with who moved between bands.
 */
export function DashboardScreen(props: Props) {
  const { info, period, onPeriodChange, peerGroup, onPeerGroupChange, ranking, trend, onOpenRankings } =
    props;
  const { t } = useI18n();
  const view = ranking.data;
  return (
    <section
      className="screen"
      aria-labelledby="dashboard-title"
      data-testid="dashboard-screen"
      aria-busy={ranking.loading}
    >
      <AnalysisHeader
        titleId="dashboard-title"
        title={t('dash.title')}
        info={info}
        period={period}
        onPeriodChange={onPeriodChange}
        peerGroup={peerGroup}
        onPeerGroupChange={onPeerGroupChange}
        view={view}
      />
      <ReportButtons period={period} view={view ?? null} />

      {ranking.loading ? (
        <div className="loading-bar" role="status" data-testid="dashboard-loading">
          <span className="visually-hidden">{t('rank.loading')}</span>
        </div>
      ) : null}
      {ranking.error && !ranking.loading ? (
        <ErrorMessage error={ranking.error} onRetry={ranking.retry} testId="dashboard-error" />
      ) : null}

      {view ? (
        <div className={`dashboard ${ranking.loading ? 'is-stale' : ''}`}>
          <SummaryStrip view={view} />
          <ViewNotices view={view} testId="dashboard-warnings" />
          {view.settings.peerGroup !== 'company' ? <PeerGroupsStrip view={view} /> : null}

          {view.rankedCount > 0 ? (
            <>
              <div className="dashboard__row dashboard__row--wide-right">
                <Suspense fallback={<div className="card chart-placeholder" aria-hidden="true" />}>
                  <BandChart rows={view.rows} withUnranked />
                </Suspense>
                <MatrixCard view={view} />
              </div>
              <div className="dashboard__row dashboard__row--wide-left">
                <CoverageCard view={view} />
                <TierCard view={view} />
              </div>
              <div className="dashboard__row">
                <FunnelCard funnel={view.funnel} />
                <ForecastCard forecast={view.forecast} currency={view.currency} />
              </div>
              <TrendCard trend={trend} currency={view.currency} />
              <StabilityCard trend={trend} />
              <p className="dashboard__more">
                <button type="button" className="button" onClick={onOpenRankings} data-testid="open-rankings">
                  {t('dash.openRankings')}
                </button>
              </p>
            </>
          ) : (
            <p className="empty card">{t('rank.noRanking')}</p>
          )}
          <HowRankingWorks view={view} />
        </div>
      ) : null}
    </section>
  );
}
