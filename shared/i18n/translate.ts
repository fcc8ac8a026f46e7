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

export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  return interpolate(CATALOGS[locale][key], params);
}

export function translateNotice(locale: Locale, notice: Notice): string {
  return translate(locale, `notice.${notice.code}`, notice.params);
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}
