import type { AnalysisSettings } from '../../../../shared/analysis/settings';
import { formatDecimal, formatInteger, formatPeriodLabel } from '../../../../shared/format/format';
import { useBridge } from '../../api/bridge-context';
import { useI18n } from '../../i18n/i18n';
import { useLatestQuery } from '../../analysis/use-latest-query';
import { ErrorMessage } from '../../ui/ErrorMessage';

interface Props {
  scenarioId: number;
  name: string;
  settings: AnalysisSettings | null;
  revision: number;
}

/** A change in score points with its sign: "+2.5" / "−1.0". */
function change(locale: Parameters<typeof formatDecimal>[0], value: number | null): string {
  if (value === null) return formatDecimal(locale, value, 1);
  return `${value > 0 ? '+' : ''}${formatDecimal(locale, value, 1)}`;
}

/**
 * "Check the plan": the moved reps' change from the scenario's period to the next against the
 * reps who stayed, once that next period's data is in; until then, why it is not ready.
 */
export function PlanCheck({ scenarioId, name, settings, revision }: Props) {
  const { t, locale } = useI18n();
  const bridge = useBridge();
  const request = settings ? { scenarioId, settings } : { scenarioId };
  const query = useLatestQuery(bridge, 'teams.check', request, revision, true);
  const view = query.data;

  return (
    <section
      className="plan-check-view"
      aria-label={t('teams.checkPlan.label', { name })}
      aria-busy={query.loading}
      data-testid="plan-check-view"
      data-ready={view?.ready ?? ''}
    >
      <h4 className="subheading">{t('teams.checkPlan.title', { name })}</h4>
      {query.error && !query.loading ? (
        <ErrorMessage error={query.error} onRetry={query.retry} testId="plan-check-error" />
      ) : null}
      {!view ? (
        query.loading ? (
          <p className="hint">{t('common.loading')}</p>
        ) : null
      ) : (
        <>
          <p className="hint">
            {t('teams.checkPlan.periods', {
              before: formatPeriodLabel(locale, view.before.id),
              after: formatPeriodLabel(locale, view.after.id),
            })}
          </p>
          <p className="hint" data-testid="plan-check-adopted">
            {t('teams.checkPlan.adopted', {
              adopted: formatInteger(locale, view.adopted),
              placed: formatInteger(locale, view.placed),
            })}
          </p>
          {!view.ready ? (
            <p className="hint hint--info" data-testid="plan-check-why">
              {t(`teams.checkPlan.why.${view.why ?? 'no_data_after'}`, {
                after: formatPeriodLabel(locale, view.after.id),
              })}
            </p>
          ) : (
            <>
              <table className="table table--compact plan-check-view__table">
                <thead>
                  <tr>
                    <th scope="col">{t('teams.checkPlan.group')}</th>
                    <th scope="col" className="num">
                      {t('teams.checkPlan.reps')}
                    </th>
                    <th scope="col" className="num">
                      {t('teams.checkPlan.results')}
                    </th>
                    <th scope="col" className="num">
                      {t('teams.checkPlan.composite')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {view.groups.map((g) => (
                    <tr key={g.group} data-testid="plan-check-group" data-group={g.group}>
                      <th scope="row">{t(`teams.checkPlan.${g.group}`)}</th>
                      <td className="num">{formatInteger(locale, g.reps)}</td>
                      <td className="num">{change(locale, g.medianResultsChange)}</td>
                      <td className="num">{change(locale, g.medianCompositeChange)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className={`hint${view.tooFew ? ' hint--warning' : ''}`}>
                {view.tooFew ? t('teams.checkPlan.tooFew') : t('teams.checkPlan.reading')}
              </p>
            </>
          )}
        </>
      )}
    </section>
  );
}
