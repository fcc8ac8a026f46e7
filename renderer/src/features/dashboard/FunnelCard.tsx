import { Suspense, lazy } from 'react';
import type { FunnelView } from '../../../../shared/api/contract';
import { FUNNEL_STAGES } from '../../../../shared/domain/types';
import { formatInteger, formatPercent } from '../../../../shared/format/format';
import { useI18n } from '../../i18n/i18n';
import { InfoTip } from '../../ui/InfoTip';

const FunnelChart = lazy(() => import('./DashboardCharts').then((m) => ({ default: m.FunnelChart })));

/** The team funnel: deals created in the period by the furthest stage reached, conversion, open and stalled deals. */
export function FunnelCard({ funnel }: { funnel: FunnelView }) {
  const { t, locale } = useI18n();
  const created = funnel.reached[0];
  return (
    <section className="card funnel-card" aria-labelledby="funnel-title" data-testid="funnel">
      <header className="card__header">
        <h2 id="funnel-title" className="card__title">
          {t('funnel.title')} <InfoTip text={t('funnel.definition')} />
        </h2>
        <span className="muted">
          {t('funnel.wonLost', {
            won: formatInteger(locale, funnel.won),
            lost: formatInteger(locale, funnel.lost),
          })}
        </span>
      </header>
      {created > 0 ? (
        <div className="funnel">
          <Suspense fallback={<div className="chart chart--funnel" aria-hidden="true" />}>
            <FunnelChart funnel={funnel} />
          </Suspense>
          <table className="table table--compact funnel__table">
            <thead>
              <tr>
                <th scope="col">{t('funnel.col.stage')}</th>
                <th scope="col" className="num" title={t('funnel.col.reachedTitle')}>
                  {t('funnel.col.reached')}
                </th>
                <th scope="col" className="num" title={t('funnel.col.conversionTitle')}>
                  {t('funnel.col.conversion')}
                </th>
                <th scope="col" className="num" title={t('funnel.col.openTitle')}>
                  {t('funnel.col.open')}
                </th>
                <th
                  scope="col"
                  className="num"
                  title={t('funnel.col.stalledTitle', { days: funnel.stallDays })}
                >
                  {t('funnel.col.stalled')}
                </th>
              </tr>
            </thead>
            <tbody>
              {FUNNEL_STAGES.map((stage, i) => {
                const stalled = funnel.stalled?.[i] ?? null;
                return (
                  <tr key={stage} data-testid="funnel-row" data-stage={stage}>
                    <th scope="row">{t(`funnel.${stage}`)}</th>
                    <td className="num">{formatInteger(locale, funnel.reached[i])}</td>
                    <td className="num">
                      {i === 0 ? '' : formatPercent(locale, funnel.conversion[i - 1] ?? null, 0)}
                    </td>
                    <td className="num">{formatInteger(locale, funnel.open[i])}</td>
                    <td className={`num ${stalled !== null && stalled > 0 ? 'text-warning' : ''}`}>
                      {stalled === null ? '—' : formatInteger(locale, stalled)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty">{t('funnel.empty')}</p>
      )}
      <p className="hint">
        {funnel.stalled === null
          ? t('funnel.stallUnknown')
          : t('funnel.stallNote', { days: formatInteger(locale, funnel.stallDays) })}
        {funnel.unstaged > 0 ? (
          <> {t('funnel.unstaged', { count: formatInteger(locale, funnel.unstaged) })}</>
        ) : null}
      </p>
    </section>
  );
}
