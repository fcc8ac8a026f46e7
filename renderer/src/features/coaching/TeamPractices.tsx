import { Suspense, lazy } from 'react';
import { VOLUME_PRACTICES } from '../../../../shared/coaching/practice-definitions';
import type { PracticeComparison, TeamPracticesView } from '../../../../shared/coaching/types';
import {
  formatDecimal,
  formatInteger,
  formatList,
  formatNumber,
  formatPercent,
} from '../../../../shared/format/format';
import { useI18n } from '../../i18n/i18n';
import { bandName } from '../../i18n/domain-text';
import { InfoTip } from '../../ui/InfoTip';
import { SEPARATION_CLASS, formatPracticeValue, practiceName, practiceTitle } from './practice-format';

const EffectSizeChart = lazy(() => import('./CoachingCharts').then((m) => ({ default: m.EffectSizeChart })));

interface Props {
  view: TeamPracticesView;
  currency: string | null;
}

/** The label of a practice's separation, with what it means on hover. */
export function SeparationPill({ row }: { row: Pick<PracticeComparison, 'separation' | 'effectSize'> }) {
  const { t } = useI18n();
  // A practice where the top is reliably *worse* is distinguishing too, but not one to copy.
  const worse = row.separation === 'distinguishing' && (row.effectSize ?? 0) < 0;
  return (
    <span
      className={`pill ${worse ? 'pill--warning' : SEPARATION_CLASS[row.separation]}`}
      title={t(`coaching.separationTitle.${row.separation}`)}
      data-testid="separation"
      data-separation={row.separation}
    >
      {worse ? t('coaching.separation.worse') : t(`coaching.separation.${row.separation}`)}
    </span>
  );
}

/**
 * What separates the top performers from the rest in this team: every practice ranked by how
 * strongly it separates them, with the three medians, the ratio and the effect size with its
 * sample sizes; a chart of the effect sizes; and plain words when volume does not separate them
 * or the team is too small to call anything distinguishing.
 */
export function TeamPractices({ view, currency }: Props) {
  const { t, locale } = useI18n();
  const unavailable = new Set(view.unavailable);
  const rows = view.practices.filter((p) => !unavailable.has(p.practice));
  const distinguishing = rows.filter((p) => p.distinguishing);
  const volume = VOLUME_PRACTICES.filter((id) => !unavailable.has(id));
  const counts = view.counts;

  return (
    <div className="coaching__team" data-testid="coaching-team">
      <ul className="coaching__counts" aria-label={t('coaching.team.countsLabel')}>
        {(['top', 'middle', 'bottom'] as const).map((band) => (
          <li key={band} className={`coaching__count coaching__count--${band}`} data-band={band}>
            <span className="coaching__count-value" data-value={counts[band]}>
              {formatInteger(locale, counts[band])}
            </span>
            <span className="coaching__count-label">{bandName(locale, band)}</span>
          </li>
        ))}
        <li className="coaching__count coaching__count--found" data-testid="distinguishing-count">
          <span className="coaching__count-value" data-value={distinguishing.length}>
            {formatInteger(locale, distinguishing.length)}
          </span>
          <span className="coaching__count-label">{t('coaching.team.distinguishingCount')}</span>
        </li>
      </ul>

      {view.tooFew ? (
        <p className="hint hint--info" data-testid="too-few">
          {t('coaching.team.tooFew', {
            top: formatInteger(locale, counts.top),
            rest: formatInteger(locale, counts.middle + counts.bottom),
          })}
        </p>
      ) : null}
      {volume.length > 0 && !view.tooFew ? (
        <p
          className={`hint ${view.volumeDistinguishes ? 'hint--info' : 'coaching__volume'}`}
          data-testid="volume-note"
          data-distinguishes={String(view.volumeDistinguishes)}
        >
          {view.volumeDistinguishes
            ? t('coaching.team.volumeYes')
            : t('coaching.team.volumeNo', {
                practices: formatList(
                  locale,
                  volume.map((id) => practiceName(locale, id)),
                ),
              })}
        </p>
      ) : null}

      <section className="card" aria-labelledby="practices-table-title">
        <header className="card__header">
          <h2 id="practices-table-title" className="card__title">
            {t('coaching.team.tableTitle')} <InfoTip text={t('coaching.team.definition')} />
          </h2>
        </header>
        {rows.length > 0 ? (
          <div className="table-scroll">
            <table className="table table--compact coaching__table" data-testid="practices-table">
              <thead>
                <tr>
                  <th scope="col">{t('coaching.col.practice')}</th>
                  <th scope="col" className="num" title={t('coaching.col.topMedianTitle')}>
                    {t('coaching.col.topMedian')}
                  </th>
                  <th scope="col" className="num">
                    {t('coaching.col.middleMedian')}
                  </th>
                  <th scope="col" className="num">
                    {t('coaching.col.bottomMedian')}
                  </th>
                  <th scope="col" className="num" title={t('coaching.col.ratioTitle')}>
                    {t('coaching.col.ratio')}
                  </th>
                  <th scope="col" className="num" title={t('coaching.col.effectTitle')}>
                    {t('coaching.col.effect')}
                  </th>
                  <th scope="col" className="num" title={t('coaching.col.nTitle')}>
                    {t('coaching.col.n')}
                  </th>
                  <th scope="col">{t('coaching.col.separation')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr
                    key={row.practice}
                    data-testid="practice-row"
                    data-practice={row.practice}
                    data-separation={row.separation}
                    data-distinguishing={String(row.distinguishing)}
                  >
                    <th scope="row" className="coaching__practice">
                      {practiceName(locale, row.practice)}
                      <InfoTip text={practiceTitle(locale, t, row.practice)} />
                    </th>
                    <td className="num coaching__top">
                      {formatPracticeValue(locale, row.practice, row.topMedian, currency)}
                    </td>
                    <td className="num">
                      {formatPracticeValue(locale, row.practice, row.middleMedian, currency)}
                    </td>
                    <td className="num">
                      {formatPracticeValue(locale, row.practice, row.bottomMedian, currency)}
                    </td>
                    <td className="num">
                      {row.ratioTopRest === null
                        ? formatNumber(locale, null)
                        : t('coaching.times', { value: formatDecimal(locale, row.ratioTopRest, 2) })}
                    </td>
                    <td className="num" data-value={row.effectSize ?? ''}>
                      {formatDecimal(locale, row.effectSize, 2)}
                      {row.effectSize !== null ? (
                        // Cliff's delta in plain words: the share of (top, other) pairs the top rep
                        // wins, ties counted half, is (delta + 1) / 2.
                        <span className="muted coaching__reading" data-testid="effect-reading">
                          {t('coaching.effectReading', {
                            share: formatPercent(locale, (row.effectSize + 1) / 2, 0),
                          })}
                        </span>
                      ) : null}
                    </td>
                    <td className="num muted">
                      {t('coaching.nPairWords', {
                        top: formatInteger(locale, row.nTop),
                        rest: formatInteger(locale, row.nRest),
                      })}
                    </td>
                    <td>
                      <SeparationPill row={row} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="empty">{t('coaching.team.noPractices')}</p>
        )}
        <p className="hint table-legend">{t('coaching.team.legend')}</p>
      </section>

      <section className="card chart-card" aria-labelledby="effect-chart-title">
        <header className="card__header">
          <h2 id="effect-chart-title" className="card__title">
            {t('coaching.team.chartTitle')} <InfoTip text={t('coaching.col.effectTitle')} />
          </h2>
        </header>
        <p className="hint coaching__chart-lead">{t('coaching.team.chartLead')}</p>
        <Suspense fallback={<div className="card chart-placeholder" aria-hidden="true" />}>
          <EffectSizeChart practices={rows} />
        </Suspense>
        <ul className="coaching__legend" aria-hidden="true">
          {(['distinguishing', 'indicative', 'no_difference'] as const).map((s) => (
            <li key={s}>
              <span className={`coaching__swatch coaching__swatch--${s}`} />
              {t(`coaching.separation.${s}`)}
            </li>
          ))}
        </ul>
      </section>

      {view.unavailable.length > 0 ? (
        <section className="card" data-testid="practices-unavailable">
          <h2 className="subheading">
            {t('coaching.team.unavailableTitle', { count: formatInteger(locale, view.unavailable.length) })}
          </h2>
          <ul className="unavailable">
            {view.unavailable.map((id) => (
              <li key={id} data-practice={id} title={practiceTitle(locale, t, id)}>
                <strong>{practiceName(locale, id)}</strong>{' '}
                <span className="muted">
                  {view.unavailableReasons[id] === 'no_funnel_stages'
                    ? t('coaching.team.unavailableFunnel')
                    : t('coaching.team.unavailableItem')}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
