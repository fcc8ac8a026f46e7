import { describe, expect, it } from 'vitest';
import { interpolate, translate } from '../../shared/i18n/translate';

// Issue #12, smaller things: "KPI(s)"-style plurals. `{count|one|other}` picks the form by the
// number, so English reads "1 KPI" and "3 KPIs"; Chinese has no plural and does not use it.
describe('plural forms in messages', () => {
  it('picks the singular for 1 and the plural otherwise', () => {
    expect(interpolate('{count} {count|KPI|KPIs} not available', { count: 1 })).toBe('1 KPI not available');
    expect(interpolate('{count} {count|KPI|KPIs} not available', { count: 3 })).toBe('3 KPIs not available');
    expect(interpolate('{count} {count|KPI|KPIs} not available', { count: 0 })).toBe('0 KPIs not available');
  });

  it('reads the number before it is formatted for the locale', () => {
    expect(translate('en', 'rank.unavailableTitle', { count: 1 })).toBe('1 KPI not available in this period');
    expect(translate('en', 'rank.unavailableTitle', { count: 1500 })).toBe(
      '1,500 KPIs not available in this period',
    );
    expect(translate('en', 'how.holidays', { count: 1, dates: '1 May' })).toBe(
      'Working days exclude weekends and 1 holiday: 1 May.',
    );
  });

  it('leaves no "(s)" in the ranking, dashboard and coaching messages', async () => {
    const { en } = await import('../../shared/i18n/messages-en');
    const mine = Object.entries(en).filter(([k]) =>
      /^(rank|how|funnel|forecast|matrix|coaching|dash|trend|stability)\./.test(k),
    );
    expect(mine.filter(([, v]) => v.includes('(s)')).map(([k]) => k)).toEqual([]);
  });

  it('leaves no "(s)" in any message, import and report texts included', async () => {
    const { en } = await import('../../shared/i18n/messages-en');
    expect(
      Object.entries(en)
        .filter(([, v]) => v.includes('(s)'))
        .map(([k]) => k),
    ).toEqual([]);
  });

  it('agrees the verb and the pronoun with the number in import and report texts', () => {
    expect(translate('en', 'notice.rows_rejected', { count: 1 })).toBe(
      '1 row could not be read and was set aside.',
    );
    expect(translate('en', 'notice.rows_rejected', { count: 3 })).toBe(
      '3 rows could not be read and were set aside.',
    );
    expect(translate('en', 'notice.missing_close_date', { count: 1 })).toBe(
      '1 closed deal has no close date, so it counts in no period.',
    );
    expect(translate('en', 'report.notes.more', { count: 2 })).toBe('2 older notes not printed.');
    expect(translate('en', 'notice.kpi_values_stored', { count: 12, metrics: 1, periods: 'May 2024' })).toBe(
      '12 KPI values stored: 1 metric for May 2024.',
    );
  });
});
