import { Suspense, lazy } from 'react';
import type { RankingView, TierShares } from '../../../../shared/api/contract';
import { formatList, formatPercent } from '../../../../shared/format/format';
import { useI18n } from '../../i18n/i18n';
import { bandName } from '../../i18n/domain-text';
import { InfoTip } from '../../ui/InfoTip';
import { sharesKnown } from '../../../../shared/customers/coverage-shares';

const CoverageChart = lazy(() => import('./DashboardCharts').then((m) => ({ default: m.CoverageChart })));

/** The share of the given tiers; null when the band had nothing to share out (shown as "—"). */
function sumOf(shares: TierShares | undefined, tiers: readonly string[]): number | null {
  if (!shares || !sharesKnown(shares)) return null;
  return tiers.reduce((sum, tier) => sum + (shares[tier as keyof TierShares] ?? 0), 0);
}

/**
 * Coverage alignment: for each band, where the activity and the won revenue went by customer tier,
 * with the two readings a director asks for: how much time goes to D-tier accounts, and whether the
 * best reps work the target segment more than the others.
 */
export function CoverageCard({ view }: { view: RankingView }) {
  const { t, locale } = useI18n();
  const { coverage, tiers } = view;
  const hasActivity = sharesKnown(coverage.all.activities);
  const hasRevenue = sharesKnown(coverage.all.revenue);
  const band = (b: 'top' | 'bottom') => coverage.byBand.find((x) => x.band === b);
  const top = band('top');
  const bottom = band('bottom');
  const target = tiers.target;
  const targetName = formatList(locale, target);
  return (
    <section className="card coverage-card" aria-labelledby="coverage-title" data-testid="coverage">
      <header className="card__header">
        <h2 id="coverage-title" className="card__title">
          {t('coverage.title')} <InfoTip text={t('coverage.definition')} />
        </h2>
      </header>
      {!tiers.available ? <p className="hint hint--warning">{t('coverage.tiersUnavailable')}</p> : null}
      {hasActivity || hasRevenue ? (
        <>
          <ul className="callouts">
            {hasActivity ? (
              <li
                className="callout callout--warning"
                data-testid="coverage-d-share"
                title={t('coverage.definition')}
              >
                <span className="callout__value">{formatPercent(locale, coverage.all.activities.D, 0)}</span>
                <span className="callout__text">
                  {t('coverage.dShare', {
                    top: formatPercent(locale, sumOf(top?.activities, ['D']), 0),
                    bottom: formatPercent(locale, sumOf(bottom?.activities, ['D']), 0),
                  })}
                </span>
              </li>
            ) : null}
            {hasActivity && top && bottom ? (
              <li className="callout">
                <span className="callout__value">
                  {formatPercent(locale, sumOf(top.activities, target), 0)}
                </span>
                <span className="callout__text">
                  {t('coverage.targetActivity', {
                    target: targetName,
                    top: bandName(locale, 'top'),
                    bottomShare: formatPercent(locale, sumOf(bottom.activities, target), 0),
                  })}
                </span>
              </li>
            ) : null}
            {hasRevenue && top ? (
              <li className="callout" title={t('coverage.definition')}>
                <span className="callout__value">{formatPercent(locale, sumOf(top.revenue, target), 0)}</span>
                <span className="callout__text">
                  {t('coverage.targetRevenue', {
                    target: targetName,
                    top: bandName(locale, 'top'),
                    teamShare: formatPercent(locale, sumOf(coverage.all.revenue, target), 0),
                  })}
                </span>
              </li>
            ) : null}
          </ul>
          <Suspense fallback={<div className="chart chart--coverage" aria-hidden="true" />}>
            <CoverageChart coverage={coverage} withActivity={hasActivity} />
          </Suspense>
          {!hasActivity ? <p className="hint">{t('coverage.noActivity')}</p> : null}
        </>
      ) : (
        <p className="empty">{t('coverage.empty')}</p>
      )}
    </section>
  );
}
