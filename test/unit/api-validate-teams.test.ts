import { describe, expect, it } from 'vitest';
import type { ApiMethod } from '../../shared/api/contract';
import {
  MAX_ASSIGNMENT,
  MAX_CONSTRAINT_ITEMS,
  MAX_SCENARIO_NAME,
  validateRequest,
} from '../../shared/api/validate';

/**
 * The team planner's request validation (issue #10): strict, own keys only. Payloads with
 * prototype names as keys are built with JSON.parse or computed keys, as a page would send
 * them: `{ __proto__: x }` written literally would set the prototype instead of adding a key.
 */

const TEAMS_METHODS = [
  'teams.plan',
  'teams.exportCsv',
  'teams.scenarios',
  'teams.saveScenario',
  'teams.deleteScenario',
  'teams.check',
] as const satisfies readonly ApiMethod[];

/** A valid payload per method, to which one bad key is added. */
const VALID: Record<(typeof TEAMS_METHODS)[number], Record<string, unknown>> = {
  'teams.plan': { period: '2025' },
  'teams.exportCsv': { period: '2025' },
  'teams.scenarios': {},
  'teams.saveScenario': { period: '2025', name: 'Plan A', assignment: [{ repId: 1, leaderId: 1 }] },
  'teams.deleteScenario': { scenarioId: 1 },
  'teams.check': { scenarioId: 1 },
};

const PROTO_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

const plan = (payload: unknown) => validateRequest('teams.plan', payload);
const constraints = (c: unknown) => plan({ period: '2025', constraints: c });
const message = (r: { ok: boolean; error?: { message: string } }): string => (r.ok ? '' : r.error!.message);

describe('teams validators: prototype keys', () => {
  it('accepts the valid payload of every teams method', () => {
    for (const m of TEAMS_METHODS) expect(validateRequest(m, VALID[m]).ok, m).toBe(true);
  });

  it('refuses __proto__, constructor, toString ... as keys of every teams method', () => {
    for (const m of TEAMS_METHODS) {
      for (const key of PROTO_KEYS) {
        // An own key, as JSON.parse or a structured clone makes it.
        const payload = JSON.parse(JSON.stringify({ ...VALID[m], [key]: { polluted: true } })) as unknown;
        expect(Object.hasOwn(payload as object, key), `${m} ${key}`).toBe(true);
        const r = validateRequest(m, payload);
        expect(r.ok, `${m} ${key}`).toBe(false);
        expect(message(r), `${m} ${key}`).toContain(`unknown key "${key}"`);
      }
    }
  });

  it('refuses prototype keys inside constraints, pins, apart, assignment and settings', () => {
    for (const key of PROTO_KEYS) {
      expect(constraints(JSON.parse(`{"${key}": 1}`)).ok, key).toBe(false);
      expect(constraints({ pins: [JSON.parse(`{"repId": 1, "leaderId": 2, "${key}": 1}`)] }).ok, key).toBe(
        false,
      );
      expect(
        plan({ period: '2025', assignment: [JSON.parse(`{"repId": 1, "leaderId": 2, "${key}": 1}`)] }).ok,
      ).toBe(false);
      const settings = JSON.parse(`{"${key}": {"peerGroup": "team"}}`) as unknown;
      for (const m of ['teams.plan', 'teams.exportCsv', 'teams.saveScenario', 'teams.check'] as const) {
        const r = validateRequest(m, { ...VALID[m], settings });
        expect(r.ok, `${m} settings.${key}`).toBe(false);
        expect(message(r)).toContain('settings');
      }
    }
  });

  it('never reads a value inherited from the prototype', () => {
    // A payload whose fields all come from its prototype has none of its own.
    const inherited = Object.create({ period: '2025', scenarioId: 3 }) as object;
    expect(validateRequest('teams.plan', inherited).ok).toBe(false);
    expect(validateRequest('teams.deleteScenario', inherited).ok).toBe(false);
    expect(validateRequest('teams.check', inherited).ok).toBe(false);
    // Class instances and arrays are not request objects.
    expect(validateRequest('teams.scenarios', new Date()).ok).toBe(false);
    expect(validateRequest('teams.scenarios', []).ok).toBe(false);
    expect(validateRequest('teams.plan', [['period', '2025']]).ok).toBe(false);
    // A symbol key is no contract key either.
    expect(validateRequest('teams.scenarios', { [Symbol('x')]: 1 }).ok).toBe(false);
  });

  it('teams.scenarios takes nothing, or an empty object', () => {
    expect(validateRequest('teams.scenarios', undefined)).toEqual({ ok: true, value: {} });
    expect(validateRequest('teams.scenarios', null)).toEqual({ ok: true, value: {} });
    expect(validateRequest('teams.scenarios', {}).ok).toBe(true);
    expect(validateRequest('teams.scenarios', { all: true }).ok).toBe(false);
    expect(validateRequest('teams.scenarios', 'x').ok).toBe(false);
  });
});

describe('teams.plan and teams.exportCsv', () => {
  it('rebuilds the request from the checked values', () => {
    const r = plan({
      period: '2025-Q3',
      topBy: 'composite',
      settings: { peerGroup: 'region' },
      constraints: {
        teams: 5,
        minSize: 3,
        maxSize: null,
        maxMoves: 12,
        within: 'region',
        leaders: [4, 9],
        notLeaders: [2],
        pins: [{ repId: 7, leaderId: 4 }],
        apart: [[10, 11]],
      },
      assignment: [
        { repId: 4, leaderId: 4 },
        { repId: 7, leaderId: 4 },
      ],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      period: '2025-Q3',
      topBy: 'composite',
      constraints: {
        teams: 5,
        minSize: 3,
        maxSize: null,
        maxMoves: 12,
        within: 'region',
        leaders: [4, 9],
        notLeaders: [2],
        pins: [{ repId: 7, leaderId: 4 }],
        apart: [[10, 11]],
      },
      assignment: [
        { repId: 4, leaderId: 4 },
        { repId: 7, leaderId: 4 },
      ],
    });
    // Settings are filled with the defaults, like every analysis request.
    expect(r.value.settings?.peerGroup).toBe('region');
    expect(r.value.settings?.substantiveTouches).toBe(3);
    // Only the keys sent: the engine fills the other constraints' defaults.
    expect(validateRequest('teams.exportCsv', { period: '2025', constraints: { teams: 2 } })).toEqual({
      ok: true,
      value: { period: '2025', constraints: { teams: 2 } },
    });
    expect(plan({ period: '2025', constraints: {} })).toEqual({
      ok: true,
      value: { period: '2025', constraints: {} },
    });
  });

  it('needs a period and refuses an unknown top-by, key or malformed settings', () => {
    expect(plan({}).ok).toBe(false);
    expect(plan({ period: '' }).ok).toBe(false);
    expect(plan({ period: 'x'.repeat(65) }).ok).toBe(false);
    expect(plan({ period: 2025 }).ok).toBe(false);
    expect(plan(null).ok).toBe(false);
    expect(plan({ period: '2025', topBy: 'activity' }).ok).toBe(false);
    expect(message(plan({ period: '2025', name: 'x' }))).toContain('unknown key "name"');
    expect(plan({ period: '2025', settings: { peerGroup: 'planet' } }).ok).toBe(false);
    expect(plan({ period: '2025', settings: { colour: 'red' } }).ok).toBe(false);
  });

  it('checks every constraint range', () => {
    const good: Record<string, unknown[]> = {
      teams: [1, 500, null],
      minSize: [1, 1000],
      maxSize: [1, 1000, null],
      maxMoves: [0, 100_000, null],
      within: ['none', 'region'],
    };
    const badValues: Record<string, unknown[]> = {
      teams: [0, 501, 2.5, -1, '5', true, Number.NaN, Infinity],
      minSize: [0, 1001, null, 1.5, '3'],
      maxSize: [0, 1001, 2.5, '5'],
      maxMoves: [-1, 100_001, 0.5, '1'],
      within: ['team', '', null, 1],
    };
    for (const [key, values] of Object.entries(good)) {
      for (const v of values) expect(constraints({ [key]: v }).ok, `${key}=${String(v)}`).toBe(true);
    }
    for (const [key, values] of Object.entries(badValues)) {
      for (const v of values) {
        const r = constraints({ [key]: v });
        expect(r.ok, `${key}=${String(v)}`).toBe(false);
        expect(message(r)).toContain(key);
      }
    }
    expect(constraints(null).ok).toBe(false);
    expect(constraints([]).ok).toBe(false);
    expect(message(constraints({ stayMargin: 3 }))).toContain('unknown key "stayMargin"');
    // Sizes that cannot be met together are the planner's to name, not a malformed request.
    expect(constraints({ teams: 4, maxSize: 5 }).ok).toBe(true);
    expect(constraints({ minSize: 9, maxSize: 3 }).ok).toBe(true);
  });

  it('leaders and notLeaders: positive integer ids, none twice, at most 1000', () => {
    for (const key of ['leaders', 'notLeaders']) {
      expect(constraints({ [key]: [] }).ok).toBe(true);
      expect(constraints({ [key]: [1, 2, 3] }).ok).toBe(true);
      for (const bad of [[0], [-1], [1.5], ['1'], [null], [1, 1], 'x', { 0: 1 }]) {
        expect(constraints({ [key]: bad }).ok, `${key} ${JSON.stringify(bad)}`).toBe(false);
      }
      const max = Array.from({ length: MAX_CONSTRAINT_ITEMS }, (_, i) => i + 1);
      expect(constraints({ [key]: max }).ok).toBe(true);
      expect(constraints({ [key]: [...max, MAX_CONSTRAINT_ITEMS + 1] }).ok).toBe(false);
    }
  });

  it('pins: {repId, leaderId} with nothing else, one pin per rep, at most 1000', () => {
    expect(constraints({ pins: [{ repId: 1, leaderId: 2 }] }).ok).toBe(true);
    // A leader pinned to their own team is harmless.
    expect(constraints({ pins: [{ repId: 2, leaderId: 2 }] }).ok).toBe(true);
    for (const bad of [
      [{ repId: 1 }],
      [{ leaderId: 1 }],
      [{ repId: 0, leaderId: 1 }],
      [{ repId: 1, leaderId: '2' }],
      [{ repId: 1, leaderId: 2, team: 'x' }],
      [[1, 2]],
      [null],
      [
        { repId: 1, leaderId: 2 },
        { repId: 1, leaderId: 3 },
      ],
      { repId: 1, leaderId: 2 },
    ]) {
      expect(constraints({ pins: bad }).ok, JSON.stringify(bad)).toBe(false);
    }
    const many = Array.from({ length: MAX_CONSTRAINT_ITEMS + 1 }, (_, i) => ({ repId: i + 1, leaderId: 1 }));
    expect(constraints({ pins: many }).ok).toBe(false);
    expect(constraints({ pins: many.slice(0, MAX_CONSTRAINT_ITEMS) }).ok).toBe(true);
  });

  it('apart: pairs of two different rep ids, at most 1000', () => {
    expect(constraints({ apart: [[1, 2]] }).ok).toBe(true);
    expect(
      constraints({
        apart: [
          [1, 2],
          [2, 1],
        ],
      }).ok,
    ).toBe(true);
    for (const bad of [[[1, 1]], [[1]], [[1, 2, 3]], [[1, '2']], [[0, 2]], [{ 0: 1, 1: 2 }], [1, 2]]) {
      expect(constraints({ apart: bad }).ok, JSON.stringify(bad)).toBe(false);
    }
    expect(message(constraints({ apart: [[3, 3]] }))).toContain('apart');
    const many = Array.from({ length: MAX_CONSTRAINT_ITEMS + 1 }, (_, i) => [i + 1, i + 2]);
    expect(constraints({ apart: many }).ok).toBe(false);
    expect(constraints({ apart: many.slice(0, MAX_CONSTRAINT_ITEMS) }).ok).toBe(true);
  });

  it('assignment: {repId, leaderId}, no rep twice, at most 20,000', () => {
    const a = (list: unknown) => plan({ period: '2025', assignment: list });
    expect(a([]).ok).toBe(true);
    expect(
      a([
        { repId: 1, leaderId: 1 },
        { repId: 2, leaderId: 1 },
      ]).ok,
    ).toBe(true);
    const twice = a([
      { repId: 2, leaderId: 1 },
      { repId: 2, leaderId: 3 },
    ]);
    expect(twice.ok).toBe(false);
    expect(message(twice)).toContain('rep 2 twice');
    // A placement made by hand says so; `manual: false` is the same as no flag.
    expect(a([{ repId: 2, leaderId: 1, manual: true }])).toEqual({
      ok: true,
      value: { period: '2025', assignment: [{ repId: 2, leaderId: 1, manual: true }] },
    });
    expect(a([{ repId: 2, leaderId: 1, manual: false }])).toEqual({
      ok: true,
      value: { period: '2025', assignment: [{ repId: 2, leaderId: 1 }] },
    });
    // Pins are never "by hand": they are the director's by definition.
    expect(constraints({ pins: [{ repId: 1, leaderId: 2, manual: true }] }).ok).toBe(false);
    for (const bad of [
      [{ repId: 1 }],
      [{ repId: 1, leaderId: 1.5 }],
      [{ repId: 1, leaderId: 1, moved: true }],
      [{ repId: 1, leaderId: 1, manual: 'yes' }],
      [null],
      'all',
      { repId: 1, leaderId: 1 },
    ]) {
      expect(a(bad).ok, JSON.stringify(bad)).toBe(false);
    }
    const max = Array.from({ length: MAX_ASSIGNMENT }, (_, i) => ({ repId: i + 1, leaderId: 1 }));
    expect(a(max).ok).toBe(true);
    expect(a([...max, { repId: MAX_ASSIGNMENT + 1, leaderId: 1 }]).ok).toBe(false);
  });
});

describe('teams.saveScenario', () => {
  const save = (payload: Record<string, unknown>) =>
    validateRequest('teams.saveScenario', { ...VALID['teams.saveScenario'], ...payload });

  it('trims the name and keeps the plan request', () => {
    const r = save({ name: '  Reorg Q4  ', constraints: { teams: 5 }, topBy: 'results' });
    expect(r).toEqual({
      ok: true,
      value: {
        period: '2025',
        topBy: 'results',
        constraints: { teams: 5 },
        name: 'Reorg Q4',
        assignment: [{ repId: 1, leaderId: 1 }],
      },
    });
    expect(save({ name: 'x'.repeat(MAX_SCENARIO_NAME) }).ok).toBe(true);
    // The limit counts the name as stored, after trimming.
    expect(save({ name: `  ${'x'.repeat(MAX_SCENARIO_NAME)}  ` }).ok).toBe(true);
  });

  it('refuses a blank, long or missing name and a missing assignment', () => {
    for (const name of ['', '   ', '\n\t', 'x'.repeat(MAX_SCENARIO_NAME + 1), 5, null]) {
      expect(save({ name }).ok, JSON.stringify(name)).toBe(false);
    }
    expect(validateRequest('teams.saveScenario', { period: '2025', assignment: [] }).ok).toBe(false);
    expect(validateRequest('teams.saveScenario', { period: '2025', name: 'A' }).ok).toBe(false);
    expect(validateRequest('teams.saveScenario', { period: '2025', name: 'A', assignment: [] }).ok).toBe(
      false,
    );
    expect(save({ assignment: [{ repId: 1, leaderId: 1, note: 'x' }] }).ok).toBe(false);
    expect(save({ scenarioId: 3 }).ok).toBe(false);
  });
});

describe('teams.deleteScenario and teams.check', () => {
  it('take a scenario id (and check, settings)', () => {
    expect(validateRequest('teams.deleteScenario', { scenarioId: 4 })).toEqual({
      ok: true,
      value: { scenarioId: 4 },
    });
    const check = validateRequest('teams.check', { scenarioId: 4, settings: { peerGroup: 'team' } });
    expect(check.ok && check.value.settings?.peerGroup).toBe('team');
    expect(validateRequest('teams.check', { scenarioId: 4 })).toEqual({ ok: true, value: { scenarioId: 4 } });
    for (const m of ['teams.deleteScenario', 'teams.check'] as const) {
      for (const scenarioId of [0, -1, 1.5, '4', null, undefined]) {
        expect(validateRequest(m, { scenarioId }).ok, `${m} ${String(scenarioId)}`).toBe(false);
      }
      expect(validateRequest(m, null).ok).toBe(false);
    }
    expect(validateRequest('teams.deleteScenario', { scenarioId: 4, settings: {} }).ok).toBe(false);
    expect(validateRequest('teams.check', { scenarioId: 4, period: '2025' }).ok).toBe(false);
    expect(validateRequest('teams.check', { scenarioId: 4, settings: { minActiveDays: -1 } }).ok).toBe(false);
  });
});

describe('older analysis requests', () => {
  it('no longer take an inherited name for a setting', () => {
    const settings = JSON.parse('{"constructor": 1}') as unknown;
    expect(validateRequest('rankings.get', { period: '2025', settings }).ok).toBe(false);
    expect(validateRequest('coaching.team', { period: '2025', settings }).ok).toBe(false);
    expect(validateRequest('settings.save', { settings }).ok).toBe(false);
    expect(validateRequest('rankings.get', { period: '2025', settings: { peerGroup: 'team' } }).ok).toBe(
      true,
    );
  });
});
