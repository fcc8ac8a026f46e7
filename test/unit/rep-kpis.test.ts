import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { validateRequest } from '../../shared/api/validate';
import { bestKind, detectKinds, mappingFor } from '../../shared/import/detect-mapping';
import {
  kpiImportMapping,
  kpiLayout,
  parseKpiKey,
  readKpiValue,
  readPeriodCell,
  readPeriodText,
  shiftMonth,
  splitKpiHeader,
} from '../../shared/import/rep-kpis';

const ALYSIO = resolve(import.meta.dirname, '../../../shared/data/alysio-rep-activity-kpis');

function table(file: string): { headers: string[]; rows: string[][] } {
  const parsed = Papa.parse<string[]>(readFileSync(resolve(ALYSIO, file), 'utf8').trim());
  const [headers, ...rows] = parsed.data as [string[], ...string[][]];
  return { headers, rows };
}

const expanded = table('monthly_report_expanded.csv');
const raw = table('monthly_report_2025-01-08_14-56-48.csv');

const ALYSIO_METRICS: Record<string, unknown> = {
  rep: expect.stringMatching(/^user_name$/i),
  calls: 'Outbound Calls (last month)',
  connected_calls: 'Calls with Correct Contact (last month)',
  emails: 'Personalized Outbound Emails (last month)',
  meetings_booked: 'Demo Meeting Set (last month)',
  meetings: 'Demo Meeting Completed (last month)',
  opportunities_created: 'Opportunity Created (last month)',
  period: null,
  period_start: null,
  period_end: null,
};

describe('rep KPI summaries: detection', () => {
  it.each([
    ['the expanded report', expanded.headers],
    ['the raw export (other column order)', raw.headers],
  ])('recognises Alysio %s by its columns and maps the known metrics', (_, headers) => {
    const best = bestKind(detectKinds(headers));
    expect(best?.kind).toBe('rep_kpis');
    expect(best?.missingRequired).toEqual([]);
    expect(best?.mapping).toMatchObject(ALYSIO_METRICS);
  });

  it('recognises other KPI summaries: plain columns, a month column, Chinese headers', () => {
    const plain = bestKind(
      detectKinds(['Sales Rep', 'Calls', 'Meetings', 'Emails Sent', 'Deals Won', 'Revenue']),
    );
    expect(plain?.kind).toBe('rep_kpis');
    expect(plain?.mapping).toMatchObject({
      rep: 'Sales Rep',
      calls: 'Calls',
      meetings: 'Meetings',
      emails: 'Emails Sent',
      deals_won: 'Deals Won',
      revenue: 'Revenue',
    });
    // A column headed just "Month" is the period; "Calls (last month)" is not.
    const byMonth = bestKind(detectKinds(['Rep', 'Month', 'Calls (last month)', 'Meetings (last month)']));
    expect(byMonth?.kind).toBe('rep_kpis');
    expect(byMonth?.mapping).toMatchObject({ rep: 'Rep', period: 'Month' });
    const monthly = bestKind(
      detectKinds(['Rep Name', 'Reporting Period', 'Visits', 'Talk Time', 'Connected Calls']),
    );
    expect(monthly?.kind).toBe('rep_kpis');
    expect(monthly?.mapping).toMatchObject({
      rep: 'Rep Name',
      period: 'Reporting Period',
      visits: 'Visits',
      talk_time: 'Talk Time',
      connected_calls: 'Connected Calls',
    });
    const chinese = bestKind(detectKinds(['销售人员', '月份', '电话量', '拜访量', '新增商机']));
    expect(chinese?.kind).toBe('rep_kpis');
    expect(chinese?.mapping).toMatchObject({
      rep: '销售人员',
      period: '月份',
      calls: '电话量',
      visits: '拜访量',
      opportunities_created: '新增商机',
    });
  });

  it.each([
    [
      'deals (Maven)',
      [
        'opportunity_id',
        'sales_agent',
        'product',
        'account',
        'deal_stage',
        'engage_date',
        'close_date',
        'close_value',
      ],
      'deals',
    ],
    [
      'deals without a stage (orders)',
      ['SalesOrderNumber', 'OrderDate', 'EmployeeKey', 'ResellerKey', 'SalesAmount'],
      'deals',
    ],
    ['reps (Maven)', ['sales_agent', 'manager', 'regional_office'], 'reps'],
    ['reps (Adventure Works)', ['EmployeeKey', 'EmployeeID', 'Salesperson', 'Title', 'UPN'], 'reps'],
    [
      'activities (Salesforce tasks)',
      [
        'WhatId',
        'OwnerId',
        'Status',
        'Priority',
        'TaskSubtype',
        'Type',
        'CreatedDate',
        'ActivityDate',
        'Subject',
      ],
      'activities',
    ],
    [
      'activities (Salesforce calls)',
      [
        'WhatId',
        'OwnerId',
        'TaskSubtype',
        'ActivityDate',
        'Subject',
        'Call Result',
        'Call Type',
        'CallDurationInSeconds',
      ],
      'activities',
    ],
    [
      'activities (Salesforce events)',
      ['WhatId', 'OwnerId', 'CreatedDate', 'ActivityDate', 'Subject', 'DurationInMinutes'],
      'activities',
    ],
    ['quotas (wide)', ['Year', 'EmployeeID', 'M01', 'M02', 'M03', 'M12'], 'quotas'],
    ['quotas (long)', ['Rep', 'Quota', 'Period Start', 'Period End', 'Currency'], 'quotas'],
    ['accounts', ['Account Name', 'Industry', 'Annual Revenue', 'Owner'], 'accounts'],
  ])('does not take %s files', (_, headers, kind) => {
    expect(bestKind(detectKinds(headers))?.kind).toBe(kind);
  });
});

describe('rep KPI summaries: headers and periods', () => {
  it.each([
    ['Outbound Calls (last month)', 'Outbound Calls', { type: 'relative', offset: -1, phrase: 'last month' }],
    ['1:1 (month before last)', '1:1', { type: 'relative', offset: -2, phrase: 'month before last' }],
    ['Calls - This Month', 'Calls', { type: 'relative', offset: 0, phrase: 'This Month' }],
    ['Meetings_previous_month', 'Meetings', { type: 'relative', offset: -1, phrase: 'previous_month' }],
    ['Last month: visits', 'visits', { type: 'relative', offset: -1, phrase: 'Last month' }],
    ['上月电话量', '电话量', { type: 'relative', offset: -1, phrase: '上月' }],
    ['上上月拜访量', '拜访量', { type: 'relative', offset: -2, phrase: '上上月' }],
    ['拜访量（本月）', '拜访量', { type: 'relative', offset: 0, phrase: '本月' }],
    ['Calls (2024-05)', 'Calls', { type: 'fixed', start: '2024-05-01', end: '2024-05-31' }],
    ['Calls May 2024', 'Calls', { type: 'fixed', start: '2024-05-01', end: '2024-05-31' }],
    ['Revenue [2024-Q2]', 'Revenue', { type: 'fixed', start: '2024-04-01', end: '2024-06-30' }],
    ['Duration (min)', 'Duration (min)', { type: 'sheet' }],
    ['Calls (2)', 'Calls (2)', { type: 'sheet' }],
    ['Calls', 'Calls', { type: 'sheet' }],
  ])('%s', (header, label, when) => {
    expect(splitKpiHeader(header)).toEqual({ label, when });
  });

  it('reads periods written as text or as a date of the month', () => {
    const may = { start: '2024-05-01', end: '2024-05-31' };
    for (const text of ['2024-05', '2024/05', '2024年5月', '05/2024', 'May 2024', 'may-2024', '2024 May']) {
      expect(readPeriodText(text), text).toEqual(may);
    }
    expect(readPeriodText('2024-Q2')).toEqual({ start: '2024-04-01', end: '2024-06-30' });
    expect(readPeriodText('Mayo 2024')).toBeNull();
    expect(readPeriodCell('2024-05-17')).toEqual(may);
    expect(readPeriodCell('5/31/2024')).toEqual(may);
    expect(readPeriodCell('soon')).toBeNull();
  });

  it('shifts months across years', () => {
    expect(shiftMonth('2025-01-01', -1)).toEqual({ start: '2024-12-01', end: '2024-12-31' });
    expect(shiftMonth('2024-03-01', -1)).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(shiftMonth('2024-12-01', 2)).toEqual({ start: '2025-02-01', end: '2025-02-28' });
  });

  it('reads KPI cells as written', () => {
    expect(readKpiValue('134')).toBe(134);
    expect(readKpiValue('1,054')).toBe(1054);
    expect(readKpiValue('12.5%')).toBe(12.5);
    expect(readKpiValue('')).toBeNull();
    expect(readKpiValue('-')).toBeNull();
    expect(readKpiValue('n/a')).toBeNull();
    expect(readKpiValue('lots')).toBeNaN();
  });
});

describe('rep KPI summaries: wide to long', () => {
  const mapping = bestKind(detectKinds(expanded.headers))!.mapping;

  it('finds 30 KPI columns: 15 metrics for two relative months, and asks which month "last month" is', () => {
    const layout = kpiLayout(expanded.headers, mapping, expanded.rows);
    expect(layout.columns).toHaveLength(30);
    expect(layout.rowPeriod).toBeNull();
    expect(layout.question).toEqual({ type: 'relative', phrase: 'last month' });
    expect(layout.anchorOffset).toBe(-1);
    const byHeader = new Map(layout.columns.map((c) => [c.header, c]));
    expect(byHeader.get('Outbound Calls (month before last)')).toMatchObject({
      metric: 'calls',
      label: 'Outbound Calls',
      when: { type: 'relative', offset: -2 },
    });
    // A metric takes one column per month: the closest name; the other is kept under its text.
    expect(byHeader.get('Initial Discovery Meeting Set (last month)')?.metric).toBe(
      'custom:initial discovery meeting set',
    );
    expect(byHeader.get('1:1 (last month)')).toMatchObject({ metric: 'custom:1 1', label: '1:1' });
    expect(new Set(layout.columns.map((c) => c.metric)).size).toBe(15);
  });

  it('maps the same metrics in both exports whatever their column order', () => {
    const a = kpiLayout(expanded.headers, mapping, expanded.rows).columns.map(
      (c) => `${c.header}=${c.metric}`,
    );
    const rawMapping = bestKind(detectKinds(raw.headers))!.mapping;
    const b = kpiLayout(raw.headers, rawMapping, raw.rows).columns.map((c) => `${c.header}=${c.metric}`);
    expect(b.sort()).toEqual(a.sort());
  });

  it('keeps text columns and the rep out, and unknown numeric columns in', () => {
    const headers = ['Rep', 'Team', 'Calls', 'Win streak', 'Email'];
    const rows = [
      ['Ann', 'East', '12', '3', 'ann@x.com'],
      ['Bob', 'West', '', '1', 'bob@x.com'],
    ];
    // The user picked the kind (a team and an email column make it look like a roster).
    const m = mappingFor('rep_kpis', headers).mapping;
    const layout = kpiLayout(headers, m, rows);
    expect(layout.columns.map((c) => [c.header, c.metric])).toEqual([
      ['Calls', 'calls'],
      ['Win streak', 'custom:win streak'],
    ]);
    expect(layout.question).toEqual({ type: 'sheet' });
  });

  it('refuses without the month, and plans each column into its month with it', () => {
    const refused = kpiImportMapping('report.csv', expanded.headers, mapping, expanded.rows, undefined);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('kpi_period_required');
      expect(refused.error.message).toContain('"last month"');
    }
    const planned = kpiImportMapping('report.csv', expanded.headers, mapping, expanded.rows, {
      start: '2025-01-01',
      end: '2025-01-31',
    });
    expect(planned.ok).toBe(true);
    if (!planned.ok) return;
    expect(planned.value).toMatchObject(mapping);
    const kpi = Object.entries(planned.value).filter(([k]) => k.startsWith('kpi:'));
    expect(kpi).toHaveLength(30);
    expect(planned.value['kpi:1:2025-01-01..2025-01-31']).toBe('Outbound Calls (last month)');
    expect(planned.value['kpi:16:2024-12-01..2024-12-31']).toBe('Outbound Calls (month before last)');
    expect(parseKpiKey('kpi:16:2024-12-01..2024-12-31')).toEqual({
      index: 16,
      period: { type: 'fixed', start: '2024-12-01', end: '2024-12-31' },
    });
    const quarter = kpiImportMapping('report.csv', expanded.headers, mapping, expanded.rows, {
      start: '2024-10-01',
      end: '2024-12-31',
    });
    expect(!quarter.ok && quarter.error.code).toBe('kpi_period_not_month');
  });

  it('asks nothing when the rows or the headers date the values', () => {
    const headers = ['Rep', 'Month', 'Calls (last month)', 'Calls (this month)'];
    const rows = [['Ann', '2024-05', '3', '4']];
    const withColumn = { rep: 'Rep', period: 'Month' };
    const layout = kpiLayout(headers, withColumn, rows);
    expect(layout.rowPeriod).toBe('period');
    expect(layout.question).toBeNull();
    const planned = kpiImportMapping('m.csv', headers, withColumn, rows, undefined);
    expect(planned.ok && Object.keys(planned.value).filter((k) => k.startsWith('kpi:'))).toEqual([
      'kpi:2:row-1',
      'kpi:3:row0',
    ]);
    const dated = ['Rep', 'Calls (2024-04)', 'Calls (2024-05)'];
    expect(kpiLayout(dated, { rep: 'Rep' }, [['Ann', '1', '2']]).question).toBeNull();
    const none = kpiImportMapping('n.csv', ['Rep', 'Team'], { rep: 'Rep' }, [['Ann', 'East']], undefined);
    expect(!none.ok && none.error.code).toBe('no_kpi_columns');
  });
});

describe('rep KPI summaries: the period in import.run', () => {
  const base = { jobId: 'j', stagedId: 's', kind: 'rep_kpis', mapping: { rep: 'user_name' } };

  it('passes a valid period on, and only its dates', () => {
    const r = validateRequest('import.run', { ...base, period: { start: '2024-12-01', end: '2024-12-31' } });
    expect(r.ok && r.value).toEqual({ ...base, period: { start: '2024-12-01', end: '2024-12-31' } });
    expect(validateRequest('import.run', base).ok).toBe(true);
  });

  it.each([
    ['reversed', { start: '2024-12-31', end: '2024-12-01' }],
    ['not a date', { start: '2024-02-30', end: '2024-03-01' }],
    ['a month id', '2024-12'],
    ['an extra key', { start: '2024-12-01', end: '2024-12-31', label: 'x' }],
    ['a missing end', { start: '2024-12-01' }],
  ])('refuses a period that is %s', (_, period) => {
    const r = validateRequest('import.run', { ...base, period });
    expect(!r.ok && r.error.code).toBe('invalid_request');
  });
});
