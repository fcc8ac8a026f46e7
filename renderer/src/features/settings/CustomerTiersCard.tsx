import { SETTINGS_LIMITS, TIER_METHODS, type TierMethod } from '../../../../shared/analysis/settings';
import { TIERS } from '../../../../shared/domain/types';
import { useI18n } from '../../i18n/i18n';
import { tierMethodName } from '../../i18n/domain-text';
import { CutoffsField } from './CutoffsField';
import { NumberField } from './NumberField';
import { rangeError, type SettingsCardProps } from './settings-edit';
import { SettingsCard } from './SettingsCard';

/** How customers are put in tiers A to D (method, cutoffs, look-back) and which tiers are the target. */
export function CustomerTiersCard({ draft, errors, edit: { setTiers } }: SettingsCardProps) {
  const { t, locale } = useI18n();
  const method = draft.tiers.method;
  return (
    <SettingsCard id="set-tiers" title={t('tiers.title')}>
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
        <CutoffsField
          kind="revenue"
          tiers={['A', 'B']}
          values={draft.tiers.revenueCutoffs}
          label={(tier) => t('settings.cutoffRevenue', { tier })}
          onChange={(i, v) => {
            const next: [number, number] = [...draft.tiers.revenueCutoffs];
            next[i] = v;
            setTiers('revenueCutoffs', next);
          }}
          refused={errors.revenueCutoffs}
          hint={t('settings.cutoffsRevenueHint')}
        />
      ) : method === 'imported' ? null : (
        <CutoffsField
          kind="score"
          tiers={['A', 'B', 'C']}
          values={draft.tiers.scoreCutoffs}
          label={(tier) => t('settings.cutoffScore', { tier })}
          onChange={(i, v) => {
            const next: [number, number, number] = [...draft.tiers.scoreCutoffs];
            next[i] = v;
            setTiers('scoreCutoffs', next);
          }}
          refused={errors.scoreCutoffs}
          hint={t('settings.cutoffsScoreHint')}
        />
      )}
      {method === 'revenue' || method === 'frequency' ? (
        <NumberField
          label={t('settings.lookback')}
          hint={t('settings.lookbackHint')}
          value={draft.tiers.lookbackMonths}
          onChange={(v) => setTiers('lookbackMonths', v)}
          error={rangeError(t, locale, errors.lookbackMonths, 0, SETTINGS_LIMITS.lookbackMonths)}
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
    </SettingsCard>
  );
}
