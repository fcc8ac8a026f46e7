import { describe, expect, it } from 'vitest';
import { parsePeriod, periodsCovering, previousPeriod, workingDays } from '../../shared/period/period';

describe('parsePeriod', () => {
  it.each([
    ['2017', '2017-01-01', '2017-12-31', 'year'],
    ['2017-Q1', '2017-01-01', '2017-03-31', 'quarter'],
    ['2017-q3', '2017-07-01', '2017-09-30', 'quarter'],
    ['2016-02', '2016-02-01', '2016-02-29', 'month'],
    ['2017-02', '2017-02-01', '2017-02-28', 'month'],
    ['2017-01-01..2017-06-30', '2017-01-01', '2017-06-30', 'range'],
    [' 2017-01-01 .. 2017-01-01 ', '2017-01-01', '2017-01-01', 'range'],
  ])('%s -> %s..%s', (text, start, end, kind) => {
    const p = parsePeriod(text);
    expect(p.ok && p.value).toMatchObject({ start, end, kind });
  });

  it.each(['', '17', '2017-Q5', '2017-13', '2017-02-30..2017-03-01', '2017-06-30..2017-01-01', 'last year'])(
    'rejects %j with a clear message',
    (text) => {
      const p = parsePeriod(text);
      expect(p.ok).toBe(false);
      if (!p.ok) {
        expect(p.error.code).toBe('invalid_period');
        expect(p.error.message).toContain('2017-Q3');
      }
    },
  );
});

describe('previousPeriod', () => {
  const prev = (text: string): string => {
    const p = parsePeriod(text);
    if (!p.ok) throw new Error(text);
    return previousPeriod(p.value).id;
  };
  it('steps back one period of the same kind', () => {
    expect(prev('2017')).toBe('2016');
    expect(prev('2017-Q1')).toBe('2016-Q4');
    expect(prev('2017-Q3')).toBe('2017-Q2');
    expect(prev('2017-01')).toBe('2016-12');
    expect(prev('2017-01-11..2017-01-20')).toBe('2017-01-01..2017-01-10');
  });
});

describe('workingDays', () => {
  it('counts Monday to Friday, inclusive', () => {
    // 2024-01-01 was a Monday.
    expect(workingDays('2024-01-01', '2024-01-07')).toBe(5);
    expect(workingDays('2024-01-06', '2024-01-07')).toBe(0);
    expect(workingDays('2024-01-01', '2024-12-31')).toBe(262);
    expect(workingDays('2024-01-02', '2024-01-01')).toBe(0);
  });
  it('subtracts holidays that fall on weekdays', () => {
    expect(workingDays('2024-01-01', '2024-01-07', new Set(['2024-01-01', '2024-01-06']))).toBe(4);
  });
});

describe('periodsCovering', () => {
  it('lists newest first', () => {
    expect(periodsCovering('quarter', '2016-11-15', '2017-04-02').map((p) => p.id)).toEqual([
      '2017-Q2',
      '2017-Q1',
      '2016-Q4',
    ]);
    expect(periodsCovering('year', '2016-11-15', '2017-04-02').map((p) => p.id)).toEqual(['2017', '2016']);
  });
});
