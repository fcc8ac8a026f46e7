import { Suspense, lazy } from 'react';
import type { RepCoachingView, SavedGoal } from '../../../../shared/coaching/types';
import { FUNNEL_STAGES } from '../../../../shared/domain/types';
import { formatDecimal, formatInteger, formatPercent, formatScore } from '../../../../shared/format/format';
import type { AppError } from '../../../../shared/result';
import { useI18n } from '../../i18n/i18n';
import { unrankedReasonText } from '../../i18n/domain-text';
import { stableKey } from '../../util/stable-key';
import { BandBadge, BandDot } from '../../ui/BandBadge';
import { InfoTip } from '../../ui/InfoTip';
import { CoachingNotes } from './CoachingNotes';
import { ImprovementPlanCard } from './ImprovementPlanCard';
import { PlanEditor } from './PlanEditor';
import { SavedPlans } from './SavedPlans';
import { SeparationPill } from './TeamPractices';
import { WorkBackCard } from './WorkBackCard';
import { formatPracticeGap, formatPracticeValue, practiceName, practiceTitle } from './practice-format';
import type { UnrankedReason } from '../../../../shared/domain/types';

const BenchmarkChart = lazy(() => import('./CoachingCharts').then((m) => ({ default: m.BenchmarkChart })));

interface Props {
  view: RepCoachingView;
  currency: string | null;
  onSavePlan: (goals: SavedGoal[]) => Promise<AppError | null>;
  onAddNote: (text: string) => Promise<AppError | null>;
  onDeleteNote: (noteId: number) => Promise<AppError | null>;
}

/**
 * One rep against the top performers: band and composite, every practice's gap to the benchmark
 * (table and chart), the funnel against the top's conversion, the coaching plan, the work-back
 * from the target, the improvement plan for the bottom band, saved plans and the notes.
 */
export function RepCoaching({ view, currency, onSavePlan, onAddNote, onDeleteNote }: Props) {
  const { t, locale } = useI18n();
  const { rep, gaps, funnel, plan } = view;
  const shown = gaps.filter((g) => g.value !== null || g.benchmark !== null);
  // A fresh plan (another rep, period or settings) starts a fresh editor; the same plan answered
  // again (after a note was added) keeps what the director typed.
  const planKey = `${rep.repId}|${plan.period.id}|${stableKey(plan.goals.map((g) => [g.practice, g.target, g.text]))}`;

  return (
    <div className="coaching__rep" data-testid="coaching-rep" data-rep={rep.name} data-band={rep.band}>
      <section className="card coaching__rep-head" aria-labelledby="rep-title">
        <h2 id="rep-title" className="card__title">
          {rep.name}
          {rep.team ? <span className="muted"> · {rep.team}</span> : null}
        </h2>
        <dl className="coaching__facts">
          <div>
            <dt>{t('coaching.rep.band')}</dt>
            <dd>
              <BandBadge band={rep.band} />
            </dd>
          </div>
          <div>
            <dt>{t('coaching.rep.composite')}</dt>
            <dd data-testid="rep-composite">{formatScore(locale, rep.composite)}</dd>
          </div>
          <div>
            <dt>{t('coaching.rep.resultsBand')}</dt>
            <dd>
              <BandDot band={rep.resultsBand} />
            </dd>
          </div>
          <div>
            <dt>{t('coaching.rep.activityBand')}</dt>
            <dd>
              <BandDot band={rep.activityBand} />
            </dd>
          </div>
        </dl>
        {rep.unrankedReason ? (
          <p className="hint hint--info">
            {unrankedReasonText(locale, rep.unrankedReason as UnrankedReason)}
          </p>
        ) : null}
      </section>

      {/* Not ranked for want of data: nothing to compare, said once instead of zeros and 100% gaps. */}
      {view.notEnoughData ? (
        <section className="card" data-testid="rep-not-enough-data">
          <p className="hint hint--info">{t('coaching.rep.notEnoughData', { rep: rep.name })}</p>
        </section>
      ) : (
        <>
          <PlanEditor key={planKey} plan={plan} currency={currency} onSave={onSavePlan} />

          <section className="card" aria-labelledby="gaps-title">
            <header className="card__header">
              <h2 id="gaps-title" className="card__title">
                {t('coaching.rep.gapsTitle')} <InfoTip text={t('coaching.rep.gapsDefinition')} />
              </h2>
            </header>
            <div className="table-scroll">
              <table className="table table--compact coaching__table" data-testid="gaps-table">
                <thead>
                  <tr>
                    <th scope="col">{t('coaching.col.practice')}</th>
                    <th scope="col" className="num">
                      {t('coaching.col.value')}
                    </th>
                    <th scope="col" className="num" title={t('coaching.col.topMedianTitle')}>
                      {t('coaching.col.benchmark')}
                    </th>
                    <th scope="col" className="num" title={t('coaching.col.gapTitle')}>
                      {t('coaching.col.gap')}
                    </th>
                    <th scope="col" className="num" title={t('coaching.col.gapTitle')}>
                      {t('coaching.col.gapPct')}
                    </th>
                    <th scope="col" className="num" title={t('coaching.col.percentileTitle')}>
                      {t('coaching.col.percentile')}
                    </th>
                    <th scope="col">{t('coaching.col.separation')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((g) => {
                    const behind = g.gap !== null && g.gap > 0;
                    return (
                      <tr key={g.practice} data-testid="gap-row" data-practice={g.practice}>
                        <th scope="row" className="coaching__practice">
                          {practiceName(locale, g.practice)}
                          <InfoTip text={practiceTitle(locale, t, g.practice)} />
                        </th>
                        <td className="num">
                          {g.value === null ? (
                            <span className="muted" title={t('common.noValueTitle')}>
                              {t('common.na')}
                            </span>
                          ) : (
                            formatPracticeValue(locale, g.practice, g.value, currency)
                          )}
                        </td>
                        <td className="num">
                          {formatPracticeValue(locale, g.practice, g.benchmark, currency)}
                        </td>
                        <td className={`num ${behind ? 'text-warning' : ''}`}>
                          {formatPracticeGap(locale, t, g.practice, g.gap, currency)}
                        </td>
                        <td className={`num ${behind ? 'text-warning' : ''}`}>
                          {formatPercent(locale, g.gapPct, 0)}
                        </td>
                        <td className="num">{formatPercent(locale, g.percentile, 0)}</td>
                        <td>
                          <SeparationPill row={g} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <p className="hint table-legend">{t('coaching.rep.gapsLegend')}</p>
          </section>

          <div className="coaching__row coaching__row--even">
            <section className="card chart-card" aria-labelledby="benchmark-title">
              <header className="card__header">
                <h2 id="benchmark-title" className="card__title">
                  {t('coaching.rep.chartTitle')}
                </h2>
              </header>
              <p className="hint coaching__chart-lead">{t('coaching.rep.chartLead')}</p>
              <Suspense fallback={<div className="card chart-placeholder" aria-hidden="true" />}>
                <BenchmarkChart gaps={shown} currency={currency} />
              </Suspense>
            </section>

            <div className="coaching__column">
              <section className="card" aria-labelledby="rep-funnel-title" data-testid="rep-funnel">
                <header className="card__header">
                  <h2 id="rep-funnel-title" className="card__title">
                    {t('coaching.funnel.title')} <InfoTip text={t('coaching.funnel.definition')} />
                  </h2>
                  <span className="muted">
                    {t('coaching.funnel.created', { count: formatInteger(locale, funnel.reached[0]) })}
                  </span>
                </header>
                <table className="table table--compact">
                  <thead>
                    <tr>
                      <th scope="col">{t('coaching.funnel.step')}</th>
                      <th scope="col" className="num">
                        {t('coaching.funnel.reached')}
                      </th>
                      <th scope="col" className="num">
                        {t('coaching.funnel.rep')}
                      </th>
                      <th scope="col" className="num">
                        {t('coaching.funnel.top')}
                      </th>
                      <th scope="col" className="num">
                        {t('coaching.funnel.difference')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {[0, 1, 2].map((i) => {
                      const mine = funnel.conversion[i] ?? null;
                      const top = funnel.topConversion[i] ?? null;
                      const diff = mine !== null && top !== null ? (mine - top) * 100 : null;
                      return (
                        <tr key={i} data-testid="funnel-step">
                          <th scope="row">
                            {t('coaching.funnel.stepName', {
                              from: t(`funnel.${FUNNEL_STAGES[i]!}`),
                              to: t(`funnel.${FUNNEL_STAGES[i + 1]!}`),
                            })}
                          </th>
                          <td className="num">{formatInteger(locale, funnel.reached[i + 1])}</td>
                          <td className="num">{formatPercent(locale, mine, 0)}</td>
                          <td className="num">{formatPercent(locale, top, 0)}</td>
                          <td className={`num ${diff !== null && diff < 0 ? 'text-warning' : ''}`}>
                            {diff === null
                              ? formatDecimal(locale, null)
                              : t('coaching.points', {
                                  value: `${diff > 0 ? '+' : ''}${formatDecimal(locale, diff, 0)}`,
                                })}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </section>
              <WorkBackCard workBack={plan.workBack} currency={currency} />
            </div>
          </div>

          {plan.improvementPlan ? (
            <ImprovementPlanCard plan={plan.improvementPlan} currency={currency} />
          ) : null}
        </>
      )}

      <div className="coaching__row coaching__row--even">
        <SavedPlans saved={view.savedPlans} currency={currency} />
        <CoachingNotes notes={view.notes} onAdd={onAddNote} onDelete={onDeleteNote} />
      </div>
    </div>
  );
}
