import { describe, expect, it } from 'vitest';
import {
  detectDayMonthOrder,
  excelSerialToIso,
  parseDate,
  type DateParseOptions,
} from '../../shared/import/parse-date';
import { detectDecimalStyle, parseAmount, type DecimalStyle } from '../../shared/import/parse-number';
import { classifyStage } from '../../shared/import/stages';
import { mulberry32 as prng } from '../../shared/random/mulberry32';

const RUNS = 500;
const DAY_MS = 86_400_000;
const pad2 = (n: number): string => String(n).padStart(2, '0');

interface Ymd {
  y: number;
  m: number;
  d: number;
  iso: string;
  /** Excel's serial number for the day (days since 1899-12-30). */
  serial: number;
}

/** A uniformly random calendar day between 1990-01-01 and 2035-12-31, computed with Date only. */
function randomDay(rand: () => number): Ymd {
  const from = Date.UTC(1990, 0, 1) / DAY_MS;
  const to = Date.UTC(2035, 11, 31) / DAY_MS;
  const day = from + Math.floor(rand() * (to - from + 1));
  const date = new Date(day * DAY_MS);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + 1;
  const d = date.getUTCDate();
  return { y, m, d, iso: `${y}-${pad2(m)}-${pad2(d)}`, serial: day - Date.UTC(1899, 11, 30) / DAY_MS };
}

describe('parseDate: table', () => {
  it.each<[string, DateParseOptions, string | null]>([
    ['2024-03-05', {}, '2024-03-05'],
    ['2024-3-5', {}, '2024-03-05'],
    ['  2024-03-05  ', {}, '2024-03-05'],
    ['2024-01-22T16:14:25.000+0000', {}, '2024-01-22'],
    // A timestamp keeps the calendar day as written, whatever its zone.
    ['2024-01-22T23:30:00-0500', {}, '2024-01-22'],
    ['2024-01-22 08:00', {}, '2024-01-22'],
    ['2024/3/5', {}, '2024-03-05'],
    ['2024.03.05', {}, '2024-03-05'],
    ['2024年3月1日', {}, '2024-03-01'],
    ['2024 年 3 月 1 日', {}, '2024-03-01'],
    ['2024年3月1日 10:30', {}, '2024-03-01'],
    ['2024年3月1日 10：30', {}, '2024-03-01'],
    ['31.12.2024', {}, '2024-12-31'],
    ['31.12.2024', { order: 'mdy' }, '2024-12-31'],
    ['5.3.2024 10:00', {}, '2024-03-05'],
    ['3/1/2017', {}, '2017-03-01'],
    ['3/1/2017', { order: 'mdy' }, '2017-03-01'],
    ['3/1/2017', { order: 'dmy' }, '2017-01-03'],
    ['13/1/2017', { order: 'mdy' }, '2017-01-13'],
    ['1/13/2017', { order: 'dmy' }, '2017-01-13'],
    ['03-05-2024', {}, '2024-03-05'],
    ['03-05-2024', { order: 'dmy' }, '2024-05-03'],
    ['1/2/2024 3:04 PM', {}, '2024-01-02'],
    ['1/2/2024, 15:04', { order: 'dmy' }, '2024-02-01'],
    ['1/2/24', {}, '2024-01-02'],
    ['1/2/69', {}, '2069-01-02'],
    ['1/2/70', {}, '1970-01-02'],
    ['20240301', {}, '2024-03-01'],
    ['2024-02-29', {}, '2024-02-29'],
    ['45000', { allowExcelSerial: true }, '2023-03-15'],
    ['45000.75', { allowExcelSerial: true }, '2023-03-15'],
    ['45000', {}, null],
    ['', {}, null],
    ['   ', {}, null],
    ['soon', {}, null],
    ['2024-02-30', {}, null],
    ['2023-02-29', {}, null],
    ['29.02.2023', {}, null],
    ['2024-13-01', {}, null],
    ['13/13/2024', {}, null],
    ['0/1/2024', {}, null],
    ['32.1.2024', {}, null],
    ['Mar 1, 2017', {}, null],
    ['2017', {}, null],
  ])('%j %j -> %j', (input, options, expected) => {
    expect(parseDate(input, options)).toBe(expected);
  });
});

describe('excelSerialToIso', () => {
  it.each<[number, string | null]>([
    [61, '1900-03-01'],
    [36526, '2000-01-01'],
    [45000, '2023-03-15'],
    [45000.99, '2023-03-15'],
    [2_958_465, '9999-12-31'],
    [0, null],
    [-1, null],
    [2_958_466, null],
    [Number.NaN, null],
    [Number.POSITIVE_INFINITY, null],
  ])('%d -> %j', (serial, expected) => {
    expect(excelSerialToIso(serial)).toBe(expected);
  });
});

describe('detectDayMonthOrder: table', () => {
  it.each<[string[], 'mdy' | 'dmy' | null]>([
    [['3/1/2017', '13/1/2017'], 'dmy'],
    [['3/1/2017', '1/13/2017'], 'mdy'],
    [['3/1/2017', '4/2/2017'], null],
    [['13/1/2017', '1/13/2017'], null],
    [['2017-03-01', '2017-03-13'], null],
    [['', 'n/a', '3/13/2017 10:00'], 'mdy'],
    [['31.12.2024', '1.3.2024'], 'dmy'],
    [['1-13-24'], 'mdy'],
    [[], null],
  ])('%j -> %j', (values, expected) => {
    expect(detectDayMonthOrder(values)).toBe(expected);
  });
});

describe('parseDate: 500 random days round-trip through every supported style', () => {
  const rand = prng(20240301);
  const days = Array.from({ length: RUNS }, () => randomDay(rand));

  it('covers days on both sides of 12 and every month', () => {
    expect(days.some((x) => x.d > 12)).toBe(true);
    expect(days.some((x) => x.d <= 12)).toBe(true);
    expect(new Set(days.map((x) => x.m)).size).toBe(12);
  });

  it.each<[string, (x: Ymd) => string, DateParseOptions]>([
    ['ISO', (x) => x.iso, {}],
    ['ISO timestamp', (x) => `${x.iso}T${pad2(x.d % 24)}:14:25.000+0000`, {}],
    ['YYYY/M/D', (x) => `${x.y}/${x.m}/${x.d}`, {}],
    ['M/D/YYYY with the mdy hint', (x) => `${x.m}/${x.d}/${x.y}`, { order: 'mdy' }],
    [
      'MM/DD/YYYY h:mm AM with the mdy hint',
      (x) => `${pad2(x.m)}/${pad2(x.d)}/${x.y} 3:04 PM`,
      { order: 'mdy' },
    ],
    ['M/D/YY with the mdy hint', (x) => `${x.m}/${x.d}/${pad2(x.y % 100)}`, { order: 'mdy' }],
    ['D/M/YYYY with the dmy hint', (x) => `${x.d}/${x.m}/${x.y}`, { order: 'dmy' }],
    ['D-M-YYYY with the dmy hint', (x) => `${x.d}-${x.m}-${x.y}`, { order: 'dmy' }],
    ['D.M.YYYY', (x) => `${x.d}.${x.m}.${x.y}`, {}],
    ['DD.MM.YYYY hh:mm', (x) => `${pad2(x.d)}.${pad2(x.m)}.${x.y} 09:30`, {}],
    ['YYYY年M月D日', (x) => `${x.y}年${x.m}月${x.d}日`, {}],
    ['YYYYMMDD', (x) => `${x.y}${pad2(x.m)}${pad2(x.d)}`, {}],
    ['Excel serial', (x) => String(x.serial), { allowExcelSerial: true }],
    ['Excel serial with a time of day', (x) => String(x.serial + 0.375), { allowExcelSerial: true }],
  ])('%s', (_name, format, options) => {
    for (const x of days) expect(parseDate(format(x), options), format(x)).toBe(x.iso);
  });

  it('excelSerialToIso agrees with Date arithmetic', () => {
    for (const x of days) expect(excelSerialToIso(x.serial)).toBe(x.iso);
  });

  it('decides a column order from its values, and that order reads every value back', () => {
    const pick = prng(7);
    const columns = Array.from({ length: 25 }, () =>
      Array.from({ length: 20 }, () => days[Math.floor(pick() * days.length)] as Ymd),
    );
    for (const column of columns) {
      const decidable = column.some((x) => x.d > 12);
      const us = column.map((x) => `${x.m}/${x.d}/${x.y}`);
      const eu = column.map((x) => `${x.d}/${x.m}/${x.y}`);
      expect(detectDayMonthOrder(us)).toBe(decidable ? 'mdy' : null);
      expect(detectDayMonthOrder(eu)).toBe(decidable ? 'dmy' : null);
      if (!decidable) continue;
      const usOrder = detectDayMonthOrder(us) ?? undefined;
      const euOrder = detectDayMonthOrder(eu) ?? undefined;
      expect(us.map((v) => parseDate(v, usOrder ? { order: usOrder } : {}))).toEqual(
        column.map((x) => x.iso),
      );
      expect(eu.map((v) => parseDate(v, euOrder ? { order: euOrder } : {}))).toEqual(
        column.map((x) => x.iso),
      );
    }
  });
});

describe('parseAmount: table', () => {
  it.each<[string, DecimalStyle | undefined, number | null, string | null]>([
    ['1054', undefined, 1054, null],
    ['1,054.00', undefined, 1054, null],
    ['1.054,00', undefined, 1054, null],
    ['$1,054.00', undefined, 1054, 'USD'],
    ['$ 99.5', undefined, 99.5, 'USD'],
    ['USD 1054', undefined, 1054, 'USD'],
    ['1054 USD', undefined, 1054, 'USD'],
    ['EUR 1.054,00', 'comma', 1054, 'EUR'],
    ['€ 1.054,00', undefined, 1054, 'EUR'],
    ['€-5', undefined, -5, 'EUR'],
    ['-$5', undefined, -5, 'USD'],
    ['£12', undefined, 12, 'GBP'],
    ['(300.00)', undefined, -300, null],
    ['(€ 300,00)', 'comma', -300, 'EUR'],
    ['-300', undefined, -300, null],
    ['300-', undefined, -300, null],
    ['+250', undefined, 250, null],
    ['¥12.5万', undefined, 125_000, 'CNY'],
    ['￥30万', undefined, 300_000, 'CNY'],
    ['12.5万元', undefined, 125_000, 'CNY'],
    ['8万', undefined, 80_000, null],
    ['1.2亿', undefined, 120_000_000, null],
    ['RMB 1000', undefined, 1000, 'CNY'],
    ['CNY 1,000.50', undefined, 1000.5, 'CNY'],
    ['₹ 1,00,000.00', undefined, 100_000, 'INR'],
    ['1 054,00', 'comma', 1054, null],
    ['1\u00a0054,00', 'comma', 1054, null],
    ['1\u202f054,00', 'comma', 1054, null],
    ["1'054.00", undefined, 1054, null],
    ['１,０５４.００', undefined, 1054, null],
    ['12,5', undefined, 12.5, null],
    ['1,054', undefined, 1054, null],
    ['1,054', 'dot', 1054, null],
    ['1,054', 'comma', 1.054, null],
    ['1.054', undefined, 1.054, null],
    ['1.054', 'comma', 1054, null],
    ['1.234.567', undefined, 1_234_567, null],
    ['1,234,567', undefined, 1_234_567, null],
    ['1.234.567,89', undefined, 1_234_567.89, null],
    ['1,234,567.89', undefined, 1_234_567.89, null],
    ['0', undefined, 0, null],
    ['0.1', undefined, 0.1, null],
    ['4427569731.60', undefined, 4_427_569_731.6, null],
    ['9999999999.99', undefined, 9_999_999_999.99, null],
    ['12,345,678,901', undefined, 12_345_678_901, null],
  ])('%j (%s) -> %d %s', (input, hint, value, currency) => {
    expect(parseAmount(input, hint)).toEqual({ value, currency });
  });

  it.each(['', '  ', '-', '--', '—', 'NULL', 'null', 'N/A', 'n/a', 'NA', 'None', '#N/A', 'NaN'])(
    'reads %j as missing',
    (input) => {
      expect(parseAmount(input)).toEqual({ value: null, currency: null });
    },
  );

  it.each(['twelve hundred', 'abc', '1.2.3', '1,2,3', '100%', '1e3', '$', 'USD', '12 apples'])(
    'reads %j as unreadable (NaN)',
    (input) => {
      expect(parseAmount(input).value).toBeNaN();
    },
  );

  // Was a bug: '$' was stripped before 'US$' and 'R$', leaving "US" / "R" behind (NaN).
  it.each<[string, number, string]>([
    ['US$1,000', 1000, 'USD'],
    ['R$ 1.000,00', 1000, 'BRL'],
  ])('reads %j as %d %s', (input, value, currency) => {
    expect(parseAmount(input)).toEqual({ value, currency });
  });

  // Was a bug: rounding meant for 万/亿 added noise to large amounts with cents.
  it('keeps a formatted 4.4-billion amount with cents exact', () => {
    expect(parseAmount('4,427,569,731.60').value).toBe(4_427_569_731.6);
  });

  // Was a bug: U+2212 MINUS SIGN (Nordic/Swiss locales, copy-paste from reports) was unreadable.
  it('reads a Unicode minus sign', () => {
    expect(parseAmount('\u2212300').value).toBe(-300);
  });

  // Was a bug: Indian lakh grouping without decimals ("1,00,000") was unreadable.
  it('reads Indian lakh grouping without decimals', () => {
    expect(parseAmount('₹1,00,000').value).toBe(100_000);
  });
});

describe('detectDecimalStyle', () => {
  it.each<[string[], DecimalStyle | undefined]>([
    [['1.054,00', '12,50', ''], 'comma'],
    [['1,054.00', '12.50', ''], 'dot'],
    [['$1,054.00', 'USD 1054', '(300.00)'], 'dot'],
    [['€ 1.054,00', '€ 12,50', '€ 2.500'], 'comma'],
    [['1054', '2000'], undefined],
    [['1.054', '2.300'], undefined],
    [['1,5', '2,5', '3.25'], 'comma'],
    [[], undefined],
  ])('%j -> %s', (values, expected) => {
    expect(detectDecimalStyle(values)).toBe(expected);
  });
});

describe('parseAmount: 500 random amounts round-trip through every supported style', () => {
  const rand = prng(1054);
  /** Cents up to 1e11 (one billion units): amounts real CRMs hold, exact in binary64 after /100. */
  const cents = Array.from({ length: RUNS }, (_, i) =>
    i < 20 ? i * 7 : Math.floor(rand() ** 3 * 100_000_000_000),
  );
  const group = (digits: string, sep: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  const en = (c: number): string => `${group(String(Math.floor(c / 100)), ',')}.${pad2(c % 100)}`;
  const de = (c: number): string => `${group(String(Math.floor(c / 100)), '.')},${pad2(c % 100)}`;
  const fr = (c: number, space: string): string =>
    `${group(String(Math.floor(c / 100)), space)},${pad2(c % 100)}`;

  it.each<[string, (c: number) => string, DecimalStyle | undefined, number, string | null]>([
    ['1234.56', (c) => (c / 100).toFixed(2), undefined, 1, null],
    ['1,234.56', en, undefined, 1, null],
    ['1,234.56 with the dot hint', en, 'dot', 1, null],
    ['1.234,56 with the comma hint', de, 'comma', 1, null],
    ['1.234,56 without a hint', de, undefined, 1, null],
    ['1 234,56 (NBSP) with the comma hint', (c) => fr(c, '\u00a0'), 'comma', 1, null],
    ['1 234,56 (narrow NBSP) with the comma hint', (c) => fr(c, '\u202f'), 'comma', 1, null],
    ['$1,234.56', (c) => `$${en(c)}`, undefined, 1, 'USD'],
    ['USD 1,234.56', (c) => `USD ${en(c)}`, undefined, 1, 'USD'],
    ['€ 1.234,56 with the comma hint', (c) => `€ ${de(c)}`, 'comma', 1, 'EUR'],
    ['(1,234.56)', (c) => `(${en(c)})`, undefined, -1, null],
    ['-1,234.56', (c) => `-${en(c)}`, undefined, -1, null],
    ['1.234,56- with the comma hint', (c) => `${de(c)}-`, 'comma', -1, null],
  ])('%s', (_name, format, hint, sign, currency) => {
    for (const c of cents) {
      const text = format(c);
      const expected = (sign * c) / 100;
      expect(parseAmount(text, hint), text).toEqual({ value: expected, currency });
    }
  });

  it('1.234 (dotted thousands, no decimals) with the comma hint', () => {
    for (const c of cents) {
      const units = Math.floor(c / 100);
      const text = group(String(units), '.');
      expect(parseAmount(text, 'comma'), text).toEqual({ value: units, currency: null });
    }
  });

  it('¥12.5万 and 12.5万元 (ten-thousands, up to two decimals) and 1.2亿', () => {
    for (const c of cents) {
      const wanCents = c % 10_000_000; // up to 100,000 万 = 1 billion yuan (see the 4.4e9 bug above)
      const wan = wanCents / 100;
      expect(parseAmount(`¥${wan}万`), `¥${wan}万`).toEqual({ value: wanCents * 100, currency: 'CNY' });
      expect(parseAmount(`${wan}万元`), `${wan}万元`).toEqual({ value: wanCents * 100, currency: 'CNY' });
      const yiCents = c % 1000; // up to 9.99 亿
      const yi = yiCents / 100;
      expect(parseAmount(`${yi}亿`), `${yi}亿`).toEqual({ value: yiCents * 1_000_000, currency: null });
    }
  });
});

describe('classifyStage', () => {
  it.each<[string, 'won' | 'lost' | 'open', boolean]>([
    ['Closed Won', 'won', true],
    ['closed_won', 'won', true],
    [' CLOSED  LOST ', 'lost', true],
    ['Won', 'won', true],
    ['Lost', 'lost', true],
    ['赢单', 'won', true],
    ['输单', 'lost', true],
    ['谈判', 'open', true],
    ['Engaging', 'open', true],
    ['Prospecting', 'open', true],
    ['Negotiation/Review', 'open', true],
    ['Perception Analysis', 'open', true],
    ['Stage 7', 'open', false],
    // A churned customer was won first; the churn came later.
    ['Churned Customer', 'won', true],
    ['', 'open', false],
  ])('%j -> %s (known: %s)', (stage, status, known) => {
    expect(classifyStage(stage)).toEqual({ status, known });
  });
});
