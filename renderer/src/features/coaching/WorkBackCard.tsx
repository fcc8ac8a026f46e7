import type { WorkBack, WorkBackRates } from '../../../../shared/coaching/types';
import {
  formatCurrency,
  formatDecimal,
  formatNumber,
  formatPercent,
  formatPeriodLabel,
} from '../../../../shared/format/format';
import { useI18n } from '../../i18n/i18n';
import { InfoTip } from '../../ui/InfoTip';

type PerWeekKey = keyof WorkBackRates['perWeek'];
const PER_WEEK: readonly PerWeekKey[] = ['deals', 'prospects', 'activities', 'meetings', 'calls'];

/** The rate behind each weekly need, shown under it so the leverage of each practice is visible. */
type RateKey = 'winRate' | 'activitiesPerProspect' | 'meetingsPerProspect' | 'callsPerProspect';
const RATE_OF: Partial<Record<PerWeekKey, RateKey>> = {
  prospects: 'winRate',
  activities: 'activitiesPerProspect',
  meetings: 'meetingsPerProspect',
  calls: 'callsPerProspect',
};

/**
 * Work back from the target: revenue = prospects developed x conversion x deal size x repeat
 * purchases, so the deals, prospects, activities, meetings and calls a week the target needs, at
 * the rep's own rates and at the top quartile's. Where the two columns differ most is where a
 * practice pays.
 */
export function WorkBackCard({ workBack, currency }: { workBack: WorkBack; currency: string | null }) {
  const { t, locale } = useI18n();
  const { rep, top } = workBack;
  const rate = (rates: WorkBackRates, key: RateKey): string =>
    key === 'winRate' ? formatPercent(locale, rates.winRate, 0) : formatDecimal(locale, rates[key], 1);

  return (
    <section className="card" aria-labelledby="workback-title" data-testid="work-back">
      <header className="card__header">
        <h2 id="workback-title" className="card__title">
          {t('coaching.work.title')} <InfoTip text={t('coaching.work.definition')} />
        </h2>
        <span className="muted">
          {t('coaching.work.weeks', {
            period: formatPeriodLabel(locale, workBack.period.id),
            weeks: formatDecimal(locale, workBack.weeks, 1),
          })}
        </span>
      </header>
      {workBack.targetSource === 'none' || workBack.target === null ? (
        <p className="empty">{t('coaching.work.noTarget')}</p>
      ) : (
        <>
          <p className="coaching__target" data-testid="work-target" data-source={workBack.targetSource}>
            <strong>{formatCurrency(locale, workBack.target, currency)}</strong>{' '}
            <span className="muted">{t(`coaching.work.source.${workBack.targetSource}`)}</span>
          </p>
          <div className="table-scroll">
            <table className="table table--compact">
              <thead>
                <tr>
                  <th scope="col">{t('coaching.work.col.need')}</th>
                  <th scope="col" className="num">
                    {t('coaching.work.col.rep')}
                  </th>
                  <th scope="col" className="num">
                    {t('coaching.work.col.top')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {PER_WEEK.map((key) => {
                  const rateKey = RATE_OF[key];
                  return (
                    <tr key={key} data-testid="work-row" data-need={key}>
                      <th scope="row">
                        {t(`coaching.work.${key}`)}
                        {rateKey ? (
                          <span className="coaching__rate muted">{t(`coaching.work.rate.${rateKey}`)}</span>
                        ) : null}
                      </th>
                      <td className="num">
                        {formatNumber(locale, rep.perWeek[key], 1)}
                        {rateKey ? <span className="coaching__rate muted">{rate(rep, rateKey)}</span> : null}
                      </td>
                      <td className="num">
                        {formatNumber(locale, top.perWeek[key], 1)}
                        {rateKey ? <span className="coaching__rate muted">{rate(top, rateKey)}</span> : null}
                      </td>
                    </tr>
                  );
                })}
                <tr>
                  <th scope="row">{t('coaching.work.avgDealSize')}</th>
                  <td className="num">{formatCurrency(locale, rep.avgDealSize, currency)}</td>
                  <td className="num">{formatCurrency(locale, top.avgDealSize, currency)}</td>
                </tr>
                <tr>
                  <th scope="row">{t('coaching.work.repeat')}</th>
                  <td className="num">{formatDecimal(locale, rep.repeatPurchases, 2)}</td>
                  <td className="num">{formatDecimal(locale, top.repeatPurchases, 2)}</td>
                </tr>
              </tbody>
            </table>
          </div>
          <p className="hint table-legend">{t('coaching.work.legend')}</p>
        </>
      )}
    </section>
  );
}
