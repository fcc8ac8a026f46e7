import type { DoubtfulField } from '../import/doubtful-fields';
import type { FileCurrency } from '../import/file-currency';
import type { AnalysisSettings } from '../analysis/settings';
import type { Band, FileKind, Tier, UnrankedReason } from '../domain/types';
import type { DataNeed, KpiId } from '../kpi/kpi-definitions';
import type { Period } from '../period/period';
import type { Comparison, CutoffTie, PeriodSupport } from '../ranking/ranking';
import type { Result } from '../result';
import type { Notice } from '../i18n/notice';
import type { Locale } from '../i18n/locale';
import type {
  CoachingNote,
  RepCoachingView,
  SavedGoal,
  SavedPlan,
  TeamPracticesView,
  TopBy,
} from '../coaching/types';
import type { Assignment, PlanCheckView, TeamConstraints, TeamPlan, TeamScenario } from '../teams/types';
import type { AccuracyFigures, ForecastAccuracyView, ForecastView, FunnelView } from '../funnel/types';
import type { ColumnMapping, StageChoice, StageMap } from '../import/mapping-types';

// Domain types are declared beside their domain code; the contract re-exports those hosts use.
export type { ColumnMapping, StageChoice, StageMap, ForecastAccuracyView, ForecastView, FunnelView };

/**
 * The one map of every request and response that crosses a process boundary. Electron's
 * preload, the browser host's HTTP client, the engine worker and the handlers are all typed
 * from it, so a change here is a compile error everywhere it matters.
 */

export interface WorkspaceInfo {
  /** Where the workspace's SQLite file lives, shown to the user. */
  path: string;
  isDemo: boolean;
  /** The workspace's currency for amounts whose file says none (asked once, set in Settings). */
  currency: string | null;
  /** The logo printed reports carry in their header (Settings), as a PNG or JPEG data URL. */
  reportLogo: string | null;
  counts: {
    reps: number;
    teams: number;
    deals: number;
    activities: number;
    accounts: number;
    quotas: number;
    batches: number;
  };
  /** Earliest and latest close/activity dates, ISO. */
  dataRange: { min: string; max: string } | null;
  /** The newest full-year or quarter period with data; what the ranking opens on. */
  defaultPeriod: string | null;
  periods: { year: string[]; quarter: string[]; month: string[] };
}

/**
 * One distinct value of a deals file's stage (or status) column, with how it will be read. The
 * same text in both columns is listed twice, once under each column.
 */
export interface StageValue extends StageChoice {
  /** The field whose column holds the value: the stage, or the status (outcome) column. */
  field: 'stage' | 'status';
  /** That column's header. */
  column: string;
  value: string;
  /** Rows of the whole file with this value in that column (of the sample only for a column of over 1,000 distinct values). */
  count: number;
  /** False when the value is neither in the defaults nor in the user's saved choices. */
  known: boolean;
}

export type DayMonthOrder = 'mdy' | 'dmy';

/** A period the user gives a rep KPI summary: ISO dates, both inclusive (a month: 2024-05-01..2024-05-31). */
export interface KpiPeriod {
  start: string;
  end: string;
}

export interface StagedFile {
  stagedId: string;
  fileName: string;
  sizeBytes: number;
  encoding: string;
  delimiter: string;
  headers: string[];
  /** Line number (1-based) of the header row, after any title rows that were skipped. */
  headerLine: number;
  previewRows: string[][];
  kind: FileKind | null;
  /** Every kind with its detection score, best first, so the user can override. */
  kindScores: { kind: FileKind; score: number }[];
  preset: string | null;
  mapping: ColumnMapping;
  /** `saved`: the mapping the user confirmed for a file with exactly these headers before. */
  mappingSource: 'detected' | 'saved';
  /**
   * Fields whose column was guessed from its values because no header named it
   * (shared/import/value-mapping.ts), while the mapping still uses that column; absent when none.
   * A guess is only remembered once the user imports with it.
   */
  guessedFromValues?: string[];
  /**
   * When no kind could be told: the kind the headers come closest to and the required fields no
   * column was recognised as, so the screen can say which column to pick; absent otherwise.
   */
  closestKind?: { kind: FileKind; missing: string[] };
  /**
   * Mappings to ask about before importing (shared/import/doubtful-fields.ts): a header that
   * names the field only sometimes, or a column whose values are implausible for it; absent
   * when none. The mapping screen enables Import once each is kept or changed.
   */
  doubtful?: DoubtfulField[];
  /**
   * The currency of the amounts (shared/import/file-currency.ts) and where it comes from; null
   * when nothing says it. `currencyNeeded`: the mapping screen asks for it (once per workspace).
   */
  currency?: FileCurrency | null;
  currencyNeeded?: boolean;
  missingRequired: string[];
  warnings: Notice[];
  /** An Excel workbook's sheets (empty for a text export) and the one read. */
  sheets: string[];
  sheet: string | null;
  /**
   * Day/month order of the mapped date columns' slash dates (3/4/2024): the order the sample
   * proves, else the columns that need the user's answer (`import.run`'s `dateOrder`).
   */
  dateOrder: { decided: DayMonthOrder | null; ambiguousColumns: string[] };
  /**
   * The order saved with the mapping for these headers (the user's last answer, or the order a
   * file with these headers proved): it pre-answers the question, and the user may change it.
   */
  savedDateOrder: DayMonthOrder | null;
  /**
   * A deals file's distinct stage values, then its status values (at most 200 per column), counted
   * over the whole file, with their default (or saved) outcome and funnel stage; empty for other
   * kinds.
   */
  stages: StageValue[];
}

export interface ImportCounts {
  read: number;
  added: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface ImportSummary {
  batchId: number;
  fileName: string;
  kind: FileKind;
  preset: string | null;
  mapping: ColumnMapping;
  counts: ImportCounts;
  /** Rejected rows shown straight after the import; all of them are exportable as CSV. */
  rejectedSample: RejectedRowInfo[];
  warnings: Notice[];
}

export interface RejectedRowInfo {
  rowNumber: number;
  reason: Notice;
  raw: string[];
}

export interface ImportBatchInfo {
  batchId: number;
  fileName: string;
  kind: FileKind;
  preset: string | null;
  importedAt: string;
  counts: ImportCounts;
}

export interface RepSummary {
  repId: number;
  name: string;
  deals: number;
  activities: number;
  inRoster: boolean;
}

/** Two reps that are probably one person: offered for merging, never merged silently. */
export interface RepDuplicate {
  /** The suggested survivor: the roster entry, else the one with more records. */
  keep: RepSummary;
  merge: RepSummary;
  reason: 'spelling' | 'word_order';
}

export interface UndoSummary {
  deals: number;
  activities: number;
  quotas: number;
  /** Values of rep KPI summaries. */
  kpiValues: number;
  /** Deal history snapshots. */
  snapshots: number;
  reps: number;
  accounts: number;
}

/** Where a rep's activity and won revenue went, by customer tier; `none`: no account on the record. */
export type TierKey = Tier | 'none';
export type TierShares = Record<TierKey, number>;

export interface RepCoverage {
  /** Activities in the period per tier of the account touched. */
  activities: TierShares;
  /** Won revenue in the period per tier of the account. */
  revenue: TierShares;
}

export interface RankingRow {
  repId: number;
  rep: string;
  team: string | null;
  region: string | null;
  role: string | null;
  /** The peer group the rep was ranked in: their region, team or role (null: none given); null for the whole company. */
  peerGroup: string | null;
  band: Band;
  resultsBand: Band;
  activityBand: Band;
  composite: number | null;
  resultsScore: number | null;
  activityScore: number | null;
  values: Record<KpiId, number | null>;
  /** 0..1 within the peer group, for every ranked KPI the rep has a value for. */
  percentiles: Partial<Record<KpiId, number>>;
  /** Working days the rep was active in the period (the denominator of rates); null when unknown. */
  activeDays: number | null;
  closedDeals: number;
  unrankedReason: UnrankedReason | null;
  /** For a minimum not met: the rep's figure and the minimum. */
  unrankedDetail: { actual: number; min: number } | null;
  /**
   * The band in the previous period of the same kind (null when the rep was not there or not
   * ranked, or when the two periods are not comparable: RankingView.comparison).
   */
  previousBand: Band | null;
  /** The composite equals one across a band cut-off: which KPI separated them (null: none did). */
  cutoffTie: CutoffTie<KpiId> | null;
  /** Every KPI in the previous period of the same kind, for the comparison. */
  previousValues: Record<KpiId, number | null>;
  coverage: RepCoverage;
  /** The rep's own funnel: deals they created in the period. */
  funnel: FunnelView;
  /**
   * Open pipeline expected to close in the next period, weighted by win probability; and how
   * the forecast for the viewed period, as it stood at its start, compared with what the rep won
   * (null when the workspace has no deal history before the period).
   */
  forecast: { deals: number; amount: number; weighted: number; accuracy: AccuracyFigures | null };
}

/** One peer group of this ranking. */
export interface PeerGroupInfo {
  /** null: the reps without a region/team/role (or the whole company when peerGroup is company). */
  key: string | null;
  reps: number;
  ranked: number;
  /** Fewer than 8 ranked reps: quartiles of so few people are fragile. */
  smallGroup: boolean;
}

/** One cell of the 3x3 results x activity matrix. */
export interface MatrixCell {
  results: 'top' | 'middle' | 'bottom';
  activity: 'top' | 'middle' | 'bottom';
  repIds: number[];
}

export interface TierSummary {
  method: AnalysisSettings['tiers']['method'];
  /** False when the data the method needs is missing: every account is then unscored (D). */
  available: boolean;
  accounts: Record<Tier, number>;
  /** The basis (revenue for 80/20, score otherwise) share of each tier, 0..1. */
  basisShare: Record<Tier, number>;
  target: Tier[];
}

/** Coverage alignment for the team: per band, where activity and revenue went, as shares 0..1. */
export interface CoverageView {
  byBand: { band: 'top' | 'middle' | 'bottom'; reps: number; activities: TierShares; revenue: TierShares }[];
  all: { activities: TierShares; revenue: TierShares };
}

export interface RankingView {
  period: Period;
  previousPeriod: Period;
  /** The data ends inside the period: it is still running (or the export was taken mid-way). */
  partial: boolean;
  /** The settings this view was computed with. */
  settings: AnalysisSettings;
  rows: RankingRow[];
  kpiAvailable: Record<KpiId, boolean>;
  /** For each unavailable KPI, the data it lacks. */
  kpiMissing: Partial<Record<KpiId, DataNeed[]>>;
  usedKpis: KpiId[];
  /** Whether the period's data supports a ranking (docs/ranking.md §1a). */
  support: PeriodSupport;
  /** Whether the previous period's bands may be compared with these (docs/ranking.md §4b). */
  comparison: Comparison;
  /** The used KPIs in order of weight: the tie-breakers at a band cut-off. */
  tieBreakers: KpiId[];
  bandCounts: Record<Band, number>;
  rankedCount: number;
  /** Some peer group has fewer than 8 ranked reps. */
  smallGroup: boolean;
  peerGroups: PeerGroupInfo[];
  matrix: MatrixCell[];
  tiers: TierSummary;
  coverage: CoverageView;
  funnel: FunnelView;
  forecast: ForecastView;
  /** The single currency of the amounts, or null when unknown or mixed. */
  currency: string | null;
  warnings: Notice[];
}

/** Bands and headline figures over the last N periods of the viewed period's kind. */
export interface TrendView {
  /** Oldest first; the last is the viewed period. */
  periods: Period[];
  reps: {
    repId: number;
    rep: string;
    team: string | null;
    bands: Band[];
    composites: (number | null)[];
    /**
     * Compared with the period before the viewed one: up, down, same, or null when either is
     * unranked or the two periods are not comparable.
     */
    movement: 'up' | 'down' | 'same' | null;
  }[];
  /** Per period: whether its data supports a ranking. */
  support: PeriodSupport[];
  /** Whether the viewed period may be compared with the one before it. */
  comparison: Comparison;
  /** Team totals and medians per period, for the trend chart. */
  team: {
    wonRevenue: (number | null)[];
    dealsWon: (number | null)[];
    medianWinRate: (number | null)[];
    medianCallsPerDay: (number | null)[];
    medianQualityContactsPerWeek: (number | null)[];
    rankedReps: number[];
  };
}

export interface ApiMap {
  'workspace.info': { req: Record<string, never>; res: WorkspaceInfo };
  'workspace.openDemo': { req: Record<string, never>; res: WorkspaceInfo };
  'workspace.openUser': { req: Record<string, never>; res: WorkspaceInfo };
  /**
   * Sets the workspace currency (ISO code): amounts stored with the previous workspace currency
   * because their file said none, and amounts with none at all, take it.
   */
  'workspace.setCurrency': { req: { currency: string }; res: WorkspaceInfo };
  /**
   * Sets the printed reports' logo from a PNG or JPEG data URL (shared/format/report-logo.ts), or
   * removes it (null). A refused image is logo_not_image, logo_too_large or logo_damaged.
   */
  'workspace.setReportLogo': { req: { logo: string | null }; res: WorkspaceInfo };
  /** Stages a file from its bytes: a File made in memory, which has no path on disk. */
  'import.stage': { req: { fileName: string; bytes: Uint8Array }; res: StagedFile };
  /**
   * Stages a file from its path on this machine (the engine copies it into the staging folder
   * without reading it into memory). Only hosts send it: Electron's main process with the path its preload read from a
   * File the user dropped or picked, the browser host with the upload it saved to disk. A page
   * never names a path: it is not in API_METHODS, so neither the preload's `methods` nor the
   * browser host's `/api/` offers it.
   */
  'import.stagePath': { req: { path: string; fileName: string }; res: StagedFile };
  /** Reads a staged file again as another kind, or another sheet of a workbook. */
  'import.redetect': { req: { stagedId: string; kind?: FileKind; sheet?: string }; res: StagedFile };
  /** The staged file's findings (date order, stages, missing fields) for a mapping the user edited. */
  'import.remap': { req: { stagedId: string; kind: FileKind; mapping: ColumnMapping }; res: StagedFile };
  'import.run': {
    req: {
      jobId: string;
      stagedId: string;
      kind: FileKind;
      mapping: ColumnMapping;
      /** The user's answer for date columns whose values fit both orders. */
      dateOrder?: DayMonthOrder;
      /** The user's stage choices; saved with the mapping for the next file with these headers. */
      stageMap?: StageMap;
      /**
       * A rep KPI summary that does not date its values (no month column): the month its newest
       * relative label means ("last month" = 2024-12), or the month the sheet covers. ISO dates,
       * both inclusive; ignored for other kinds.
       */
      period?: KpiPeriod;
      /**
       * The currency of the amounts when the file does not say it (ISO code): the user's answer
       * to the mapping screen's question, saved as the workspace's currency.
       */
      currency?: string;
    };
    res: ImportSummary;
  };
  /**
   * Imports files from their paths on this machine with no one to ask: the same steps as
   * `import.stagePath` then `import.run` (engine/import/import-files.ts), each file read where it
   * is (not copied), with the kind, mapping and date order saved for its headers, else the
   * detected ones; reps and accounts before the deals that name them, each file one transaction.
   * The first file that cannot be read or imported stops the run and is named (files imported
   * before it stay). `period`: the month of rep KPI summaries that do not date their values.
   * Only hosts send it (the CLI's commands).
   */
  'import.files': { req: { paths: string[]; period?: KpiPeriod }; res: ImportSummary[] };
  'import.cancel': { req: { jobId: string }; res: { cancelled: boolean } };
  /** Forgets a staged file the user removed, and deletes its copy (imports free theirs anyway). */
  'import.unstage': { req: { stagedId: string }; res: { unstaged: boolean } };
  'import.history': { req: Record<string, never>; res: ImportBatchInfo[] };
  'import.rejectedCsv': { req: { batchId: number }; res: { fileName: string; csv: string } };
  'import.undo': { req: { batchId: number }; res: UndoSummary };
  'reps.duplicates': { req: Record<string, never>; res: RepDuplicate[] };
  'reps.merge': { req: { fromId: number; intoId: number }; res: { merged: boolean } };
  'reps.dismissDuplicate': { req: { repIds: [number, number] }; res: { dismissed: boolean } };
  /** Every KPI, rank and band for a period; with the saved settings unless others are given. */
  'rankings.get': { req: { period: string; settings?: AnalysisSettings }; res: RankingView };
  'rankings.trend': { req: { period: string; settings?: AnalysisSettings }; res: TrendView };
  /** The analysis settings saved with the workspace (defaults when none). */
  'settings.get': { req: Record<string, never>; res: AnalysisSettings };
  /** Saves the analysis settings with the workspace; returns them as stored. */
  'settings.save': { req: { settings: AnalysisSettings }; res: AnalysisSettings };
  /**
   * What separates the top performers (by `topBy`, default the results score) from the rest in
   * a period: every practice's medians, effect size and separation; with the saved settings
   * unless others are given.
   */
  'coaching.team': {
    req: { period: string; settings?: AnalysisSettings; topBy?: TopBy };
    res: TeamPracticesView;
  };
  /** One rep's gaps to the top performers, the coaching plan, the saved plans (checked) and notes. */
  'coaching.rep': {
    req: { period: string; repId: number; settings?: AnalysisSettings; topBy?: TopBy };
    res: RepCoachingView;
  };
  /** Saves a plan's goals as the director edited them. */
  'coaching.savePlan': { req: { repId: number; period: string; goals: SavedGoal[] }; res: SavedPlan };
  /** A dated note on a rep; the engine's clock dates it. */
  'coaching.addNote': { req: { repId: number; text: string; period?: string }; res: CoachingNote };
  'coaching.deleteNote': { req: { noteId: number }; res: { deleted: boolean } };
  /**
   * The team restructure (issue #10): leaders chosen by score, every other rep placed with the
   * leader strongest where they are weakest, under the constraints (defaults for those not
   * given). With `assignment` the director's own placement (a what-if, a saved scenario) is
   * scored as given, not solved. Impossible constraints are an `infeasible_plan` error naming
   * the constraint, never a half plan.
   */
  'teams.plan': { req: TeamPlanRequest; res: TeamPlan };
  /** The plan (or the director's placement) as teams.csv, formula-safe, for Excel. */
  'teams.exportCsv': { req: TeamPlanRequest; res: { fileName: string; csv: string } };
  /** Saved scenarios, newest first. */
  'teams.scenarios': { req: Record<string, never>; res: TeamScenario[] };
  /** Saves a named scenario; its figures are scored by the engine, not taken from the page. */
  'teams.saveScenario': {
    req: TeamPlanRequest & { name: string; assignment: Assignment[] };
    res: TeamScenario;
  };
  'teams.deleteScenario': { req: { scenarioId: number }; res: { deleted: boolean } };
  /** "Check the plan": the moved reps' change in the next period against those who stayed. */
  'teams.check': { req: { scenarioId: number; settings?: AnalysisSettings }; res: PlanCheckView };
  /**
   * Printed reports (issue #11). The coaching dossier of one rep as the HTML that prints: the
   * preview shows exactly these bytes.
   */
  'reports.dossier': { req: ReportRequest & { repId: number }; res: ReportHtml };
  /** The director's report as the HTML that prints; `anonymise`: reps as "Rep 1…" by rank. */
  'reports.director': { req: ReportRequest & { anonymise?: boolean }; res: ReportHtml };
  /**
   * Prints PDFs (one per dossier, the combined dossiers, the director's report) into the
   * engine's own folder for the job, with `reports.progress` events and `reports.cancel`; the
   * host then saves or serves a file by its name (`reports.printedFile`). A page never names a
   * path: where a PDF goes is the host's business (a save dialog, a download).
   */
  'reports.print': { req: ReportPrintRequest; res: PrintedReports };
  /** The same, into a folder the host names (the CLI's --out, a folder the user picked). */
  'reports.printTo': { req: ReportPrintRequest & { dir: string }; res: PrintedReports };
  /** Where a file of a `reports.print` job is, for the host to copy or stream; never offered to a page. */
  'reports.printedFile': { req: { jobId: string; fileName: string }; res: { path: string } };
  /** Stops a print job between two documents; the files it printed are removed. */
  'reports.cancel': { req: { jobId: string }; res: { cancelled: boolean } };
}

/** What every report is asked for: the period, the language and the analysis (saved settings unless given). */
export interface ReportRequest {
  period: string;
  lang: Locale;
  settings?: AnalysisSettings;
  topBy?: TopBy;
}

/** A report as HTML: a whole document (styles, the font's slices it uses, charts as SVG). */
export interface ReportHtml {
  title: string;
  /** The PDF's file name when printed: `Ann Lee.pdf`, `director-report.pdf`. */
  fileName: string;
  html: string;
}

/** What to print: dossiers (listed, or every rep with data, of one team or all) and the director's report. */
export interface ReportPrintRequest extends ReportRequest {
  jobId: string;
  /** Dossiers of these reps. */
  repIds?: number[];
  /** Dossiers of every rep with data in the period (of `team` when given). */
  allReps?: boolean;
  team?: string;
  /** With more than one dossier, one more PDF with all of them (`all-dossiers.pdf`). */
  combined?: boolean;
  director?: boolean;
  anonymise?: boolean;
}

export interface PrintedFile {
  fileName: string;
  kind: 'dossier' | 'dossiers' | 'director';
  /** The rep of a dossier; null for the others. */
  repId: number | null;
  pages: number;
  sizeBytes: number;
}

export interface PrintedReports {
  jobId: string;
  files: PrintedFile[];
  /** Which browser printed them (the path), for the "printed with" line. */
  browser: string;
}

/** A request for a team plan: the period, the analysis settings and the planner's constraints. */
export interface TeamPlanRequest {
  period: string;
  settings?: AnalysisSettings;
  topBy?: TopBy;
  constraints?: Partial<TeamConstraints>;
  /** The director's placement to score as given (a what-if or a saved scenario). */
  assignment?: Assignment[];
}

export type ApiMethod = keyof ApiMap;
export type ApiRequest<M extends ApiMethod> = ApiMap[M]['req'];
export type ApiResponse<M extends ApiMethod> = ApiMap[M]['res'];

/**
 * The methods a page may call by name. Listed explicitly (not derived) so the preload can expose
 * exactly these and nothing else.
 */
export const API_METHODS = [
  'workspace.info',
  'workspace.setReportLogo',
  'workspace.openDemo',
  'workspace.openUser',
  'workspace.setCurrency',
  'import.stage',
  'import.redetect',
  'import.remap',
  'import.run',
  'import.cancel',
  'import.unstage',
  'import.history',
  'import.rejectedCsv',
  'import.undo',
  'reps.duplicates',
  'reps.merge',
  'reps.dismissDuplicate',
  'rankings.get',
  'rankings.trend',
  'settings.get',
  'settings.save',
  'coaching.team',
  'coaching.rep',
  'coaching.savePlan',
  'coaching.addNote',
  'coaching.deleteNote',
  'teams.plan',
  'teams.exportCsv',
  'teams.scenarios',
  'teams.saveScenario',
  'teams.deleteScenario',
  'teams.check',
  'reports.dossier',
  'reports.director',
  'reports.print',
  'reports.cancel',
] as const satisfies readonly ApiMethod[];

export type PageMethod = (typeof API_METHODS)[number];

/** Methods only a host calls (on the page's behalf, or its own: the CLI's): they take a path on this machine. */
export const HOST_METHODS = [
  'import.stagePath',
  'import.files',
  'reports.printTo',
  'reports.printedFile',
] as const satisfies readonly ApiMethod[];

export type HostMethod = (typeof HOST_METHODS)[number];

/** Every method of ApiMap is listed in exactly one of the two lists (a compile error otherwise). */
export const ALL_METHODS_LISTED: [Exclude<ApiMethod, PageMethod | HostMethod>] extends [never]
  ? [Extract<PageMethod, HostMethod>] extends [never]
    ? true
    : never
  : never = true;

/**
 * The largest file the app stages, whichever the route. A file is never held whole in memory
 * (it is copied or streamed to the staging folder), so this only bounds disk use: far past a
 * director's 1–2 GB activity export.
 */
export const MAX_IMPORT_FILE_BYTES = 4 * 1024 * 1024 * 1024;

export type ApiEvent =
  | {
      type: 'import.progress';
      jobId: string;
      phase: 'reading' | 'committing' | 'done';
      /** 0..1 of the file's bytes. */
      fraction: number;
      rowsRead: number;
    }
  | { type: 'workspace.changed' }
  | {
      type: 'reports.progress';
      jobId: string;
      /** Documents printed so far, of `total`. */
      done: number;
      total: number;
      /** The file just printed; null at the start. */
      fileName: string | null;
    };

/** What every host (Electron preload, browser host client) gives the renderer. */
export interface HostBridge {
  invoke<M extends PageMethod>(method: M, request: ApiRequest<M>): Promise<Result<ApiResponse<M>>>;
  /**
   * Stages a file the user dropped or picked without reading it into the page's memory: under
   * Electron by its path on disk (read by the preload, `import.stagePath`), in the browser host by
   * streaming the file as the request body (`import.stage`). A File made in memory, which has no
   * path, is sent as bytes.
   */
  stageFile(file: File): Promise<Result<StagedFile>>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
  /**
   * Hands the user a PDF a `reports.print` job made, by job and file name (never a path): the
   * browser host downloads it, Electron copies it where a save dialog says (`saved: false` when
   * the user cancels the dialog).
   */
  savePrintedFile(jobId: string, fileName: string): Promise<Result<{ saved: boolean }>>;
  /**
   * Every named PDF of a finished job at once: the desktop app saves them into one folder the user
   * picks, the browser host downloads them one after another. `saved`: how many (0 when cancelled).
   */
  savePrintedFiles(jobId: string, fileNames: readonly string[]): Promise<Result<{ saved: number }>>;
  /**
   * Where a sandboxed frame can load the report's HTML as the host serves it under its own CSP
   * (docs/decisions.md, "Printed reports": the preview); null when this host serves no preview.
   */
  reportPreviewUrl(
    method: 'reports.dossier' | 'reports.director',
    request: ApiRequest<'reports.dossier'> | ApiRequest<'reports.director'>,
  ): string | null;
  /** Which host the renderer runs in; only used for wording (e.g. "drop files on the window"). */
  readonly host: 'electron' | 'web';
}

export type ApiHandlers = {
  [M in ApiMethod]: (request: ApiRequest<M>) => Promise<Result<ApiResponse<M>>>;
};
