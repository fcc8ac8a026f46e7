import { en, type MessageKey } from './messages-en';
import { zhCN } from './messages-zh-cn';
import type { Locale } from './locale';
import type { Notice } from './notice';

const CATALOGS: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/** Replaces `{name}` placeholders; an unknown placeholder stays visible rather than vanishing. */
export function interpolate(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

const NUMBER_FORMATS: Record<Locale, Intl.NumberFormat> = {
  en: new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }),
  'zh-CN': new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }),
};

/**
 * Numbers in messages follow the locale ("1,500 values"); text parameters (file names, cell
 * values, already formatted amounts) are shown as given.
 */
export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  if (!params) return CATALOGS[locale][key];
  const shown: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params))
    shown[name] =
      typeof value === 'number' && Number.isFinite(value) ? NUMBER_FORMATS[locale].format(value) : value;
  return interpolate(CATALOGS[locale][key], shown);
}

export function translateNotice(locale: Locale, notice: Notice): string {
  return translate(locale, `notice.${notice.code}`, notice.params);
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}
