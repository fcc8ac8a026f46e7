import { useMemo, useState } from 'react';
import type { RankingView } from '../../../shared/api/contract';
import {
  PEER_GROUPS,
  SETTINGS_LIMITS,
  TIER_METHODS,
  type AnalysisSettings,
  type PeerGroupBy,
  type TierMethod,
} from '../../../shared/analysis/settings';
import { TIERS } from '../../../shared/domain/types';
import {
  formatDate,
  formatInteger,
  formatList,
  formatPercent,
  formatPeriodLabel,
  formatScore,
} from '../../../shared/format/format';
import {
  KPI_DEFINITIONS,
  type KpiDefinition,
  type KpiGroup,
  type KpiId,
} from '../../../shared/kpi/kpi-definitions';
import { isValidIsoDate } from '../../../shared/period/period';
import { BandDot } from '../components/BandBadge';
import { ErrorMessage } from '../components/ErrorMessage';
import { InfoTip } from '../components/InfoTip';
import { NumberField } from '../components/settings/NumberField';
import { useI18n } from '../i18n/i18n';
import { dataNeedText, kpiFormula, kpiName, kpiWeight, tierMethodName } from '../i18n/domain-text';
import { rankedRows } from '../state/ranking-model';
import { settingsFieldErrors, splitDates } from '../state/settings-validation';
import type { AnalysisQuery } from '../state/use-analysis';
import type { SettingsState } from '../state/use-analysis-settings';

interface Props {
  settings: SettingsState;
  /** The ranking of the chosen period with the draft settings (null without data). */
  ranking: AnalysisQuery<RankingView> | null;
  period: string | null;
  onOpenRankings: () => void;
}

const RANKED_KPIS = KPI_DEFINITIONS.filter((d) => d.direction !== 'none');
const QUOTA_PRESETS = [1, 1000] as const;
type QuotaMode = '1' | '1000' | 'custom';

function SaveIndicator({ settings }: { settings: SettingsState }) {
  const { t } = useI18n();
  const state = settings.saveState;
  return (
    <div
      className={`save-state save-state--${state}`}
      data-testid="settings-save-state"
      data-state={state}
      role="status"
    >
      <span className="save-state__dot" aria-hidden="true" />
      <span>{t(`settings.save.${state}`)}</span>
      {state === 'error' ? (
        <button type="button" className="button button--small" onClick={settings.retry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}

/**
 * The director's analysis choices, saved with the workspace: weights, peer group, minimums,
 * holidays, customer tiers, quota unit and trend length. Every edit applies at once (the other
 * screens ask the engine with the draft) and is saved after a short pause; the shared validator
 * refuses what the engine would refuse, shown next to the field.
 */
export function SettingsScreen({ settings, ranking, period, onOpenRankings }: Props) {
  const { t, locale } = useI18n();
  const draft = settings.draft;
  const errors = useMemo(() => (draft ? settingsFieldErrors(draft) : null), [draft]);
  const [holidayText, setHolidayText] = useState('');
  const [holidayError, setHolidayError] = useState<string | null>(null);
  const [quotaChoice, setQuotaChoice] = useState<QuotaMode | null>(null);

  if (!draft || !errors) {
    return (
      <section className="screen" data-testid="settings-screen" aria-labelledby="settings-title">
        <h1 id="settings-title" className="screen__title">
          {t('settings.title')}
        </h1>
        {settings.loadError ? (
          <ErrorMessage error={settings.loadError} onRetry={settings.retry} testId="settings-error" />
        ) : (
          <div className="screen--center" role="status">
            <span className="spinner" aria-hidden="true" />
            <p>{t('common.loading')}</p>
          </div>
        )}
      </section>
    );
  }

  const update = settings.update;
  const set = <K extends keyof AnalysisSettings>(key: K, value: AnalysisSettings[K]) =>
    update((d) => ({ ...d, [key]: value }));
  const setTiers = <K extends keyof AnalysisSettings['tiers']>(key: K, value: AnalysisSettings['tiers'][K]) =>
    update((d) => ({ ...d, tiers: { ...d.tiers, [key]: value } }));
  const setGroupWeight = (group: KpiGroup, value: number) =>
    update((d) => ({ ...d, weights: { ...d.weights, groups: { ...d.weights.groups, [group]: value } } }));
  const setKpiWeight = (def: KpiDefinition, value: number) =>
    update((d) => ({ ...d, weights: { ...d.weights, kpis: { ...d.weights.kpis, [def.id]: value } } }));

  const rangeError = (bad: boolean, min: number, max: number) =>
    bad
      ? t('settings.error.range', { min: formatInteger(locale, min), max: formatInteger(locale, max) })
      : null;

  const groups = draft.weights.groups;
  const groupTotal =
    (Number.isFinite(groups.results) ? groups.results : 0) +
    (Number.isFinite(groups.activity) ? groups.activity : 0);
  const groupShare = (g: KpiGroup) =>
    groupTotal > 0 && Number.isFinite(groups[g]) ? groups[g] / groupTotal : null;

  const quotaMode: QuotaMode =
    quotaChoice ?? (draft.quotaScale === 1 ? '1' : draft.quotaScale === 1000 ? '1000' : 'custom');

  const addHolidays = () => {
    const dates = splitDates(holidayText);
    if (dates.length === 0) return;
    const wrong = dates.filter((d) => !isValidIsoDate(d));
    if (wrong.length > 0) {
      setHolidayError(t('settings.error.holiday', { value: wrong[0]! }));
      return;
    }
    const next = [...new Set([...draft.holidays, ...dates])].sort();
    if (next.length > SETTINGS_LIMITS.holidays) {
      setHolidayError(
        t('settings.error.holidayCount', { max: formatInteger(locale, SETTINGS_LIMITS.holidays) }),
      );
      return;
    }
    set('holidays', next);
    setHolidayText('');
    setHolidayError(null);
  };

  const view = ranking?.data ?? null;

  const kpiTable = (group: KpiGroup) => {
    const defs = RANKED_KPIS.filter((d) => d.group === group);
    // A KPI without data this period carries no weight (docs/ranking.md §3): its share goes to
    // the others, as the ranking does, and it shows none.
    const hasData = (id: KpiId): boolean => view === null || view.kpiAvailable[id];
    const total = defs.reduce((sum, d) => {
      const w = kpiWeight(d, draft);
      return sum + (Number.isFinite(w) && hasData(d.id) ? w : 0);
    }, 0);
    const share = groupShare(group);
    return (
      <div className="weights-group" data-testid={`weights-${group}`}>
        <div className="weights-group__head">
          <NumberField
            label={group === 'results' ? t('how.groupResults') : t('how.groupActivity')}
            value={groups[group]}
            onChange={(v) => setGroupWeight(group, v)}
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
  };

  const method = draft.tiers.method;
  const preview = view
    ? rankedRows(view).sort(
        (a, b) => (b.composite ?? 0) - (a.composite ?? 0) || a.rep.localeCompare(b.rep, locale),
      )
    : [];

  return (
    <section className="screen" data-testid="settings-screen" aria-labelledby="settings-title">
      <header className="screen__header">
        <div>
          <h1 id="settings-title" className="screen__title">
            {t('settings.title')}
          </h1>
          <p className="screen__lead">{t('settings.lead')}</p>
        </div>
        <div className="screen__controls">
          <SaveIndicator settings={settings} />
          <button type="button" className="button" onClick={settings.reset} data-testid="settings-reset">
            {t('settings.reset')}
          </button>
        </div>
      </header>
      {settings.saveError ? (
        <ErrorMessage error={settings.saveError} onRetry={settings.retry} testId="settings-save-error" />
      ) : null}

      <div className="settings">
        <div className="settings__form">
          <section className="card settings__section" aria-labelledby="set-weights">
            <h2 id="set-weights" className="card__title">
              {t('settings.weightsTitle')}
            </h2>
            <p className="hint">{t('settings.weightsHint')}</p>
            <div className="weights">
              {kpiTable('results')}
              {kpiTable('activity')}
            </div>
          </section>

          <section className="card settings__section" aria-labelledby="set-peers">
            <h2 id="set-peers" className="card__title">
              {t('settings.peersTitle')}
            </h2>
            <div className="settings__grid">
              <label className="number-field">
                <span className="field-label">{t('peer.label')}</span>
                <select
                  className="select"
                  value={draft.peerGroup}
                  onChange={(e) => set('peerGroup', e.target.value as PeerGroupBy)}
                  data-testid="settings-peer-group"
                >
                  {PEER_GROUPS.map((g) => (
                    <option key={g} value={g}>
                      {t(`peer.${g}`)}
                    </option>
                  ))}
                </select>
                <span className="field-hint">{t('peer.hint')}</span>
              </label>
              <NumberField
                label={t('settings.minActiveDays')}
                hint={t('settings.minActiveDaysHint')}
                value={draft.minActiveDays}
                onChange={(v) => set('minActiveDays', v)}
                error={rangeError(errors.minActiveDays, 0, SETTINGS_LIMITS.minActiveDays)}
                min={0}
                max={SETTINGS_LIMITS.minActiveDays}
                testId="min-active-days"
              />
              <NumberField
                label={t('settings.minClosedDeals')}
                hint={t('settings.minClosedDealsHint')}
                value={draft.minClosedDeals}
                onChange={(v) => set('minClosedDeals', v)}
                error={rangeError(errors.minClosedDeals, 0, SETTINGS_LIMITS.minClosedDeals)}
                min={0}
                max={SETTINGS_LIMITS.minClosedDeals}
                testId="min-closed-deals"
              />
              <NumberField
                label={t('settings.improvementReviewDays')}
                hint={t('settings.improvementReviewDaysHint')}
                value={draft.improvementReviewDays}
                onChange={(v) => set('improvementReviewDays', v)}
                error={rangeError(
                  errors.improvementReviewDays,
                  SETTINGS_LIMITS.improvementReviewDays[0],
                  SETTINGS_LIMITS.improvementReviewDays[1],
                )}
                min={SETTINGS_LIMITS.improvementReviewDays[0]}
                max={SETTINGS_LIMITS.improvementReviewDays[1]}
                testId="improvement-review-days"
              />
            </div>
          </section>

          <section className="card settings__section" aria-labelledby="set-activity">
            <h2 id="set-activity" className="card__title">
              {t('settings.activityTitle')}
            </h2>
            <div className="settings__grid">
              <NumberField
                label={t('settings.touches')}
                hint={t('settings.touchesHint')}
                value={draft.substantiveTouches}
                onChange={(v) => set('substantiveTouches', v)}
                error={rangeError(errors.substantiveTouches, 1, SETTINGS_LIMITS.substantiveTouches)}
                min={1}
                max={SETTINGS_LIMITS.substantiveTouches}
                testId="substantive-touches"
              />
              <div className="holidays" data-testid="holidays">
                <span className="field-label">{t('settings.holidays')}</span>
                <form
                  className="holidays__add"
                  onSubmit={(e) => {
                    e.preventDefault();
                    addHolidays();
                  }}
                >
                  <input
                    className="input"
                    value={holidayText}
                    placeholder="2025-12-25"
                    aria-label={t('settings.holidayInput')}
                    aria-invalid={holidayError ? true : undefined}
                    onChange={(e) => {
                      setHolidayText(e.target.value);
                      setHolidayError(null);
                    }}
                    data-testid="holiday-input"
                  />
                  <button type="submit" className="button" data-testid="holiday-add">
                    {t('settings.holidayAdd')}
                  </button>
                </form>
                {holidayError ? (
                  <span className="field-error" role="alert" data-testid="holiday-error">
                    {holidayError}
                  </span>
                ) : (
                  <span className="field-hint">{t('settings.holidaysHint')}</span>
                )}
                {draft.holidays.length > 0 ? (
                  <ul className="holidays__list">
                    {draft.holidays.map((d) => (
                      <li key={d} className="chip holidays__item" data-testid="holiday-item" data-date={d}>
                        {formatDate(locale, d)}
                        <button
                          type="button"
                          className="chip__remove"
                          aria-label={t('settings.holidayRemove', { date: formatDate(locale, d) })}
                          onClick={() =>
                            set(
                              'holidays',
                              draft.holidays.filter((h) => h !== d),
                            )
                          }
                        >
                          ×
                        </button>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="muted holidays__none">{t('settings.noHolidays')}</p>
                )}
              </div>
            </div>
          </section>

          <section className="card settings__section" aria-labelledby="set-tiers">
            <h2 id="set-tiers" className="card__title">
              {t('tiers.title')}
            </h2>
            <div className="settings__grid">
              <label className="number-field">
                <span className="field-label">{t('settings.tierMethod')}</span>
                <select
                  className="select"
                  value={method}
                  onChange={(e) => setTiers('method', e.target.value as TierMethod)}
                  data-testid="tier-method-select"
                >
                  {TIER_METHODS.map((m) => (
                    <option key={m} value={m}>
                      {tierMethodName(t, m)}
                    </option>
                  ))}
                </select>
                <span className="field-hint">{t(`tiers.methodHint.${method}`)}</span>
              </label>
              {method === 'revenue' ? (
                <div className="cutoffs" data-testid="revenue-cutoffs">
                  <span className="field-label">{t('settings.cutoffs')}</span>
                  <div className="cutoffs__row">
                    {(['A', 'B'] as const).map((tier, i) => (
                      <NumberField
                        key={tier}
                        label={t('settings.cutoffRevenue', { tier })}
                        value={draft.tiers.revenueCutoffs[i] ?? Number.NaN}
                        onChange={(v) => {
                          const next: [number, number] = [...draft.tiers.revenueCutoffs];
                          next[i] = v;
                          setTiers('revenueCutoffs', next);
                        }}
                        error={null}
                        min={1}
                        max={99}
                        suffix="%"
                        testId={`revenue-cutoff-${i}`}
                      />
                    ))}
                  </div>
                  {errors.revenueCutoffs ? (
                    <span className="field-error" role="alert">
                      {t('settings.error.cutoffs')}
                    </span>
                  ) : (
                    <span className="field-hint">{t('settings.cutoffsRevenueHint')}</span>
                  )}
                </div>
              ) : method === 'imported' ? null : (
                <div className="cutoffs" data-testid="score-cutoffs">
                  <span className="field-label">{t('settings.cutoffs')}</span>
                  <div className="cutoffs__row">
                    {(['A', 'B', 'C'] as const).map((tier, i) => (
                      <NumberField
                        key={tier}
                        label={t('settings.cutoffScore', { tier })}
                        value={draft.tiers.scoreCutoffs[i] ?? Number.NaN}
                        onChange={(v) => {
                          const next: [number, number, number] = [...draft.tiers.scoreCutoffs];
                          next[i] = v;
                          setTiers('scoreCutoffs', next);
                        }}
                        error={null}
                        min={1}
                        max={99}
                        suffix="%"
                        testId={`score-cutoff-${i}`}
                      />
                    ))}
                  </div>
                  {errors.scoreCutoffs ? (
                    <span className="field-error" role="alert">
                      {t('settings.error.cutoffs')}
                    </span>
                  ) : (
                    <span className="field-hint">{t('settings.cutoffsScoreHint')}</span>
                  )}
                </div>
              )}
              {method === 'revenue' || method === 'frequency' ? (
                <NumberField
                  label={t('settings.lookback')}
                  hint={t('settings.lookbackHint')}
                  value={draft.tiers.lookbackMonths}
                  onChange={(v) => setTiers('lookbackMonths', v)}
                  error={rangeError(errors.lookbackMonths, 0, SETTINGS_LIMITS.lookbackMonths)}
                  min={0}
                  max={SETTINGS_LIMITS.lookbackMonths}
                  testId="lookback-months"
                />
              ) : null}
              <fieldset className="target-tiers" data-testid="target-tiers">
                <legend className="field-label">{t('settings.target')}</legend>
                <div className="target-tiers__options">
                  {TIERS.map((tier) => (
                    <label key={tier} className="checkbox">
                      <input
                        type="checkbox"
                        checked={draft.tiers.target.includes(tier)}
                        onChange={(e) =>
                          setTiers(
                            'target',
                            e.target.checked
                              ? TIERS.filter((x) => x === tier || draft.tiers.target.includes(x))
                              : draft.tiers.target.filter((x) => x !== tier),
                          )
                        }
                        data-testid={`target-${tier}`}
                      />
                      {t('tiers.tier', { tier })}
                    </label>
                  ))}
                </div>
                {errors.target ? (
                  <span className="field-error" role="alert" data-testid="target-error">
                    {t('settings.error.target')}
                  </span>
                ) : (
                  <span className="field-hint">{t('settings.targetHint')}</span>
                )}
              </fieldset>
            </div>
          </section>

          <section className="card settings__section" aria-labelledby="set-other">
            <h2 id="set-other" className="card__title">
              {t('settings.otherTitle')}
            </h2>
            <div className="settings__grid">
              <fieldset className="quota-unit" data-testid="quota-unit">
                <legend className="field-label">{t('settings.quotaUnit')}</legend>
                <div className="quota-unit__options">
                  {QUOTA_PRESETS.map((p) => (
                    <label key={p} className="radio">
                      <input
                        type="radio"
                        name="quota-unit"
                        checked={quotaMode === String(p)}
                        onChange={() => {
                          setQuotaChoice(null);
                          set('quotaScale', p);
                        }}
                        data-testid={`quota-unit-${p}`}
                      />
                      {p === 1 ? t('settings.quotaAsIs') : t('settings.quotaThousands')}
                    </label>
                  ))}
                  <label className="radio">
                    <input
                      type="radio"
                      name="quota-unit"
                      checked={quotaMode === 'custom'}
                      onChange={() => setQuotaChoice('custom')}
                      data-testid="quota-unit-custom"
                    />
                    {t('settings.quotaCustom')}
                  </label>
                  {quotaMode === 'custom' ? (
                    <NumberField
                      label={t('settings.quotaMultiplier')}
                      hideLabel
                      value={draft.quotaScale}
                      onChange={(v) => set('quotaScale', v)}
                      error={
                        errors.quotaScale
                          ? t('settings.error.quotaScale', {
                              max: formatInteger(locale, SETTINGS_LIMITS.quotaScale),
                            })
                          : null
                      }
                      min={0}
                      step={0.001}
                      suffix="×"
                      testId="quota-scale"
                    />
                  ) : null}
                </div>
                <span className="field-hint">{t('settings.quotaHint')}</span>
              </fieldset>
              <label className="number-field">
                <span className="field-label">{t('settings.trendPeriods')}</span>
                <select
                  className="select"
                  value={draft.trendPeriods}
                  onChange={(e) => set('trendPeriods', Number(e.target.value))}
                  data-testid="trend-periods"
                >
                  {Array.from(
                    { length: SETTINGS_LIMITS.trendPeriods[1] - SETTINGS_LIMITS.trendPeriods[0] + 1 },
                    (_, i) => SETTINGS_LIMITS.trendPeriods[0] + i,
                  ).map((n) => (
                    <option key={n} value={n}>
                      {formatInteger(locale, n)}
                    </option>
                  ))}
                </select>
                <span className="field-hint">{t('settings.trendPeriodsHint')}</span>
              </label>
            </div>
          </section>
        </div>

        <aside
          className="card settings__preview"
          aria-labelledby="preview-title"
          data-testid="settings-preview"
        >
          <h2 id="preview-title" className="card__title">
            {period
              ? t('settings.previewTitle', { period: formatPeriodLabel(locale, period) })
              : t('settings.previewTitle', { period: '' })}{' '}
            <InfoTip text={t('settings.previewHint')} />
          </h2>
          {ranking?.error ? (
            <ErrorMessage error={ranking.error} onRetry={ranking.retry} testId="preview-error" />
          ) : null}
          {view ? (
            <>
              <p className="preview__counts" data-testid="preview-counts">
                {(['top', 'middle', 'bottom'] as const).map((b) => (
                  <span key={b} className="preview__count">
                    <BandDot band={b} /> {formatInteger(locale, view.bandCounts[b])}
                  </span>
                ))}
                <span className="muted">
                  {t('rank.rankedOf', {
                    ranked: formatInteger(locale, view.rankedCount),
                    total: formatInteger(locale, view.rows.length),
                  })}
                </span>
              </p>
              <ol
                className={`preview__list ${ranking?.loading ? 'is-stale' : ''}`}
                data-testid="preview-list"
              >
                {preview.map((r, i) => (
                  <li
                    key={r.repId}
                    className="preview__row"
                    data-testid="preview-row"
                    data-rep={r.rep}
                    data-band={r.band}
                  >
                    <span className="preview__rank">{formatInteger(locale, i + 1)}</span>
                    <span className="preview__rep">{r.rep}</span>
                    <BandDot band={r.band} />
                    <span className="preview__score">{formatScore(locale, r.composite)}</span>
                  </li>
                ))}
              </ol>
              <button type="button" className="button button--ghost" onClick={onOpenRankings}>
                {t('settings.openRankings')}
              </button>
            </>
          ) : ranking === null ? (
            <p className="muted">{t('settings.previewEmpty')}</p>
          ) : (
            <p className="muted">{t('common.loading')}</p>
          )}
        </aside>
      </div>
    </section>
  );
}
