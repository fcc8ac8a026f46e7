import { describe, expect, it } from 'vitest';
import { API_METHODS, HOST_METHODS, type ApiMethod } from '../../shared/api/contract';
import { validateRequest } from '../../shared/api/validate';
import { parseAnalysisSettings } from '../../shared/analysis/settings';

/**
 * Own-key checks for every payload a host validates (issue #13, item 7). A page sends JSON (or a
 * structured clone), which makes `__proto__`, `constructor`, `toString` ... ordinary own keys:
 * a check like `k in defaults` or a read like `p.constructor` finds them on the prototype and
 * lets them through. Payloads here are built with JSON.parse, as a page would send them.
 */

const PROTO_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

/** A valid payload for every method of the contract. */
const VALID: { [M in ApiMethod]: Record<string, unknown> } = {
  'workspace.info': {},
  'workspace.openDemo': {},
  'workspace.openUser': {},
  'workspace.setCurrency': { currency: 'EUR' },
  'workspace.setReportLogo': { logo: null },
  'import.stage': { fileName: 'a.csv', bytes: new Uint8Array([1]) },
  'import.stagePath': { path: '/tmp/a.csv', fileName: 'a.csv' },
  'import.redetect': { stagedId: 's', kind: 'deals', sheet: 'Sheet1' },
  'import.remap': { stagedId: 's', kind: 'deals', mapping: { owner: 'Owner' } },
  'import.run': {
    jobId: 'j',
    stagedId: 's',
    kind: 'deals',
    mapping: { owner: 'Owner' },
    dateOrder: 'dmy',
    stageMap: { Won: { status: 'won', funnel: 'signed' } },
    period: { start: '2024-05-01', end: '2024-05-31' },
  },
  'import.files': {
    paths: ['/tmp/a.csv', '/tmp/b.xlsx'],
    period: { start: '2024-05-01', end: '2024-05-31' },
  },
  'import.cancel': { jobId: 'j' },
  'import.unstage': { stagedId: 's' },
  'import.history': {},
  'import.rejectedCsv': { batchId: 1 },
  'import.undo': { batchId: 1 },
  'reps.duplicates': {},
  'reps.merge': { fromId: 1, intoId: 2 },
  'reps.dismissDuplicate': { repIds: [1, 2] },
  'rankings.get': { period: '2017', settings: { peerGroup: 'team' } },
  'rankings.trend': { period: '2017' },
  'settings.get': {},
  'settings.save': { settings: { peerGroup: 'team', tiers: { method: 'revenue' } } },
  'coaching.team': { period: '2017' },
  'coaching.rep': { period: '2017', repId: 1 },
  'coaching.savePlan': { repId: 1, period: '2017', goals: [] },
  'coaching.addNote': { repId: 1, text: 'note' },
  'coaching.deleteNote': { noteId: 1 },
  'teams.plan': { period: '2025' },
  'teams.exportCsv': { period: '2025' },
  'teams.scenarios': {},
  'teams.saveScenario': { period: '2025', name: 'Plan A', assignment: [{ repId: 1, leaderId: 1 }] },
  'teams.deleteScenario': { scenarioId: 1 },
  'teams.check': { scenarioId: 1 },
  'reports.dossier': { period: '2017', lang: 'en', repId: 1 },
  'reports.director': { period: '2017', lang: 'en' },
  'reports.print': { period: '2017', lang: 'en', jobId: 'j', allReps: true },
  'reports.printTo': { period: '2017', lang: 'en', jobId: 'j', allReps: true, dir: '/tmp/out' },
  'reports.printedFile': { jobId: 'j', fileName: 'a.pdf' },
  'reports.cancel': { jobId: 'j' },
};

const METHODS = [...API_METHODS, ...HOST_METHODS];

/** `base` with one more own key, as JSON.parse makes it (bytes survive: they are added back). */
function withKey(base: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const { bytes, ...rest } = base;
  const parsed = JSON.parse(JSON.stringify({ ...rest, [key]: value })) as Record<string, unknown>;
  if (bytes !== undefined) parsed.bytes = bytes;
  expect(Object.hasOwn(parsed, key)).toBe(true);
  return parsed;
}

const message = (r: { ok: boolean; error?: { message: string } }): string => (r.ok ? '' : r.error!.message);

describe('every validator: own keys only', () => {
  it('lists every method of the contract', () => {
    expect(Object.keys(VALID).sort()).toEqual([...METHODS].sort());
  });

  it.each(METHODS)('accepts the valid payload of %s', (method) => {
    expect(validateRequest(method, VALID[method]).ok).toBe(true);
  });

  it.each(METHODS)('refuses __proto__, constructor, toString, hasOwnProperty as keys of %s', (method) => {
    for (const key of PROTO_KEYS) {
      for (const value of [1, 'x', { polluted: true }]) {
        const r = validateRequest(method, withKey(VALID[method], key, value));
        expect(r.ok, `${method} ${key}`).toBe(false);
        expect(r.ok ? '' : r.error.code).toBe('invalid_request');
        expect(message(r), `${method} ${key}`).toContain(key);
      }
    }
  });

  it.each(METHODS)('refuses a key the contract does not name in %s', (method) => {
    expect(validateRequest(method, withKey(VALID[method], 'extra', 1)).ok).toBe(false);
  });

  it.each(METHODS)('never reads a field inherited from the prototype in %s', (method) => {
    const { bytes, ...rest } = VALID[method];
    if (Object.keys(rest).length === 0 && bytes === undefined) return; // nothing to inherit
    const inherited = Object.create({ ...VALID[method] }) as object;
    expect(validateRequest(method, inherited).ok, method).toBe(false);
  });

  it('refuses prototype names inside settings, weights and tiers of every method that takes settings', () => {
    const withSettings = [
      'rankings.get',
      'rankings.trend',
      'settings.save',
      'coaching.team',
      'coaching.rep',
      'teams.plan',
      'teams.check',
      'reports.dossier',
    ] as const;
    for (const method of withSettings) {
      for (const key of PROTO_KEYS) {
        const nested: Record<string, unknown>[] = [
          JSON.parse(`{"${key}": {"peerGroup": "team"}}`) as Record<string, unknown>,
          { tiers: JSON.parse(`{"method": "revenue", "${key}": 1}`) as unknown },
          { weights: JSON.parse(`{"${key}": {"results": 1}}`) as unknown },
          { weights: { groups: JSON.parse(`{"results": 50, "${key}": 1}`) as unknown } },
          { weights: { kpis: JSON.parse(`{"won_revenue": 3, "${key}": 1}`) as unknown } },
        ];
        for (const settings of nested) {
          const r = validateRequest(method, { ...VALID[method], settings });
          expect(r.ok, `${method} ${key} ${JSON.stringify(settings)}`).toBe(false);
          expect(message(r)).toContain('settings');
        }
      }
    }
  });

  it('refuses prototype names as keys of import.run and import.remap mappings, stage maps and periods', () => {
    for (const key of PROTO_KEYS) {
      const mapping = JSON.parse(`{"owner": "Owner", "${key}": "Owner"}`) as unknown;
      expect(validateRequest('import.remap', { ...VALID['import.remap'], mapping }).ok, key).toBe(false);
      expect(validateRequest('import.run', { ...VALID['import.run'], mapping }).ok, key).toBe(false);
      const choice = JSON.parse(`{"status": "won", "funnel": null, "${key}": 1}`) as unknown;
      expect(validateRequest('import.run', { ...VALID['import.run'], stageMap: { Won: choice } }).ok).toBe(
        false,
      );
      const period = JSON.parse(`{"start": "2024-05-01", "end": "2024-05-31", "${key}": 1}`) as unknown;
      expect(validateRequest('import.run', { ...VALID['import.run'], period }).ok, key).toBe(false);
      expect(validateRequest('import.files', { ...VALID['import.files'], period }).ok, key).toBe(false);
    }
    // A stage value is data from the CRM, read as own entries; only `__proto__`, which an
    // assignment would turn into a prototype, is refused as one.
    const stageMap = JSON.parse('{"__proto__": {"status": "won", "funnel": null}}') as unknown;
    expect(validateRequest('import.run', { ...VALID['import.run'], stageMap }).ok).toBe(false);
    const toStringStage = JSON.parse('{"toString": {"status": "won", "funnel": null}}') as unknown;
    const r = validateRequest('import.run', { ...VALID['import.run'], stageMap: toStringStage });
    expect(r.ok).toBe(true);
    if (r.ok) expect(Object.hasOwn(r.value.stageMap!, 'toString')).toBe(true);
  });

  it('reads only the own entries of import.files paths: a hole is refused, not read through the prototype', () => {
    const arrayLike = JSON.parse('{"0": "/tmp/a.csv", "length": 1}') as unknown;
    expect(validateRequest('import.files', { paths: arrayLike }).ok).toBe(false);
    // eslint-disable-next-line no-sparse-arrays
    const holed: unknown[] = [, '/tmp/b.csv'];
    Object.setPrototypeOf(
      holed,
      Object.assign(Object.create(Array.prototype) as object, { 0: '/etc/passwd' }),
    );
    expect(holed[0]).toBe('/etc/passwd');
    const r = validateRequest('import.files', { paths: holed });
    expect(r.ok).toBe(false);
    expect(message(r)).toContain('paths[0]');
    // A good list comes back rebuilt: a plain array of the checked values.
    const paths = ['/tmp/a.csv'];
    const good = validateRequest('import.files', { paths });
    expect(good).toEqual({ ok: true, value: { paths: ['/tmp/a.csv'] } });
    expect(good.ok && good.value.paths).not.toBe(paths);
  });

  it('rebuilds the request from own values: an array-like or class instance is not a payload', () => {
    class Payload {
      batchId = 1;
    }
    expect(validateRequest('import.undo', new Payload()).ok).toBe(false);
    expect(validateRequest('import.undo', [1]).ok).toBe(false);
  });
});

describe('parseAnalysisSettings: own keys', () => {
  it.each(PROTO_KEYS)('refuses %s as a setting or a tier setting in strict mode', (key) => {
    const top = parseAnalysisSettings(JSON.parse(`{"${key}": 1}`), { strict: true });
    expect(top.ok).toBe(false);
    const tiers = parseAnalysisSettings({ tiers: JSON.parse(`{"${key}": 1}`) as unknown }, { strict: true });
    expect(tiers.ok).toBe(false);
    expect(tiers.ok ? '' : tiers.error.message).toContain(key);
  });

  it('refuses unknown tier keys in strict mode and drops them from a saved row', () => {
    const strict = parseAnalysisSettings({ tiers: { method: 'revenue', cutoffs: [1, 2] } }, { strict: true });
    expect(strict.ok ? '' : strict.error.message).toContain('cutoffs');
    const lenient = parseAnalysisSettings({ tiers: { method: 'revenue', cutoffs: [1, 2] } });
    expect(lenient.ok).toBe(true);
    if (lenient.ok) expect(Object.keys(lenient.value.tiers)).not.toContain('cutoffs');
  });

  it('never reads a setting inherited from the prototype', () => {
    const inherited = Object.create({ peerGroup: 'team', tiers: { method: 'frequency' } }) as object;
    const r = parseAnalysisSettings(inherited, { strict: true });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.peerGroup).toBe('company');
      expect(r.value.tiers.method).not.toBe('frequency');
    }
  });
});
