import type { RankingRow } from '../../../../shared/api/contract';
import { useI18n } from '../../i18n/i18n';
import { unrankedDetailText, unrankedReasonText } from '../../i18n/domain-text';

/** Reps present in the workspace but without a band this period, each with the reason. */
export function UnrankedList({ rows }: { rows: readonly RankingRow[] }) {
  const { t, locale } = useI18n();
  if (rows.length === 0) return null;
  return (
    <section className="card unranked" aria-labelledby="unranked-title" data-testid="unranked-list">
      <h2 id="unranked-title" className="card__title">
        {t('rank.unrankedTitle', { count: rows.length })}
      </h2>
      <p className="hint">{t('rank.unrankedHint')}</p>
      <table className="table table--compact unranked__table">
        <thead>
          <tr>
            <th scope="col">{t('rank.col.rep')}</th>
            <th scope="col">{t('rank.col.team')}</th>
            <th scope="col">{t('rank.reason')}</th>
            <th scope="col">{t('rank.reasonDetail')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.repId} data-testid="unranked-row" data-reason={r.unrankedReason ?? ''}>
              <th scope="row">{r.rep}</th>
              <td>{r.team ?? <span className="muted">{t('rank.noTeam')}</span>}</td>
              <td>{unrankedReasonText(locale, r.unrankedReason)}</td>
              <td data-testid="unranked-detail">
                {unrankedDetailText(t, r.unrankedReason, r.unrankedDetail) || (
                  <span className="muted">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
