import type { ImprovementPlan } from '../../../../shared/coaching/types';
import { formatDate, formatPercent, formatScore } from '../../../../shared/format/format';
import { useI18n } from '../../i18n/i18n';
import { BandBadge } from '../../ui/BandBadge';
import { InfoTip } from '../../ui/InfoTip';
import { formatMetricValue, metricName } from './practice-format';

/**
 * For a rep in the bottom band: measurable thresholds to reach by the review date, and the
 * evidence that put them there, so the conversation starts from the same figures.
 */
export function ImprovementPlanCard({ plan, currency }: { plan: ImprovementPlan; currency: string | null }) {
  const { t, locale } = useI18n();
  const { evidence } = plan;
  return (
    <section
      className="card coaching__improvement"
      aria-labelledby="improvement-title"
      data-testid="improvement-plan"
    >
      <header className="card__header">
        <h2 id="improvement-title" className="card__title">
          {t('coaching.improve.title')} <InfoTip text={t('coaching.improve.definition')} />
        </h2>
        <span className="pill pill--warning" data-testid="review-date">
          {t('coaching.improve.review', { date: formatDate(locale, plan.reviewDate) })}
        </span>
      </header>
      <div className="coaching__row coaching__row--even">
        <div>
          <h3 className="subheading">{t('coaching.improve.thresholds')}</h3>
          {plan.compositeThreshold !== null ? (
            <p className="hint">
              {t('coaching.improve.composite', { score: formatScore(locale, plan.compositeThreshold) })}
            </p>
          ) : null}
          {plan.thresholds.length > 0 ? (
            <table className="table table--compact">
              <thead>
                <tr>
                  <th scope="col">{t('coaching.improve.metric')}</th>
                  <th scope="col" className="num">
                    {t('coaching.improve.current')}
                  </th>
                  <th scope="col" className="num">
                    {t('coaching.improve.threshold')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {plan.thresholds.map((row) => (
                  <tr key={row.metric} data-testid="threshold-row" data-metric={row.metric}>
                    <th scope="row">{metricName(locale, row.metric)}</th>
                    <td className="num">{formatMetricValue(locale, row.metric, row.current, currency)}</td>
                    <td className="num">
                      <strong>{formatMetricValue(locale, row.metric, row.threshold, currency)}</strong>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
        <div>
          <h3 className="subheading">{t('coaching.improve.evidence')}</h3>
          <dl className="coaching__facts">
            <div>
              <dt>{t('coaching.rep.band')}</dt>
              <dd>
                <BandBadge band={evidence.band} />
              </dd>
            </div>
            <div>
              <dt>{t('coaching.rep.composite')}</dt>
              <dd>{formatScore(locale, evidence.composite)}</dd>
            </div>
            <div>
              <dt>{t('coaching.improve.resultsScore')}</dt>
              <dd>{formatScore(locale, evidence.resultsScore)}</dd>
            </div>
            <div>
              <dt>{t('coaching.improve.activityScore')}</dt>
              <dd>{formatScore(locale, evidence.activityScore)}</dd>
            </div>
            <div>
              <dt>{t('coaching.improve.previousBand')}</dt>
              <dd>
                {evidence.previousBand ? (
                  <BandBadge band={evidence.previousBand} />
                ) : (
                  <span className="muted">{t('rank.previousNone')}</span>
                )}
              </dd>
            </div>
          </dl>
          {evidence.weakKpis.length > 0 ? (
            <>
              <p className="hint">{t('coaching.improve.weakKpis')}</p>
              <ul className="coaching__weak">
                {evidence.weakKpis.map((k) => (
                  <li key={k.kpi} data-kpi={k.kpi}>
                    <strong>{metricName(locale, k.kpi)}</strong>{' '}
                    {formatMetricValue(locale, k.kpi, k.value, currency)}{' '}
                    <span className="muted">
                      {t('coaching.improve.percentile', {
                        percentile: formatPercent(locale, k.percentile, 0),
                      })}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      </div>
    </section>
  );
}
