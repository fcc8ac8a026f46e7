import { DEAL_STATUSES, FILE_KINDS, FUNNEL_STAGES, type FileKind } from '../domain/types';
import { parseAnalysisSettings, type AnalysisSettings } from '../analysis/settings';
import { isValidIsoDate } from '../period/period';
import { err, ok, type Result } from '../result';
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
};

/** A method a page may call by name (never one of HOST_METHODS). */
export function isApiMethod(method: unknown): method is PageMethod {
  return typeof method === 'string' && (API_METHODS as readonly string[]).includes(method);
}

export function validateRequest<M extends ApiMethod>(method: M, payload: unknown): Result<ApiRequest<M>> {
  return (validators[method] as Validator<M>)(payload);
}
