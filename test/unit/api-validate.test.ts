import { describe, expect, it } from 'vitest';
import { API_METHODS, HOST_METHODS } from '../../shared/api/contract';
import { isApiMethod, validateRequest } from '../../shared/api/validate';

describe('validateRequest', () => {
  it('knows every method of the contract and nothing else', () => {
    for (const m of API_METHODS) expect(isApiMethod(m)).toBe(true);
    // Host methods (a path on this machine) are never callable by a page by name.
    for (const m of HOST_METHODS) expect(isApiMethod(m)).toBe(false);
    expect(API_METHODS).not.toContain('import.stagePath');
    expect(API_METHODS).not.toContain('import.files');
    expect(isApiMethod('constructor')).toBe(false);
    expect(isApiMethod('__proto__')).toBe(false);
    expect(isApiMethod(42)).toBe(false);
  });

  it('takes a staged id, and nothing else, to unstage', () => {
    expect(validateRequest('import.unstage', { stagedId: 's-1' })).toEqual({
      ok: true,
      value: { stagedId: 's-1' },
    });
    expect(validateRequest('import.unstage', { stagedId: 'x'.repeat(65) }).ok).toBe(false);
    expect(validateRequest('import.unstage', { stagedId: 7 }).ok).toBe(false);
    expect(validateRequest('import.unstage', null).ok).toBe(false);
  });

  it('accepts well-formed requests', () => {
    expect(validateRequest('rankings.get', { period: '2017' }).ok).toBe(true);
    const withSettings = validateRequest('rankings.get', {
      period: '2017',
      settings: { peerGroup: 'team', weights: { kpis: { won_revenue: 5, calls: 3 } } },
    });
    expect(withSettings.ok).toBe(true);
    if (withSettings.ok) {
      // Filled with defaults; a KPI shown but not ranked keeps weight 0 whatever is sent.
      expect(withSettings.value.settings?.peerGroup).toBe('team');
      expect(withSettings.value.settings?.weights.kpis.won_revenue).toBe(5);
      expect(withSettings.value.settings?.weights.kpis.calls).toBe(0);
      expect(withSettings.value.settings?.substantiveTouches).toBe(3);
    }
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

  it('passes the date order and stage choices of import.run through, and refuses other keys', () => {
    const request = {
      jobId: 'j',
      stagedId: 's',
      kind: 'deals',
      mapping: { owner: 'Seller' },
      dateOrder: 'dmy',
      stageMap: {
        'Signed up': { status: 'won', funnel: 'signed' },
        Talking: { status: 'open', funnel: null },
      },
    };
    // A key the contract does not name is refused, not dropped (issue #13).
    expect(validateRequest('import.run', { ...request, extra: 'x' }).ok).toBe(false);
    const r = validateRequest('import.run', request);
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
    '/home/ana/Downloads/activities 2024.csv',
    '/tmp/x',
    'C:\\Users\\Ana\\Downloads\\deals.xlsx',
    'D:/exports/deals.csv',
    '\\\\fileserver\\sales\\export.csv',
  ])('accepts import.stagePath for the absolute path %s', (path) => {
    expect(validateRequest('import.stagePath', { path, fileName: 'deals.csv', extra: 1 }).ok).toBe(false);
    expect(validateRequest('import.stagePath', { path, fileName: 'deals.csv' })).toEqual({
      ok: true,
      value: { path, fileName: 'deals.csv' },
    });
  });

  it.each([
    ['relative', 'exports/deals.csv'],
    ['dot-relative', './deals.csv'],
    ['home-relative', '~/deals.csv'],
    ['drive-relative', 'C:deals.csv'],
    ['a .. segment', '/home/ana/../bob/deals.csv'],
    ['a . segment', '/home/ana/./deals.csv'],
    ['a Windows device', '\\\\.\\PhysicalDrive0'],
    ['a Windows raw path', '\\\\?\\C:\\deals.csv'],
    ['a NUL', '/tmp/deals.csv\0.txt'],
    ['an empty string', ''],
    ['too long', `/${'a'.repeat(4096)}`],
    ['not a string', 42],
  ])('refuses import.stagePath with a path that is %s', (_why, path) => {
    const r = validateRequest('import.stagePath', { path, fileName: 'deals.csv' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(!r.ok && r.error.message).toContain('path');
  });

  it('takes import.files as absolute paths and an optional KPI period, rebuilt from the checked values', () => {
    const paths = ['/home/ana/exports/deals.csv', 'C:\\Users\\Ana\\reps.xlsx', '/home/ana/exports/deals.csv'];
    // The same file twice is the caller's to decide (it imports unchanged the second time).
    expect(validateRequest('import.files', { paths })).toEqual({ ok: true, value: { paths } });
    const period = { start: '2024-05-01', end: '2024-05-31' };
    const r = validateRequest('import.files', { paths: ['/tmp/kpis.csv'], period });
    expect(r).toEqual({ ok: true, value: { paths: ['/tmp/kpis.csv'], period } });
    expect(r.ok && r.value.paths).not.toBe(paths);
    expect(validateRequest('import.files', { paths, extra: 1 }).ok).toBe(false);
  });

  it.each([
    ['no paths key', {}],
    ['no paths', { paths: [] }],
    ['too many paths', { paths: Array.from({ length: 10_001 }, (_, i) => `/tmp/${i}.csv`) }],
    ['paths as one string', { paths: '/tmp/deals.csv' }],
    ['a relative path', { paths: ['/tmp/reps.csv', 'exports/deals.csv'] }],
    ['a .. segment', { paths: ['/home/ana/../bob/deals.csv'] }],
    ['a NUL', { paths: ['/tmp/deals.csv\0.txt'] }],
    ['a path that is not a string', { paths: [42] }],
    // eslint-disable-next-line no-sparse-arrays
    ['a hole in the list', { paths: [, '/tmp/deals.csv'] }],
    ['a period that is a string', { paths: ['/tmp/kpis.csv'], period: '2024-05' }],
    [
      'a period ending before it starts',
      { paths: ['/tmp/k.csv'], period: { start: '2024-05-31', end: '2024-05-01' } },
    ],
    [
      'a period with another key',
      { paths: ['/tmp/k.csv'], period: { start: '2024-05-01', end: '2024-05-31', x: 1 } },
    ],
    ['not an object', ['/tmp/deals.csv']],
  ])('refuses import.files with %s', (_why, payload) => {
    const r = validateRequest('import.files', payload);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('names the refused path of import.files by its place in the list', () => {
    const r = validateRequest('import.files', { paths: ['/tmp/a.csv', 'b.csv'] });
    expect(!r.ok && r.error.message).toContain('paths[1]');
  });

  it.each([
    ['rankings.get', null],
    ['import.stagePath', { path: '/tmp/deals.csv' }],
    ['import.stagePath', { path: '/tmp/deals.csv', fileName: '' }],
    ['import.stagePath', { path: '/tmp/deals.csv', fileName: 'x'.repeat(513) }],
    ['import.stagePath', '/tmp/deals.csv'],
    ['rankings.get', { period: 2017 }],
    ['rankings.get', { period: '2017', settings: { weights: { groups: { results: -1, activity: 1 } } } }],
    ['rankings.get', { period: '2017', settings: { weights: { kpis: { evil: 1 } } } }],
    ['rankings.get', { period: '2017', settings: { evil: true } }],
    ['rankings.get', { period: '2017', settings: { holidays: ['2017-02-30'] } }],
    ['rankings.get', { period: '2017', settings: { tiers: { revenueCutoffs: [95, 80] } } }],
    ['rankings.get', { period: '2017', settings: { minActiveDays: 1.5 } }],
    ['rankings.trend', { period: '2017', settings: { trendPeriods: 12 } }],
    ['settings.save', { settings: { peerGroup: 'galaxy' } }],
    ['settings.save', {}],
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

describe('validateRequest: coaching', () => {
  const goal = {
    practice: 'meetings_per_week',
    baseline: 2.5,
    target: 3.25,
    deadline: '2018-03-31',
    period: '2018-Q1',
    text: { en: 'Hold 3.3 meetings a week.', zh: '每周 3.3 次会议。' },
  };

  it('passes well-formed coaching requests through, settings filled in', () => {
    expect(validateRequest('coaching.team', { period: '2017' })).toEqual({
      ok: true,
      value: { period: '2017' },
    });
    const rep = validateRequest('coaching.rep', {
      period: '2017-Q4',
      repId: 7,
      topBy: 'composite',
      settings: { peerGroup: 'team' },
    });
    expect(rep.ok).toBe(true);
    if (rep.ok) {
      expect(rep.value).toMatchObject({ period: '2017-Q4', repId: 7, topBy: 'composite' });
      expect(rep.value.settings?.peerGroup).toBe('team');
      expect(rep.value.settings?.substantiveTouches).toBe(3);
    }
    expect(validateRequest('coaching.savePlan', { repId: 3, period: '2017-Q4', goals: [goal] })).toEqual({
      ok: true,
      value: { repId: 3, period: '2017-Q4', goals: [goal] },
    });
    // An empty plan is a plan (the director removed every goal but wants the record).
    expect(validateRequest('coaching.savePlan', { repId: 3, period: '2017', goals: [] }).ok).toBe(true);
    expect(
      validateRequest('coaching.addNote', { repId: 3, text: 'x'.repeat(10_000), period: '2017' }).ok,
    ).toBe(true);
    expect(validateRequest('coaching.addNote', { repId: 3, text: '好' })).toEqual({
      ok: true,
      value: { repId: 3, text: '好' },
    });
    expect(validateRequest('coaching.deleteNote', { noteId: 12 })).toEqual({
      ok: true,
      value: { noteId: 12 },
    });
  });

  it.each([
    ['coaching.team', { period: '2017', extra: 1 }],
    ['coaching.team', { period: '' }],
    ['coaching.team', { period: '2017', topBy: 'activity' }],
    ['coaching.team', { period: '2017', settings: { peerGroup: 'planet' } }],
    ['coaching.team', null],
    ['coaching.rep', { period: '2017' }],
    ['coaching.rep', { period: '2017', repId: 0 }],
    ['coaching.rep', { period: '2017', repId: 1.5 }],
    ['coaching.rep', { period: '2017', repId: '1' }],
    ['coaching.rep', { period: '2017', repId: 1, noteId: 2 }],
    ['coaching.addNote', { repId: 1, text: '' }],
    ['coaching.addNote', { repId: 1, text: '   \n ' }],
    ['coaching.addNote', { repId: 1, text: 'x'.repeat(10_001) }],
    ['coaching.addNote', { repId: 1, text: 42 }],
    ['coaching.addNote', { repId: 1, text: 'ok', period: 2017 }],
    ['coaching.addNote', { repId: 1, text: 'ok', createdAt: '2020-01-01' }],
    ['coaching.addNote', { text: 'ok' }],
    ['coaching.deleteNote', { noteId: -1 }],
    ['coaching.deleteNote', { noteId: 1, repId: 1 }],
    ['coaching.deleteNote', []],
    ['coaching.savePlan', { repId: 1, period: '2017', goals: 'none' }],
    ['coaching.savePlan', { repId: 1, period: '2017', goals: Array.from({ length: 11 }, () => goal) }],
    ['coaching.savePlan', { repId: 1, period: '2017', goals: [goal, goal] }],
    ['coaching.savePlan', { repId: 1, period: '2017', goals: [goal], planId: 4 }],
    ['coaching.savePlan', { repId: 1, goals: [goal] }],
    ['coaching.savePlan', { repId: 1, period: '2017', goals: [{ ...goal, practice: 'charisma' }] }],
    ['coaching.savePlan', { repId: 1, period: '2017', goals: [{ ...goal, target: Number.NaN }] }],
    ['coaching.savePlan', { repId: 1, period: '2017', goals: [{ ...goal, target: Infinity }] }],
    ['coaching.savePlan', { repId: 1, period: '2017', goals: [{ ...goal, baseline: '2.5' }] }],
    ['coaching.savePlan', { repId: 1, period: '2017', goals: [{ ...goal, deadline: '2018-02-30' }] }],
    ['coaching.savePlan', { repId: 1, period: '2017', goals: [{ ...goal, period: '' }] }],
    ['coaching.savePlan', { repId: 1, period: '2017', goals: [{ ...goal, status: 'met' }] }],
    ['coaching.savePlan', { repId: 1, period: '2017', goals: [{ ...goal, text: { en: 'x' } }] }],
    [
      'coaching.savePlan',
      { repId: 1, period: '2017', goals: [{ ...goal, text: { en: 'x', zh: 'y', fr: 'z' } }] },
    ],
    [
      'coaching.savePlan',
      { repId: 1, period: '2017', goals: [{ ...goal, text: { en: 'x'.repeat(2001), zh: 'y' } }] },
    ],
    ['coaching.savePlan', { repId: 1, period: '2017', goals: [null] }],
  ] as const)('refuses %s with %j', (method, payload) => {
    const r = validateRequest(method, payload);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('invalid_request');
  });

  it('says which goal and field were refused', () => {
    const r = validateRequest('coaching.savePlan', {
      repId: 1,
      period: '2017',
      goals: [goal, { ...goal, practice: 'win_rate', target: Number.POSITIVE_INFINITY }],
    });
    expect(!r.ok && r.error.message).toBe('Invalid request: goals[1]: target');
  });
});
