import { SETTINGS_LIMITS } from '../../../../shared/analysis/settings';
import { formatInteger } from '../../../../shared/format/format';
import { useI18n } from '../../i18n/i18n';
import { NumberField } from './NumberField';
import type { SettingsCardProps } from './settings-edit';
import { SettingsCard } from './SettingsCard';

const QUOTA_PRESETS = [1, 1000] as const;
export type QuotaMode = '1' | '1000' | 'custom';

interface Props extends SettingsCardProps {
  /** The quota unit the user picked; null follows the draft's multiplier. Kept by the screen. */
  quotaChoice: QuotaMode | null;
  onQuotaChoice: (choice: QuotaMode | null) => void;
}

/** The unit quotas were imported in (as is, thousands, a multiplier) and the trend's length. */
export function QuotaTrendCard({ draft, errors, edit: { set }, quotaChoice, onQuotaChoice }: Props) {
  const { t, locale } = useI18n();
  const quotaMode: QuotaMode =
    quotaChoice ?? (draft.quotaScale === 1 ? '1' : draft.quotaScale === 1000 ? '1000' : 'custom');
  return (
    <SettingsCard id="set-other" title={t('settings.otherTitle')}>
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
                  onQuotaChoice(null);
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
              onChange={() => onQuotaChoice('custom')}
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
    </SettingsCard>
  );
}
