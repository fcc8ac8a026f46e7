/**
 * Amounts as CRM exports write them: `1,054.00`, `1.054,00`, `$1,054`, `USD 1054`, `¥12.5万`,
 * `1.2亿`, `(300)`, `-` or `NULL` for missing. Returns null for missing, NaN for unreadable.
 */

const MISSING = new Set(['', '-', '--', '—', 'null', 'n/a', 'na', 'none', '#n/a', 'nan']);

const CURRENCY_SYMBOLS: Record<string, string> = {
  $: 'USD',
  US$: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'CNY',
  '￥': 'CNY',
  RMB: 'CNY',
  元: 'CNY',
  '₹': 'INR',
  R$: 'BRL',
};

/** `US$` and `R$` must be tried before `$`. */
const SYMBOLS_LONGEST_FIRST = Object.entries(CURRENCY_SYMBOLS).sort((a, b) => b[0].length - a[0].length);

const CODE = /\b([A-Z]{3})\b/;
const KNOWN_CODES = new Set([
  'USD',
  'EUR',
  'GBP',
  'CNY',
  'JPY',
  'HKD',
  'TWD',
  'SGD',
  'AUD',
  'CAD',
  'CHF',
  'INR',
  'BRL',
  'MXN',
  'COP',
  'PEN',
  'KRW',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
  'CZK',
  'ZAR',
  'NZD',
  'RUB',
  'AED',
]);

/**
 * The currency a header names ("Deal Value, $", "Amount (EUR)", "金额（元）", "Revenue in GBP"),
 * or null: a symbol anywhere, or a known ISO code as a word of its own.
 */
export function currencyInText(text: string): string | null {
  const t = text.normalize('NFKC');
  for (const [symbol, code] of SYMBOLS_LONGEST_FIRST) {
    // Letters-only symbols (RMB) must stand alone: "RMBS" is no currency.
    if (/^[A-Z]+$/.test(symbol) ? new RegExp(`\\b${symbol}\\b`).test(t) : t.includes(symbol)) return code;
  }
  for (const m of t.matchAll(/\b([A-Z]{3})\b/g)) if (KNOWN_CODES.has(m[1] as string)) return m[1] as string;
  return null;
}

export type DecimalStyle = 'dot' | 'comma';

export interface ParsedAmount {
  value: number | null;
  /** ISO code found in the cell itself (`$`, `USD`, `¥`), if any. */
  currency: string | null;
}

/** Decides which character is the decimal separator for one cell, or for a column via a hint. */
function normaliseSeparators(digits: string, hint: DecimalStyle | undefined): string | null {
  const hasDot = digits.includes('.');
  const hasComma = digits.includes(',');
  if (hasDot && hasComma) {
    // Whichever comes last is the decimal separator: 1,054.00 and 1.054,00.
    return digits.lastIndexOf('.') > digits.lastIndexOf(',')
      ? digits.replace(/,/g, '')
      : digits.replace(/\./g, '').replace(',', '.');
  }
  if (hasComma) {
    // Western grouping 1,054,000 and Indian grouping 1,00,000 / 12,34,567.
    const groups = /^\d{1,3}(,\d{3})+$/.test(digits) || /^\d{1,2}(,\d{2})+,\d{3}$/.test(digits);
    if (groups && hint !== 'comma') return digits.replace(/,/g, '');
    if ((digits.match(/,/g) ?? []).length > 1) return null;
    return digits.replace(',', '.');
  }
  if (hasDot) {
    const dots = (digits.match(/\./g) ?? []).length;
    if (dots > 1) return /^\d{1,3}(\.\d{3})+$/.test(digits) ? digits.replace(/\./g, '') : null;
    if (hint === 'comma' && /^\d{1,3}\.\d{3}$/.test(digits)) return digits.replace('.', '');
    return digits;
  }
  return digits;
}

const PLAIN = /^-?\d{1,15}(\.\d+)?$/;

export function parseAmount(input: string, hint?: DecimalStyle): ParsedAmount {
  // Most cells are plain numbers: skip the currency and separator analysis for them. A comma
  // column ("1.054" meaning 1054) still takes the full path.
  if (PLAIN.test(input) && hint !== 'comma') return { value: Number(input), currency: null };
  // NFKC folds full-width digits; the Unicode minus sign (U+2212) is a minus.
  let text = input
    .normalize('NFKC')
    .replace(/\u2212/g, '-')
    .trim();
  if (MISSING.has(text.toLowerCase())) return { value: null, currency: null };
  let currency: string | null = null;
  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1).trim();
  }
  for (const [symbol, code] of SYMBOLS_LONGEST_FIRST) {
    if (text.includes(symbol)) {
      currency = code;
      text = text.split(symbol).join('');
    }
  }
  const code = CODE.exec(text);
  if (code && KNOWN_CODES.has(code[1] as string)) {
    currency = code[1] as string;
    text = text.replace(code[0], '');
  }
  let multiplier = 1;
  if (/万$/.test(text.trim())) multiplier = 10_000;
  else if (/亿$/.test(text.trim())) multiplier = 100_000_000;
  text = text.replace(/[万亿]$/, '').replace(/[\s\u00a0\u202f']/g, '');
  if (text.startsWith('-')) {
    negative = !negative;
    text = text.slice(1);
  } else if (text.endsWith('-')) {
    negative = !negative;
    text = text.slice(0, -1);
  } else if (text.startsWith('+')) {
    text = text.slice(1);
  }
  if (!/^[\d.,]+$/.test(text) || !/\d/.test(text)) return { value: NaN, currency };
  const plain = normaliseSeparators(text, hint);
  if (plain === null) return { value: NaN, currency };
  const n = Number(plain) * multiplier;
  if (!Number.isFinite(n)) return { value: NaN, currency };
  // Round away the binary noise of the multiplication only (12.5万 must be exactly 125000);
  // 15 significant digits is what a double holds exactly.
  const value = multiplier === 1 ? n : Number(n.toPrecision(15));
  return { value: negative ? -value : value, currency };
}

/** Column-level guess: `comma` when values like 1.054,00 or 12,5 dominate. */
export function detectDecimalStyle(values: Iterable<string>): DecimalStyle | undefined {
  let comma = 0;
  let dot = 0;
  for (const v of values) {
    const t = v.trim();
    if (/\d,\d{1,2}$/.test(t) || /\d\.\d{3},\d/.test(t)) comma++;
    else if (/\d\.\d{1,2}$/.test(t) || /\d,\d{3}\.\d/.test(t)) dot++;
  }
  if (comma > dot) return 'comma';
  if (dot > comma) return 'dot';
  return undefined;
}
