import type { Placement, TeamPlan } from '../../../../shared/teams/types';
import { useI18n } from '../../i18n/i18n';

interface Props {
  plan: TeamPlan;
  placements: Map<number, Placement>;
}

/** Today's teams, compact, each person marked with where the plan puts them when that is elsewhere. */
export function CurrentTeams({ plan, placements }: Props) {
  const { t } = useI18n();
  return (
    <section className="card current-teams" aria-labelledby="current-teams-title" data-testid="current-teams">
      <h2 id="current-teams-title" className="card__title">
        {t('teams.today')}
      </h2>
      <p className="hint">{t('teams.todayHint')}</p>
      {plan.currentTeams.map((team) => (
        <div key={team.team ?? ''} className="current-team" data-testid="current-team">
          <h3 className="current-team__name">{team.team ?? t('rank.noTeam')}</h3>
          <ul className="current-team__list">
            {team.members.map((repId) => {
              const p = placements.get(repId);
              if (!p) return null;
              return (
                <li
                  key={repId}
                  className={`current-team__rep${p.moved ? ' is-moved' : ''}${p.role === 'leader' ? ' is-leader' : ''}`}
                  data-rep={p.rep}
                  data-moved={p.moved}
                >
                  <span className="current-team__line">
                    <span className={`team-dot team-dot--${p.band}`} aria-hidden="true" />
                    <span className="current-team__rep-name">{p.rep}</span>
                    {p.role === 'leader' ? (
                      <span className="current-team__tag">{t('teams.leads')}</span>
                    ) : null}
                  </span>
                  {p.moved ? (
                    <span className="current-team__to">{t('teams.movesTo', { team: p.proposedTeam })}</span>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </section>
  );
}
