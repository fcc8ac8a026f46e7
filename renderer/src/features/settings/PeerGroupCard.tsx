import { PEER_GROUPS, SETTINGS_LIMITS, type PeerGroupBy } from '../../../../shared/analysis/settings';
import { useI18n } from '../../i18n/i18n';
import { NumberField } from './NumberField';
import { rangeError, type SettingsCardProps } from './settings-edit';
import { SettingsCard } from './SettingsCard';

/** Who is ranked against whom, the minimum data to be ranked, and the improvement plan's review. */
export function PeerGroupCard({ draft, errors, edit: { set } }: SettingsCardProps) {
  const { t, locale } = useI18n();
  return (
    <SettingsCard id="set-peers" title={t('settings.peersTitle')}>
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
        error={rangeError(t, locale, errors.minActiveDays, 0, SETTINGS_LIMITS.minActiveDays)}
        min={0}
        max={SETTINGS_LIMITS.minActiveDays}
        testId="min-active-days"
      />
      <NumberField
        label={t('settings.minClosedDeals')}
        hint={t('settings.minClosedDealsHint')}
        value={draft.minClosedDeals}
        onChange={(v) => set('minClosedDeals', v)}
        error={rangeError(t, locale, errors.minClosedDeals, 0, SETTINGS_LIMITS.minClosedDeals)}
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
          t,
          locale,
          errors.improvementReviewDays,
          SETTINGS_LIMITS.improvementReviewDays[0],
          SETTINGS_LIMITS.improvementReviewDays[1],
        )}
        min={SETTINGS_LIMITS.improvementReviewDays[0]}
        max={SETTINGS_LIMITS.improvementReviewDays[1]}
        testId="improvement-review-days"
      />
    </SettingsCard>
  );
}
