import { describe, expect, it } from 'vitest';
import { bestKind, detectKinds, detectPreset } from '../../shared/import/detect-mapping';

/**
 * Header rows as each CRM exports deals. Where no public export exists (see ../shared/data/README),
 * the spellings come from the CRMs' documented export columns and other projects' fixtures.
 */
const LAYOUTS: {
  crm: string;
  headers: string[];
  preset: string | null;
  expect: Record<string, string>;
}[] = [
  {
    crm: 'HubSpot',
    headers: [
      'Record ID',
      'Deal Name',
      'Deal Stage',
      'Amount',
      'Deal owner',
      'Close Date',
      'Pipeline',
      'Create Date',
    ],
    preset: 'hubspot',
    expect: {
      external_id: 'Record ID',
      owner: 'Deal owner',
      stage: 'Deal Stage',
      amount: 'Amount',
      close_date: 'Close Date',
      created_date: 'Create Date',
      name: 'Deal Name',
    },
  },
  {
    crm: 'Pipedrive',
    headers: [
      'Deal - ID',
      'Deal - Title',
      'Deal - Value',
      'Deal - Currency',
      'Deal - Owner',
      'Deal - Stage',
      'Deal - Status',
      'Deal - Won time',
      'Deal - Deal created',
      'Deal - Organization',
    ],
    preset: 'pipedrive',
    expect: {
      external_id: 'Deal - ID',
      owner: 'Deal - Owner',
      stage: 'Deal - Stage',
      status: 'Deal - Status',
      amount: 'Deal - Value',
      currency: 'Deal - Currency',
      // Won deals only: lost deals keep their date in "Lost time" (issue #12).
      won_date: 'Deal - Won time',
      account: 'Deal - Organization',
    },
  },
  {
    crm: 'Zoho CRM',
    headers: [
      'Record Id',
      'Deal Name',
      'Account Name',
      'Account Name.id',
      'Contact Name',
      'Stage',
      'Closing Date',
      'Amount',
      'Deal Owner',
    ],
    preset: 'zoho',
    expect: {
      external_id: 'Record Id',
      owner: 'Deal Owner',
      stage: 'Stage',
      amount: 'Amount',
      close_date: 'Closing Date',
      account: 'Account Name',
    },
  },
  {
    crm: 'Microsoft Dynamics 365',
    headers: [
      '(Do Not Modify) Opportunity',
      'Topic',
      'Potential Customer',
      'Est. Close Date',
      'Est. Revenue',
      'Status',
      'Status Reason',
      'Owner',
      'Actual Close Date',
      'Actual Revenue',
    ],
    preset: 'dynamics365',
    expect: {
      owner: 'Owner',
      status: 'Status',
      amount: 'Actual Revenue',
      close_date: 'Actual Close Date',
      expected_close_date: 'Est. Close Date',
      account: 'Potential Customer',
      name: 'Topic',
    },
  },
  {
    crm: 'Salesforce (API names)',
    headers: [
      'Id',
      'Name',
      'Account.Name',
      'Owner.Name',
      'StageName',
      'Amount',
      'CloseDate',
      'CreatedDate',
      'CurrencyIsoCode',
    ],
    preset: 'salesforce-api',
    expect: {
      external_id: 'Id',
      owner: 'Owner.Name',
      stage: 'StageName',
      amount: 'Amount',
      close_date: 'CloseDate',
      created_date: 'CreatedDate',
      account: 'Account.Name',
      currency: 'CurrencyIsoCode',
    },
  },
  {
    crm: 'Salesforce (report labels)',
    headers: [
      'Opportunity Owner',
      'Account Name',
      'Opportunity Name',
      'Stage',
      'Amount',
      'Close Date',
      'Created Date',
    ],
    preset: 'salesforce-report',
    expect: {
      owner: 'Opportunity Owner',
      stage: 'Stage',
      amount: 'Amount',
      close_date: 'Close Date',
      account: 'Account Name',
      name: 'Opportunity Name',
    },
  },
  {
    crm: '纷享销客',
    headers: ['商机名称', '客户名称', '负责人', '商机金额', '销售阶段', '结单日期', '创建时间', '商机状态'],
    preset: 'chinese-crm',
    expect: {
      owner: '负责人',
      stage: '销售阶段',
      status: '商机状态',
      amount: '商机金额',
      close_date: '结单日期',
      created_date: '创建时间',
      account: '客户名称',
      name: '商机名称',
    },
  },
  {
    crm: '销售易',
    headers: ['机会名称', '客户名称', '所有人', '销售金额', '销售阶段', '结单日期', '创建日期', '赢率'],
    preset: 'chinese-crm',
    expect: {
      owner: '所有人',
      stage: '销售阶段',
      amount: '销售金额',
      close_date: '结单日期',
      created_date: '创建日期',
      account: '客户名称',
      name: '机会名称',
    },
  },
];

describe('deals exports of each CRM', () => {
  it.each(LAYOUTS)('$crm: recognised as deals and mapped', ({ headers, expect: mapping }) => {
    const best = bestKind(detectKinds(headers));
    expect(best?.kind).toBe('deals');
    expect(best?.missingRequired).toEqual([]);
    expect(best?.mapping).toMatchObject(mapping);
  });

  it.each(LAYOUTS.filter((l) => l.preset !== null))(
    '$crm: named as preset $preset',
    ({ headers, preset }) => {
      expect(detectPreset(headers)).toBe(preset);
    },
  );
});

/**
 * Call exports give talk time in minutes or in seconds; a column of seconds read as minutes would
 * make every call of a few seconds a conversation (callConnected). Header spellings: Salesforce
 * task and event fields, Zoho's Calls module, Dynamics 365 phone calls (Actual Duration, in
 * minutes), telephony logs, Chinese call logs.
 */
describe('activity exports: the duration column and its unit', () => {
  const base = ['Assigned To', 'Activity Type', 'Subject', 'Activity Date'];
  it.each([
    ['CallDurationInSeconds', 'duration_seconds'],
    ['Call Duration (in seconds)', 'duration_seconds'],
    ['Duration (seconds)', 'duration_seconds'],
    ['Duration (sec)', 'duration_seconds'],
    ['Duration (s)', 'duration_seconds'],
    ['Talk Time (secs)', 'duration_seconds'],
    ['通话时长（秒）', 'duration_seconds'],
    ['通话时长(秒)', 'duration_seconds'],
    ['Duration (min)', 'duration'],
    ['DurationInMinutes', 'duration'],
    ['Duration', 'duration'],
    ['Call Duration', 'duration'],
    ['Actual Duration', 'duration'],
    ['时长', 'duration'],
  ])('%s feeds %s', (header, field) => {
    const best = bestKind(detectKinds([...base, header]));
    expect(best?.kind).toBe('activities');
    const other = field === 'duration' ? 'duration_seconds' : 'duration';
    expect(best?.mapping[field]).toBe(header);
    expect(best?.mapping[other]).toBeNull();
  });

  it('a file with both keeps each column to its own unit', () => {
    const best = bestKind(detectKinds([...base, 'CallDurationInSeconds', 'DurationInMinutes']));
    expect(best?.mapping).toMatchObject({
      duration: 'DurationInMinutes',
      duration_seconds: 'CallDurationInSeconds',
    });
  });
});
