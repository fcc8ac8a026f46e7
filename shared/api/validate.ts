import { DEAL_STATUSES, FILE_KINDS, FUNNEL_STAGES, type FileKind } from '../domain/types';
import { parseAnalysisSettings, type AnalysisSettings } from '../analysis/settings';
import { isValidIsoDate } from '../period/period';
import { err, ok, type Result } from '../result';
import { isPracticeId } from '../coaching/practice-definitions';
import { TOP_BY, type SavedGoal, type TopBy } from '../coaching/types';
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

/** The period and optional settings of an analysis request; settings are checked in full. */
function analysisRequest(p: unknown): Result<{ period: string; settings?: AnalysisSettings }> {
  if (!isRecord(p) || !str(p.period, 64)) return bad('period');
  if (p.settings === undefined) return ok({ period: p.period });
  const settings = parseAnalysisSettings(p.settings, { strict: true });
  if (!settings.ok) return bad(`settings (${settings.error.message})`);
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
  const settings = parseAnalysisSettings(p.settings, { strict: true });
  if (!settings.ok) return bad(`settings (${settings.error.message})`);
  return ok({ ...base, settings: settings.value });
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
    const settings = parseAnalysisSettings(p.settings, { strict: true });
    if (!settings.ok) return bad(`settings (${settings.error.message})`);
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
};

/** A method a page may call by name (never one of HOST_METHODS). */
export function isApiMethod(method: unknown): method is PageMethod {
  return typeof method === 'string' && (API_METHODS as readonly string[]).includes(method);
}

export function validateRequest<M extends ApiMethod>(method: M, payload: unknown): Result<ApiRequest<M>> {
  return (validators[method] as Validator<M>)(payload);
}
