import { useState, type FormEvent } from 'react';
import type { AnalysisSettings } from '../../../../shared/analysis/settings';
import { formatDateTime, formatInteger, formatPeriodLabel } from '../../../../shared/format/format';
import type { AppError } from '../../../../shared/result';
import type { PlanPerson, TeamScenario } from '../../../../shared/teams/types';
import { useI18n } from '../../i18n/i18n';
import type { AnalysisQuery } from '../../analysis/use-latest-query';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { InfoTip } from '../../ui/InfoTip';
import { PlanCheck } from './PlanCheck';
import { ScenarioCompare } from './ScenarioCompare';
import { points } from './team-text';

interface Props {
  scenarios: AnalysisQuery<TeamScenario[]>;
  people: Map<number, PlanPerson>;
  /** The scenario on screen, if one was opened and not re-planned since. */
  openedId: number | null;
  canSave: boolean;
  settings: AnalysisSettings | null;
  revision: number;
  onSave: (name: string) => Promise<AppError | null>;
  onOpen: (scenario: TeamScenario) => void;
  onDelete: (scenarioId: number) => Promise<AppError | null>;
}

const MAX_NAME = 80;

/**
 * Saved scenarios of the workspace: save the plan on screen under a name, open one again,
 * compare two side by side, check one against the next period, delete one.
 */
export function ScenariosCard(props: Props) {
  const { scenarios, people, openedId, canSave, settings, revision, onSave, onOpen, onDelete } = props;
  const { t, locale } = useI18n();
  const [name, setName] = useState('');
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [compare, setCompare] = useState<number[]>([]);
  const [checking, setChecking] = useState<number | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const list = scenarios.data ?? [];
  const trimmed = name.trim();

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!trimmed || saving) return;
    setSaving(true);
    setError(null);
    const failed = await onSave(trimmed);
    setSaving(false);
    if (failed) setError(failed);
    else {
      setSaved(trimmed);
      setName('');
    }
  };

  const remove = async (scenarioId: number) => {
    setConfirming(null);
    const failed = await onDelete(scenarioId);
    if (failed) setError(failed);
    else {
      setCompare((c) => c.filter((id) => id !== scenarioId));
      if (checking === scenarioId) setChecking(null);
    }
  };

  const toggleCompare = (scenarioId: number) =>
    setCompare((c) =>
      c.includes(scenarioId) ? c.filter((id) => id !== scenarioId) : [...c, scenarioId].slice(-2),
    );

  const pair = compare
    .map((id) => list.find((s) => s.scenarioId === id))
    .filter((s): s is TeamScenario => s !== undefined);
  const checked = list.find((s) => s.scenarioId === checking) ?? null;

  return (
    <section className="card scenarios" aria-labelledby="scenarios-title" data-testid="scenarios-card">
      <header className="card__header">
        <h2 id="scenarios-title" className="card__title">
          {t('teams.scenarios.title')} <InfoTip text={t('teams.scenarios.definition')} />
        </h2>
      </header>
      <form className="scenarios__save" onSubmit={(e) => void save(e)}>
        <label className="field scenarios__name">
          <span className="field-label">{t('teams.scenarios.name')}</span>
          <input
            className="input"
            value={name}
            maxLength={MAX_NAME}
            placeholder={t('teams.scenarios.namePlaceholder')}
            onChange={(e) => {
              setName(e.target.value);
              setSaved(null);
            }}
            data-testid="scenario-name"
          />
        </label>
        <button
          type="submit"
          className="button button--primary"
          disabled={!canSave || !trimmed || saving}
          data-testid="scenario-save"
        >
          {saving ? t('teams.scenarios.saving') : t('teams.scenarios.save')}
        </button>
        <span className="scenarios__status" role="status">
          {saved ? (
            <span className="save-state save-state--saved" data-testid="scenario-saved">
              <span className="save-state__dot" aria-hidden="true" />
              {t('teams.scenarios.saved', { name: saved })}
            </span>
          ) : null}
        </span>
      </form>
      {error ? <ErrorMessage error={error} onDismiss={() => setError(null)} testId="scenario-error" /> : null}
      {scenarios.error && !scenarios.loading ? (
        <ErrorMessage error={scenarios.error} onRetry={scenarios.retry} testId="scenarios-error" />
      ) : null}

      {list.length === 0 ? (
        <p className="empty">{scenarios.loading ? t('common.loading') : t('teams.scenarios.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table table--compact scenarios__table" data-testid="scenario-list">
            <thead>
              <tr>
                <th scope="col">{t('teams.scenarios.col.name')}</th>
                <th scope="col">{t('teams.scenarios.col.period')}</th>
                <th scope="col" className="num">
                  {t('teams.summary.benefit')}
                </th>
                <th scope="col" className="num">
                  {t('teams.summary.moves')}
                </th>
                <th scope="col" className="num">
                  {t('teams.summary.teams')}
                </th>
                <th scope="col" className="num">
                  {t('teams.compare.placed')}
                </th>
                <th scope="col">{t('teams.scenarios.col.saved')}</th>
                <th scope="col">{t('teams.scenarios.col.compare')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('teams.scenarios.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((s) => (
                <tr
                  key={s.scenarioId}
                  className={s.scenarioId === openedId ? 'is-current' : undefined}
                  data-testid="scenario-row"
                  data-name={s.name}
                >
                  <th scope="row" className="scenarios__cell-name">
                    {s.name}
                    {s.scenarioId === openedId ? (
                      <span className="pill pill--accent">{t('teams.scenarios.onScreen')}</span>
                    ) : null}
                  </th>
                  <td className="nowrap">{formatPeriodLabel(locale, s.period)}</td>
                  <td className="num">{points(locale, t, s.summary.benefit)}</td>
                  <td className="num">{formatInteger(locale, s.summary.moves)}</td>
                  <td className="num">{formatInteger(locale, s.summary.teams)}</td>
                  <td className="num">{formatInteger(locale, s.summary.placed)}</td>
                  <td className="nowrap">{formatDateTime(locale, s.savedAt)}</td>
                  <td>
                    <input
                      type="checkbox"
                      checked={compare.includes(s.scenarioId)}
                      onChange={() => toggleCompare(s.scenarioId)}
                      aria-label={t('teams.scenarios.compareLabel', { name: s.name })}
                      data-testid="scenario-compare"
                    />
                  </td>
                  <td className="actions">
                    {confirming === s.scenarioId ? (
                      <span
                        className="history__confirm"
                        role="group"
                        aria-label={t('teams.scenarios.deleteConfirm', { name: s.name })}
                      >
                        <span>{t('teams.scenarios.deleteConfirm', { name: s.name })}</span>
                        <button
                          type="button"
                          className="button button--small button--primary"
                          onClick={() => void remove(s.scenarioId)}
                          data-testid="scenario-delete-confirm"
                        >
                          {t('teams.scenarios.delete')}
                        </button>
                        <button
                          type="button"
                          className="button button--small button--ghost"
                          onClick={() => setConfirming(null)}
                        >
                          {t('common.cancel')}
                        </button>
                      </span>
                    ) : (
                      <span className="scenarios__actions">
                        <button
                          type="button"
                          className="button button--small"
                          onClick={() => onOpen(s)}
                          aria-label={t('teams.scenarios.openLabel', { name: s.name })}
                          data-testid="scenario-open"
                        >
                          {t('teams.scenarios.open')}
                        </button>
                        <button
                          type="button"
                          className="button button--small"
                          aria-pressed={checking === s.scenarioId}
                          onClick={() => setChecking((c) => (c === s.scenarioId ? null : s.scenarioId))}
                          aria-label={t('teams.checkPlan.label', { name: s.name })}
                          data-testid="scenario-check"
                        >
                          {t('teams.checkPlan.button')}
                        </button>
                        <button
                          type="button"
                          className="button button--small button--ghost"
                          onClick={() => setConfirming(s.scenarioId)}
                          aria-label={t('teams.scenarios.deleteLabel', { name: s.name })}
                          data-testid="scenario-delete"
                        >
                          {t('teams.scenarios.delete')}
                        </button>
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.length > 1 && pair.length < 2 ? <p className="hint">{t('teams.scenarios.compareHint')}</p> : null}
      {checked ? (
        <PlanCheck
          key={checked.scenarioId}
          scenarioId={checked.scenarioId}
          name={checked.name}
          settings={settings}
          revision={revision}
        />
      ) : null}
      {pair.length === 2 && pair[0] && pair[1] ? (
        <ScenarioCompare a={pair[0]} b={pair[1]} people={people} onClose={() => setCompare([])} />
      ) : null}
    </section>
  );
}
