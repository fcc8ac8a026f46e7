import { parseAmount, type DecimalStyle } from './parse-number';

/**
 * Reads the import fields the KPI engine weighs deals and accounts by: a deal's win probability,
 * an account's number of employees, and two levels of an account, decision authority and
 * strength of need. Like parse-number: null for a missing value (empty, `-`, `NULL`, `n/a`), NaN
 * for a value that cannot be read, where the writer rejects the row (`invalid_number`). A level
 * the text does not tell is null, never NaN: a free-text "Interest level" must never cost a row.
 */

const MISSING = new Set(['', '-', '--', '—', 'null', 'n/a', 'na', 'none', '#n/a', 'nan', 'unknown', '未知']);

/** NFKC (full-width digits and ％), lower case, trimmed, inner spaces collapsed. */
function normalise(input: string): string {
  return input.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** `60`, `0.6`, `0,6` (decimal comma), `+60`, `-10`: a plain number, no currency, else NaN. */
function plainNumber(text: string, decimal?: DecimalStyle): number {
  if (!/^[+-]?\d[\d.,]*$/.test(text) && !/^[+-]?[.,]\d+$/.test(text)) return Number.NaN;
  const { value, currency } = parseAmount(text, decimal);
  return value === null || currency !== null ? Number.NaN : value;
}

/** Whole percentages divided by 100 without binary noise (33.3 -> 0.333, not 0.33299999999999996). */
const fromPercent = (v: number): number => Number((v / 100).toPrecision(12));

/** A number, and whether it had a percent sign (`60%`, `60 %`, `60％`); NaN when none. */
function percentValue(text: string, decimal?: DecimalStyle): { percent: boolean; value: number } {
  const m = /^(.*?)\s*%$/.exec(text);
  if (m) return { percent: true, value: plainNumber((m[1] as string).trim(), decimal) };
  return { percent: false, value: plainNumber(text, decimal) };
}

/**
 * A win probability as 0..1: `60%`, `60 %`, `60`, `0.6` and `0,6` are all 0.6. A number above 1
 * is a percentage; 0..1 is taken as written (so `1` is certain, `0.5` is a half), unless the
 * column says its values are percentages (`percent`: a header like "Probability, %"), when every
 * number is one (`1` is 1%). Out of 0..100% (`150`, `-10`) or not a number (`high`): NaN.
 * `decimal` is the column's decimal style (parse-number detectDecimalStyle).
 */
export function parseProbability(
  input: string,
  options: { percent?: boolean; decimal?: DecimalStyle } = {},
): number | null {
  const text = normalise(input);
  if (MISSING.has(text)) return null;
  const { percent, value } = percentValue(text, options.decimal);
  if (Number.isNaN(value) || value < 0) return Number.NaN;
  if (percent || options.percent || value > 1) return value <= 100 ? fromPercent(value) : Number.NaN;
  return value;
}

/**
 * Number of employees: `5000`, `5,000`, `1.2万`, `500人`, `5000 employees`; a size band is read
 * as its middle (`51-200` 126, `Small (11-200)` 106, `1,001–5,000` 3001) and an open band as its
 * bound (`10,001+`, `Enterprise (1001+)`, `1000人以上`, `under 50`). Anything else, or a
 * negative count: NaN.
 * `decimal` is the column's decimal style: `1.054` is 1054 in a decimal-comma column.
 */
export function parseEmployees(input: string, decimal?: DecimalStyle): number | null {
  let text = normalise(input);
  if (MISSING.has(text)) return null;
  // "Small (11-200)": the band in the brackets is the number.
  const bracket = /\(([^()]*\d[^()]*)\)$/.exec(text);
  if (bracket) text = (bracket[1] as string).trim();
  text = text
    .replace(/\b(employees|employee|staff|people|persons)\b|人|名|员工/g, '')
    .replace(/^(up to|under|less than|fewer than|more than|over|at least|<=|>=|<|>|≤|≥)\s*/, '')
    .replace(/\s*(\+|以上|以下|or more|and above|and up)$/, '')
    .trim();
  const count = (s: string): number => {
    const { value, currency } = parseAmount(s.trim(), decimal);
    return value === null || currency !== null || value < 0 ? Number.NaN : value;
  };
  const band = /^([\d.,]+\s*万?)\s*(?:-|–|—|~|～|to|至|到)\s*([\d.,]+\s*万?)$/.exec(text);
  if (band) {
    const low = count(band[1] as string);
    const high = count(band[2] as string);
    return Number.isNaN(low) || Number.isNaN(high) || high < low ? Number.NaN : Math.round((low + high) / 2);
  }
  return count(text);
}

/** The three levels text can name, as the 0..1 value stored. */
const HIGH = 1;
const MEDIUM = 0.5;
const LOW = 0;

/**
 * Whole values (after normalising and dropping intensifiers like "very", 非常, 比较), English
 * and Chinese: the wording of Salesforce's account Rating (Hot / Warm / Cold), interest and need
 * levels, yes/no flags, and the roles a decision-maker column names.
 */
const LEVEL_WORDS: Record<string, number> = {
  high: HIGH,
  hot: HIGH,
  strong: HIGH,
  yes: HIGH,
  y: HIGH,
  true: HIGH,
  'decision maker': HIGH,
  'key decision maker': HIGH,
  'final decision maker': HIGH,
  'economic buyer': HIGH,
  'budget holder': HIGH,
  'final say': HIGH,
  interested: HIGH,
  高: HIGH,
  强: HIGH,
  是: HIGH,
  有: HIGH,
  决策人: HIGH,
  决策者: HIGH,
  关键决策人: HIGH,
  拍板人: HIGH,
  有决策权: HIGH,
  有意向: HIGH,
  感兴趣: HIGH,
  medium: MEDIUM,
  med: MEDIUM,
  mid: MEDIUM,
  middle: MEDIUM,
  moderate: MEDIUM,
  average: MEDIUM,
  normal: MEDIUM,
  warm: MEDIUM,
  some: MEDIUM,
  partial: MEDIUM,
  maybe: MEDIUM,
  influencer: MEDIUM,
  recommender: MEDIUM,
  evaluator: MEDIUM,
  champion: MEDIUM,
  中: MEDIUM,
  中等: MEDIUM,
  一般: MEDIUM,
  普通: MEDIUM,
  影响者: MEDIUM,
  影响人: MEDIUM,
  推荐人: MEDIUM,
  low: LOW,
  cold: LOW,
  weak: LOW,
  no: LOW,
  n: LOW,
  false: LOW,
  'not interested': LOW,
  'no interest': LOW,
  'no need': LOW,
  'no authority': LOW,
  'end user': LOW,
  none: LOW,
  user: LOW,
  gatekeeper: LOW,
  低: LOW,
  弱: LOW,
  否: LOW,
  无: LOW,
  没有: LOW,
  不感兴趣: LOW,
  无意向: LOW,
  无需求: LOW,
  无决策权: LOW,
  使用者: LOW,
};

/** Intensifiers that do not change the level: "very high" is high, 比较强 is 强. */
const INTENSIFIER = /^(very|really|extremely|quite|fairly|rather|super|非常|很|较|比较|偏|极|特别|相当)\s*/;

/** Level words inside longer text ("High need", "Need: strong", "意向强"), one level at most. */
const EMBEDDED_EN = /\b(high|hot|strong|medium|moderate|warm|low|cold|weak)\b/g;
const EMBEDDED_ZH = /(高|强|中等|一般|低|弱)/g;

function levelFromText(text: string): number | null {
  const stripped = text
    .replace(/[-.!:;,_/()[\]*]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const exact = LEVEL_WORDS[stripped] ?? LEVEL_WORDS[stripped.replace(INTENSIFIER, '')];
  if (exact !== undefined) return exact;
  const found = new Set<number>();
  for (const m of stripped.matchAll(EMBEDDED_EN)) {
    found.add(LEVEL_WORDS[m[1] === 'moderate' ? 'medium' : (m[1] as string)] as number);
  }
  for (const m of stripped.matchAll(EMBEDDED_ZH)) found.add(LEVEL_WORDS[m[1] as string] as number);
  return found.size === 1 ? ([...found][0] as number) : null;
}

/**
 * A level as 0..1 (decision authority, strength of need): from text, high / hot / strong / yes /
 * decision maker / 高 / 强 / 是 / 决策人 are 1, medium / warm / influencer / 中 / 一般 are 0.5,
 * low / cold / weak / no / end user / 低 / 弱 / 否 are 0. From a number: 0..1 as written (a 0/1
 * flag, a 0.7 score); above 1 up to 5 a 1-5 rating, (v - 1) / 4; above 5 up to 100 a
 * percentage, v / 100; `70%` is 0.7. Anything else (unknown words, 250, a negative) is null:
 * the level is unknown, the row is kept. A 1-5 column's `1` therefore reads as 1, not 0: a
 * single value cannot tell a 1-5 rating from a 0/1 flag.
 */
export function parseLevel(input: string): number | null {
  const text = normalise(input);
  // "None" is a level here (no authority, no need); elsewhere it marks a missing value.
  if (text === 'none') return LOW;
  if (MISSING.has(text)) return null;
  const { percent, value } = percentValue(text);
  if (!Number.isNaN(value)) {
    if (value < 0) return null;
    if (percent) return value <= 100 ? fromPercent(value) : null;
    if (value <= 1) return value;
    if (value <= 5) return (value - 1) / 4;
    if (value <= 100) return fromPercent(value);
    return null;
  }
  return levelFromText(text);
}
