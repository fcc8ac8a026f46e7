import { SETTINGS_LIMITS } from '../../../../shared/analysis/settings';
import { useI18n } from '../../i18n/i18n';
import { HolidaysField, type HolidayInput } from './HolidaysField';
import { NumberField } from './NumberField';
import { rangeError, type SettingsCardProps } from './settings-edit';
import { SettingsCard } from './SettingsCard';

interface Props extends SettingsCardProps {
  holidayInput: HolidayInput;
}

/** What counts as a substantive touch, and the holidays left out of the working days. */
export function ActivityCard({ draft, errors, edit: { set }, holidayInput }: Props) {
  const { t, locale } = useI18n();
  return (
    <SettingsCard id="set-activity" title={t('settings.activityTitle')}>
      <NumberField
        label={t('settings.touches')}
        hint={t('settings.touchesHint')}
        value={draft.substantiveTouches}
        onChange={(v) => set('substantiveTouches', v)}
        error={rangeError(t, locale, errors.substantiveTouches, 1, SETTINGS_LIMITS.substantiveTouches)}
        min={1}
        max={SETTINGS_LIMITS.substantiveTouches}
        testId="substantive-touches"
      />
      <HolidaysField holidays={draft.holidays} set={set} input={holidayInput} />
    </SettingsCard>
  );
}
