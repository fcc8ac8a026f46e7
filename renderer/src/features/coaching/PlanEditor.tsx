import { useState } from 'react';
import { goalText } from '../../../../shared/coaching/goal-text';
import type { CoachingGoal, CoachingPlan, SavedGoal } from '../../../../shared/coaching/types';
import {
  formatDate,
  formatDecimal,
  formatInteger,
  formatList,
  formatPercent,
  formatPeriodLabel,
} from '../../../../shared/format/format';
import type { AppError } from '../../../../shared/result';
import { useI18n } from '../../i18n/i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { InfoTip } from '../../ui/InfoTip';
import { SeparationPill } from './TeamPractices';
import { formatPracticeValue, inputScale, practiceName, practiceTitle } from './practice-format';

interface Props {
  plan: CoachingPlan;
  currency: string | null;
  /** Saves the goals as edited; resolves with the error, or null when saved. */
  onSave: (goals: SavedGoal[]) => Promise<AppError | null>;
}

interface Draft {
  /** Both languages: an edit in one is kept when the director switches to the other. */
  text: { en: string; zh: string };
  /** As typed: in percent for shares (see inputScale). */
  target: string;
}

type SaveState = 'idle' | 'saving' | 'saved';

/** The target as an input shows it: rounded for typing (0.34567 as a share reads "34.57"). */
function targetText(goal: CoachingGoal): string {
  return String(Math.round(goal.target * inputScale(goal.practice) * 100) / 100);
}

function draftOf(goal: CoachingGoal): Draft {
  return { text: { ...goal.text }, target: targetText(goal) };
}

function parseTarget(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

/**
 * The coaching plan: up to three SMART+C goals, each with its text (in the UI language) and its
 * target editable by the director, why it is achievable and relevant, the goals left out to keep
 * the plan consistent, and Save (coaching.savePlan). Both languages' texts are saved; the one not
 * shown is kept as the engine wrote it unless the director edited it before switching.
 */
export function PlanEditor({ plan, currency, onSave }: Props) {
  const { t, locale } = useI18n();
  const lang = locale === 'zh-CN' ? 'zh' : 'en';
  const [drafts, setDrafts] = useState<Draft[]>(() => plan.goals.map(draftOf));
  const [state, setState] = useState<SaveState>('idle');
  const [error, setError] = useState<AppError | null>(null);

  const targets = drafts.map((d) => parseTarget(d.target));
  const valid = targets.every((v) => v !== null);

  /** The template text of a goal for a target as typed (null when it does not parse). */
  const templateFor = (goal: CoachingGoal, typed: string): { en: string; zh: string } | null => {
    const value = parseTarget(typed);
    return value === null ? null : goalText({ ...goal, target: value / inputScale(goal.practice) }, currency);
  };

  const edit = (i: number, patch: { text?: string; target?: string }) => {
    setState('idle');
    setDrafts((current) =>
      current.map((d, j) => {
        if (j !== i) return d;
        let text = patch.text === undefined ? d.text : { ...d.text, [lang]: patch.text };
        if (patch.target !== undefined) {
          // A new target rewrites a text the director has not edited, so the sentence never
          // quotes a number other than the one saved; an edited text is left as written.
          const goal = plan.goals[i]!;
          const before = d.target === targetText(goal) ? goal.text : templateFor(goal, d.target);
          const after = templateFor(goal, patch.target);
          if (after) {
            text = {
              en: before && text.en === before.en ? after.en : text.en,
              zh: before && text.zh === before.zh ? after.zh : text.zh,
            };
          }
        }
        return { text, target: patch.target ?? d.target };
      }),
    );
  };

  const save = async () => {
    if (!valid) return;
    setState('saving');
    setError(null);
    const goals: SavedGoal[] = plan.goals.map((g, i) => {
      const draft = drafts[i]!;
      const typed = targets[i]!;
      // An untouched target keeps the engine's exact value, not the rounded one the input shows.
      const untouched = draft.target === targetText(g);
      return {
        practice: g.practice,
        baseline: g.current,
        target: untouched ? g.target : typed / inputScale(g.practice),
        deadline: g.deadline,
        period: g.period.id,
        text: { en: draft.text.en.trim() || g.text.en, zh: draft.text.zh.trim() || g.text.zh },
      };
    });
    const failure = await onSave(goals);
    setError(failure);
    setState(failure ? 'idle' : 'saved');
  };

  const shortReason = plan.shortReason;

  return (
    <section className="card coaching__plan" aria-labelledby="plan-title" data-testid="coaching-plan">
      <header className="card__header">
        <h2 id="plan-title" className="card__title">
          {t('coaching.plan.title', { period: formatPeriodLabel(locale, plan.next.id) })}{' '}
          <InfoTip text={t('coaching.plan.definition')} />
        </h2>
        {plan.goals.length > 0 ? (
          <span className="muted" data-testid="plan-time">
            {t('coaching.plan.time', {
              minutes: formatInteger(locale, plan.time.minutesPerWeek),
              budget: formatInteger(locale, plan.time.budgetMinutesPerWeek),
            })}
          </span>
        ) : null}
      </header>

      {shortReason ? (
        <p className="hint hint--info" data-testid="plan-short">
          {t(`coaching.plan.short.${shortReason}`)}
        </p>
      ) : null}

      {plan.goals.length > 0 ? (
        <ol className="goals">
          {plan.goals.map((goal, i) => {
            const draft = drafts[i] ?? draftOf(goal);
            const scale = inputScale(goal.practice);
            const invalid = targets[i] === null;
            const inputId = `goal-target-${i}`;
            return (
              <li key={goal.practice} className="goal" data-testid="goal" data-practice={goal.practice}>
                <div className="goal__head">
                  <span className="goal__rank" aria-hidden="true">
                    {formatInteger(locale, goal.rank)}
                  </span>
                  <h3 className="goal__practice">
                    {practiceName(locale, goal.practice)}
                    <InfoTip text={practiceTitle(locale, t, goal.practice)} />
                  </h3>
                  <SeparationPill row={{ separation: goal.separation, effectSize: null }} />
                </div>
                <dl className="goal__figures">
                  <div>
                    <dt>{t('coaching.goal.current')}</dt>
                    <dd>{formatPracticeValue(locale, goal.practice, goal.current, currency)}</dd>
                  </div>
                  <div>
                    <dt>{t('coaching.goal.benchmark')}</dt>
                    <dd>{formatPracticeValue(locale, goal.practice, goal.benchmark, currency)}</dd>
                  </div>
                  <div>
                    <dt>
                      <label htmlFor={inputId}>
                        {scale === 100 ? t('coaching.goal.targetPercent') : t('coaching.goal.target')}
                      </label>
                    </dt>
                    <dd>
                      <input
                        id={inputId}
                        className="input input--number"
                        type="number"
                        inputMode="decimal"
                        min={0}
                        step="any"
                        value={draft.target}
                        aria-invalid={invalid}
                        data-testid="goal-target"
                        onChange={(e) => edit(i, { target: e.target.value })}
                      />
                    </dd>
                  </div>
                  <div>
                    <dt>{t('coaching.goal.deadline')}</dt>
                    <dd data-testid="goal-deadline">{formatDate(locale, goal.deadline)}</dd>
                  </div>
                </dl>
                {invalid ? <p className="field-error">{t('coaching.goal.targetInvalid')}</p> : null}
                <label className="field goal__text">
                  <span className="field-label">{t('coaching.goal.text')}</span>
                  <textarea
                    className="input textarea"
                    rows={5}
                    value={draft.text[lang]}
                    data-testid="goal-text"
                    onChange={(e) => edit(i, { text: e.target.value })}
                  />
                </label>
                <ul className="goal__why">
                  <li>
                    {t('coaching.goal.achievable', {
                      share: formatPercent(locale, goal.achievable.gapShare, 0),
                    })}
                    {goal.achievable.previous !== null ? (
                      <>
                        {' '}
                        {t('coaching.goal.previous', {
                          value: formatPracticeValue(
                            locale,
                            goal.practice,
                            goal.achievable.previous,
                            currency,
                          ),
                        })}
                      </>
                    ) : null}
                    {goal.achievable.capped ? (
                      <span className="pill pill--warning goal__flag" data-testid="goal-capped">
                        {t('coaching.goal.capped')}
                      </span>
                    ) : null}
                    {goal.achievable.scaledForTime ? (
                      <span className="pill pill--warning goal__flag" data-testid="goal-scaled">
                        {t('coaching.goal.scaled')}
                      </span>
                    ) : null}
                  </li>
                  {goal.relevant.resultsCorrelation !== null ? (
                    <li>
                      {t('coaching.goal.relevant', {
                        correlation: formatDecimal(locale, goal.relevant.resultsCorrelation, 2),
                      })}
                    </li>
                  ) : null}
                  {goal.minutesPerWeek !== null && goal.minutesPerWeek > 0 ? (
                    <li>
                      {t('coaching.goal.minutes', { minutes: formatInteger(locale, goal.minutesPerWeek) })}
                    </li>
                  ) : null}
                </ul>
              </li>
            );
          })}
        </ol>
      ) : shortReason ? null : (
        <p className="empty">{t('coaching.plan.noGoals')}</p>
      )}

      {plan.conflicts.length > 0 ? (
        <div className="coaching__conflicts" data-testid="plan-conflicts">
          <h3 className="subheading">{t('coaching.plan.conflictsTitle')}</h3>
          <ul>
            {plan.conflicts.map((c) => (
              <li key={`${c.practice}-${c.with ?? ''}`} data-practice={c.practice}>
                {c.reason === 'overlap' && c.with
                  ? t('coaching.plan.conflictOverlap', {
                      practice: practiceName(locale, c.practice),
                      other: practiceName(locale, c.with),
                    })
                  : t('coaching.plan.conflictTime', { practice: practiceName(locale, c.practice) })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {error ? <ErrorMessage error={error} onDismiss={() => setError(null)} testId="plan-error" /> : null}
      {plan.goals.length > 0 ? (
        <div className="coaching__actions">
          <button
            type="button"
            className="button button--primary"
            disabled={!valid || state === 'saving'}
            onClick={() => void save()}
            data-testid="plan-save"
          >
            {state === 'saving' ? t('coaching.plan.saving') : t('coaching.plan.save')}
          </button>
          {state === 'saved' ? (
            <span className="save-state save-state--saved" role="status" data-testid="plan-saved">
              <span className="save-state__dot" aria-hidden="true" />
              {t('coaching.plan.saved')}
            </span>
          ) : null}
          <span className="hint">
            {t('coaching.plan.saveHint', {
              goals: formatList(
                locale,
                plan.goals.map((g) => practiceName(locale, g.practice)),
              ),
            })}
          </span>
        </div>
      ) : null}
    </section>
  );
}
