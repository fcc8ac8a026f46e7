import type { RepCoachingView } from '../../../../shared/coaching/types';
import { formatDate, formatDateTime, formatPeriodLabel } from '../../../../shared/format/format';
import { useI18n } from '../../i18n/i18n';
import { InfoTip } from '../../ui/InfoTip';
import { formatPracticeValue, practiceName, practiceTitle } from './practice-format';

const STATUS_CLASS = {
  met: 'pill--success',
  progressing: 'pill--accent',
  missed: 'pill--warning',
  pending: 'pill--muted',
} as const;

/** The plans saved for this rep, newest first, each goal checked against its period's data. */
export function SavedPlans({
  saved,
  currency,
}: {
  saved: RepCoachingView['savedPlans'];
  currency: string | null;
}) {
  const { t, locale } = useI18n();
  const zh = locale === 'zh-CN';
  return (
    <section className="card" aria-labelledby="saved-plans-title" data-testid="saved-plans">
      <header className="card__header">
        <h2 id="saved-plans-title" className="card__title">
          {t('coaching.saved.title')} <InfoTip text={t('coaching.saved.definition')} />
        </h2>
      </header>
      {saved.length === 0 ? (
        <p className="empty">{t('coaching.saved.empty')}</p>
      ) : (
        <ul className="saved-plans">
          {saved.map(({ plan, checks }) => (
            <li key={plan.planId} className="saved-plan" data-testid="saved-plan" data-plan={plan.planId}>
              <p className="saved-plan__head">
                <strong>
                  {t('coaching.saved.from', { period: formatPeriodLabel(locale, plan.period) })}
                </strong>{' '}
                <span className="muted">
                  {t('coaching.saved.savedAt', { date: formatDateTime(locale, plan.savedAt) })}
                </span>
              </p>
              <table className="table table--compact">
                <thead>
                  <tr>
                    <th scope="col">{t('coaching.col.practice')}</th>
                    <th scope="col" className="num">
                      {t('coaching.saved.baseline')}
                    </th>
                    <th scope="col" className="num">
                      {t('coaching.goal.target')}
                    </th>
                    <th scope="col" className="num">
                      {t('coaching.saved.actual')}
                    </th>
                    <th scope="col">{t('coaching.goal.deadline')}</th>
                    <th scope="col">{t('coaching.saved.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.goals.map((goal, i) => {
                    const check = checks.find((c) => c.practice === goal.practice) ?? checks[i];
                    const status = check?.status ?? 'pending';
                    return (
                      <tr key={goal.practice} data-testid="saved-goal" data-status={status}>
                        <th scope="row" title={zh ? goal.text.zh : goal.text.en}>
                          {practiceName(locale, goal.practice)}
                          <InfoTip text={practiceTitle(locale, t, goal.practice)} />
                        </th>
                        <td className="num">
                          {formatPracticeValue(locale, goal.practice, goal.baseline, currency)}
                        </td>
                        <td className="num">
                          {formatPracticeValue(locale, goal.practice, goal.target, currency)}
                        </td>
                        <td className="num">
                          {formatPracticeValue(locale, goal.practice, check?.actual ?? null, currency)}
                        </td>
                        <td className="nowrap">
                          {formatDate(locale, goal.deadline)}{' '}
                          <span className="muted">({formatPeriodLabel(locale, goal.period)})</span>
                        </td>
                        <td>
                          <span
                            className={`pill ${STATUS_CLASS[status]}`}
                            title={t(`coaching.status.${status}Title`)}
                            data-testid="goal-status"
                          >
                            {t(`coaching.status.${status}`)}
                          </span>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
