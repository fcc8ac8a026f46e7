import type { StageChoice, StagedFile, StageMap, StageValue } from '../../../../shared/api/contract';
import {
  DEAL_STATUSES,
  FUNNEL_STAGES,
  type DealStatus,
  type FunnelStage,
} from '../../../../shared/domain/types';
import { formatInteger } from '../../../../shared/format/format';
import { useI18n } from '../../i18n/i18n';

interface Props {
  itemKey: string;
  staged: StagedFile;
  /** Every listed value with the choice that will be used. */
  choices: StageMap;
  /** The values whose choice the user set on this screen: no longer "not recognised". */
  edits: StageMap;
  disabled: boolean;
  onChange: (value: string, choice: Partial<StageChoice>) => void;
}

const NO_FUNNEL = '';

/** Whose choice a value shows: the user's on this screen, the app's (defaults or saved), or none yet. */
type ChoiceSource = 'user' | 'known' | 'unknown';

/**
 * A deals file's stage (and status) values, one table per column: how many rows of the whole file
 * have each, whether it counts as won, lost or open, and its funnel stage. Defaults come filled in; values the app does not recognise
 * are highlighted so the user checks them before importing, until the user sets them.
 */
export function StageTable({ itemKey, staged, choices, edits, disabled, onChange }: Props) {
  const { t, locale } = useI18n();
  const stages = staged.stages;
  if (stages.length === 0) return null;
  const sourceOf = (stage: StageValue): ChoiceSource =>
    Object.hasOwn(edits, stage.value) ? 'user' : stage.known ? 'known' : 'unknown';
  const unknown = stages.filter((s) => sourceOf(s) === 'unknown').length;
  // One table per column: a stage and a status are different things, even with the same text.
  const groups = (['stage', 'status'] as const)
    .map((field) => ({
      field,
      column: stages.find((s) => s.field === field)?.column ?? '',
      values: stages.filter((s) => s.field === field),
    }))
    .filter((g) => g.values.length > 0);
  return (
    <section className="import-card__section" data-testid="stage-section">
      <h4 className="subheading">{t('import.stages.title')}</h4>
      <p className="hint">{t('import.stages.hint')}</p>
      {unknown > 0 ? (
        <p className="hint hint--warning" data-testid="stages-unknown">
          {t('import.stages.unknownCount', { count: formatInteger(locale, unknown) })}
        </p>
      ) : null}
      {groups.map((group) => (
        <div className="table-scroll" key={group.field}>
          <table className="table stages" data-testid="stage-table" data-field={group.field}>
            <caption className="stages__column" data-testid="stage-column">
              {t(group.field === 'stage' ? 'import.stages.stageColumn' : 'import.stages.statusColumn', {
                column: group.column,
              })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('import.stages.value')}</th>
                <th scope="col" className="num">
                  {t('import.stages.count')}
                </th>
                <th scope="col">{t('import.stages.status')}</th>
                <th scope="col">{t('import.stages.funnel')}</th>
              </tr>
            </thead>
            <tbody>
              {group.values.map((stage, i) => {
                const choice = Object.hasOwn(choices, stage.value)
                  ? (choices[stage.value] as StageChoice)
                  : { status: stage.status, funnel: stage.funnel };
                const id = `stage-${itemKey}-${group.field}-${i}`;
                const source = sourceOf(stage);
                return (
                  <tr
                    key={stage.value}
                    data-field={stage.field}
                    className={`stages__row stages__row--${source}`}
                    data-testid="stage-row"
                    data-value={stage.value}
                    data-status={choice.status}
                    data-known={stage.known ? 'true' : 'false'}
                    data-source={source}
                  >
                    <th scope="row" className="stages__value">
                      <span className="stages__text">{stage.value}</span>
                      {source === 'unknown' ? (
                        <span className="stages__flag" id={`${id}-flag`} data-testid="stage-flag">
                          {t('import.stages.unknown')}
                        </span>
                      ) : source === 'user' ? (
                        <span
                          className="stages__flag stages__flag--user"
                          id={`${id}-flag`}
                          data-testid="stage-flag"
                        >
                          {t('import.stages.userSet')}
                        </span>
                      ) : null}
                    </th>
                    <td className="num">{formatInteger(locale, stage.count)}</td>
                    <td className="stages__select">
                      <select
                        className="select"
                        aria-label={`${t('import.stages.status')}: ${stage.value}`}
                        aria-describedby={source === 'known' ? undefined : `${id}-flag`}
                        value={choice.status}
                        disabled={disabled}
                        data-testid="stage-status"
                        onChange={(e) => {
                          const status = e.target.value as DealStatus;
                          if ((DEAL_STATUSES as readonly string[]).includes(status))
                            onChange(stage.value, { status });
                        }}
                      >
                        {DEAL_STATUSES.map((s) => (
                          <option key={s} value={s}>
                            {t(`status.${s}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td className="stages__select">
                      <select
                        className="select"
                        aria-label={`${t('import.stages.funnel')}: ${stage.value}`}
                        value={choice.funnel ?? NO_FUNNEL}
                        disabled={disabled}
                        data-testid="stage-funnel"
                        onChange={(e) => {
                          const v = e.target.value;
                          const funnel = (FUNNEL_STAGES as readonly string[]).includes(v)
                            ? (v as FunnelStage)
                            : null;
                          onChange(stage.value, { funnel });
                        }}
                      >
                        <option value={NO_FUNNEL}>{t('funnel.none')}</option>
                        {FUNNEL_STAGES.map((f) => (
                          <option key={f} value={f}>
                            {t(`funnel.${f}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
