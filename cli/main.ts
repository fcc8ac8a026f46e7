import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ApiMethod, ApiRequest, ApiResponse, ImportSummary, KpiPeriod } from '../shared/api/contract';
import { readFileSync } from 'node:fs';
import {
  PEER_GROUPS,
  parseAnalysisSettings,
  parseWeights,
  type AnalysisSettings,
  type PeerGroupBy,
} from '../shared/analysis/settings';
import { KPI_BY_ID, type KpiId } from '../shared/kpi/kpi-definitions';
import { parsePeriod, type Period } from '../shared/period/period';
import { loadAnalysisSettings } from '../engine/workspace/analysis-settings-store';
import type { AppError, Result } from '../shared/result';
import { Workspace } from '../engine/workspace/workspace';
import { rankingsCsv, summaryJson } from './analyze-output';
import { planJson, repPracticesCsv, teamPracticesCsv } from './coach-output';
import { editDistance } from '../engine/workspace/rep-duplicates';
import { TOP_BY, type TopBy } from '../shared/coaching/types';
import type { RepInfo } from '../shared/domain/types';
import type { TeamConstraints, TeamPin } from '../shared/teams/types';
import { WITHIN, type Within } from '../shared/teams/types';
import { Engine } from '../engine/api/engine';
import { restructurePlanJson, restructureSummary, teamsCsv } from './restructure-output';
import { isLocale, type Locale } from '../shared/i18n/locale';
import { findBrowser } from '../engine/reports/chromium';

const USAGE = `Usage:
  quartile-coach analyze <files...> --period <period> --out <dir> [--db <workspace.sqlite>] [--kpi-period <month>]
      [--peer-group company|region|team|role] [--weights <weights.json>] [--settings <settings.json>]
      [--top-by results|composite]
  quartile-coach coach --rep <name> [--db <workspace.sqlite> | <files...>] --period <period> --out <dir>
      [--kpi-period <month>] [--top-by results|composite] [--peer-group ...] [--weights ...] [--settings ...]
  quartile-coach restructure [--db <workspace.sqlite> | <files...>] --period <period> --out <dir>
      [--teams N] [--min-size A] [--max-size B] [--max-moves K] [--within region|none]
      [--leaders "name;name"] [--not-leaders "name;name"] [--pin "Rep Name=Leader Name"]...
      [--apart "Name A;Name B"]... [--kpi-period <month>] [--top-by results|composite]
      [--peer-group ...] [--weights ...] [--settings ...]
  quartile-coach report [--db <workspace.sqlite> | <files...>] --period <period> --out <dir>
      (--rep <name>... | --all [--team <name>]) [--director] [--lang en|zh-CN] [--anonymise]
      [--kpi-period <month>] [--top-by results|composite] [--peer-group ...] [--weights ...] [--settings ...]
  quartile-coach import <files...> --db <workspace.sqlite> [--period <month>]

Periods: 2017, 2017-Q3, 2017-03, or 2017-01-01..2017-06-30.
Files are CSV exports (deals, activities, reps/teams, accounts, quotas, rep KPI summaries),
recognised by their columns. A rep KPI summary that does not say which month it covers (columns
like "Calls (last month)") needs the month: import --period 2024-05 ("last month" is May 2024),
analyze --kpi-period 2024-05.

Analysis options (default: the settings saved in the --db workspace, else the defaults):
  --peer-group   rank each rep against the reps of their region, team or role
  --weights      JSON: {"groups": {"results": 60, "activity": 40}, "kpis": {"won_revenue": 3, ...}}
                 or flat: {"results": 60, "activity": 40, "won_revenue": 3, ...}
  --settings     JSON with any analysis setting (docs/decisions.md, "Analysis settings")
  --top-by       whose practices are the benchmark: the top quartile of the results score
                 (default: practices are not compared with a ranking they helped make) or of the composite

analyze writes rankings.csv, summary.json and practices.csv (what separates the top quartile).
coach writes the rep's practices.csv (gaps to the top quartile) and plan.json (the coaching plan);
--rep matches the rep's name, ignoring case and extra spaces.
restructure proposes teams led by the top sellers, each rep placed with the leader strongest where
they are weakest (docs/restructure.md), and writes teams.csv (one row per rep) and plan.json.
  --teams        number of teams (default: today's number of teams)
  --min-size     smallest team, the leader included (default 3)
  --max-size     largest team, the leader included (default: a quarter above an even split)
  --max-moves    the most people moved away from their current team (default: no limit)
  --within       region: a rep only joins a leader of their own region (default none)
  --leaders      reps who must lead; --not-leaders: reps who must not lead
  --pin          keep a rep in a leader's team (repeatable); --apart: keep two reps apart (repeatable)
Names are matched like --rep. An unknown name or constraints no plan can meet exit 1.
report prints A4 PDFs (docs: README, "Printed reports") with a Chrome, Chromium or Edge found on
this machine (QC_CHROMIUM names another): <dir>/<rep>.pdf, the coaching dossier of each --rep
(repeatable) or of every rep with data in the period (--all, of one --team; plus all-dossiers.pdf
with every dossier), and <dir>/director-report.pdf with --director (--anonymise: reps as "Rep 1"…).
  --lang         en (default) or zh-CN
Nothing to print (an unknown rep, a period without data) or no browser found exit 1.`;

class UsageError extends Error {}

function fail(error: AppError | string): never {
  const message = typeof error === 'string' ? error : error.message;
  process.stderr.write(`quartile-coach: ${message.replace(/\s+/g, ' ').trim()}\n`);
  process.exit(1);
}

function openWorkspace(db: string | undefined, exclusive = false): Workspace {
  try {
    // Without --db the analysis runs in a throw-away in-memory workspace: nothing is left behind.
    return new Workspace(db ? resolve(db) : ':memory:', false, exclusive ? { exclusive } : {});
  } catch (e) {
    fail(`cannot open workspace ${db ?? ''}: ${(e as Error).message}`);
  }
}

/** The month given for rep KPI summaries that do not date their values, or undefined. */
function kpiPeriodOption(value: string | undefined): KpiPeriod | undefined {
  if (value === undefined) return undefined;
  const period = parsePeriod(value);
  if (!period.ok) fail(period.error);
  return { start: period.value.start, end: period.value.end };
}

/** The files imported through the engine's `import.files`, in-process; a failure exits 1. */
async function importInto(
  engine: Engine,
  files: string[],
  kpiPeriod: KpiPeriod | undefined,
  kpiFlag: string,
): Promise<ImportSummary[]> {
  if (files.length === 0) return [];
  const result = await call(engine, 'import.files', {
    paths: files.map((f) => resolve(f)),
    ...(kpiPeriod ? { period: kpiPeriod } : {}),
  });
  if (!result.ok) {
    if (result.error.code === 'kpi_period_required') {
      fail(`${result.error.message.replace(/give the month\.$/, '')}give it with ${kpiFlag} YYYY-MM.`);
    }
    fail(result.error);
  }
  return result.value;
}

/** The options `analyze` and `coach` share: data, period, output and the analysis settings. */
const ANALYSIS_OPTIONS = {
  period: { type: 'string' },
  out: { type: 'string' },
  db: { type: 'string' },
  'kpi-period': { type: 'string' },
  'peer-group': { type: 'string' },
  weights: { type: 'string' },
  settings: { type: 'string' },
  'top-by': { type: 'string' },
} as const;

function topByOption(value: string | undefined): TopBy | undefined {
  if (value === undefined) return undefined;
  if (!(TOP_BY as readonly string[]).includes(value))
    throw new UsageError(`--top-by must be one of ${TOP_BY.join(', ')}`);
  return value as TopBy;
}

/** The options `analyze`, `coach` and `restructure` share, checked: what to read, for which period, and how. */
function analysisInputs(
  command: 'analyze' | 'coach' | 'restructure' | 'report',
  values: { period?: string; out?: string; db?: string; 'top-by'?: string; 'kpi-period'?: string },
  positionals: string[],
): { topBy: TopBy | undefined; period: { value: Period }; out: string; kpiPeriod: KpiPeriod | undefined } {
  if (!values.period) throw new UsageError(`${command} needs --period`);
  if (!values.out) throw new UsageError(`${command} needs --out <dir>`);
  if (positionals.length === 0 && !values.db) throw new UsageError(`${command} needs files or --db`);
  const topBy = topByOption(values['top-by']);
  const period = parsePeriod(values.period);
  if (!period.ok) fail(period.error);
  return { topBy, period, out: values.out, kpiPeriod: kpiPeriodOption(values['kpi-period']) };
}

async function analyze(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: ANALYSIS_OPTIONS });
  const { topBy, period, out: outDir, kpiPeriod } = analysisInputs('analyze', values, positionals);
  const workspace = openWorkspace(values.db);
  // The engine's handlers, in-process: the ranking and the practices are the screens', not a recipe of the CLI's.
  const engine = Engine.inProcess(workspace);
  try {
    const files = await importInto(engine, positionals, kpiPeriod, '--kpi-period');
    const settings = analysisSettings(workspace, values);
    const ranking = await call(engine, 'rankings.get', { period: period.value.id, settings });
    if (!ranking.ok) fail(ranking.error);
    const team = await call(engine, 'coaching.team', {
      period: period.value.id,
      settings,
      ...(topBy ? { topBy } : {}),
    });
    if (!team.ok) fail(team.error);
    const view = ranking.value;
    const practices = team.value;
    const out = resolve(outDir);
    mkdirSync(out, { recursive: true });
    writeFileSync(resolve(out, 'rankings.csv'), rankingsCsv(view));
    writeFileSync(resolve(out, 'summary.json'), summaryJson(view, files));
    writeFileSync(resolve(out, 'practices.csv'), teamPracticesCsv(practices));
    const b = view.bandCounts;
    process.stdout.write(
      `${period.value.id}: ${view.rankedCount} ranked (top ${b.top}, middle ${b.middle}, bottom ${b.bottom}), ${b.unranked} not ranked -> ${out}\n`,
    );
  } finally {
    engine.close();
    workspace.close();
  }
}

function readJson(path: string, flag: string): unknown {
  let text: string;
  try {
    text = readFileSync(resolve(path), 'utf8');
  } catch (e) {
    fail(`${flag}: cannot read ${path}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (e) {
    fail(`${flag}: ${path} is not JSON: ${(e as Error).message}`);
  }
}

/**
 * Weights from a file: nested ({groups, kpis}) or flat ({results, activity, <kpi id>: weight}).
 * Unlike saved settings, an unknown KPI id is an error here: it is almost always a typo.
 */
function weightsFromFile(path: string): AnalysisSettings['weights'] {
  const json = readJson(path, '--weights');
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    fail('--weights: expected a JSON object');
  const record = json as Record<string, unknown>;
  const nested = 'groups' in record || 'kpis' in record;
  const groups: Record<string, unknown> = nested ? ((record.groups ?? {}) as Record<string, unknown>) : {};
  const kpis: Record<string, unknown> = nested ? ((record.kpis ?? {}) as Record<string, unknown>) : {};
  if (!nested) {
    for (const [key, value] of Object.entries(record)) {
      if (key === 'results' || key === 'activity') groups[key] = value;
      else kpis[key] = value;
    }
  }
  const unknown = Object.keys(kpis).filter((id) => !KPI_BY_ID.has(id as KpiId));
  if (unknown.length > 0) fail(`--weights: unknown KPI id ${unknown.map((u) => `"${u}"`).join(', ')}`);
  const notRanked = Object.entries(kpis).filter(
    ([id, w]) => KPI_BY_ID.get(id as KpiId)?.direction === 'none' && w !== 0,
  );
  if (notRanked.length > 0)
    fail(
      `--weights: ${notRanked.map(([id]) => id).join(', ')} ${notRanked.length > 1 ? 'are' : 'is'} shown, not ranked; their weight must be 0`,
    );
  const parsed = parseWeights({ groups, kpis });
  if (!parsed.ok) fail(`--weights: ${parsed.error.message}`);
  return parsed.value;
}

/** The workspace's saved settings (defaults for a throw-away one), then the file, then the flags. */
function analysisSettings(
  workspace: Workspace,
  values: { 'peer-group'?: string | undefined; weights?: string | undefined; settings?: string | undefined },
): AnalysisSettings {
  let settings = loadAnalysisSettings(workspace.sqlite);
  if (values.settings) {
    const parsed = parseAnalysisSettings({
      ...settings,
      ...(readJson(values.settings, '--settings') as object),
    });
    if (!parsed.ok) fail(`--settings: ${parsed.error.message}`);
    settings = parsed.value;
  }
  if (values.weights) settings = { ...settings, weights: weightsFromFile(values.weights) };
  const peer = values['peer-group'];
  if (peer !== undefined) {
    if (!(PEER_GROUPS as readonly string[]).includes(peer))
      throw new UsageError(`--peer-group must be one of ${PEER_GROUPS.join(', ')}`);
    settings = { ...settings, peerGroup: peer as PeerGroupBy };
  }
  return settings;
}

/** A name as a person types it: case and runs of spaces do not matter. */
const normalName = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * The rep a name on the command line means, or a one-line error with the closest names (a typo, a
 * missing middle name, a first name alone) so the next try is right.
 */
function matchRep(reps: readonly RepInfo[], query: string, flag: string): RepInfo | string {
  const wanted = normalName(query);
  const matches = reps.filter((r) => normalName(r.name) === wanted);
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1)
    return `${flag} "${query}" names ${matches.length} reps: ${matches.map((r) => `${r.name} (id ${r.id})`).join(', ')}`;
  const max = Math.max(2, Math.floor(wanted.length / 3));
  const close = reps
    .map((r) => {
      const n = normalName(r.name);
      const contains = wanted.length >= 2 && (n.includes(wanted) || wanted.includes(n));
      return { name: r.name, distance: contains ? 0 : editDistance(n, wanted, max) };
    })
    .filter((c) => c.distance <= max)
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, 5)
    .map((c) => `"${c.name}"`);
  return close.length > 0
    ? `no rep named "${query}"; close names: ${close.join(', ')}`
    : `no rep named "${query}" among the ${reps.length} reps, and none with a close name`;
}

/** The workspace's reps, from its working set loaded as the engine loads it (in part on a worker). */
async function repsOf(workspace: Workspace): Promise<readonly RepInfo[]> {
  await workspace.prepareWorkingSet();
  return workspace.getWorkingSet().reps;
}

/** The rep `--rep` names, or exit 1 with the closest names. */
function findRep(reps: readonly RepInfo[], query: string): RepInfo {
  const rep = matchRep(reps, query, '--rep');
  if (typeof rep === 'string') fail(rep);
  return rep;
}

async function coach(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...ANALYSIS_OPTIONS, rep: { type: 'string' } },
  });
  if (!values.rep?.trim()) throw new UsageError('coach needs --rep <name>');
  const { topBy, period, out: outDir, kpiPeriod } = analysisInputs('coach', values, positionals);
  const workspace = openWorkspace(values.db);
  const engine = Engine.inProcess(workspace);
  try {
    await importInto(engine, positionals, kpiPeriod, '--kpi-period');
    const settings = analysisSettings(workspace, values);
    const rep = findRep(await repsOf(workspace), values.rep);
    const view = await call(engine, 'coaching.rep', {
      period: period.value.id,
      repId: rep.id,
      settings,
      ...(topBy ? { topBy } : {}),
    });
    if (!view.ok) fail(view.error);
    const out = resolve(outDir);
    mkdirSync(out, { recursive: true });
    writeFileSync(resolve(out, 'practices.csv'), repPracticesCsv(view.value));
    writeFileSync(resolve(out, 'plan.json'), planJson(view.value));
    const plan = view.value.plan;
    process.stdout.write(
      `${rep.name}, ${plan.period.id} (${plan.band}): ${plan.goals.length} goal${plan.goals.length === 1 ? '' : 's'} for ${plan.next.id} -> ${out}\n`,
    );
  } finally {
    engine.close();
    workspace.close();
  }
}

/** A whole number option, or a usage error; undefined when not given. */
function intOption(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\s*\d+\s*$/.test(text)) throw new UsageError(`--${flag} must be a whole number`);
  return Number(text);
}

/** `"a;b"` -> ['a', 'b'], blanks dropped. */
const nameList = (text: string): string[] =>
  text
    .split(';')
    .map((n) => n.trim())
    .filter((n) => n.length > 0);

interface RestructureFlags {
  /** The constraints that need no name resolved. */
  constraints: Partial<TeamConstraints>;
  leaders: string[] | null;
  notLeaders: string[] | null;
  pins: { rep: string; leader: string }[];
  apart: [string, string][];
}

/**
 * `restructure`'s constraint flags, checked for form before any file is read (a typo costs
 * nothing): malformed flags are usage errors (exit 2). Whether the constraints can be met
 * together is the engine's to say.
 */
function restructureFlags(values: {
  teams?: string | undefined;
  'min-size'?: string | undefined;
  'max-size'?: string | undefined;
  'max-moves'?: string | undefined;
  within?: string | undefined;
  leaders?: string | undefined;
  'not-leaders'?: string | undefined;
  pin?: string[] | undefined;
  apart?: string[] | undefined;
}): RestructureFlags {
  const constraints: Partial<TeamConstraints> = {};
  const teams = intOption(values.teams, 'teams');
  if (teams !== undefined) constraints.teams = teams;
  const minSize = intOption(values['min-size'], 'min-size');
  if (minSize !== undefined) constraints.minSize = minSize;
  const maxSize = intOption(values['max-size'], 'max-size');
  if (maxSize !== undefined) constraints.maxSize = maxSize;
  const maxMoves = intOption(values['max-moves'], 'max-moves');
  if (maxMoves !== undefined) constraints.maxMoves = maxMoves;
  if (values.within !== undefined) {
    if (!(WITHIN as readonly string[]).includes(values.within))
      throw new UsageError(`--within must be one of ${WITHIN.join(', ')}`);
    constraints.within = values.within as Within;
  }
  const names = (text: string | undefined, flag: string): string[] | null => {
    if (text === undefined) return null;
    const list = nameList(text);
    if (list.length === 0) throw new UsageError(`--${flag} needs names separated by ";"`);
    return list;
  };
  return {
    constraints,
    leaders: names(values.leaders, 'leaders'),
    notLeaders: names(values['not-leaders'], 'not-leaders'),
    pins: (values.pin ?? []).map((text) => {
      const at = text.indexOf('=');
      const rep = at < 0 ? '' : text.slice(0, at).trim();
      const leader = at < 0 ? '' : text.slice(at + 1).trim();
      if (!rep || !leader) throw new UsageError(`--pin takes "Rep Name=Leader Name", not "${text}"`);
      return { rep, leader };
    }),
    apart: (values.apart ?? []).map((text): [string, string] => {
      const pair = nameList(text);
      if (pair.length !== 2) throw new UsageError(`--apart takes two names, "Name A;Name B", not "${text}"`);
      return [pair[0]!, pair[1]!];
    }),
  };
}

/** The constraints with every name resolved to its rep, matched like --rep; an unknown name exits 1. */
function resolveNames(flags: RestructureFlags, reps: readonly RepInfo[]): Partial<TeamConstraints> {
  const id = (name: string, flag: string): number => {
    const rep = matchRep(reps, name, flag);
    if (typeof rep === 'string') fail(`${flag}: ${rep}`);
    return rep.id;
  };
  const constraints: Partial<TeamConstraints> = { ...flags.constraints };
  if (flags.leaders) constraints.leaders = [...new Set(flags.leaders.map((n) => id(n, '--leaders')))];
  if (flags.notLeaders)
    constraints.notLeaders = [...new Set(flags.notLeaders.map((n) => id(n, '--not-leaders')))];
  if (flags.pins.length > 0)
    constraints.pins = flags.pins.map((p): TeamPin => ({
      repId: id(p.rep, '--pin'),
      leaderId: id(p.leader, '--pin'),
    }));
  if (flags.apart.length > 0)
    constraints.apart = flags.apart.map(([a, b]): [number, number] => [id(a, '--apart'), id(b, '--apart')]);
  return constraints;
}

/** One API method, in-process: the request is validated as any host's is. */
async function call<M extends ApiMethod>(
  engine: Engine,
  method: M,
  request: ApiRequest<M>,
): Promise<Result<ApiResponse<M>>> {
  return (await engine.call(method, request)) as Result<ApiResponse<M>>;
}

async function restructure(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...ANALYSIS_OPTIONS,
      teams: { type: 'string' },
      'min-size': { type: 'string' },
      'max-size': { type: 'string' },
      'max-moves': { type: 'string' },
      within: { type: 'string' },
      leaders: { type: 'string' },
      'not-leaders': { type: 'string' },
      pin: { type: 'string', multiple: true },
      apart: { type: 'string', multiple: true },
    },
  });
  const { topBy, period, out: outDir, kpiPeriod } = analysisInputs('restructure', values, positionals);
  const flags = restructureFlags(values);
  const workspace = openWorkspace(values.db);
  // The engine's own handler, in-process: the plan is the screen's, not a recipe of the CLI's.
  const engine = Engine.inProcess(workspace);
  try {
    await importInto(engine, positionals, kpiPeriod, '--kpi-period');
    const settings = analysisSettings(workspace, values);
    const constraints = resolveNames(flags, await repsOf(workspace));
    const plan = await call(engine, 'teams.plan', {
      period: period.value.id,
      settings,
      ...(topBy ? { topBy } : {}),
      constraints,
    });
    if (!plan.ok) fail(plan.error);
    const out = resolve(outDir);
    mkdirSync(out, { recursive: true });
    writeFileSync(resolve(out, 'teams.csv'), teamsCsv(plan.value));
    writeFileSync(resolve(out, 'plan.json'), restructurePlanJson(plan.value));
    process.stdout.write(`${restructureSummary(plan.value)} -> ${out}\n`);
  } finally {
    engine.close();
    workspace.close();
  }
}

async function report(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...ANALYSIS_OPTIONS,
      rep: { type: 'string', multiple: true },
      all: { type: 'boolean' },
      team: { type: 'string' },
      director: { type: 'boolean' },
      lang: { type: 'string' },
      anonymise: { type: 'boolean' },
    },
  });
  const { topBy, period, out: outDir, kpiPeriod } = analysisInputs('report', values, positionals);
  const names = (values.rep ?? []).map((n) => n.trim()).filter((n) => n.length > 0);
  if (names.length === 0 && !values.all && !values.director)
    throw new UsageError('report needs --rep <name>, --all or --director');
  if (names.length > 0 && values.all) throw new UsageError('report takes --rep or --all, not both');
  if (values.team !== undefined && !values.all) throw new UsageError('--team goes with --all');
  const langText = values.lang ?? 'en';
  if (!isLocale(langText)) throw new UsageError('--lang must be en or zh-CN');
  const lang: Locale = langText;
  // Before any file is read: without a browser nothing can be printed.
  const browser = findBrowser();
  if (!browser.ok) fail(browser.error);
  const workspace = openWorkspace(values.db);
  const engine = Engine.inProcess(workspace);
  try {
    await importInto(engine, positionals, kpiPeriod, '--kpi-period');
    const settings = analysisSettings(workspace, values);
    const known = await repsOf(workspace);
    const reps = names.map((n) => findRep(known, n).id);
    const out = resolve(outDir);
    const printed = await call(engine, 'reports.printTo', {
      jobId: 'cli',
      period: period.value.id,
      lang,
      settings,
      ...(topBy ? { topBy } : {}),
      ...(reps.length > 0 ? { repIds: reps } : {}),
      ...(values.all ? { allReps: true, combined: true } : {}),
      ...(values.team !== undefined ? { team: values.team } : {}),
      ...(values.director ? { director: true } : {}),
      ...(values.anonymise ? { anonymise: true } : {}),
      dir: out,
    });
    if (!printed.ok) fail(printed.error);
    const files = printed.value.files;
    const dossiers = files.filter((f) => f.kind === 'dossier').length;
    const pages = files.reduce((n, f) => n + f.pages, 0);
    const parts = [
      ...(dossiers > 0 ? [`${dossiers} dossier${dossiers === 1 ? '' : 's'}`] : []),
      ...files.filter((f) => f.kind !== 'dossier').map((f) => f.fileName),
    ];
    process.stdout.write(
      `${period.value.id}: ${parts.join(', ')} (${files.length} PDF${files.length === 1 ? '' : 's'}, ${pages} pages) -> ${out}\n`,
    );
  } finally {
    engine.close();
    workspace.close();
  }
}

async function importCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { db: { type: 'string' }, period: { type: 'string' } },
  });
  if (!values.db) throw new UsageError('import needs --db <workspace.sqlite>');
  if (positionals.length === 0) throw new UsageError('import needs at least one file');
  const kpiPeriod = kpiPeriodOption(values.period);
  // The reader worker loads on the other core while the workspace opens.
  Engine.prepareImports();
  // The workspace is written without the WAL until the imports end, unless somebody else has it
  // open (see OpenOptions.exclusive): an import's new pages are written once, not twice.
  const workspace = openWorkspace(values.db, true);
  const engine = Engine.inProcess(workspace);
  try {
    const files = await importInto(engine, positionals, kpiPeriod, '--period');
    const summary = files.map((f) => ({
      file: f.fileName,
      kind: f.kind,
      preset: f.preset,
      batch_id: f.batchId,
      mapping: f.mapping,
      counts: f.counts,
      warnings: f.warnings,
    }));
    process.stdout.write(`${JSON.stringify({ db: resolve(values.db), files: summary }, null, 2)}\n`);
  } finally {
    engine.close();
    workspace.finishExclusive();
    workspace.close();
  }
}

export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  try {
    if (command === 'analyze') await analyze(rest);
    else if (command === 'coach') await coach(rest);
    else if (command === 'restructure') await restructure(rest);
    else if (command === 'report') await report(rest);
    else if (command === 'import') await importCommand(rest);
    else if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(`${USAGE}\n`);
    } else throw new UsageError(`unknown command "${command}"`);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`quartile-coach: ${(e as Error).message}\n${USAGE}\n`);
      process.exit(2);
    }
    fail(`unexpected error: ${(e as Error).message}`);
  }
}
