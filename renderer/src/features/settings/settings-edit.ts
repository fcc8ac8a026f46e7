import type { AnalysisSettings } from '../../../../shared/analysis/settings';
import { formatInteger } from '../../../../shared/format/format';
import type { Locale } from '../../../../shared/i18n/locale';
import type { SettingsState } from '../../analysis/use-analysis-settings';
import type { Translate } from '../../i18n/i18n';
import type { SettingsFieldErrors } from './settings-validation';

/** The edits a part of the Settings form makes to the draft. */
export interface SettingsEdit {
  update: SettingsState['update'];
  set: <K extends keyof AnalysisSettings>(key: K, value: AnalysisSettings[K]) => void;
  setTiers: <K extends keyof AnalysisSettings['tiers']>(key: K, value: AnalysisSettings['tiers'][K]) => void;
}

export function settingsEdit(update: SettingsState['update']): SettingsEdit {
  return {
    update,
    set: (key, value) => update((d) => ({ ...d, [key]: value })),
    setTiers: (key, value) => update((d) => ({ ...d, tiers: { ...d.tiers, [key]: value } })),
  };
}

/** What every card of the Settings form is given: the draft, its refused fields and the edits. */
export interface SettingsCardProps {
  draft: AnalysisSettings;
  errors: SettingsFieldErrors;
  edit: SettingsEdit;
}

/** The error under a number field whose value is out of [min, max]; null when it is fine. */
export function rangeError(
  t: Translate,
  locale: Locale,
  bad: boolean,
  min: number,
  max: number,
): string | null {
  return bad
    ? t('settings.error.range', { min: formatInteger(locale, min), max: formatInteger(locale, max) })
    : null;
}
