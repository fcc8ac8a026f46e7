import type { Locale } from '../../../shared/i18n/locale';
import { useI18n } from '../i18n/i18n';

const OPTIONS: { locale: Locale; label: string }[] = [
  { locale: 'en', label: 'EN' },
  { locale: 'zh-CN', label: '中文' },
];

/** EN / 中文 toggle; each label is written in its own language, as language pickers should be. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <div className="segmented" role="group" aria-label={t('language.label')} data-testid="language-switch">
      {OPTIONS.map((o) => (
        <button
          key={o.locale}
          type="button"
          lang={o.locale}
          className="segmented__option"
          aria-pressed={locale === o.locale}
          data-testid={`language-${o.locale}`}
          onClick={() => setLocale(o.locale)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
