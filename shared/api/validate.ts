import { DEAL_STATUSES, FILE_KINDS, FUNNEL_STAGES, type FileKind } from '../domain/types';
import { defaultAnalysisSettings, parseAnalysisSettings, type AnalysisSettings } from '../analysis/settings';
import { isValidIsoDate } from '../period/period';
import { err, ok, type Result } from '../result';
import { isPracticeId } from '../coaching/practice-definitions';
import { TOP_BY, type SavedGoal, type TopBy } from '../coaching/types';
import { WITHIN, type Assignment, type TeamConstraints, type TeamPin, type Within } from '../teams/types';
import {
  API_METHODS,
  MAX_IMPORT_FILE_BYTES,
  type ApiMethod,
  type ApiRequest,
  type ColumnMapping,
  type DayMonthOrder,
  type KpiPeriod,
  type PageMethod,
  type StageMap,
  type TeamPlanRequest,
} from './contract';

/**
 * Validates every payload that arrives from a renderer before any handler sees it. The renderer
 * is treated as untrusted: a compromised page must not reach the engine with a malformed request.
 */

type Validator<M extends ApiMethod> = (payload: unknown) => Result<ApiRequest<M>>;

const bad = <T>(why: string): Result<T> => err('invalid_request', `Invalid request: ${why}`);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const MAX_STRING = 4096;
/** Linux's PATH_MAX. */
const MAX_PATH = 4096;

function str(v: unknown, max = MAX_STRING): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= max;
}

function isId(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
}

/**
 * An absolute path, as the operating system gave it: POSIX (`/home/…`), a Windows drive
 * (`C:\…`) or a network share (`\\server\share\…`). No NUL and no `.`, `..` or `?` segment, which
 * also refuses Windows' device and raw namespaces (`\\.\PhysicalDrive0`, `\\?\…`). Whether it
 * names a regular file is for the host to check on disk (engine/import/source-file.ts).
 */
function absolutePath(v: unknown): v is string {
  if (!str(v, MAX_PATH) || v.includes('\0')) return false;
  const rooted = v.startsWith('/') || /^[A-Za-z]:[\\/]/.test(v) || /^\\\\[^\\/]+[\\/][^\\/]/.test(v);
  if (!rooted) return false;
  const segments = v.split(/[\\/]/);
  return !segments.some((segment) => segment === '.' || segment === '..' || segment === '?');
}

function isKind(v: unknown): v is FileKind {
  return typeof v === 'string' && (FILE_KINDS as readonly string[]).includes(v);
}

function empty(payload: unknown): Result<Record<string, never>> {
  if (payload !== undefined && payload !== null && !isRecord(payload)) return bad('expected {}');
  return ok({});
}

function mapping(v: unknown): v is ColumnMapping {
  if (!isRecord(v)) return false;
  const entries = Object.entries(v);
  return entries.length <= 200 && entries.every(([k, val]) => str(k, 64) && (val === null || str(val, 1024)));
}

/** More distinct stage values than any pipeline has; the stages table shows at most 200 per file. */
const MAX_STAGE_VALUES = 1000;

function stageMap(v: unknown): v is StageMap {
  if (!isRecord(v)) return false;
  const entries = Object.entries(v);
  return (
    entries.length <= MAX_STAGE_VALUES &&
    entries.every(
      ([k, c]) =>
        str(k, 512) &&
        isRecord(c) &&
        Object.keys(c).every((key) => key === 'status' || key === 'funnel') &&
        (DEAL_STATUSES as readonly unknown[]).includes(c.status) &&
        (c.funnel === null || (FUNNEL_STAGES as readonly unknown[]).includes(c.funnel)),
    )
  );
}

function isDateOrder(v: unknown): v is DayMonthOrder {
  return v === 'mdy' || v === 'dmy';
}

/** Two valid ISO dates, start not after end, and nothing else. */
function kpiPeriod(v: unknown): v is KpiPeriod {
  return (
    isRecord(v) &&
    Object.keys(v).every((k) => k === 'start' || k === 'end') &&
    typeof v.start === 'string' &&
    typeof v.end === 'string' &&
    isValidIsoDate(v.start) &&
    isValidIsoDate(v.end) &&
    v.start <= v.end
  );
}

/** The names of the analysis settings: a request may send these and no other key. */
const SETTING_KEYS: readonly string[] = Object.keys(defaultAnalysisSettings());

/**
 * Analysis settings of a request, checked in full. Their keys are checked here against the
 * settings' own names first: parseAnalysisSettings' strict check asks `k in defaults`, which
 * lets inherited names (`constructor`, `toString`, `__proto__`) through as if they were settings.
 */
function requestSettings(v: unknown): Result<AnalysisSettings> {
  if (isRecord(v)) {
    const unknown = Reflect.ownKeys(v).find((k) => typeof k !== 'string' || !SETTING_KEYS.includes(k));
    if (unknown !== undefined) return bad(`settings (unknown setting ${String(unknown)})`);
  }
  const settings = parseAnalysisSettings(v, { strict: true });
  return settings.ok ? settings : bad(`settings (${settings.error.message})`);
}

/** The period and optional settings of an analysis request; settings are checked in full. */
function analysisRequest(p: unknown): Result<{ period: string; settings?: AnalysisSettings }> {
  if (!isRecord(p) || !str(p.period, 64)) return bad('period');
  if (p.settings === undefined) return ok({ period: p.period });
  const settings = requestSettings(p.settings);
  if (!settings.ok) return settings;
  return ok({ period: p.period, settings: settings.value });
}

/** Coaching texts are the director's writing: long enough for a page of notes, short enough to store freely. */
export const MAX_NOTE_CHARS = 10_000;
/** A goal's text in one language: a few sentences from a template, edited. */
export const MAX_GOAL_TEXT_CHARS = 2_000;
/** A plan proposes 3 goals; the director may add some, but a plan of dozens is no plan. */
export const MAX_PLAN_GOALS = 10;

/** Coaching payloads are strict: a key the contract does not name is refused, not dropped. */
function onlyKeys(p: Record<string, unknown>, allowed: readonly string[]): string | null {
  return Object.keys(p).find((k) => !allowed.includes(k)) ?? null;
}

function finite(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function isTopBy(v: unknown): v is TopBy {
  return typeof v === 'string' && (TOP_BY as readonly string[]).includes(v);
}

/** Some non-blank text of at most `max` characters. */
function text(v: unknown, max: number): v is string {
  return typeof v === 'string' && v.length <= max && v.trim().length > 0;
}

/** Period strings are only checked for shape here; the engine parses them (invalid_period). */
const PERIOD_CHARS = 64;

function savedGoal(v: unknown): string | null {
  if (!isRecord(v)) return 'expected an object';
  const extra = onlyKeys(v, ['practice', 'baseline', 'target', 'deadline', 'period', 'text']);
  if (extra !== null) return `unknown key "${extra}"`;
  if (!isPracticeId(v.practice)) return 'practice';
  if (!finite(v.baseline)) return 'baseline';
  if (!finite(v.target)) return 'target';
  if (typeof v.deadline !== 'string' || !isValidIsoDate(v.deadline)) return 'deadline';
  if (!str(v.period, PERIOD_CHARS)) return 'period';
  const t = v.text;
  if (!isRecord(t) || onlyKeys(t, ['en', 'zh']) !== null) return 'text';
  if (!text(t.en, MAX_GOAL_TEXT_CHARS) || !text(t.zh, MAX_GOAL_TEXT_CHARS)) return 'text';
  return null;
}

/** The period, settings and whom the top performers are taken from, of a coaching view. */
function coachingRequest<K extends string>(
  p: unknown,
  extraKeys: readonly K[],
): Result<{ period: string; settings?: AnalysisSettings; topBy?: TopBy }> {
  if (!isRecord(p)) return bad('expected an object');
  const extra = onlyKeys(p, ['period', 'settings', 'topBy', ...extraKeys]);
  if (extra !== null) return bad(`unknown key "${extra}"`);
  if (!str(p.period, PERIOD_CHARS)) return bad('period');
  if (p.topBy !== undefined && !isTopBy(p.topBy)) return bad(`topBy (one of ${TOP_BY.join(', ')})`);
  const base = { period: p.period, ...(p.topBy !== undefined ? { topBy: p.topBy } : {}) };
  if (p.settings === undefined) return ok(base);
  const settings = requestSettings(p.settings);
  if (!settings.ok) return settings;
  return ok({ ...base, settings: settings.value });
}

/*
 * Team planner payloads (issue #10). Stricter than the older ones: every key is an own key the
 * contract names (Reflect.ownKeys, so `__proto__`, `constructor` or `toString` sent as keys are
 * refused, not looked up through the prototype), every value is read only when it is the
 * object's own, and the request the engine gets is rebuilt from the checked values alone.
 */

/** Most teams a plan may ask for: 60 teams of 500 reps is the bench; 500 is far past any sales force. */
export const MAX_TEAMS = 500;
/** Team sizes: a leader and up to 999 people, beyond any team a person can lead. */
export const MAX_TEAM_SIZE = 1000;
/** The disruption budget, in people moved. */
export const MAX_MOVES = 100_000;
/** Leaders, "should not lead", pins and apart pairs a request may list, each. */
export const MAX_CONSTRAINT_ITEMS = 1000;
/** Placements of one assignment: one per rep, with room above any real sales force. */
export const MAX_ASSIGNMENT = 20_000;
/** A scenario's name, after trimming. */
export const MAX_SCENARIO_NAME = 200;

/** A plain object (no class instance, no array) whose own keys are all among `allowed`. */
function strictRecord(v: unknown, allowed: readonly string[]): { value: Record<string, unknown> } | string {
  if (!isRecord(v)) return 'expected an object';
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return 'expected a plain object';
  const extra = Reflect.ownKeys(v).find((k) => typeof k !== 'string' || !allowed.includes(k));
  if (extra !== undefined) return `unknown key "${String(extra)}"`;
  return { value: v };
}

/** The object's own value for `key`, never one inherited from its prototype. */
function own(p: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(p, key) ? p[key] : undefined;
}

function intIn(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;
}

/** A list of at most `max` rep ids, none twice. */
function idList(v: unknown, max: number): number[] | string {
  if (!Array.isArray(v) || v.length > max) return `a list of at most ${max} rep ids`;
  const seen = new Set<number>();
  for (const [i, id] of (v as unknown[]).entries()) {
    if (!isId(id)) return `[${i}] is not a rep id`;
    if (seen.has(id)) return `[${i}]: rep ${id} twice`;
    seen.add(id);
  }
  return [...seen];
}

/**
 * A list of at most `max` {repId, leaderId}, no rep twice (a rep is in one team). An
 * assignment's placements may also say `manual` (placed by hand, so the reason says so); pins
 * may not.
 */
function placementList(v: unknown, max: number, withManual: boolean): Assignment[] | string {
  if (!Array.isArray(v) || v.length > max) return `a list of at most ${max} {repId, leaderId}`;
  const out: Assignment[] = [];
  const seen = new Set<number>();
  const keys = withManual ? ['repId', 'leaderId', 'manual'] : ['repId', 'leaderId'];
  for (const [i, item] of (v as unknown[]).entries()) {
    const rec = strictRecord(item, keys);
    if (typeof rec === 'string') return `[${i}]: ${rec}`;
    const repId = own(rec.value, 'repId');
    const leaderId = own(rec.value, 'leaderId');
    const manual = own(rec.value, 'manual');
    if (!isId(repId)) return `[${i}].repId`;
    if (!isId(leaderId)) return `[${i}].leaderId`;
    if (manual !== undefined && typeof manual !== 'boolean') return `[${i}].manual`;
    if (seen.has(repId)) return `[${i}]: rep ${repId} twice`;
    seen.add(repId);
    out.push(manual === true ? { repId, leaderId, manual } : { repId, leaderId });
  }
  return out;
}

/** Pairs of two different rep ids. */
function apartList(v: unknown): [number, number][] | string {
  if (!Array.isArray(v) || v.length > MAX_CONSTRAINT_ITEMS)
    return `a list of at most ${MAX_CONSTRAINT_ITEMS} [repId, repId] pairs`;
  const out: [number, number][] = [];
  for (const [i, pair] of (v as unknown[]).entries()) {
    if (!Array.isArray(pair) || pair.length !== 2) return `[${i}] is not a pair of rep ids`;
    const [a, b] = pair as unknown[];
    if (!isId(a) || !isId(b)) return `[${i}] is not a pair of rep ids`;
    if (a === b) return `[${i}]: a rep cannot be kept apart from themself`;
    out.push([a, b]);
  }
  return out;
}

const CONSTRAINT_KEYS = [
  'teams',
  'minSize',
  'maxSize',
  'maxMoves',
  'within',
  'leaders',
  'notLeaders',
  'pins',
  'apart',
] as const satisfies readonly (keyof TeamConstraints)[];

/**
 * The constraints a request sets (the engine fills the rest). Only the shape and the ranges are
 * checked here; whether they can be met together (4 teams of at most 5 for 40 reps) is the
 * planner's to say, as an infeasible_plan naming the constraint.
 */
function teamConstraints(v: unknown): Partial<TeamConstraints> | string {
  const rec = strictRecord(v, CONSTRAINT_KEYS);
  if (typeof rec === 'string') return rec;
  const c = rec.value;
  const out: Partial<TeamConstraints> = {};
  const teams = own(c, 'teams');
  if (teams !== undefined) {
    if (teams !== null && !intIn(teams, 1, MAX_TEAMS)) return `teams (1 to ${MAX_TEAMS}, or null)`;
    out.teams = teams;
  }
  const minSize = own(c, 'minSize');
  if (minSize !== undefined) {
    if (!intIn(minSize, 1, MAX_TEAM_SIZE)) return `minSize (1 to ${MAX_TEAM_SIZE})`;
    out.minSize = minSize;
  }
  const maxSize = own(c, 'maxSize');
  if (maxSize !== undefined) {
    if (maxSize !== null && !intIn(maxSize, 1, MAX_TEAM_SIZE))
      return `maxSize (1 to ${MAX_TEAM_SIZE}, or null)`;
    out.maxSize = maxSize;
  }
  const maxMoves = own(c, 'maxMoves');
  if (maxMoves !== undefined) {
    if (maxMoves !== null && !intIn(maxMoves, 0, MAX_MOVES)) return `maxMoves (0 to ${MAX_MOVES}, or null)`;
    out.maxMoves = maxMoves;
  }
  const within = own(c, 'within');
  if (within !== undefined) {
    if (typeof within !== 'string' || !(WITHIN as readonly string[]).includes(within))
      return `within (one of ${WITHIN.join(', ')})`;
    out.within = within as Within;
  }
  for (const key of ['leaders', 'notLeaders'] as const) {
    const list = own(c, key);
    if (list === undefined) continue;
    const ids = idList(list, MAX_CONSTRAINT_ITEMS);
    if (typeof ids === 'string') return `${key}: ${ids}`;
    out[key] = ids;
  }
  const pins = own(c, 'pins');
  if (pins !== undefined) {
    const list = placementList(pins, MAX_CONSTRAINT_ITEMS, false);
    if (typeof list === 'string') return `pins: ${list}`;
    out.pins = list.map((a): TeamPin => ({ repId: a.repId, leaderId: a.leaderId }));
  }
  const apart = own(c, 'apart');
  if (apart !== undefined) {
    const pairs = apartList(apart);
    if (typeof pairs === 'string') return `apart: ${pairs}`;
    out.apart = pairs;
  }
  return out;
}

const TEAM_PLAN_KEYS = ['period', 'settings', 'topBy', 'constraints', 'assignment'] as const;

/** A team plan request (teams.plan, teams.exportCsv; teams.saveScenario adds a name). */
function teamPlanRequest(p: unknown, extraKeys: readonly string[] = []): Result<TeamPlanRequest> {
  const rec = strictRecord(p, [...TEAM_PLAN_KEYS, ...extraKeys]);
  if (typeof rec === 'string') return bad(rec);
  const r = rec.value;
  const period = own(r, 'period');
  if (!str(period, PERIOD_CHARS)) return bad('period');
  const out: TeamPlanRequest = { period };
  const topBy = own(r, 'topBy');
  if (topBy !== undefined) {
    if (!isTopBy(topBy)) return bad(`topBy (one of ${TOP_BY.join(', ')})`);
    out.topBy = topBy;
  }
  const settings = own(r, 'settings');
  if (settings !== undefined) {
    const parsed = requestSettings(settings);
    if (!parsed.ok) return parsed;
    out.settings = parsed.value;
  }
  const constraints = own(r, 'constraints');
  if (constraints !== undefined) {
    const parsed = teamConstraints(constraints);
    if (typeof parsed === 'string') return bad(`constraints: ${parsed}`);
    out.constraints = parsed;
  }
  const assignment = own(r, 'assignment');
  if (assignment !== undefined) {
    const parsed = placementList(assignment, MAX_ASSIGNMENT, true);
    if (typeof parsed === 'string') return bad(`assignment: ${parsed}`);
    out.assignment = parsed;
  }
  return ok(out);
}

/** A request that takes no field: nothing, or an object with no own key at all. */
function noFields(p: unknown): Result<Record<string, never>> {
  if (p === undefined || p === null) return ok({});
  const rec = strictRecord(p, []);
  return typeof rec === 'string' ? bad(rec) : ok({});
}

/** A scenario id and nothing else, or with `also` keys the caller reads. */
function scenarioIdRequest(p: unknown, also: readonly string[] = []): Result<{ scenarioId: number }> {
  const rec = strictRecord(p, ['scenarioId', ...also]);
  if (typeof rec === 'string') return bad(rec);
  const scenarioId = own(rec.value, 'scenarioId');
  return isId(scenarioId) ? ok({ scenarioId }) : bad('scenarioId');
}

const validators: { [M in ApiMethod]: Validator<M> } = {
  'workspace.info': empty,
  'workspace.openDemo': empty,
  'workspace.openUser': empty,
  'import.stage': (p) => {
    if (!isRecord(p) || !str(p.fileName, 512)) return bad('fileName');
    if (!(p.bytes instanceof Uint8Array) || p.bytes.byteLength > MAX_IMPORT_FILE_BYTES) return bad('bytes');
    return ok({ fileName: p.fileName, bytes: p.bytes });
  },
  'import.stagePath': (p) => {
    if (!isRecord(p) || !str(p.fileName, 512)) return bad('fileName');
    if (!absolutePath(p.path)) return bad('path (an absolute path to a file is expected)');
    return ok({ path: p.path, fileName: p.fileName });
  },
  'import.redetect': (p) => {
    if (!isRecord(p) || !str(p.stagedId, 64)) return bad('stagedId');
    if (p.kind !== undefined && !isKind(p.kind)) return bad('kind');
    if (p.sheet !== undefined && !str(p.sheet, 256)) return bad('sheet');
    return ok({
      stagedId: p.stagedId,
      ...(p.kind !== undefined ? { kind: p.kind } : {}),
      ...(p.sheet !== undefined ? { sheet: p.sheet } : {}),
    });
  },
  'import.remap': (p) =>
    isRecord(p) && str(p.stagedId, 64) && isKind(p.kind) && mapping(p.mapping)
      ? ok({ stagedId: p.stagedId, kind: p.kind, mapping: p.mapping })
      : bad('stagedId/kind/mapping'),
  'import.run': (p) => {
    if (!isRecord(p) || !str(p.jobId, 64) || !str(p.stagedId, 64) || !isKind(p.kind) || !mapping(p.mapping))
      return bad('jobId/stagedId/kind/mapping');
    if (p.dateOrder !== undefined && !isDateOrder(p.dateOrder)) return bad('dateOrder');
    if (p.stageMap !== undefined && !stageMap(p.stageMap)) return bad('stageMap');
    if (p.period !== undefined && !kpiPeriod(p.period)) return bad('period');
    return ok({
      jobId: p.jobId,
      stagedId: p.stagedId,
      kind: p.kind,
      mapping: p.mapping,
      ...(p.dateOrder !== undefined ? { dateOrder: p.dateOrder } : {}),
      ...(p.stageMap !== undefined ? { stageMap: p.stageMap } : {}),
      ...(p.period !== undefined ? { period: { start: p.period.start, end: p.period.end } } : {}),
    });
  },
  'import.cancel': (p) => (isRecord(p) && str(p.jobId, 64) ? ok({ jobId: p.jobId }) : bad('jobId')),
  'import.unstage': (p) =>
    isRecord(p) && str(p.stagedId, 64) ? ok({ stagedId: p.stagedId }) : bad('stagedId'),
  'import.history': empty,
  'import.rejectedCsv': (p) =>
    isRecord(p) && Number.isSafeInteger(p.batchId) && (p.batchId as number) > 0
      ? ok({ batchId: p.batchId as number })
      : bad('batchId'),
  'import.undo': (p) => (isRecord(p) && isId(p.batchId) ? ok({ batchId: p.batchId }) : bad('batchId')),
  'reps.duplicates': empty,
  'reps.merge': (p) =>
    isRecord(p) && isId(p.fromId) && isId(p.intoId) && p.fromId !== p.intoId
      ? ok({ fromId: p.fromId, intoId: p.intoId })
      : bad('fromId/intoId'),
  'reps.dismissDuplicate': (p) =>
    isRecord(p) && Array.isArray(p.repIds) && p.repIds.length === 2 && isId(p.repIds[0]) && isId(p.repIds[1])
      ? ok({ repIds: [p.repIds[0], p.repIds[1]] })
      : bad('repIds'),
  'rankings.get': analysisRequest,
  'rankings.trend': analysisRequest,
  'settings.get': empty,
  'settings.save': (p) => {
    if (!isRecord(p)) return bad('settings');
    const settings = requestSettings(p.settings);
    if (!settings.ok) return settings;
    return ok({ settings: settings.value });
  },
  'coaching.team': (p) => coachingRequest(p, []),
  'coaching.rep': (p) => {
    const base = coachingRequest(p, ['repId']);
    if (!base.ok) return base;
    const repId = (p as Record<string, unknown>).repId;
    return isId(repId) ? ok({ ...base.value, repId }) : bad('repId');
  },
  'coaching.savePlan': (p) => {
    if (!isRecord(p)) return bad('expected an object');
    const extra = onlyKeys(p, ['repId', 'period', 'goals']);
    if (extra !== null) return bad(`unknown key "${extra}"`);
    if (!isId(p.repId)) return bad('repId');
    if (!str(p.period, PERIOD_CHARS)) return bad('period');
    if (!Array.isArray(p.goals) || p.goals.length > MAX_PLAN_GOALS)
      return bad(`goals (a list of at most ${MAX_PLAN_GOALS})`);
    const seen = new Set<unknown>();
    for (const [i, goal] of (p.goals as unknown[]).entries()) {
      const why = savedGoal(goal);
      if (why !== null) return bad(`goals[${i}]: ${why}`);
      const practice = (goal as SavedGoal).practice;
      // One goal per practice: two targets for the same figure cannot both be checked.
      if (seen.has(practice)) return bad(`goals[${i}]: practice ${practice} twice`);
      seen.add(practice);
    }
    const goals = (p.goals as SavedGoal[]).map((g) => ({
      practice: g.practice,
      baseline: g.baseline,
      target: g.target,
      deadline: g.deadline,
      period: g.period,
      text: { en: g.text.en, zh: g.text.zh },
    }));
    return ok({ repId: p.repId, period: p.period, goals });
  },
  'coaching.addNote': (p) => {
    if (!isRecord(p)) return bad('expected an object');
    const extra = onlyKeys(p, ['repId', 'text', 'period']);
    if (extra !== null) return bad(`unknown key "${extra}"`);
    if (!isId(p.repId)) return bad('repId');
    if (!text(p.text, MAX_NOTE_CHARS)) return bad(`text (1 to ${MAX_NOTE_CHARS} characters)`);
    if (p.period !== undefined && !str(p.period, PERIOD_CHARS)) return bad('period');
    return ok({ repId: p.repId, text: p.text, ...(p.period !== undefined ? { period: p.period } : {}) });
  },
  'coaching.deleteNote': (p) => {
    if (!isRecord(p)) return bad('expected an object');
    const extra = onlyKeys(p, ['noteId']);
    if (extra !== null) return bad(`unknown key "${extra}"`);
    return isId(p.noteId) ? ok({ noteId: p.noteId }) : bad('noteId');
  },
  'teams.plan': (p) => teamPlanRequest(p),
  'teams.exportCsv': (p) => teamPlanRequest(p),
  'teams.scenarios': noFields,
  'teams.saveScenario': (p) => {
    const base = teamPlanRequest(p, ['name']);
    if (!base.ok) return base;
    const raw = own(p as Record<string, unknown>, 'name');
    // Trimmed here, so the name stored and listed is the one checked.
    const name = typeof raw === 'string' && raw.length <= MAX_STRING ? raw.trim() : '';
    if (name.length === 0 || name.length > MAX_SCENARIO_NAME)
      return bad(`name (1 to ${MAX_SCENARIO_NAME} characters)`);
    // A scenario is a placement: without one there is nothing to save.
    const { assignment } = base.value;
    if (assignment === undefined || assignment.length === 0) return bad('assignment (the placement to save)');
    return ok({ ...base.value, name, assignment });
  },
  'teams.deleteScenario': (p) => scenarioIdRequest(p),
  'teams.check': (p) => {
    const base = scenarioIdRequest(p, ['settings']);
    if (!base.ok) return base;
    const settings = own(p as Record<string, unknown>, 'settings');
    if (settings === undefined) return base;
    const parsed = requestSettings(settings);
    return parsed.ok ? ok({ ...base.value, settings: parsed.value }) : parsed;
  },
};

/** A method a page may call by name (never one of HOST_METHODS). */
export function isApiMethod(method: unknown): method is PageMethod {
  return typeof method === 'string' && (API_METHODS as readonly string[]).includes(method);
}

export function validateRequest<M extends ApiMethod>(method: M, payload: unknown): Result<ApiRequest<M>> {
  return (validators[method] as Validator<M>)(payload);
}
