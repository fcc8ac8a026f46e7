import { describe, expect, it } from 'vitest';
import { API_METHODS } from '../../shared/api/contract';
import { isApiMethod, validateRequest } from '../../shared/api/validate';

describe('validateRequest', () => {
  it('knows every method of the contract and nothing else', () => {
    for (const m of API_METHODS) expect(isApiMethod(m)).toBe(true);
    expect(isApiMethod('constructor')).toBe(false);
    expect(isApiMethod('__proto__')).toBe(false);
    expect(isApiMethod(42)).toBe(false);
  });

  it('accepts well-formed requests', () => {
    expect(validateRequest('rankings.get', { period: '2017' }).ok).toBe(true);
    expect(validateRequest('workspace.info', {}).ok).toBe(true);
    expect(validateRequest('import.stage', { fileName: 'a.csv', bytes: new Uint8Array([1]) }).ok).toBe(true);
    expect(
      validateRequest('import.run', {
        jobId: 'j',
        stagedId: 's',
        kind: 'deals',
        mapping: { owner: 'Owner', amount: null },
      }).ok,
    ).toBe(true);
  });

  it('passes the date order and stage choices of import.run through, and nothing else', () => {
    const r = validateRequest('import.run', {
      jobId: 'j',
      stagedId: 's',
      kind: 'deals',
      mapping: { owner: 'Seller' },
      dateOrder: 'dmy',
      stageMap: {
        'Signed up': { status: 'won', funnel: 'signed' },
        Talking: { status: 'open', funnel: null },
      },
      extra: 'dropped',
    });
    expect(r).toEqual({
      ok: true,
      value: {
        jobId: 'j',
        stagedId: 's',
        kind: 'deals',
        mapping: { owner: 'Seller' },
        dateOrder: 'dmy',
        stageMap: {
          'Signed up': { status: 'won', funnel: 'signed' },
          Talking: { status: 'open', funnel: null },
        },
      },
    });
    const many = Object.fromEntries(
      Array.from({ length: 1001 }, (_, i) => [`s${i}`, { status: 'open', funnel: null }]),
    );
    expect(
      validateRequest('import.run', { jobId: 'j', stagedId: 's', kind: 'deals', mapping: {}, stageMap: many })
        .ok,
    ).toBe(false);
    expect(
      validateRequest('import.remap', { stagedId: 's', kind: 'deals', mapping: { owner: 'Seller' } }).ok,
    ).toBe(true);
  });

  it.each([
    ['rankings.get', null],
    ['rankings.get', { period: 2017 }],
    ['rankings.get', { period: '2017', weights: { groups: { results: -1, activity: 1 }, kpis: {} } }],
    ['rankings.get', { period: '2017', weights: { groups: { results: 1, activity: 1 }, kpis: { evil: 1 } } }],
    ['import.stage', { fileName: 'a.csv', bytes: 'not bytes' }],
    ['import.stage', { fileName: '', bytes: new Uint8Array([1]) }],
    ['import.run', { jobId: 'j', stagedId: 's', kind: 'payroll', mapping: {} }],
    ['import.run', { jobId: 'j', stagedId: 's', kind: 'deals', mapping: { owner: 42 } }],
    ['import.rejectedCsv', { batchId: '1; DROP TABLE deals' }],
    ['import.rejectedCsv', { batchId: -1 }],
    ['workspace.info', 'x'],
    ['reps.merge', { fromId: 3, intoId: 3 }],
    ['reps.merge', { fromId: 3, intoId: 1.5 }],
    ['reps.dismissDuplicate', { repIds: [1] }],
    ['import.undo', { batchId: 0 }],
    ['import.run', { jobId: 'j', stagedId: 's', kind: 'deals', mapping: {}, dateOrder: 'ymd' }],
    ['import.run', { jobId: 'j', stagedId: 's', kind: 'deals', mapping: {}, dateOrder: null }],
    ['import.run', { jobId: 'j', stagedId: 's', kind: 'deals', mapping: {}, stageMap: [] }],
    ['import.run', { jobId: 'j', stagedId: 's', kind: 'deals', mapping: {}, stageMap: { Won: 'won' } }],
    [
      'import.run',
      {
        jobId: 'j',
        stagedId: 's',
        kind: 'deals',
        mapping: {},
        stageMap: { Won: { status: 'maybe', funnel: null } },
      },
    ],
    [
      'import.run',
      {
        jobId: 'j',
        stagedId: 's',
        kind: 'deals',
        mapping: {},
        stageMap: { Won: { status: 'won', funnel: 'closed' } },
      },
    ],
    [
      'import.run',
      {
        jobId: 'j',
        stagedId: 's',
        kind: 'deals',
        mapping: {},
        stageMap: { Won: { status: 'won', funnel: null, x: 1 } },
      },
    ],
    [
      'import.run',
      {
        jobId: 'j',
        stagedId: 's',
        kind: 'deals',
        mapping: {},
        stageMap: { '': { status: 'won', funnel: null } },
      },
    ],
    ['import.remap', { stagedId: 's', kind: 'payroll', mapping: {} }],
    ['import.remap', { stagedId: 's', kind: 'deals', mapping: { owner: 1 } }],
  ] as const)('refuses %s with %j', (method, payload) => {
    const r = validateRequest(method, payload);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('invalid_request');
  });
});
