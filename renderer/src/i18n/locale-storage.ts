import { isLocale, pickLocale, type Locale } from '../../../shared/i18n/locale';

const STORAGE_KEY = 'quartile-coach.locale';

/** The remembered UI language, else the system's preference. */
export function initialLocale(): Locale {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // Storage can be disabled; the system preference is a fine default.
  }
  return pickLocale(navigator.languages ?? [navigator.language]);
}

export function rememberLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered, still applied.
  }
}
