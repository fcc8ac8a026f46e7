import { useMemo, useState } from 'react';
import type { RankingView } from '../../../../shared/api/contract';
import { formatInteger, formatList, formatPercent } from '../../../../shared/format/format';
import { useI18n } from '../../i18n/i18n';
import { bandName } from '../../i18n/domain-text';
import { MATRIX_ACTIVITY, MATRIX_RESULTS, type MatrixBand } from '../../analysis/ranking-model';
import { InfoTip } from '../../ui/InfoTip';

/** How a cell reads for the director: green where to learn, amber where to act. */
const TONE: Record<
  MatrixBand,
  Record<MatrixBand, 'good' | 'learn' | 'neutral' | 'watch' | 'coach' | 'risk'>
> = {
  top: { top: 'good', middle: 'good', bottom: 'learn' },
  middle: { top: 'watch', middle: 'neutral', bottom: 'watch' },
  bottom: { top: 'coach', middle: 'coach', bottom: 'risk' },
};

type CellKey = `${MatrixBand}-${MatrixBand}`;

/**
 * The 3x3 results x activity matrix: rows are the results band (top first), columns the activity
 * band (low to high). Each cell has its count, the reps on hover (and on click, listed below) and
 * a one-line reading for the director.
 */
export function MatrixCard({ view }: { view: RankingView }) {
  const { t, locale } = useI18n();
  const [selected, setSelected] = useState<CellKey | null>(null);
  const names = useMemo(() => new Map(view.rows.map((r) => [r.repId, r.rep])), [view]);
  const cells = useMemo(() => {
    const out = new Map<CellKey, string[]>();
    for (const cell of view.matrix) {
      const reps = cell.repIds.map((id) => names.get(id) ?? String(id));
      out.set(
        `${cell.results}-${cell.activity}`,
        reps.sort((a, b) => a.localeCompare(b, locale)),
      );
    }
    return out;
  }, [view, names, locale]);
  const inMatrix = [...cells.values()].reduce((sum, reps) => sum + reps.length, 0);
  const outside = view.rankedCount - inMatrix;
  const selectedReps = selected ? (cells.get(selected) ?? []) : [];
  const [selResults, selActivity] = (selected?.split('-') ?? []) as [MatrixBand?, MatrixBand?];

  return (
    <section className="card matrix-card" aria-labelledby="matrix-title" data-testid="matrix">
      <header className="card__header">
        <h2 id="matrix-title" className="card__title">
          {t('matrix.title')} <InfoTip text={t('matrix.definition')} />
        </h2>
        <span className="muted" data-testid="matrix-total" data-value={inMatrix}>
          {t('matrix.total', { count: formatInteger(locale, inMatrix) })}
        </span>
      </header>
      <table className="matrix">
        <caption className="visually-hidden">{t('matrix.definition')}</caption>
        <thead>
          <tr>
            <td className="matrix__corner">
              <span className="matrix__axis">{t('matrix.resultsAxis')} ↓</span>
              <span className="matrix__axis">{t('matrix.activityAxis')} →</span>
            </td>
            {MATRIX_ACTIVITY.map((a) => (
              <th key={a} scope="col" className="matrix__col-head">
                {t('matrix.activityBand', { band: bandName(locale, a) })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {MATRIX_RESULTS.map((r) => (
            <tr key={r}>
              <th scope="row" className="matrix__row-head">
                {t('matrix.resultsBand', { band: bandName(locale, r) })}
              </th>
              {MATRIX_ACTIVITY.map((a) => {
                const key: CellKey = `${r}-${a}`;
                const reps = cells.get(key) ?? [];
                const reading = t(`matrix.reading.${r}.${a}`);
                const share = inMatrix > 0 ? reps.length / inMatrix : null;
                return (
                  <td key={key}>
                    <button
                      type="button"
                      className={`matrix__cell matrix__cell--${TONE[r][a]} ${reps.length === 0 ? 'is-empty' : ''}`}
                      aria-pressed={selected === key}
                      title={reps.length > 0 ? `${reading}\n${formatList(locale, reps)}` : reading}
                      onClick={() => setSelected((s) => (s === key ? null : key))}
                      data-testid="matrix-cell"
                      data-results={r}
                      data-activity={a}
                      data-count={reps.length}
                    >
                      <span className="matrix__numbers">
                        <span className="matrix__count">{formatInteger(locale, reps.length)}</span>
                        <span className="matrix__share">{formatPercent(locale, share, 0)}</span>
                      </span>
                      <span className="matrix__reading">{reading}</span>
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {selected && selResults && selActivity ? (
        <div className="matrix__detail" data-testid="matrix-detail" aria-live="polite">
          <strong>
            {t('matrix.detailTitle', {
              results: bandName(locale, selResults),
              activity: bandName(locale, selActivity),
            })}
          </strong>{' '}
          {selectedReps.length > 0 ? formatList(locale, selectedReps) : t('matrix.nobody')}
        </div>
      ) : (
        <p className="hint">{t('matrix.clickHint')}</p>
      )}
      {outside > 0 ? (
        <p className="hint" data-testid="matrix-outside">
          {t('matrix.outside', { count: formatInteger(locale, outside) })}
        </p>
      ) : null}
    </section>
  );
}
