import type { RankingView } from '../../../../shared/api/contract';
import { formatInteger, formatPeriodLabel, formatScore } from '../../../../shared/format/format';
import { rankedRows } from '../../analysis/ranking-model';
import type { AnalysisQuery } from '../../analysis/use-latest-query';
import { useI18n } from '../../i18n/i18n';
import { BandDot } from '../../ui/BandBadge';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { InfoTip } from '../../ui/InfoTip';

interface Props {
  /** The ranking of the chosen period with the draft settings (null without data). */
  ranking: AnalysisQuery<RankingView> | null;
  period: string | null;
  onOpenRankings: () => void;
}

/** The side card: the period's ranking as the draft makes it, so every edit shows its effect. */
export function RankingPreview({ ranking, period, onOpenRankings }: Props) {
  const { t, locale } = useI18n();
  const view = ranking?.data ?? null;
  const preview = view
    ? rankedRows(view).sort(
        (a, b) => (b.composite ?? 0) - (a.composite ?? 0) || a.rep.localeCompare(b.rep, locale),
      )
    : [];
  return (
    <aside className="card settings__preview" aria-labelledby="preview-title" data-testid="settings-preview">
      <h2 id="preview-title" className="card__title">
        {period
          ? t('settings.previewTitle', { period: formatPeriodLabel(locale, period) })
          : t('settings.previewTitle', { period: '' })}{' '}
        <InfoTip text={t('settings.previewHint')} />
      </h2>
      {ranking?.error ? (
        <ErrorMessage error={ranking.error} onRetry={ranking.retry} testId="preview-error" />
      ) : null}
      {view ? (
        <>
          <p className="preview__counts" data-testid="preview-counts">
            {(['top', 'middle', 'bottom'] as const).map((b) => (
              <span key={b} className="preview__count">
                <BandDot band={b} /> {formatInteger(locale, view.bandCounts[b])}
              </span>
            ))}
            <span className="muted">
              {t('rank.rankedOf', {
                ranked: formatInteger(locale, view.rankedCount),
                total: formatInteger(locale, view.rows.length),
              })}
            </span>
          </p>
          <ol className={`preview__list ${ranking?.loading ? 'is-stale' : ''}`} data-testid="preview-list">
            {preview.map((r, i) => (
              <li
                key={r.repId}
                className="preview__row"
                data-testid="preview-row"
                data-rep={r.rep}
                data-band={r.band}
              >
                <span className="preview__rank">{formatInteger(locale, i + 1)}</span>
                <span className="preview__rep">{r.rep}</span>
                <BandDot band={r.band} />
                <span className="preview__score">{formatScore(locale, r.composite)}</span>
              </li>
            ))}
          </ol>
          <button type="button" className="button button--ghost" onClick={onOpenRankings}>
            {t('settings.openRankings')}
          </button>
        </>
      ) : ranking === null ? (
        <p className="muted">{t('settings.previewEmpty')}</p>
      ) : (
        <p className="muted">{t('common.loading')}</p>
      )}
    </aside>
  );
}
