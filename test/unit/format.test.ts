import { describe, expect, it } from 'vitest';
import {
  NO_VALUE,
  formatBytes,
  formatCompact,
  formatCurrency,
  formatDate,
  formatDateTime,
  formatDays,
  formatDecimal,
  formatInteger,
  formatKpiValue,
  formatList,
  formatPercent,
  formatPeriodLabel,
  formatScore,
} from '../../shared/format/format';
import { KPI_DEFINITIONS } from '../../shared/kpi/kpi-definitions';
import { translate, translateNotice } from '../../shared/i18n/translate';

/** ICU puts narrow / no-break spaces in some patterns; compare on plain spaces. */
const plain = (s: string): string => s.replace(/[\u00a0\u202f\u2009]/g, ' ');

describe('missing values', () => {
  it('never print a missing or non-finite value as 0', () => {
    for (const v of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(formatInteger('en', v)).toBe(NO_VALUE);
      expect(formatDecimal('zh-CN', v)).toBe(NO_VALUE);
      expect(formatPercent('en', v)).toBe(NO_VALUE);
      expect(formatCurrency('en', v, 'USD')).toBe(NO_VALUE);
      expect(formatScore('en', v)).toBe(NO_VALUE);
      for (const def of KPI_DEFINITIONS) {
        expect(formatKpiValue('en', def.unit, v, 'USD')).toBe(NO_VALUE);
        expect(formatKpiValue('zh-CN', def.unit, v, null)).toBe(NO_VALUE);
      }
    }
  });

  it('print a real zero as zero', () => {
    expect(formatKpiValue('en', 'count', 0, null)).toBe('0');
    expect(formatKpiValue('en', 'ratio', 0, null)).toBe('0.0%');
    expect(formatKpiValue('en', 'currency', 0, 'USD')).toBe('$0');
    expect(formatKpiValue('en', 'per_day', -0.00001, null)).toBe('0.0');
  });
});

describe('numbers', () => {
  it('groups integers by locale', () => {
    expect(formatInteger('en', 1234567)).toBe('1,234,567');
    expect(formatInteger('zh-CN', 1234567)).toBe('1,234,567');
    expect(formatInteger('en', 2.6)).toBe('3');
  });

  it('prints fixed decimals', () => {
    expect(formatDecimal('en', 5.5)).toBe('5.5');
    expect(formatDecimal('en', 6)).toBe('6.0');
    expect(formatDecimal('en', 1234.567, 2)).toBe('1,234.57');
    expect(formatScore('en', 73.456)).toBe('73.5');
    expect(formatScore('zh-CN', 100)).toBe('100.0');
  });

  it('prints ratios as percentages', () => {
    expect(formatPercent('en', 0.6321)).toBe('63.2%');
    expect(formatPercent('zh-CN', 0.6321)).toBe('63.2%');
    expect(formatPercent('en', 1)).toBe('100.0%');
    expect(formatPercent('en', 0.25, 0)).toBe('25%');
  });

  it('prints compact numbers for chart axes', () => {
    expect(formatCompact('en', 1_234_567)).toBe('1.2M');
    expect(formatCompact('zh-CN', 1_234_567)).toBe('123.5万');
  });
});

describe('currency', () => {
  it('drops cents on large amounts and keeps them on small ones', () => {
    expect(formatCurrency('en', 1_234_567.5, 'USD')).toBe('$1,234,568');
    expect(formatCurrency('en', 55.5, 'USD')).toBe('$55.50');
    expect(formatCurrency('en', 55, 'USD')).toBe('$55');
  });

  it('uses the locale’s currency style', () => {
    expect(formatCurrency('zh-CN', 1000, 'CNY')).toBe('¥1,000');
    expect(formatCurrency('zh-CN', 1000, 'USD')).toBe('US$1,000');
    expect(plain(formatCurrency('en', 2500, 'EUR'))).toBe('€2,500');
    expect(formatCurrency('en', 2500, 'usd')).toBe('$2,500');
  });

  it('prints a plain number without a currency, and appends an unknown code', () => {
    expect(formatCurrency('en', 1054, null)).toBe('1,054');
    expect(formatCurrency('en', 1054, 'XBTC')).toBe('1,054 XBTC');
    expect(formatCurrency('en', 12.5, null)).toBe('12.50');
  });
});

describe('formatKpiValue', () => {
  it('formats each unit', () => {
    expect(formatKpiValue('en', 'currency', 438336, 'USD')).toBe('$438,336');
    expect(formatKpiValue('en', 'currency', 438336, null)).toBe('438,336');
    expect(formatKpiValue('en', 'count', 349, null)).toBe('349');
    expect(formatKpiValue('en', 'ratio', 0.631, 'USD')).toBe('63.1%');
    expect(formatKpiValue('en', 'days', 45.5, null)).toBe('45.5d');
    expect(formatKpiValue('zh-CN', 'days', 45, null)).toBe('45天');
    expect(formatKpiValue('en', 'per_day', 5.5, null)).toBe('5.5');
    expect(formatKpiValue('en', 'per_week', 6, null)).toBe('6.0');
  });

  it('has a format for every unit in the KPI registry', () => {
    for (const def of KPI_DEFINITIONS) {
      expect(formatKpiValue('en', def.unit, 12, 'USD')).not.toBe(NO_VALUE);
    }
  });

  it('formats days on their own', () => {
    expect(formatDays('en', 1)).toBe('1d');
    expect(formatDays('zh-CN', 30.25)).toBe('30.3天');
  });
});

describe('dates', () => {
  it('formats calendar days without shifting them by time zone', () => {
    expect(formatDate('en', '2017-03-01')).toBe('Mar 1, 2017');
    expect(formatDate('zh-CN', '2017-03-01')).toBe('2017年3月1日');
    expect(formatDate('en', '2017-12-31')).toBe('Dec 31, 2017');
  });

  it('returns unreadable input as it came', () => {
    expect(formatDate('en', 'soon')).toBe('soon');
    expect(formatDateTime('en', 'not a date')).toBe('not a date');
  });

  it('formats instants in the given zone', () => {
    expect(plain(formatDateTime('en', '2025-01-08T14:56:48Z', 'UTC'))).toBe('Jan 8, 2025, 2:56 PM');
    expect(plain(formatDateTime('zh-CN', '2025-01-08T14:56:48Z', 'UTC'))).toBe('2025年1月8日 14:56');
    expect(plain(formatDateTime('zh-CN', '2025-01-08T14:56:48Z', 'Asia/Shanghai'))).toBe(
      '2025年1月8日 22:56',
    );
  });
});

describe('period labels', () => {
  it('labels years, quarters and months', () => {
    expect(formatPeriodLabel('en', '2017')).toBe('2017');
    expect(formatPeriodLabel('zh-CN', '2017')).toBe('2017年');
    expect(formatPeriodLabel('en', '2017-Q3')).toBe('Q3 2017');
    expect(formatPeriodLabel('zh-CN', '2017-Q3')).toBe('2017年第3季度');
    expect(formatPeriodLabel('en', '2017-03')).toBe('Mar 2017');
    expect(formatPeriodLabel('zh-CN', '2017-03')).toBe('2017年3月');
  });

  it('labels custom ranges', () => {
    expect(plain(formatPeriodLabel('en', '2017-01-01..2017-06-30'))).toBe('Jan 1 – Jun 30, 2017');
    expect(plain(formatPeriodLabel('en', '2016-12-01..2017-06-30'))).toBe('Dec 1, 2016 – Jun 30, 2017');
    expect(formatPeriodLabel('zh-CN', '2017-01-01..2017-06-30')).toBe('2017年1月1日至6月30日');
    expect(formatPeriodLabel('zh-CN', '2016-12-01..2017-06-30')).toBe('2016年12月1日至2017年6月30日');
  });

  it('returns what it cannot read', () => {
    expect(formatPeriodLabel('en', 'last year')).toBe('last year');
    expect(formatPeriodLabel('en', '2017-13')).toBe('2017-13');
  });
});

describe('sizes and lists', () => {
  it('formats file sizes', () => {
    expect(formatBytes('en', 812)).toBe('812 B');
    expect(plain(formatBytes('en', 1284))).toBe('1.3 kB');
    expect(plain(formatBytes('en', 622_800))).toBe('608.2 kB');
    expect(plain(formatBytes('en', 5 * 1024 * 1024))).toBe('5 MB');
    expect(formatBytes('en', -1)).toBe(NO_VALUE);
  });

  it('joins lists in the language’s way', () => {
    expect(formatList('en', ['Owner', 'Stage'])).toBe('Owner and Stage');
    expect(formatList('zh-CN', ['负责人', '销售阶段'])).toBe('负责人和销售阶段');
  });
});

describe('numbers inside messages', () => {
  it('follow the locale, and text parameters are shown as given', () => {
    expect(translateNotice('en', { code: 'rows_rejected', params: { count: 12345 } })).toContain('12,345');
    expect(translateNotice('zh-CN', { code: 'rows_rejected', params: { count: 12345 } })).toContain('12,345');
    expect(translateNotice('en', { code: 'rows_rejected', params: { count: '12345' } })).toContain('12345');
    expect(translate('en', 'notice.footer_rows_skipped', { count: 2 })).not.toContain('{count}');
  });
});
