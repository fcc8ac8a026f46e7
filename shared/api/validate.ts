import { MAX_LOGO_BYTES } from '../format/report-logo';
import { isOneOf } from '../guards';
import { isCurrencyCode } from '../import/file-currency';
import { DEAL_STATUSES, FILE_KINDS, FUNNEL_STAGES, type FileKind } from '../domain/types';
import { defaultAnalysisSettings, parseAnalysisSettings, type AnalysisSettings } from '../analysis/settings';
import { isValidIsoDate } from '../period/period';
import { err, ok, type Result } from '../result';
import { isPracticeId } from '../coaching/practice-definitions';
import { TOP_BY, type SavedGoal, type TopBy } from '../coaching/types';
import { isLocale } from '../i18n/locale';
import { WITHIN, type Assignment, type TeamConstraints, type TeamPin } from '../teams/types';
import {
  API_METHODS,
  MAX_IMPORT_FILE_BYTES,
  type ApiMethod,
  type ApiRequest,
  type ColumnMapping,
  type DayMonthOrder,
  type KpiPeriod,
  type PageMethod,
  type ReportPrintRequest,
  type ReportRequest,
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
/** The data URL of the largest logo accepted (base64 is 4/3 of the bytes), with room for its prefix. */
const MAX_LOGO_DATA_URL = Math.ceil(MAX_LOGO_BYTES / 3) * 4 + 64;

function str(v: unknown, max = MAX_STRING): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= max;
}

/**
 * The name of a file the user chose, as the page or the browser host's query string gives it:
 * shown and used for its extension, never as a path, but a NUL would cut it short wherever it
 * reaches a C string (a file name, a log), so it is refused (issue #13).
 */
function uploadName(v: unknown): v is string {
  return str(v, 512) && !v.includes('\0');
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

/** Files one `import.files` request may name: years of monthly exports of every kind, many times over. */
export const MAX_IMPORT_PATHS = 10_000;

function isKind(v: unknown): v is FileKind {
  return isOneOf(FILE_KINDS, v);
}

/**
 * The names Object.prototype carries (`__proto__`, `constructor`, `toString`, `hasOwnProperty` …).
 * A key of a mapping may be any field id, never one of these: code that copies or looks up such a
 * key on a plain object reaches the prototype instead (issue #13).
 */
const PROTOTYPE_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** A plain object of at most 200 field → column (or null) entries, rebuilt from its own entries. */
function mapping(v: unknown): ColumnMapping | null {
  if (!plainObject(v)) return null;
  const entries = Object.entries(v);
  const fits =
    entries.length <= 200 &&
    entries.every(([k, val]) => str(k, 64) && !PROTOTYPE_NAMES.has(k) && (val === null || str(val, 1024)));
  return fits ? (Object.fromEntries(entries) as ColumnMapping) : null;
}

/** More distinct stage values than any pipeline has; the stages table shows at most 200 per file. */
const MAX_STAGE_VALUES = 1000;

/**
 * Stage text → the user's choice. A stage is CRM data, so `toString` is a stage like any other
 * (its own entries are read, never looked up); only `__proto__` is refused, which a copy by
 * assignment would turn into the object's prototype. Rebuilt from the checked values.
 */
function stageMap(v: unknown): StageMap | null {
  if (!plainObject(v)) return null;
  const entries = Object.entries(v);
  if (entries.length > MAX_STAGE_VALUES) return null;
  const out: StageMap = {};
  for (const [k, c] of entries) {
    if (!str(k, 512) || k === '__proto__') return null;
    const rec = strictRecord(c, ['status', 'funnel']);
    if (typeof rec === 'string') return null;
    const status = own(rec.value, 'status');
    const funnel = own(rec.value, 'funnel');
    if (!isOneOf(DEAL_STATUSES, status)) return null;
    if (funnel !== null && !isOneOf(FUNNEL_STAGES, funnel)) return null;
    Object.defineProperty(out, k, {
      value: { status, funnel },
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function isDateOrder(v: unknown): v is DayMonthOrder {
  return v === 'mdy' || v === 'dmy';
}

/** Two valid ISO dates, start not after end, and nothing else. */
function kpiPeriod(v: unknown): KpiPeriod | null {
  const rec = strictRecord(v, ['start', 'end']);
  if (typeof rec === 'string') return null;
  const start = own(rec.value, 'start');
  const end = own(rec.value, 'end');
  return typeof start === 'string' &&
    typeof end === 'string' &&
    isValidIsoDate(start) &&
    isValidIsoDate(end) &&
    start <= end
    ? { start, end }
    : null;
}

/** The names of the analysis settings: a request may send these and no other key. */
const SETTING_KEYS: readonly string[] = Object.keys(defaultAnalysisSettings());

/**
 * Analysis settings of a request, checked in full. Their keys are checked here against the
 * settings' own names first (Reflect.ownKeys: symbols too), so an inherited name (`constructor`,
 * `toString`, `__proto__`) sent as a key is never taken for a setting; parseAnalysisSettings'
 * strict mode checks the same of the nested objects (weights, tiers).
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
  const rec = strictRecord(p, ['period', 'settings']);
  if (typeof rec === 'string') return bad(rec);
  const period = own(rec.value, 'period');
  if (!str(period, 64)) return bad('period');
  const raw = own(rec.value, 'settings');
  if (raw === undefined) return ok({ period });
  const settings = requestSettings(raw);
  if (!settings.ok) return settings;
  return ok({ period, settings: settings.value });
}

/** Coaching texts are the director's writing: long enough for a page of notes, short enough to store freely. */
export const MAX_NOTE_CHARS = 10_000;
/** A goal's text in one language: a few sentences from a template, edited. */
export const MAX_GOAL_TEXT_CHARS = 2_000;
/** A plan proposes 3 goals; the director may add some, but a plan of dozens is no plan. */
export const MAX_PLAN_GOALS = 10;

function finite(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function isTopBy(v: unknown): v is TopBy {
  return isOneOf(TOP_BY, v);
}

/** Some non-blank text of at most `max` characters. */
function text(v: unknown, max: number): v is string {
  return typeof v === 'string' && v.length <= max && v.trim().length > 0;
}

/** Period strings are only checked for shape here; the engine parses them (invalid_period). */
const PERIOD_CHARS = 64;

/** A saved goal rebuilt from its own checked values, or why it is refused. */
function savedGoal(v: unknown): SavedGoal | string {
  const rec = strictRecord(v, ['practice', 'baseline', 'target', 'deadline', 'period', 'text']);
  if (typeof rec === 'string') return rec;
  const g = rec.value;
  const [practice, baseline, target, deadline, period] = [
    own(g, 'practice'),
    own(g, 'baseline'),
    own(g, 'target'),
    own(g, 'deadline'),
    own(g, 'period'),
  ];
  if (!isPracticeId(practice)) return 'practice';
  if (!finite(baseline)) return 'baseline';
  if (!finite(target)) return 'target';
  if (typeof deadline !== 'string' || !isValidIsoDate(deadline)) return 'deadline';
  if (!str(period, PERIOD_CHARS)) return 'period';
  const t = strictRecord(own(g, 'text'), ['en', 'zh']);
  if (typeof t === 'string') return 'text';
  const en = own(t.value, 'en');
  const zh = own(t.value, 'zh');
  if (!text(en, MAX_GOAL_TEXT_CHARS) || !text(zh, MAX_GOAL_TEXT_CHARS)) return 'text';
  return { practice, baseline, target, deadline, period, text: { en, zh } };
}

/** The period, settings and whom the top performers are taken from, of a coaching view. */
function coachingRequest<K extends string>(
  p: unknown,
  extraKeys: readonly K[],
): Result<{ period: string; settings?: AnalysisSettings; topBy?: TopBy }> {
  const rec = strictRecord(p, ['period', 'settings', 'topBy', ...extraKeys]);
  if (typeof rec === 'string') return bad(rec);
  const period = own(rec.value, 'period');
  const topBy = own(rec.value, 'topBy');
  const raw = own(rec.value, 'settings');
  if (!str(period, PERIOD_CHARS)) return bad('period');
  if (topBy !== undefined && !isTopBy(topBy)) return bad(`topBy (one of ${TOP_BY.join(', ')})`);
  const base = { period, ...(topBy !== undefined ? { topBy } : {}) };
  if (raw === undefined) return ok(base);
  const settings = requestSettings(raw);
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

/** An object made by JSON.parse, a structured clone or a literal: no class instance, no array. */
function plainObject(v: unknown): v is Record<string, unknown> {
  if (!isRecord(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A plain object (no class instance, no array) whose own keys are all among `allowed`. */
function strictRecord(v: unknown, allowed: readonly string[]): { value: Record<string, unknown> } | string {
  if (!isRecord(v)) return 'expected an object';
  if (!plainObject(v)) return 'expected a plain object';
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
    if (!isOneOf(WITHIN, within)) return `within (one of ${WITHIN.join(', ')})`;
    out.within = within;
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

/**
 * Every validator reads a payload the same way: a plain object whose own keys are all named by
 * the contract (a prototype name such as `constructor` sent as a key is an unknown key, never a
 * field), each value read only when it is the object's own, the request rebuilt from the checked
 * values alone.
 */
function fields(
  p: unknown,
  allowed: readonly string[],
): { ok: true; get: (key: string) => unknown } | { ok: false; error: Result<never> } {
  const rec = strictRecord(p, allowed);
  if (typeof rec === 'string') return { ok: false, error: bad<never>(rec) };
  return { ok: true, get: (key) => own(rec.value, key) };
}

const validators: { [M in ApiMethod]: Validator<M> } = {
  'workspace.info': noFields,
  'workspace.openDemo': noFields,
  'workspace.openUser': noFields,
  'workspace.setReportLogo': (p) => {
    const f = fields(p, ['logo']);
    if (!f.ok) return f.error;
    const logo = f.get('logo');
    // The shape only: whether it is a PNG or JPEG, and small enough, is the engine's answer.
    if (logo === null) return ok({ logo: null });
    return str(logo, MAX_LOGO_DATA_URL) ? ok({ logo }) : bad('logo (a PNG or JPEG data URL, or null)');
  },
  'workspace.setCurrency': (p) => {
    const f = fields(p, ['currency']);
    if (!f.ok) return f.error;
    const currency = f.get('currency');
    return isCurrencyCode(currency) ? ok({ currency }) : bad('currency (an ISO code like EUR)');
  },
  'import.stage': (p) => {
    const f = fields(p, ['fileName', 'bytes']);
    if (!f.ok) return f.error;
    const fileName = f.get('fileName');
    const bytes = f.get('bytes');
    if (!uploadName(fileName)) return bad('fileName');
    if (!(bytes instanceof Uint8Array) || bytes.byteLength > MAX_IMPORT_FILE_BYTES) return bad('bytes');
    return ok({ fileName, bytes });
  },
  'import.stagePath': (p) => {
    const f = fields(p, ['path', 'fileName']);
    if (!f.ok) return f.error;
    const fileName = f.get('fileName');
    const path = f.get('path');
    if (!uploadName(fileName)) return bad('fileName');
    if (!absolutePath(path)) return bad('path (an absolute path to a file is expected)');
    return ok({ path, fileName });
  },
  'import.redetect': (p) => {
    const f = fields(p, ['stagedId', 'kind', 'sheet']);
    if (!f.ok) return f.error;
    const [stagedId, kind, sheet] = [f.get('stagedId'), f.get('kind'), f.get('sheet')];
    if (!str(stagedId, 64)) return bad('stagedId');
    if (kind !== undefined && !isKind(kind)) return bad('kind');
    if (sheet !== undefined && !str(sheet, 256)) return bad('sheet');
    return ok({
      stagedId,
      ...(kind !== undefined ? { kind } : {}),
      ...(sheet !== undefined ? { sheet } : {}),
    });
  },
  'import.remap': (p) => {
    const f = fields(p, ['stagedId', 'kind', 'mapping']);
    if (!f.ok) return f.error;
    const [stagedId, kind, map] = [f.get('stagedId'), f.get('kind'), mapping(f.get('mapping'))];
    return str(stagedId, 64) && isKind(kind) && map !== null
      ? ok({ stagedId, kind, mapping: map })
      : bad('stagedId/kind/mapping');
  },
  'import.run': (p) => {
    const f = fields(p, [
      'jobId',
      'stagedId',
      'kind',
      'mapping',
      'dateOrder',
      'stageMap',
      'period',
      'currency',
    ]);
    if (!f.ok) return f.error;
    const [jobId, stagedId, kind, map] = [
      f.get('jobId'),
      f.get('stagedId'),
      f.get('kind'),
      mapping(f.get('mapping')),
    ];
    if (!str(jobId, 64) || !str(stagedId, 64) || !isKind(kind) || map === null)
      return bad('jobId/stagedId/kind/mapping');
    const dateOrder = f.get('dateOrder');
    if (dateOrder !== undefined && !isDateOrder(dateOrder)) return bad('dateOrder');
    const rawStages = f.get('stageMap');
    const stages = rawStages === undefined ? undefined : stageMap(rawStages);
    if (stages === null) return bad('stageMap');
    const rawPeriod = f.get('period');
    const period = rawPeriod === undefined ? undefined : kpiPeriod(rawPeriod);
    if (period === null) return bad('period');
    const currency = f.get('currency');
    if (currency !== undefined && !isCurrencyCode(currency)) return bad('currency (an ISO code like EUR)');
    return ok({
      jobId,
      stagedId,
      kind,
      mapping: map,
      ...(dateOrder !== undefined ? { dateOrder } : {}),
      ...(stages !== undefined ? { stageMap: stages } : {}),
      ...(period !== undefined ? { period } : {}),
      ...(currency !== undefined ? { currency } : {}),
    });
  },
  'import.files': (p) => {
    const f = fields(p, ['paths', 'period']);
    if (!f.ok) return f.error;
    const paths = f.get('paths');
    if (!Array.isArray(paths) || paths.length === 0 || paths.length > MAX_IMPORT_PATHS)
      return bad(`paths (a list of 1 to ${MAX_IMPORT_PATHS} absolute paths)`);
    const list: string[] = [];
    for (let i = 0; i < paths.length; i++) {
      // Own entries only: a hole is refused, never filled from the array's prototype.
      const path: unknown = Object.hasOwn(paths, i) ? (paths as unknown[])[i] : undefined;
      if (!absolutePath(path)) return bad(`paths[${i}] (an absolute path to a file is expected)`);
      list.push(path);
    }
    const rawPeriod = f.get('period');
    const period = rawPeriod === undefined ? undefined : kpiPeriod(rawPeriod);
    if (period === null) return bad('period');
    return ok({ paths: list, ...(period !== undefined ? { period } : {}) });
  },
  'import.cancel': (p) => {
    const f = fields(p, ['jobId']);
    if (!f.ok) return f.error;
    const jobId = f.get('jobId');
    return str(jobId, 64) ? ok({ jobId }) : bad('jobId');
  },
  'import.unstage': (p) => {
    const f = fields(p, ['stagedId']);
    if (!f.ok) return f.error;
    const stagedId = f.get('stagedId');
    return str(stagedId, 64) ? ok({ stagedId }) : bad('stagedId');
  },
  'import.history': noFields,
  'import.rejectedCsv': (p) => {
    const f = fields(p, ['batchId']);
    if (!f.ok) return f.error;
    const batchId = f.get('batchId');
    return isId(batchId) ? ok({ batchId }) : bad('batchId');
  },
  'import.undo': (p) => {
    const f = fields(p, ['batchId']);
    if (!f.ok) return f.error;
    const batchId = f.get('batchId');
    return isId(batchId) ? ok({ batchId }) : bad('batchId');
  },
  'reps.duplicates': noFields,
  'reps.merge': (p) => {
    const f = fields(p, ['fromId', 'intoId']);
    if (!f.ok) return f.error;
    const [fromId, intoId] = [f.get('fromId'), f.get('intoId')];
    return isId(fromId) && isId(intoId) && fromId !== intoId ? ok({ fromId, intoId }) : bad('fromId/intoId');
  },
  'reps.dismissDuplicate': (p) => {
    const f = fields(p, ['repIds']);
    if (!f.ok) return f.error;
    const repIds = f.get('repIds');
    if (!Array.isArray(repIds) || repIds.length !== 2) return bad('repIds');
    const [a, b] = repIds as unknown[];
    return isId(a) && isId(b) ? ok({ repIds: [a, b] }) : bad('repIds');
  },
  'rankings.get': analysisRequest,
  'rankings.trend': analysisRequest,
  'settings.get': noFields,
  'settings.save': (p) => {
    const f = fields(p, ['settings']);
    if (!f.ok) return f.error;
    const settings = requestSettings(f.get('settings'));
    if (!settings.ok) return settings;
    return ok({ settings: settings.value });
  },
  'coaching.team': (p) => coachingRequest(p, []),
  'coaching.rep': (p) => {
    const base = coachingRequest(p, ['repId']);
    if (!base.ok) return base;
    const repId = own(p as Record<string, unknown>, 'repId');
    return isId(repId) ? ok({ ...base.value, repId }) : bad('repId');
  },
  'coaching.savePlan': (p) => {
    const f = fields(p, ['repId', 'period', 'goals']);
    if (!f.ok) return f.error;
    const [repId, period, list] = [f.get('repId'), f.get('period'), f.get('goals')];
    if (!isId(repId)) return bad('repId');
    if (!str(period, PERIOD_CHARS)) return bad('period');
    if (!Array.isArray(list) || list.length > MAX_PLAN_GOALS)
      return bad(`goals (a list of at most ${MAX_PLAN_GOALS})`);
    const goals: SavedGoal[] = [];
    const seen = new Set<unknown>();
    for (const [i, raw] of (list as unknown[]).entries()) {
      const goal = savedGoal(raw);
      if (typeof goal === 'string') return bad(`goals[${i}]: ${goal}`);
      // One goal per practice: two targets for the same figure cannot both be checked.
      if (seen.has(goal.practice)) return bad(`goals[${i}]: practice ${goal.practice} twice`);
      seen.add(goal.practice);
      goals.push(goal);
    }
    return ok({ repId, period, goals });
  },
  'coaching.addNote': (p) => {
    const f = fields(p, ['repId', 'text', 'period']);
    if (!f.ok) return f.error;
    const [repId, note, period] = [f.get('repId'), f.get('text'), f.get('period')];
    if (!isId(repId)) return bad('repId');
    if (!text(note, MAX_NOTE_CHARS)) return bad(`text (1 to ${MAX_NOTE_CHARS} characters)`);
    if (period !== undefined && !str(period, PERIOD_CHARS)) return bad('period');
    return ok({ repId, text: note, ...(period !== undefined ? { period } : {}) });
  },
  'coaching.deleteNote': (p) => {
    const f = fields(p, ['noteId']);
    if (!f.ok) return f.error;
    const noteId = f.get('noteId');
    return isId(noteId) ? ok({ noteId }) : bad('noteId');
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
  'reports.dossier': (p) => {
    const base = reportRequest(p, ['repId']);
    if (!base.ok) return base;
    const repId = own(p as Record<string, unknown>, 'repId');
    return isId(repId) ? ok({ ...base.value, repId }) : bad('repId');
  },
  'reports.director': (p) => {
    const base = reportRequest(p, ['anonymise']);
    if (!base.ok) return base;
    const anonymise = optionalFlag(p as Record<string, unknown>, 'anonymise');
    if (anonymise === null) return bad('anonymise (true or false)');
    return ok({ ...base.value, ...(anonymise !== undefined ? { anonymise } : {}) });
  },
  'reports.print': (p) => printRequest(p),
  'reports.printTo': (p) => {
    const base = printRequest(p, ['dir']);
    if (!base.ok) return base;
    const dir = own(p as Record<string, unknown>, 'dir');
    return absolutePath(dir) ? ok({ ...base.value, dir }) : bad('dir (an absolute path)');
  },
  'reports.printedFile': (p) => {
    const rec = strictRecord(p, ['jobId', 'fileName']);
    if (typeof rec === 'string') return bad(rec);
    const jobId = own(rec.value, 'jobId');
    const fileName = own(rec.value, 'fileName');
    if (!str(jobId, MAX_JOB_ID)) return bad('jobId');
    // A name, never a path: the engine looks it up among the job's files.
    if (!str(fileName, MAX_FILE_NAME) || /[\\/\0]/.test(fileName)) return bad('fileName');
    return ok({ jobId, fileName });
  },
  'reports.cancel': (p) => {
    const rec = strictRecord(p, ['jobId']);
    if (typeof rec === 'string') return bad(rec);
    const jobId = own(rec.value, 'jobId');
    return str(jobId, MAX_JOB_ID) ? ok({ jobId }) : bad('jobId');
  },
  'teams.check': (p) => {
    const base = scenarioIdRequest(p, ['settings']);
    if (!base.ok) return base;
    const settings = own(p as Record<string, unknown>, 'settings');
    if (settings === undefined) return base;
    const parsed = requestSettings(settings);
    return parsed.ok ? ok({ ...base.value, settings: parsed.value }) : parsed;
  },
};

/*
 * Printed reports (issue #11), as strict as the team planner's: own keys only, each value read
 * only when it is the object's own, the request rebuilt from the checked values.
 */

/** Most dossiers one print job may list by id; "every rep" is `allReps`. */
export const MAX_REPORT_REPS = 5000;
/** A print job's id and a printed file's name. */
const MAX_JOB_ID = 64;
const MAX_FILE_NAME = 255;

const REPORT_KEYS = ['period', 'lang', 'settings', 'topBy'] as const;

function reportRequest(p: unknown, extraKeys: readonly string[]): Result<ReportRequest> {
  const rec = strictRecord(p, [...REPORT_KEYS, ...extraKeys]);
  if (typeof rec === 'string') return bad(rec);
  const v = rec.value;
  const period = own(v, 'period');
  const lang = own(v, 'lang');
  const topBy = own(v, 'topBy');
  const settings = own(v, 'settings');
  if (!str(period, PERIOD_CHARS)) return bad('period');
  if (!isLocale(lang)) return bad('lang (en or zh-CN)');
  if (topBy !== undefined && !isTopBy(topBy)) return bad(`topBy (one of ${TOP_BY.join(', ')})`);
  const base: ReportRequest = { period, lang, ...(topBy !== undefined ? { topBy } : {}) };
  if (settings === undefined) return ok(base);
  const parsed = requestSettings(settings);
  return parsed.ok ? ok({ ...base, settings: parsed.value }) : parsed;
}

function optionalFlag(v: Record<string, unknown>, key: string): boolean | undefined | null {
  const value = own(v, key);
  if (value === undefined) return undefined;
  return typeof value === 'boolean' ? value : null;
}

const PRINT_KEYS = ['jobId', 'repIds', 'allReps', 'team', 'combined', 'director', 'anonymise'] as const;

function printRequest(p: unknown, extraKeys: readonly string[] = []): Result<ReportPrintRequest> {
  const base = reportRequest(p, [...PRINT_KEYS, ...extraKeys]);
  if (!base.ok) return base;
  const v = p as Record<string, unknown>;
  const jobId = own(v, 'jobId');
  if (!str(jobId, MAX_JOB_ID) || !/^[A-Za-z0-9_-]+$/.test(jobId))
    return bad('jobId (letters, digits, - and _)');
  const out: ReportPrintRequest = { ...base.value, jobId };
  const repIds = own(v, 'repIds');
  if (repIds !== undefined) {
    const ids = idList(repIds, MAX_REPORT_REPS);
    if (typeof ids === 'string') return bad(`repIds: ${ids}`);
    out.repIds = ids;
  }
  const team = own(v, 'team');
  if (team !== undefined) {
    if (typeof team !== 'string' || team.length > MAX_STRING) return bad('team');
    out.team = team;
  }
  for (const key of ['allReps', 'combined', 'director', 'anonymise'] as const) {
    const flag = optionalFlag(v, key);
    if (flag === null) return bad(`${key} (true or false)`);
    if (flag !== undefined) out[key] = flag;
  }
  if (!out.repIds?.length && !out.allReps && !out.director)
    return bad('nothing to print (repIds, allReps or director)');
  return ok(out);
}

/** A method a page may call by name (never one of HOST_METHODS). */
export function isApiMethod(method: unknown): method is PageMethod {
  return isOneOf(API_METHODS, method);
}

export function validateRequest<M extends ApiMethod>(method: M, payload: unknown): Result<ApiRequest<M>> {
  return (validators[method] as Validator<M>)(payload);
}
