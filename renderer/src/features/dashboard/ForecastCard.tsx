import type { ForecastView } from '../../../../shared/api/contract';
import {
  formatCurrency,
  formatDate,
  formatInteger,
  formatPercent,
  formatPeriodLabel,
} from '../../../../shared/format/format';
import { useI18n } from '../../i18n/i18n';
import { InfoTip } from '../../ui/InfoTip';

/**
 * Open pipeline expected to close in the next period, weighted by win probability, by stage; and
 * how the viewed period's own forecast, as it stood at its start, compared with what was won.
 */
export function ForecastCard({ forecast, currency }: { forecast: ForecastView; currency: string | null }) {
  const { t, locale } = useI18n();
  const money = (v: number) => formatCurrency(locale, v, currency);
  return (
    <section className="card forecast-card" aria-labelledby="forecast-title" data-testid="forecast">
      <header className="card__header">
        <h2 id="forecast-title" className="card__title">
          {t('forecast.title', { period: formatPeriodLabel(locale, forecast.period.id) })}{' '}
          <InfoTip text={t('forecast.definition')} />
        </h2>
      </header>
      <div className="figures">
        <div
          className="figure figure--primary"
          title={t('forecast.weightedTitle')}
          data-testid="forecast-weighted"
        >
          <span className="figure__label">{t('forecast.weighted')}</span>
          <span className="figure__value">{money(forecast.weighted)}</span>
        </div>
        <div className="figure" title={t('forecast.openTitle')}>
          <span className="figure__label">{t('forecast.open')}</span>
          <span className="figure__value">{money(forecast.amount)}</span>
          <span className="figure__sub">
            {t('forecast.deals', { count: formatInteger(locale, forecast.deals) })}
          </span>
        </div>
        <div
          className={`figure ${forecast.overdue.deals > 0 ? 'figure--warning' : ''}`}
          title={t('forecast.overdueTitle')}
          data-testid="forecast-overdue"
        >
          <span className="figure__label">{t('forecast.overdue')}</span>
          <span className="figure__value">{formatInteger(locale, forecast.overdue.deals)}</span>
          <span className="figure__sub">{money(forecast.overdue.amount)}</span>
        </div>
      </div>
      {forecast.byStage.length > 0 ? (
        <table className="table table--compact forecast__table">
          <thead>
            <tr>
              <th scope="col">{t('funnel.col.stage')}</th>
              <th scope="col" className="num">
                {t('forecast.col.deals')}
              </th>
              <th scope="col" className="num">
                {t('forecast.col.amount')}
              </th>
              <th scope="col" className="num" title={t('forecast.col.probabilityTitle')}>
                {t('forecast.col.probability')}
              </th>
              <th scope="col" className="num">
                {t('forecast.col.weighted')}
              </th>
            </tr>
          </thead>
          <tbody>
            {forecast.byStage.map((s) => (
              <tr key={s.stage ?? 'none'} data-testid="forecast-row">
                <th scope="row">{s.stage ? t(`funnel.${s.stage}`) : t('forecast.noStage')}</th>
                <td className="num">{formatInteger(locale, s.deals)}</td>
                <td className="num">{money(s.amount)}</td>
                <td className="num">{formatPercent(locale, s.probability, 0)}</td>
                <td className="num">{money(s.weighted)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="empty">{t('forecast.empty')}</p>
      )}
      <p className="hint" data-testid="forecast-probability">
        {forecast.usesExportedProbability
          ? t('forecast.exportedProbability')
          : t('forecast.defaultProbability')}
      </p>
      <ForecastAccuracy forecast={forecast} money={money} />
    </section>
  );
}

/** The viewed period's forecast accuracy, or why there is none (never a 0 standing in for it). */
function ForecastAccuracy({ forecast, money }: { forecast: ForecastView; money: (v: number) => string }) {
  const { t, locale } = useI18n();
  const a = forecast.accuracy;
  if (!a) {
    return (
      <p className="hint" data-testid="forecast-accuracy-unavailable">
        {t(`forecast.accuracy.${forecast.accuracyUnavailable ?? 'no_history'}`)}
      </p>
    );
  }
  return (
    <div className="forecast-accuracy" data-testid="forecast-accuracy">
      <h3 className="forecast-accuracy__title">
        {t('forecast.accuracy.title', { period: formatPeriodLabel(locale, a.period.id) })}{' '}
        <InfoTip text={t('forecast.accuracy.definition')} />
      </h3>
      <div className="figures">
        <div className="figure" data-testid="forecast-accuracy-forecast">
          <span className="figure__label">
            {t('forecast.accuracy.forecast', { date: formatDate(locale, a.asOf) })}
          </span>
          <span className="figure__value">{money(a.forecast)}</span>
        </div>
        <div className="figure" data-testid="forecast-accuracy-actual">
          <span className="figure__label">{t('forecast.accuracy.actual')}</span>
          <span className="figure__value">{money(a.actual)}</span>
          {a.ratio !== null ? (
            <span className="figure__sub">
              {t('forecast.accuracy.ratio', { ratio: formatPercent(locale, a.ratio, 0) })}
            </span>
          ) : null}
        </div>
        <div
          className="figure figure--primary"
          title={t('forecast.accuracy.accuracyTitle')}
          data-testid="forecast-accuracy-value"
        >
          <span className="figure__label">{t('forecast.accuracy.accuracy')}</span>
          <span className="figure__value">
            {a.accuracy === null ? t('forecast.accuracy.noFigure') : formatPercent(locale, a.accuracy, 0)}
          </span>
        </div>
      </div>
      <p className="hint" data-testid="forecast-accuracy-coverage">
        {t('forecast.accuracy.coverage', {
          deals: formatInteger(locale, a.deals),
          won: formatInteger(locale, a.wonDeals),
          inForecast: formatInteger(locale, a.wonInForecast),
        })}
        {a.periodComplete ? null : ` ${t('forecast.accuracy.partial')}`}
      </p>
    </div>
  );
}
