import { formatInteger } from '../../../../shared/format/format';
import type { TeamPlan } from '../../../../shared/teams/types';
import { useI18n } from '../../i18n/i18n';
import { InfoTip } from '../../ui/InfoTip';
import { checkText, points } from './team-text';

/**
 * The plan in figures (benefit, moves, matched, teams, placed) and every constraint as this plan
 * meets it: a what-if that breaks one says which at once.
 */
export function PlanSummary({ plan }: { plan: TeamPlan }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const { objective } = plan;
  const maxMoves = plan.input.constraints.maxMoves;
  const members = plan.placements.filter((p) => p.role !== 'leader').length;
  const broken = plan.checks.filter((c) => !c.ok).length;
  const status = plan.manual ? 'manual' : plan.optimal ? 'optimal' : 'best_found';

  return (
    <section className="card plan-summary" aria-labelledby="plan-summary-title" data-testid="plan-summary">
      <header className="card__header">
        <h2 id="plan-summary-title" className="card__title">
          {t('teams.summary.title')} <InfoTip text={t('teams.summary.definition')} />
        </h2>
        <span
          className={`pill ${status === 'optimal' ? 'pill--success' : status === 'manual' ? 'pill--accent' : 'pill--muted'}`}
          title={t(`teams.status.${status}Title`)}
          data-testid="plan-status"
          data-status={status}
        >
          {t(`teams.status.${status}`)}
        </span>
      </header>
      <div className="plan-summary__figures">
        <div className="figure figure--primary" title={t('teams.summary.benefitTitle')}>
          <span className="figure__label">{t('teams.summary.benefit')}</span>
          <span className="figure__value" data-testid="plan-benefit" data-value={objective.benefit}>
            {points(locale, t, objective.benefit)}
          </span>
        </div>
        <div className="figure" title={t('teams.summary.movesTitle')}>
          <span className="figure__label">{t('teams.summary.moves')}</span>
          <span className="figure__value" data-testid="plan-moves" data-value={objective.moves}>
            {formatInteger(locale, objective.moves)}
          </span>
          <span className="figure__sub">
            {maxMoves === null
              ? t('teams.summary.noMoveLimit')
              : t('teams.summary.moveLimit', { max: formatInteger(locale, maxMoves) })}
          </span>
        </div>
        <div className="figure" title={t('teams.summary.matchedTitle')}>
          <span className="figure__label">{t('teams.summary.matched')}</span>
          <span className="figure__value" data-testid="plan-matched" data-value={objective.matched}>
            {formatInteger(locale, objective.matched)}
          </span>
          <span className="figure__sub">
            {t('teams.summary.ofMembers', { count: formatInteger(locale, members) })}
          </span>
        </div>
        <div className="figure" title={t('teams.summary.teamsTitle')}>
          <span className="figure__label">{t('teams.summary.teams')}</span>
          <span className="figure__value" data-testid="plan-teams" data-value={plan.teams.length}>
            {formatInteger(locale, plan.teams.length)}
          </span>
          <span className="figure__sub">
            {t('teams.summary.placed', { count: formatInteger(locale, plan.placements.length) })}
          </span>
        </div>
      </div>
      <h3 className="subheading plan-summary__checks-title">
        {broken === 0
          ? t('teams.checks.allMet')
          : t('teams.checks.broken', { count: formatInteger(locale, broken) })}
      </h3>
      <ul className="plan-checks" data-testid="plan-checks" aria-live="polite">
        {plan.checks.map((check, i) => (
          <li
            key={`${check.constraint}-${i}`}
            className={`plan-check ${check.ok ? 'plan-check--ok' : 'plan-check--broken'}`}
            data-testid="plan-check"
            data-constraint={check.constraint}
            data-ok={check.ok}
          >
            <span className="plan-check__icon" aria-hidden="true">
              {check.ok ? '✓' : '!'}
            </span>
            <span className="visually-hidden">
              {check.ok ? t('teams.checks.ok') : t('teams.checks.notOk')}
            </span>
            {checkText(i18n, check)}
          </li>
        ))}
      </ul>
    </section>
  );
}
