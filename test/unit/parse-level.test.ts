import { describe, expect, it } from 'vitest';
import { parseEmployees, parseLevel, parseProbability } from '../../shared/import/parse-level';

/** null: missing; NaN: unreadable (the writer rejects the row as invalid_number). */
describe('parseProbability', () => {
  it.each<[string, number | null]>([
    // Salesforce Probability and "Probability, %" columns: whole percentages.
    ['60', 0.6],
    ['60%', 0.6],
    ['60 %', 0.6],
    ['60％', 0.6],
    ['６０％', 0.6],
    ['100', 1],
    ['10', 0.1],
    ['33.3', 0.333],
    ['12,5%', 0.125],
    ['+60', 0.6],
    // 0..1 as written.
    ['0.6', 0.6],
    ['0,6', 0.6],
    ['.6', 0.6],
    ['0', 0],
    ['1', 1],
    ['0.25', 0.25],
    ['0%', 0],
    ['100%', 1],
    ['0.5%', 0.005],
    // Missing.
    ['', null],
    ['  ', null],
    ['-', null],
    ['NULL', null],
    ['n/a', null],
    ['未知', null],
    // Out of 0..100% or no number.
    ['150', Number.NaN],
    ['101%', Number.NaN],
    ['-10', Number.NaN],
    ['-0.5', Number.NaN],
    ['high', Number.NaN],
    ['60-70', Number.NaN],
    ['$60', Number.NaN],
    ['六成', Number.NaN],
  ])('%j -> %s', (input, expected) => {
    expect(parseProbability(input)).toBe(expected);
  });

  it('reads every number as a percentage when the column says so ("Probability, %")', () => {
    expect(parseProbability('1', { percent: true })).toBe(0.01);
    expect(parseProbability('0.5', { percent: true })).toBe(0.005);
    expect(parseProbability('60', { percent: true })).toBe(0.6);
    expect(parseProbability('60%', { percent: true })).toBe(0.6);
    expect(parseProbability('101', { percent: true })).toBe(Number.NaN);
    expect(parseProbability('', { percent: true })).toBeNull();
  });

  it('follows the column decimal style', () => {
    expect(parseProbability('12,5', { decimal: 'comma' })).toBe(0.125);
    expect(parseProbability('0,6', { decimal: 'comma' })).toBe(0.6);
  });

  it('every whole percentage 0..100 is exactly the decimal written', () => {
    for (let p = 0; p <= 100; p++) expect(parseProbability(`${p}%`)).toBe(Number(`${p / 100}`));
  });
});

describe('parseEmployees', () => {
  it.each<[string, number | null]>([
    ['5000', 5000],
    ['5,000', 5000],
    ['10000', 10000],
    ['0', 0],
    ['1.2万', 12000],
    ['500人', 500],
    ['500 人', 500],
    ['5000 employees', 5000],
    // Size bands: the middle, rounded; open bands: the bound.
    ['11-200', 106],
    ['51 - 200', 126],
    ['1,001–5,000', 3001],
    ['1-10', 6],
    ['Small (11-200)', 106],
    ['Micro (1-10)', 6],
    ['Enterprise (1001+)', 1001],
    ['10,001+', 10001],
    ['1000人以上', 1000],
    ['100-500人', 300],
    ['under 50', 50],
    ['', null],
    ['-', null],
    ['NULL', null],
    ['N/A', null],
    ['many', Number.NaN],
    ['-5', Number.NaN],
    ['200-50', Number.NaN],
    ['$5000', Number.NaN],
  ])('%j -> %s', (input, expected) => {
    expect(parseEmployees(input)).toBe(expected);
  });

  it('reads 1.054 as 1054 in a decimal-comma column', () => {
    expect(parseEmployees('1.054', 'comma')).toBe(1054);
    expect(parseEmployees('1.054')).toBe(1.054);
  });
});

describe('parseLevel', () => {
  it.each<[string, number | null]>([
    // High.
    ['High', 1],
    ['high', 1],
    ['HIGH', 1],
    ['Very high', 1],
    ['Hot', 1],
    ['Strong', 1],
    ['Yes', 1],
    ['Y', 1],
    ['Decision Maker', 1],
    ['decision-maker', 1],
    ['Economic Buyer', 1],
    ['High need', 1],
    ['Need: strong', 1],
    ['高', 1],
    ['非常高', 1],
    ['比较强', 1],
    ['强', 1],
    ['是', 1],
    ['决策人', 1],
    ['意向强', 1],
    ['需求高', 1],
    // Medium.
    ['Medium', 0.5],
    ['Moderate', 0.5],
    ['Warm', 0.5],
    ['Influencer', 0.5],
    ['medium interest', 0.5],
    ['中', 0.5],
    ['中等', 0.5],
    ['一般', 0.5],
    ['影响者', 0.5],
    // Low.
    ['Low', 0],
    ['Cold', 0],
    ['Weak', 0],
    ['No', 0],
    ['None', 0],
    ['Not interested', 0],
    ['End user', 0],
    ['低', 0],
    ['弱', 0],
    ['否', 0],
    ['无', 0],
    ['不感兴趣', 0],
    // Numbers: 0..1 as written, 1-5 ratings, percentages.
    ['0', 0],
    ['0.7', 0.7],
    ['1', 1],
    ['2', 0.25],
    ['3', 0.5],
    ['4', 0.75],
    ['5', 1],
    ['4.5', 0.875],
    ['80', 0.8],
    ['100', 1],
    ['70%', 0.7],
    // Unknown: null, never an error.
    ['', null],
    ['-', null],
    ['n/a', null],
    ['Unknown', null],
    ['blue', null],
    ['Technical Buyer', null],
    ['不清楚', null],
    ['High and low', null],
    ['250', null],
    ['-1', null],
    ['150%', null],
  ])('%j -> %s', (input, expected) => {
    expect(parseLevel(input)).toBe(expected);
  });

  it('never returns NaN or a value outside 0..1', () => {
    for (const v of ['abc', '5.5', '1e3', '∞', '--', '(3)', '3 stars', '★★★', '6', '99.9', '0.0001']) {
      const level = parseLevel(v);
      expect(level === null || (level >= 0 && level <= 1), v).toBe(true);
    }
  });
});
