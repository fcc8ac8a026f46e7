import { en, type MessageKey } from './messages-en';
import { zhCN } from './messages-zh-cn';
import type { Locale } from './locale';
import type { Notice } from './notice';

const CATALOGS: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/**
 * Replaces `{name}` placeholders; an unknown placeholder stays visible rather than vanishing.
 * `{name|one|other}` is a plural: `one` when the parameter is 1, else `other` ("1 KPI", "3 KPIs"
 * instead of "KPI(s)"). `counts` are the raw numbers, for when params hold them formatted.
 */
export function interpolate(
  template: string,
  params?: Record<string, string | number>,
  counts: Record<string, string | number> | undefined = params,
): string {
  if (!params) return template;
  const has = (name: string): boolean => Object.prototype.hasOwnProperty.call(params, name);
  return template
    .replace(/\{(\w+)\|([^|{}]*)\|([^|{}]*)\}/g, (whole, name: string, one: string, other: string) =>
      has(name) ? (Number(counts?.[name] ?? params[name]) === 1 ? one : other) : whole,
    )
    .replace(/\{(\w+)\}/g, (whole, name: string) => (has(name) ? String(params[name]) : whole));
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
  return interpolate(CATALOGS[locale][key], shown, params);
}

export function translateNotice(locale: Locale, notice: Notice): string {
  return translate(locale, `notice.${notice.code}`, notice.params);
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}
