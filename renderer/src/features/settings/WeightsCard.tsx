import type { RankingView } from '../../../../shared/api/contract';
import { SETTINGS_LIMITS } from '../../../../shared/analysis/settings';
import { formatInteger, formatList, formatPercent } from '../../../../shared/format/format';
import {
  KPI_DEFINITIONS,
  type KpiDefinition,
  type KpiGroup,
  type KpiId,
} from '../../../../shared/kpi/kpi-definitions';
import { useI18n } from '../../i18n/i18n';
import { dataNeedText, kpiFormula, kpiName, kpiWeight } from '../../i18n/domain-text';
import { NumberField } from './NumberField';
import type { SettingsCardProps } from './settings-edit';
import { SettingsCard } from './SettingsCard';

const RANKED_KPIS = KPI_DEFINITIONS.filter((d) => d.direction !== 'none');

interface Props extends SettingsCardProps {
  /** The period's ranking with the draft, when there is one: which KPIs have no data. */
  view: RankingView | null;
}

/** The weights of the two groups (results, activity) and of each ranked KPI, with their shares. */
export function WeightsCard(props: Props) {
  const { t } = useI18n();
  return (
    <SettingsCard id="set-weights" title={t('settings.weightsTitle')} grid={false}>
      <p className="hint">{t('settings.weightsHint')}</p>
      <div className="weights">
        <WeightsGroup {...props} group="results" />
        <WeightsGroup {...props} group="activity" />
      </div>
    </SettingsCard>
  );
}

function WeightsGroup({ draft, errors, edit, view, group }: Props & { group: KpiGroup }) {
  const { t, locale } = useI18n();
  const { update } = edit;
  const setGroupWeight = (value: number) =>
    update((d) => ({ ...d, weights: { ...d.weights, groups: { ...d.weights.groups, [group]: value } } }));
  const setKpiWeight = (def: KpiDefinition, value: number) =>
    update((d) => ({ ...d, weights: { ...d.weights, kpis: { ...d.weights.kpis, [def.id]: value } } }));

  const groups = draft.weights.groups;
  const groupTotal =
    (Number.isFinite(groups.results) ? groups.results : 0) +
    (Number.isFinite(groups.activity) ? groups.activity : 0);
  const share = groupTotal > 0 && Number.isFinite(groups[group]) ? groups[group] / groupTotal : null;

  const defs = RANKED_KPIS.filter((d) => d.group === group);
  // A KPI without data this period carries no weight (docs/ranking.md §3): its share goes to
  // the others, as the ranking does, and it shows none.
  const hasData = (id: KpiId): boolean => view === null || view.kpiAvailable[id];
  const total = defs.reduce((sum, d) => {
    const w = kpiWeight(d, draft);
    return sum + (Number.isFinite(w) && hasData(d.id) ? w : 0);
  }, 0);
  return (
    <div className="weights-group" data-testid={`weights-${group}`}>
      <div className="weights-group__head">
        <NumberField
          label={group === 'results' ? t('how.groupResults') : t('how.groupActivity')}
          value={groups[group]}
          onChange={setGroupWeight}
          error={errors.groups ? t('settings.error.groups') : null}
          min={0}
          max={SETTINGS_LIMITS.weight}
          testId={`group-weight-${group}`}
          className="weights-group__weight"
        />
        <span className="weights-group__share" data-testid={`group-share-${group}`}>
          {t('settings.groupShare', { share: formatPercent(locale, share, 0) })}
        </span>
      </div>
      <table className="table table--compact weights-table">
        <thead>
          <tr>
            <th scope="col">{t('settings.kpi')}</th>
            <th scope="col" className="num">
              {t('settings.weight')}
            </th>
            <th scope="col" className="num" title={t('settings.shareTitle')}>
              {t('settings.share')}
            </th>
          </tr>
        </thead>
        <tbody>
          {defs.map((def) => {
            const weight = kpiWeight(def, draft);
            const kpiShare =
              total > 0 && share !== null && Number.isFinite(weight) ? (weight / total) * share : null;
            return (
              <tr key={def.id} data-testid="weight-row" data-kpi={def.id}>
                <th scope="row" className="weights-table__kpi">
                  <span className="weights-table__name">
                    {kpiName(locale, def.id)}
                    {view && !view.kpiAvailable[def.id] ? (
                      <span
                        className="weights-table__nodata"
                        title={t('rank.needs', {
                          needs: formatList(
                            locale,
                            (view.kpiMissing[def.id] ?? def.needs).map((n) => dataNeedText(locale, n)),
                          ),
                        })}
                        data-testid="weight-no-data"
                      >
                        {t('settings.noData')}
                      </span>
                    ) : null}
                    {def.direction === 'lower' ? (
                      <span className="weights-table__lower" title={t('rank.lowerBetter')}>
                        {' '}
                        ↓ {t('settings.lowerBetter')}
                      </span>
                    ) : null}
                  </span>
                  <span className="weights-table__formula" title={kpiFormula(locale, def)}>
                    {kpiFormula(locale, def)}
                  </span>
                </th>
                <td className="num weights-table__input">
                  <NumberField
                    label={t('settings.weightOf', { kpi: kpiName(locale, def.id) })}
                    hideLabel
                    value={weight}
                    onChange={(v) => setKpiWeight(def, v)}
                    error={
                      errors.kpis[def.id]
                        ? t('settings.error.weight', { max: formatInteger(locale, SETTINGS_LIMITS.weight) })
                        : null
                    }
                    min={0}
                    max={SETTINGS_LIMITS.weight}
                    testId={`weight-${def.id}`}
                  />
                </td>
                <td className="num muted" data-testid="weight-share">
                  {!hasData(def.id)
                    ? t('settings.noDataShare')
                    : weight > 0
                      ? formatPercent(locale, kpiShare, 1)
                      : t('settings.off')}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
