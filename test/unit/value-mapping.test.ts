import { describe, expect, it } from 'vitest';
import { kindSpec } from '../../shared/import/field-catalog';
import {
  detectWithValues,
  guessableFields,
  guessFromValues,
  isCompanyName,
  isPersonName,
  profileColumn,
} from '../../shared/import/value-mapping';

/**
 * Columns mapped by their values when the headers say nothing. Samples are written by hand; the
 * expected roles and mappings are what a person reading the columns would say.
 */

/** Rows from columns: `table({ A: [...], B: [...] })` -> headers and rows. */
function table(columns: Record<string, string[]>): { headers: string[]; rows: string[][] } {
  const headers = Object.keys(columns);
  const length = Math.max(...headers.map((h) => (columns[h] as string[]).length));
  const rows = Array.from({ length }, (_, i) => headers.map((h) => (columns[h] as string[])[i] ?? ''));
  return { headers, rows };
}

const OWNERS = [
  'Anna Berg',
  'José Müller',
  'Anna Berg',
  'Li Wei',
  'José Müller',
  'Anna Berg',
  'Li Wei',
  'José Müller',
  'Anna Berg',
  'Li Wei',
];
const DATES = [
  '2024-01-15',
  '2024-01-22',
  '2024-02-03',
  '2024-02-14',
  '2024-02-20',
  '2024-03-01',
  '2024-03-11',
  '2024-03-18',
  '2024-03-29',
  '2024-04-05',
];
const AMOUNTS = [
  '12,500.00',
  '8000',
  '$45,000',
  '3200.50',
  '15000',
  '9900',
  '7,250.00',
  '21000',
  '6400',
  '11000',
];
const STAGES_EN = [
  'Closed Won',
  'Closed Lost',
  'Negotiation',
  'Prospecting',
  'Closed Won',
  'Negotiation',
  'Closed Won',
  'Qualification',
  'Closed Lost',
  'Closed Won',
];
const STAGES_ZH = ['赢单', '输单', '谈判', '方案报价', '赢单', '谈判', '赢单', '初步接洽', '输单', '赢单'];
const COMPANIES = [
  'Acme Corp',
  'Globex Inc.',
  'Initech GmbH',
  'Umbrella Ltd',
  'Hooli',
  'Acme Corp',
  'Vandelay Industries',
  'Soylent Co.',
  'Globex Inc.',
  'Massive Dynamic',
];

describe('profileColumn', () => {
  it('reads dates in every written form the importer parses', () => {
    expect(profileColumn(DATES).role).toBe('date');
    expect(
      profileColumn(['2024年3月1日', '2024/3/5', '3/4/2024', '31.12.2024', '2024-05-20 10:30', '20240601'])
        .role,
    ).toBe('date');
  });

  it('reads amounts: grouped, with currency, 万, decimal comma', () => {
    expect(profileColumn(AMOUNTS).role).toBe('amount');
    expect(profileColumn(['12.5万', '8万', '1,200,000', '￥30万', '45000']).role).toBe('amount');
    expect(profileColumn(['1.054,00', '12.500,50', '€ 300,00', '2.500', '99,90']).role).toBe('amount');
  });

  it('does not take numbers that are years, probabilities, counts or ids for amounts', () => {
    expect(profileColumn(['2021', '2022', '2023', '2024', '2022', '2023']).role).toBeNull();
    expect(profileColumn(['10', '25', '50', '75', '90', '100']).role).toBeNull();
    expect(profileColumn(['0.1', '0.25', '0.5', '0.75', '0.9']).role).toBeNull();
    expect(profileColumn(['3', '12', '45', '120', '7', '300']).role).toBeNull();
    const sequence = Array.from({ length: 12 }, (_, i) => String(10_001 + i));
    expect(profileColumn(sequence).role).toBe('id');
    // Unique, not round, not a sequence: an id or an amount, nobody can tell.
    expect(profileColumn(['48213', '17552', '90431', '33107', '61290']).role).toBeNull();
    // Unique but round: sums of money.
    expect(profileColumn(['12000', '8500', '45000', '3200', '15000']).role).toBe('amount');
  });

  it('reads code-like unique values as ids only with enough filled rows', () => {
    const ids = Array.from({ length: 10 }, (_, i) => `OPP-${String(i + 1).padStart(4, '0')}`);
    expect(profileColumn(ids).role).toBe('id');
    expect(profileColumn(ids.slice(0, 9)).role).toBeNull();
    expect(profileColumn([...ids, '']).role).toBeNull();
    expect(profileColumn([...ids, ids[0] as string]).role).toBeNull();
  });

  it('reads e-mail addresses', () => {
    expect(
      profileColumn(['ann@acme.com', 'bo@acme.com', 'cy@acme.com', 'di@acme.com', 'ed@acme.com']).role,
    ).toBe('email');
  });

  it('reads stage vocabulary in English and Chinese', () => {
    expect(profileColumn(STAGES_EN).role).toBe('stage');
    expect(profileColumn(STAGES_ZH).role).toBe('stage');
  });

  it('reads activity types, and refuses a column that is both stage and activity vocabulary', () => {
    expect(
      profileColumn([
        'Call',
        'Email',
        'Meeting',
        'Call',
        '电话',
        '拜访',
        'Call',
        'Email',
        'Call',
        'Visit',
        '电话',
        'Call',
      ]).role,
    ).toBe('activity_type');
    expect(
      profileColumn(['Demo', 'Presentation', 'Demo', 'Appointment', 'Demo', 'Presentation']).role,
    ).toBeNull();
  });

  it('tells a repeated person column (an owner) from a list of people', () => {
    expect(profileColumn(OWNERS).role).toBe('person_repeated');
    expect(profileColumn(['张伟', '李娜', '张伟', '王芳', '李娜', '张伟', '王芳', '欧阳娜娜']).role).toBe(
      'person_repeated',
    );
    expect(profileColumn(['Anna Berg', 'Bo Chen', 'Cy Diaz', 'Di Evans', 'Ed Fox']).role).toBe(
      'person_unique',
    );
  });

  it('reads company names with many distinct values as accounts', () => {
    expect(profileColumn(COMPANIES).role).toBe('company');
    expect(
      profileColumn([
        '北京星辰科技有限公司',
        '上海明月贸易有限公司',
        '深圳海风电子有限公司',
        '华为',
        '北京星辰科技有限公司',
      ]).role,
    ).toBe('company');
    // The seller's own two entities on every row are not accounts.
    expect(
      profileColumn(['Acme Corp', 'Acme Ltd', 'Acme Corp', 'Acme Ltd', 'Acme Corp', 'Acme Ltd']).role,
    ).toBeNull();
  });

  it('gives no role without clear evidence', () => {
    // Fewer than five values.
    expect(profileColumn(['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04']).role).toBeNull();
    // Only 70% dates.
    expect(
      profileColumn([
        '2024-01-01',
        '2024-01-02',
        '2024-01-03',
        '2024-01-04',
        '2024-01-05',
        '2024-01-06',
        '2024-01-07',
        'soon',
        'later',
        'tbd',
      ]).role,
    ).toBeNull();
    // Regions look like two-word names but are not people.
    expect(
      profileColumn([
        'North America',
        'West Coast',
        'North America',
        'South East',
        'West Coast',
        'North America',
      ]).role,
    ).toBeNull();
    // Free text.
    expect(profileColumn(['renewal', 'call back in March', 'upsell', 'price', 'urgent']).role).toBeNull();
  });

  it('skips missing markers', () => {
    expect(
      profileColumn([
        '2024-01-15',
        '',
        '-',
        'NULL',
        '2024-01-16',
        '2024-01-17',
        'n/a',
        '2024-01-18',
        '2024-01-19',
      ]).role,
    ).toBe('date');
  });
});

describe('name and company shapes', () => {
  it('knows person names', () => {
    for (const name of [
      'Anna Berg',
      'Berg, Anna',
      'José Müller',
      'Ludwig van Beethoven',
      'Joe Fields',
      "Sean O'Neil",
      'J. R. Smith',
      '张伟',
      '欧阳娜娜',
    ]) {
      expect(isPersonName(name), name).toBe(true);
    }
    for (const name of [
      'Acme Corp',
      'North America',
      'IBM',
      'anna berg',
      'Anna',
      'Team 7',
      'Left Voicemail',
      'Not Started',
      'Closed Won',
      '北京星辰科技有限公司',
      '华东',
    ]) {
      expect(isPersonName(name), name).toBe(false);
    }
  });

  it('knows company names', () => {
    for (const name of [
      'Acme Corp.',
      'Globex, Inc.',
      'Initech GmbH',
      'Vandelay Industries',
      '上海明月贸易有限公司',
    ]) {
      expect(isCompanyName(name), name).toBe(true);
    }
    for (const name of ['Hooli', 'Anna Berg', 'Corp', '华为']) {
      expect(isCompanyName(name), name).toBe(false);
    }
  });
});

describe('guessFromValues', () => {
  it('maps a header-less deals sample: owner by repetition, date, amount, stage, account', () => {
    const { headers, rows } = table({
      'Column 1': OWNERS,
      'Column 2': DATES,
      'Column 3': AMOUNTS,
      'Column 4': STAGES_EN,
      'Column 5': COMPANIES,
    });
    expect(guessFromValues('deals', headers, rows, {})).toEqual({
      owner: 'Column 1',
      close_date: 'Column 2',
      amount: 'Column 3',
      stage: 'Column 4',
      account: 'Column 5',
    });
  });

  it('maps Chinese stages and owners under headers in a language without synonyms', () => {
    const { headers, rows } = table({
      Vendedor: ['张伟', '李娜', '张伟', '王芳', '李娜', '张伟', '王芳', '张伟', '李娜', '王芳'],
      Etapa: STAGES_ZH,
      Importe: ['12.5万', '8万', '1,200,000', '￥30万', '45000', '9万', '20万', '15000', '6万', '11万'],
    });
    expect(guessFromValues('deals', headers, rows, {})).toEqual({
      owner: 'Vendedor',
      stage: 'Etapa',
      amount: 'Importe',
    });
  });

  it('leaves a field unmapped when two columns fit it', () => {
    const { headers, rows } = table({
      Rep: OWNERS,
      Contact: [
        'Zoe Ng',
        'Max Roe',
        'Zoe Ng',
        'Max Roe',
        'Zoe Ng',
        'Ida Lu',
        'Max Roe',
        'Ida Lu',
        'Zoe Ng',
        'Ida Lu',
      ],
      Created: DATES,
      Closed: DATES.map((d) => d.replace('2024', '2025')),
      Stage: STAGES_EN,
    });
    // Two person columns, two date columns: neither owner nor close date is guessed.
    expect(guessFromValues('deals', headers, rows, {})).toEqual({ stage: 'Stage' });
  });

  it('leaves a column without a clear role unmapped', () => {
    const { headers, rows } = table({
      Person: OWNERS,
      // 60% stage words, 40% something else: no stage.
      Mixed: [
        'Closed Won',
        'Negotiation',
        'blue',
        'Closed Won',
        'red',
        'Prospecting',
        'green',
        'Closed Lost',
        'blue',
        'Closed Won',
      ],
    });
    expect(guessFromValues('deals', headers, rows, {})).toEqual({ owner: 'Person' });
  });

  it('never overrides a header match and never reuses a mapped column', () => {
    const { headers, rows } = table({
      'Sales Rep': ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8', 'x9', 'x10'],
      Person: OWNERS,
      Amount: DATES,
      Phase: STAGES_EN,
    });
    const guessed = guessFromValues('deals', headers, rows, { owner: 'Sales Rep', amount: 'Amount' });
    expect(guessed).toEqual({ stage: 'Phase' });
    // The date column is the amount by its header: it is not the close date too.
    expect(guessed.close_date).toBeUndefined();
  });

  it('does not guess an owner whose name is split over first and last name columns', () => {
    const { headers, rows } = table({ Last: OWNERS.map((o) => o.split(' ')[1] as string), Person: OWNERS });
    expect(guessFromValues('deals', headers, rows, { family_name: 'Last' })).toEqual({});
  });

  it('guesses only fields whose catalog value type agrees with the role', () => {
    for (const kind of ['deals', 'activities', 'reps', 'accounts', 'quotas'] as const) {
      const types = new Map(kindSpec(kind).fields.map((f) => [f.id, f.valueType]));
      for (const { field, role } of guessableFields(kind)) {
        const expected =
          role === 'date' ? 'date' : role === 'amount' ? 'number' : role === 'id' ? 'id' : 'text';
        expect(types.get(field), `${kind}.${field}`).toBe(expected);
      }
    }
    expect(guessableFields('quotas')).toEqual([]);
    expect(guessableFields('deals').map((g) => g.field)).toEqual([
      'external_id',
      'owner',
      'stage',
      'amount',
      'close_date',
      'account',
    ]);
  });
});

describe('detectWithValues', () => {
  it('tells a deals file the headers cannot from its stage values', () => {
    const { headers, rows } = table({
      'Column 1': OWNERS,
      'Column 2': DATES,
      'Column 3': AMOUNTS,
      'Column 4': STAGES_EN,
    });
    expect(detectWithValues(headers, [])).toMatchObject({ best: null });
    const { best } = detectWithValues(headers, rows);
    expect(best).toMatchObject({ kind: 'deals', kindFromValues: true, missingRequired: [] });
    expect(best?.guessed).toEqual({
      owner: 'Column 1',
      close_date: 'Column 2',
      amount: 'Column 3',
      stage: 'Column 4',
    });
  });

  it('tells an activities file from its activity types', () => {
    const { headers, rows } = table({
      Wer: OWNERS,
      Wann: DATES,
      Was: ['Call', 'Email', 'Meeting', 'Call', 'Visit', 'Call', 'Email', 'Call', 'Meeting', 'Call'],
    });
    const { best } = detectWithValues(headers, rows);
    expect(best).toMatchObject({
      kind: 'activities',
      kindFromValues: true,
      guessed: { owner: 'Wer', activity_date: 'Wann', activity_type: 'Was' },
    });
  });

  it('gives no kind when amounts and dates are all there is, or when both kinds fit', () => {
    const plain = table({ A: OWNERS, B: DATES, C: AMOUNTS });
    expect(detectWithValues(plain.headers, plain.rows).best).toBeNull();
    const both = table({
      A: OWNERS,
      B: DATES,
      C: STAGES_EN,
      D: ['Call', 'Email', 'Meeting', 'Call', 'Visit', 'Call', 'Email', 'Call', 'Meeting', 'Call'],
    });
    expect(detectWithValues(both.headers, both.rows).best).toBeNull();
  });

  it('keeps the kind the headers tell and only fills what they left unmapped', () => {
    const { headers, rows } = table({
      'Opportunity Owner': OWNERS,
      Stage: STAGES_EN,
      'Close Date': DATES,
      Amount: AMOUNTS,
      Kunde: COMPANIES,
    });
    const { best } = detectWithValues(headers, rows);
    expect(best).toMatchObject({ kind: 'deals', kindFromValues: false, guessed: { account: 'Kunde' } });
    expect(best?.mapping).toMatchObject({
      owner: 'Opportunity Owner',
      stage: 'Stage',
      close_date: 'Close Date',
      amount: 'Amount',
      account: 'Kunde',
    });
  });

  it('fills a forced kind from values', () => {
    const { headers, rows } = table({ Person: OWNERS, When: DATES, Value: AMOUNTS });
    const { best } = detectWithValues(headers, rows, 'deals');
    expect(best).toMatchObject({
      kind: 'deals',
      kindFromValues: false,
      guessed: { owner: 'Person', close_date: 'When' },
      missingRequired: [],
    });
    expect(best?.mapping.amount).toBe('Value');
  });
});
