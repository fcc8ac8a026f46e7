import type { Placement } from '../../../../shared/teams/types';
import { useI18n } from '../../i18n/i18n';
import { formatPracticeValue, practiceName, practiceTitle } from '../coaching/practice-format';
import { localText, points } from './team-text';

/** A bar's length as a share of the larger of the two benefits; a sliver stays visible at 0. */
function barWidth(value: number, scale: number): number {
  if (scale <= 0) return 1;
  return Math.max(1, Math.min(100, (value / scale) * 100));
}

interface Props {
  id: string;
  placement: Placement;
  leader: string;
  currency: string | null;
}

/**
 * Why a rep is in this team: the engine's reason, the rep's largest gaps with the leader's values
 * there, and the runner-up team with its score, so the director sees how close the call was.
 */
export function MemberWhy({ id, placement, leader, currency }: Props) {
  const { t, locale } = useI18n();
  const { gaps, runnerUp } = placement;
  const scale = Math.max(placement.benefit, runnerUp?.benefit ?? 0);
  return (
    <div id={id} className="member-why" data-testid="member-why">
      <p className="member-why__reason" data-testid="member-reason">
        {localText(locale, placement.text)}
      </p>
      {gaps.length > 0 ? (
        <table className="member-why__gaps" data-testid="member-gaps">
          <caption className="visually-hidden">{t('teams.why.gapsCaption', { rep: placement.rep })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('teams.why.practice')}</th>
              <th scope="col" className="num">
                {t('teams.why.rep')}
              </th>
              <th scope="col" className="num">
                {t('teams.why.benchmark')}
              </th>
              <th scope="col" className="num" title={leader}>
                {t('teams.why.leader')}
              </th>
            </tr>
          </thead>
          <tbody>
            {gaps.map((g) => (
              <tr
                key={g.practice}
                data-practice={g.practice}
                className={g.practice === placement.focus?.practice ? 'is-focus' : undefined}
              >
                <th scope="row" title={practiceTitle(locale, t, g.practice)}>
                  {practiceName(locale, g.practice)}
                </th>
                <td className="num member-why__behind">
                  {formatPracticeValue(locale, g.practice, g.repValue, currency)}
                </td>
                <td className="num">{formatPracticeValue(locale, g.practice, g.benchmark, currency)}</td>
                <td className="num member-why__leader">
                  {formatPracticeValue(locale, g.practice, g.leaderValue, currency)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {runnerUp ? (
        <div className="member-why__call" data-testid="member-runner-up" data-team={runnerUp.team}>
          <span className="member-why__call-title">{t('teams.why.closeCall')}</span>
          {[
            { key: 'here', label: t('teams.why.here'), value: placement.benefit, here: true },
            {
              key: 'runner',
              label: t('teams.why.runnerUp', { team: runnerUp.team }),
              value: runnerUp.benefit,
              here: false,
            },
          ].map((row) => (
            <div key={row.key} className="member-why__bar-row">
              <span className="member-why__bar-label">{row.label}</span>
              <span className="member-why__bar-track" aria-hidden="true">
                <span
                  className={`member-why__bar${row.here ? ' member-why__bar--here' : ''}`}
                  style={{ width: `${barWidth(row.value, scale)}%` }}
                />
              </span>
              <span className="member-why__bar-value">{points(locale, t, row.value)}</span>
            </div>
          ))}
        </div>
      ) : (
        <p className="member-why__runner" data-testid="member-runner-up">
          {t('teams.why.noRunnerUp')}
        </p>
      )}
    </div>
  );
}
