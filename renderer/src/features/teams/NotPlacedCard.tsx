import type { TeamPlan } from '../../../../shared/teams/types';
import { useI18n } from '../../i18n/i18n';
import { unrankedReasonText } from '../../i18n/domain-text';

/** Nobody is dropped silently: the people the plan leaves out, each with the reason. */
export function NotPlacedCard({ notPlaced }: { notPlaced: TeamPlan['notPlaced'] }) {
  const { t, locale } = useI18n();
  if (notPlaced.length === 0) return null;
  return (
    <section className="card not-placed" aria-labelledby="not-placed-title" data-testid="not-placed">
      <h2 id="not-placed-title" className="card__title">
        {t('teams.notPlaced.title', { count: notPlaced.length })}
      </h2>
      <p className="hint">{t('teams.notPlaced.lead')}</p>
      <ul className="not-placed__list">
        {notPlaced.map((n) => (
          <li key={n.repId} data-testid="not-placed-row" data-reason={n.reason}>
            <strong>{n.rep}</strong>
            <span className="muted">
              {n.reason === 'not_in_scenario'
                ? t('teams.notPlaced.not_in_scenario')
                : unrankedReasonText(locale, n.reason)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
