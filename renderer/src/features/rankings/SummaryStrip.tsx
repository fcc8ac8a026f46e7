import type { RankingView } from '../../../../shared/api/contract';
import { formatInteger, formatPercent } from '../../../../shared/format/format';
import { useI18n } from '../../i18n/i18n';
import { bandName } from '../../i18n/domain-text';
import { BAND_ORDER } from '../../analysis/ranking-model';

/** Reps per band, ranked and not-ranked counts, at a glance. */
export function SummaryStrip({ view }: { view: RankingView }) {
  const { t, locale } = useI18n();
  const total = view.rows.length;
  return (
    <div className="summary" data-testid="ranking-summary">
      {BAND_ORDER.map((band) => (
        <div
          key={band}
          className={`summary__tile summary__tile--${band}`}
          data-testid={`band-count-${band}`}
          title={t(`summary.title.${band}`)}
        >
          <span className="summary__label">{bandName(locale, band)}</span>
          <span className="summary__value" data-value={view.bandCounts[band]}>
            {formatInteger(locale, view.bandCounts[band])}
          </span>
          <span className="summary__sub">
            {t('rank.bandShare', {
              share: formatPercent(
                locale,
                view.rankedCount > 0 ? view.bandCounts[band] / view.rankedCount : null,
                0,
              ),
            })}
          </span>
        </div>
      ))}
      <div
        className="summary__tile summary__tile--ranked"
        data-testid="ranked-count"
        title={t('summary.title.ranked')}
      >
        <span className="summary__label">{t('rank.ranked')}</span>
        <span className="summary__value" data-value={view.rankedCount}>
          {formatInteger(locale, view.rankedCount)}
        </span>
        <span className="summary__sub">
          {t('rank.rankedOf', {
            ranked: formatInteger(locale, view.rankedCount),
            total: formatInteger(locale, total),
          })}
        </span>
      </div>
      <div
        className="summary__tile summary__tile--unranked"
        data-testid="unranked-count"
        title={t('summary.title.unranked')}
      >
        <span className="summary__label">{t('rank.notRankedCount')}</span>
        <span className="summary__value" data-value={view.bandCounts.unranked}>
          {formatInteger(locale, view.bandCounts.unranked)}
        </span>
        <span className="summary__sub">&nbsp;</span>
      </div>
    </div>
  );
}
