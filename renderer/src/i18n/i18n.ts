import { createContext, useContext } from 'react';
import type { AppError } from '../../../shared/result';
import type { Locale } from '../../../shared/i18n/locale';
import type { MessageKey } from '../../../shared/i18n/messages-en';
import type { Notice } from '../../../shared/i18n/notice';
import { isMessageKey, translate, translateNotice } from '../../../shared/i18n/translate';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export interface I18n {
  locale: Locale;
  t: Translate;
  notice: (notice: Notice) => string;
  error: (error: AppError) => string;
  setLocale: (locale: Locale) => void;
}

const PLACEHOLDER = /\{\w+\}/;

/**
 * The user-facing text of an engine error: the catalog's `error.<code>` in the UI language,
 * falling back to the engine's English message when the key is unknown or a value is missing.
 */
export function errorText(locale: Locale, error: AppError): string {
  const key = `error.${error.code}`;
  if (!isMessageKey(key)) return error.message;
  const text = translate(locale, key, { detail: error.message, ...error.params });
  return PLACEHOLDER.test(text) ? error.message : text;
}

export function makeI18n(locale: Locale, setLocale: (locale: Locale) => void): I18n {
  return {
    locale,
    t: (key, params) => translate(locale, key, params),
    notice: (n) => translateNotice(locale, n),
    error: (e) => errorText(locale, e),
    setLocale,
  };
}

export const I18nContext = createContext<I18n | null>(null);

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nContext');
  return i18n;
}
