import { selectAll, selectFirst, query } from '../db/sync-query';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type {
  ApiEvent,
  ApiHandlers,
  ApiMethod,
  ApiRequest,
  ApiResponse,
  ColumnMapping,
  ImportBatchInfo,
  KpiPeriod,
  StagedFile,
} from '../../shared/api/contract';
import { validateRequest } from '../../shared/api/validate';
import { FILE_KINDS, type WorkingSet } from '../../shared/domain/types';
import { isCurrencyCode } from '../../shared/import/file-currency';
import type { KnownPeople } from '../../shared/import/value-mapping';
import { parsePeriod } from '../../shared/period/period';
import { err, ok, type Result } from '../../shared/result';
import { buildRankingView, buildTrendView } from '../analysis/ranking-view';
import { addNote, deleteNote, savePlan } from '../coaching/coaching-store';
import { buildRepCoachingView, buildTeamPracticesView } from '../coaching/coaching-view';
import { loadAnalysisSettings, saveAnalysisSettings } from '../workspace/analysis-settings-store';
import { EXCEL_CSV, toCsv } from '../export/csv';
import { checkpointInWorker, prewarmActivityColumnsReader } from '../analysis/activity-columns-reader';
import { prewarmActivityReader } from '../import/activities/activity-reader';
import { knownPeople } from '../import/known-people';
import { setWorkspaceCurrency } from '../workspace/currency-store';
import { loadReportLogo, saveReportLogo } from '../workspace/report-logo-store';
import { importMapping, importPaths, importStaged, withWorkspaceChoices } from '../import/import-files';
import { undoImport } from '../import/undo-import';
import { dismissDuplicate, findRepDuplicates, mergeReps } from '../workspace/rep-duplicates';
import {
  removeStaged,
  stageBytes,
  stagePath,
  stageTable,
  withMapping,
  withValueCounts,
  type StagedTable,
} from '../import/stage-file';
import { Workspace } from '../workspace/workspace';
import { buildDemoWorkspace } from '../workspace/demo-workspace';
import { deleteScenario, listScenarios } from '../teams/scenario-store';
import { buildPlanCheck, buildPlanCsv, buildTeamPlanView, saveTeamScenario } from '../teams/teams-view';
import type { ReportRequest } from '../../shared/api/contract';
import { ReportSource, workspaceLabel } from '../reports/report-data';
import { HostPrinter, type HostPrint, type PdfPrinter } from '../reports/pdf-printer';
import type * as Printing from '../reports/print-reports';

/**
 * The report renderer (React's server rendering, ECharts, the documents) is loaded on the first
 * report asked for, not with the engine: it adds tens of megabytes and start-up time to every
 * process (the CLI, the engine worker during a million-row import) that never prints.
 */
let printing: Promise<typeof Printing> | null = null;
const loadPrinting = (): Promise<typeof Printing> => (printing ??= import('../reports/print-reports'));

export interface EngineConfig {
  /** Where workspaces and staged uploads live (Electron: userData; CLI: as given). */
  dataDir: string;
  /** The folder holding resources/demo; the demo workspace is imported from it. */
  resourcesDir: string;
  nativeBinding?: string;
  /** The clock, injected so tests and imports are reproducible. */
  now?: () => Date;
  emit?: (event: ApiEvent) => void;
  /** The workspace's name in a printed report's header (default: the demo, or the file's name). */
  workspaceName?: string;
  /** A browser already started to print reports with (tests, the bench); else one per print job. */
  printer?: PdfPrinter;
  /**
   * The host prints (the desktop app, with Electron's own Chromium): report HTML goes to it and
   * PDF bytes come back, so no other browser is needed. Ignored when `printer` is given.
   */
  hostPrint?: HostPrint;
}

/** An engine serving, in-process, a workspace its caller opened (Engine.inProcess). */
export interface InProcessOptions {
  now?: () => Date;
  workspaceName?: string;
  printer?: PdfPrinter;
}

/**
 * The engine behind every host: Electron's main process, the browser host and the CLI all call
 * these handlers, so the numbers are the same everywhere. Never imports electron.
 */
export class Engine {
  private workspace: Workspace;
  private readonly staged = new Map<string, StagedTable>();
  private readonly cancelled = new Set<string>();
  /** Print jobs asked to stop (reports.cancel), and the files each finished page job printed. */
  private readonly printsCancelled = new Set<string>();
  private readonly printedFiles = new Map<string, Set<string>>();
  /** Where reports.print puts a job's PDFs for the host to fetch; null for an in-process engine. */
  private readonly reportsDir: string | null;
  /** Null for an in-process engine: it stages nothing (its caller imports files where they are: import.files). */
  private readonly stagingDir: string | null;
  /** The workspace is the caller's (Engine.inProcess): never switched or closed. */
  private readonly borrowed: boolean;
  private queue: Promise<unknown> = Promise.resolve();
  readonly handlers: ApiHandlers;

  /**
   * Starts loading what an import of files by path will need (the activity reader worker, 0.1 s)
   * before the workspace is even open: a host that is about to import calls it first.
   */
  static prepareImports(): void {
    void prewarmActivityReader();
  }

  /**
   * The same handlers over a workspace the caller opened and will close (the CLI, issue #15: it
   * is a host like the others, calling API methods, not engine internals). No data folder, so no
   * staging folder is created or wiped (another engine may own the folder the workspace is in).
   * The working set loads as the app's does (Workspace.prepareWorkingSet: a file's deals or
   * activities partly in the activity columns worker, an in-memory workspace on this thread). The
   * demo and user workspaces cannot be switched to, and files cannot be staged: they are imported
   * where they are (import.files).
   */
  static inProcess(workspace: Workspace, options: InProcessOptions = {}): Engine {
    return new Engine({ dataDir: '', resourcesDir: '', ...options }, workspace);
  }

  /** `borrowed` is for Engine.inProcess only. */
  constructor(
    private readonly config: EngineConfig,
    borrowed?: Workspace,
  ) {
    this.borrowed = borrowed !== undefined;
    if (borrowed) {
      this.stagingDir = null;
      this.reportsDir = null;
      this.workspace = borrowed;
    } else {
      mkdirSync(config.dataDir, { recursive: true });
      this.stagingDir = join(config.dataDir, 'staging');
      // Uploads from an earlier run are never resumed; leaving them would only fill the disk.
      rmSync(this.stagingDir, { recursive: true, force: true });
      mkdirSync(this.stagingDir, { recursive: true });
      // Printed PDFs are the host's to save or serve right away; none outlives a run.
      this.reportsDir = join(config.dataDir, 'reports');
      rmSync(this.reportsDir, { recursive: true, force: true });
      this.workspace = this.openWorkspace(false);
      // The working set's activity reader takes a moment to start: let it load while the host
      // shows its first screen, before the first analysis opens the workspace.
      void prewarmActivityColumnsReader(config.nativeBinding);
    }
    this.handlers = this.createHandlers();
  }

  private now(): Date {
    return this.config.now ? this.config.now() : new Date();
  }

  private openWorkspace(demo: boolean): Workspace {
    const file = join(this.config.dataDir, demo ? 'demo.sqlite' : 'workspace.sqlite');
    return new Workspace(
      file,
      demo,
      this.config.nativeBinding ? { nativeBinding: this.config.nativeBinding } : {},
    );
  }

  get currentWorkspace(): Workspace {
    return this.workspace;
  }

  /** Runs DB work one request at a time: an import's open transaction must not be read mid-way. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** The same for synchronous work (most reads and writes): its result, or its throw, as a promise. */
  private serialSync<T>(work: () => T): Promise<T> {
    return this.serial(() => Promise.resolve(work()));
  }

  /**
   * The working set for an analysis, loaded with the activity columns worker's help when the
   * workspace is a file (the CLI's too: at 10M activities the first open is a second shorter).
   */
  private async workingSet(): Promise<WorkingSet> {
    await this.workspace.prepareWorkingSet();
    return this.workspace.getWorkingSet();
  }

  private async switchTo(demo: boolean): Promise<Result<ApiResponse<'workspace.info'>>> {
    if (this.borrowed) return err('invalid_request', 'This engine serves the workspace it was given.');
    if (this.workspace.isDemo !== demo) {
      this.workspace.close();
      this.workspace = this.openWorkspace(demo);
    }
    if (demo && this.workspace.info().counts.deals === 0) {
      const built = await buildDemoWorkspace(
        this.workspace.sqlite,
        this.config.resourcesDir,
        this.now().toISOString(),
      );
      if (!built.ok) return built;
      this.workspace.invalidate();
    }
    this.config.emit?.({ type: 'workspace.changed' });
    await this.workingSet();
    return ok(this.workspace.info());
  }

  /** The data changed: analytics reload, screens refresh. */
  private changed(): void {
    this.workspace.invalidate();
    this.config.emit?.({ type: 'workspace.changed' });
  }

  private createHandlers(): ApiHandlers {
    return {
      // The default period ranks candidate periods: load the working set off-thread first.
      'workspace.info': () =>
        this.serial(async () => {
          await this.workingSet();
          return ok(this.workspace.info());
        }),
      'workspace.openDemo': () => this.serial(() => this.switchTo(true)),
      'workspace.openUser': () => this.serial(() => this.switchTo(false)),
      'workspace.setReportLogo': ({ logo }) =>
        this.serialSync(() => {
          const saved = saveReportLogo(this.workspace.sqlite, logo);
          return saved.ok ? ok(this.workspace.info()) : saved;
        }),
      'workspace.setCurrency': ({ currency }) =>
        this.serialSync(() => {
          if (!isCurrencyCode(currency)) return err('invalid_request', 'A currency is an ISO code like EUR.');
          setWorkspaceCurrency(this.workspace.sqlite, currency);
          this.changed();
          return ok(this.workspace.info());
        }),
      'import.stage': ({ fileName, bytes }) =>
        this.stage((dir, known) => stageBytes(dir, fileName, bytes, known)),
      'import.stagePath': ({ path, fileName }) =>
        this.stage((dir, known) => stagePath(dir, path, fileName, undefined, known)),
      'import.redetect': async ({ stagedId, kind, sheet }) => {
        const current = this.staged.get(stagedId);
        // Nothing is staged without a staging folder.
        if (!current || this.stagingDir === null)
          return err('not_found', 'That file is no longer staged; add it again.');
        const again = await stageTable(
          current.sourcePath,
          current.info.fileName,
          stagedId,
          current.info.sizeBytes,
          {
            workDir: this.stagingDir,
            knownPeople: await this.serialSync(() => knownPeople(this.workspace.sqlite)),
            ...(kind ? { kind } : {}),
            ...(sheet ? { sheet } : {}),
          },
        );
        if (!again.ok) return again;
        // The stage choices and date order saved for these headers still apply to the file read as deals.
        const table = withMapping(
          {
            ...again.value,
            info: { ...again.value.info, savedDateOrder: current.info.savedDateOrder },
            stageMap: current.stageMap,
            workspaceCurrency: current.workspaceCurrency ?? null,
          },
          again.value.info.kind,
          again.value.info.mapping,
        );
        this.staged.set(stagedId, table);
        return ok(table.info);
      },
      'import.remap': async ({ stagedId, kind, mapping }) => {
        const current = this.staged.get(stagedId);
        if (!current) return err('not_found', 'That file is no longer staged; add it again.');
        const headers = new Set(current.info.headers);
        const known: ColumnMapping = {};
        for (const [field, header] of Object.entries(mapping)) {
          if (header !== null && !headers.has(header))
            return err('invalid_request', `No column "${header}".`);
          known[field] = header;
        }
        // Read as deals for the first time: count its stage values over the whole file.
        const table = await withValueCounts(withMapping(current, kind, known));
        this.staged.set(stagedId, table);
        return ok(table.info);
      },
      'import.run': (req) => this.serial(() => this.runImportJob(req)),
      // The hosts' import with no one to ask (the CLI's): the same steps, one file after another.
      'import.files': ({ paths, period }) => this.serial(() => this.importFiles(paths, period)),
      'import.cancel': ({ jobId }) => {
        this.cancelled.add(jobId);
        return Promise.resolve(ok({ cancelled: true }));
      },
      // Through the queue: a file being imported is unstaged only once its import is over.
      'import.unstage': ({ stagedId }) => this.serial(() => this.unstage(stagedId)),
      'import.history': () =>
        this.serialSync(() => {
          const rows = selectAll(
            this.workspace.sqlite,
            query
              .selectFrom('import_batches')
              .select([
                'id',
                'file_name',
                'kind',
                'preset',
                'imported_at',
                'rows_read',
                'rows_added',
                'rows_updated',
                'rows_unchanged',
                'rows_rejected',
              ])
              .orderBy('id', 'desc'),
          );
          return ok(
            rows.map((r): ImportBatchInfo => ({
              batchId: r.id,
              fileName: r.file_name,
              kind: r.kind,
              preset: r.preset,
              importedAt: r.imported_at,
              counts: {
                read: r.rows_read,
                added: r.rows_added,
                updated: r.rows_updated,
                unchanged: r.rows_unchanged,
                rejected: r.rows_rejected,
              },
            })),
          );
        }),
      'import.rejectedCsv': ({ batchId }) => this.serialSync(() => this.rejectedCsv(batchId)),
      'import.undo': ({ batchId }) =>
        this.serialSync(() => {
          const removed = undoImport(this.workspace.sqlite, batchId);
          if (removed === null) return err('not_found', `No import batch ${batchId}.`);
          this.changed();
          return ok(removed);
        }),
      'reps.duplicates': () => this.serialSync(() => ok(findRepDuplicates(this.workspace.sqlite))),
      'reps.merge': ({ fromId, intoId }) =>
        this.serialSync(() => {
          const merged = mergeReps(this.workspace.sqlite, fromId, intoId);
          if (!merged) return err('not_found', 'One of those reps no longer exists.');
          this.changed();
          return ok({ merged });
        }),
      'reps.dismissDuplicate': ({ repIds }) =>
        this.serialSync(() => {
          dismissDuplicate(this.workspace.sqlite, repIds[0], repIds[1]);
          return ok({ dismissed: true });
        }),
      'rankings.get': ({ period, settings }) =>
        this.serial(async () => {
          const parsed = parsePeriod(period);
          if (!parsed.ok) return parsed;
          return ok(
            buildRankingView(
              await this.workingSet(),
              parsed.value,
              this.workspace.dataRange(),
              settings ?? loadAnalysisSettings(this.workspace.sqlite),
            ),
          );
        }),
      'rankings.trend': ({ period, settings }) =>
        this.serial(async () => {
          const parsed = parsePeriod(period);
          if (!parsed.ok) return parsed;
          return ok(
            buildTrendView(
              await this.workingSet(),
              parsed.value,
              settings ?? loadAnalysisSettings(this.workspace.sqlite),
            ),
          );
        }),
      'settings.get': () => this.serialSync(() => ok(loadAnalysisSettings(this.workspace.sqlite))),
      'settings.save': ({ settings }) =>
        this.serialSync(() => {
          saveAnalysisSettings(this.workspace.sqlite, settings);
          return ok(loadAnalysisSettings(this.workspace.sqlite));
        }),
      'coaching.team': ({ period, settings, topBy }) =>
        this.serial(async () => {
          const parsed = parsePeriod(period);
          if (!parsed.ok) return parsed;
          return ok(
            buildTeamPracticesView(
              await this.workingSet(),
              parsed.value,
              settings ?? loadAnalysisSettings(this.workspace.sqlite),
              topBy,
            ),
          );
        }),
      'coaching.rep': ({ period, repId, settings, topBy }) =>
        this.serial(async () => {
          const parsed = parsePeriod(period);
          if (!parsed.ok) return parsed;
          return buildRepCoachingView(
            this.workspace.sqlite,
            await this.workingSet(),
            parsed.value,
            repId,
            settings ?? loadAnalysisSettings(this.workspace.sqlite),
            topBy,
          );
        }),
      // Notes and plans change no figure: the working set stays, and no workspace.changed is sent
      // (the screen that wrote them refreshes its own rep view).
      'coaching.savePlan': (req) =>
        this.serialSync(() => savePlan(this.workspace.sqlite, req, this.now().toISOString())),
      'coaching.addNote': (req) =>
        this.serialSync(() => addNote(this.workspace.sqlite, req, this.now().toISOString())),
      'coaching.deleteNote': ({ noteId }) =>
        this.serialSync(() => ok({ deleted: deleteNote(this.workspace.sqlite, noteId) })),
      // Team plans (issue #10). A plan changes no data: no workspace.changed; saved scenarios are
      // the director's writing, like coaching notes.
      'teams.plan': (req) => this.serial(() => this.teamPlan(req)),
      'teams.exportCsv': (req) =>
        this.serial(async () => {
          const plan = await this.teamPlan(req);
          return plan.ok ? ok(buildPlanCsv(plan.value)) : plan;
        }),
      'teams.scenarios': () => this.serial(async () => ok(await listScenarios(this.workspace.handle.db))),
      'teams.saveScenario': (req) =>
        this.serial(async () =>
          saveTeamScenario(
            this.workspace.handle,
            await this.workingSet(),
            req.settings ?? loadAnalysisSettings(this.workspace.sqlite),
            req,
            this.now().toISOString(),
          ),
        ),
      'teams.deleteScenario': ({ scenarioId }) =>
        this.serial(async () => ok({ deleted: await deleteScenario(this.workspace.handle.db, scenarioId) })),
      // Printed reports (issue #11): the HTML is built in the queue (it reads the workspace);
      // a print job gathers each document's data in the queue and prints outside it, so the
      // screens stay answered while forty dossiers print.
      'reports.dossier': (req) =>
        this.serial(async () => {
          const source = await this.reportSource(req);
          if (!source.ok) return source;
          const data = source.value.dossier(req.repId);
          return data.ok ? ok((await loadPrinting()).dossierHtml(data.value)) : data;
        }),
      'reports.director': (req) =>
        this.serial(async () => {
          const source = await this.reportSource(req);
          if (!source.ok) return source;
          const data = await source.value.director(req.anonymise === true);
          return data.ok ? ok((await loadPrinting()).directorHtml(data.value)) : data;
        }),
      'reports.print': async (req) => {
        if (this.reportsDir === null)
          return err(
            'invalid_request',
            'This engine keeps no printed files: print into a folder (reports.printTo).',
          );
        const result = await this.printJob(req, join(this.reportsDir, req.jobId));
        if (result.ok) this.printedFiles.set(req.jobId, new Set(result.value.files.map((f) => f.fileName)));
        return result;
      },
      'reports.printTo': ({ dir, ...req }) => this.printJob(req, dir),
      'reports.printedFile': ({ jobId, fileName }) =>
        // Only a file the job printed, by the name it was given: never a path from a request.
        Promise.resolve(
          this.reportsDir === null || !this.printedFiles.get(jobId)?.has(fileName)
            ? err('not_found', `No printed file "${fileName}" in job ${jobId}.`)
            : ok({ path: join(this.reportsDir, jobId, fileName) }),
        ),
      'reports.cancel': ({ jobId }) => {
        this.printsCancelled.add(jobId);
        return Promise.resolve(ok({ cancelled: true }));
      },
      'teams.check': ({ scenarioId, settings }) =>
        this.serial(async () =>
          buildPlanCheck(
            this.workspace.handle,
            await this.workingSet(),
            scenarioId,
            settings ?? loadAnalysisSettings(this.workspace.sqlite),
          ),
        ),
    };
  }

  private hostPrinter: HostPrinter | null = null;

  /** The given printer, else the host's, else none (print jobs start a browser of their own). */
  private printer(): PdfPrinter | null {
    if (this.config.printer) return this.config.printer;
    if (this.config.hostPrint) this.hostPrinter ??= new HostPrinter(this.config.hostPrint);
    return this.hostPrinter;
  }

  /** What a report is made from, for the request's period, language and analysis. */
  private async reportSource(req: ReportRequest): Promise<Result<ReportSource>> {
    const parsed = parsePeriod(req.period);
    if (!parsed.ok) return parsed;
    const ws = await this.workingSet();
    return ok(
      new ReportSource(
        this.workspace,
        ws,
        parsed.value,
        req.settings ?? loadAnalysisSettings(this.workspace.sqlite),
        req.topBy ?? 'results',
        {
          locale: req.lang,
          workspace: workspaceLabel(this.workspace, req.lang, this.config.workspaceName),
          dataEnd: this.workspace.dataRange()?.max ?? null,
          printedOn: this.now().toISOString().slice(0, 10),
          logo: loadReportLogo(this.workspace.sqlite),
        },
      ),
    );
  }

  private async printJob(
    req: ApiRequest<'reports.print'>,
    outDir: string,
  ): Promise<Result<ApiResponse<'reports.print'>>> {
    const source = await this.serial(() => this.reportSource(req));
    if (!source.ok) return source;
    const printer = this.printer();
    try {
      const { printReports } = await loadPrinting();
      return await printReports({
        request: req,
        source: source.value,
        gather: (work) => this.serial(work),
        outDir,
        onProgress: (done, total, fileName) =>
          this.config.emit?.({ type: 'reports.progress', jobId: req.jobId, done, total, fileName }),
        isCancelled: () => this.printsCancelled.has(req.jobId),
        ...(printer ? { printer } : {}),
      });
    } finally {
      this.printsCancelled.delete(req.jobId);
    }
  }

  /** The plan of a teams.plan or teams.exportCsv request; infeasible_plan errors as the planner gives them. */
  private async teamPlan(req: ApiRequest<'teams.plan'>): Promise<Result<ApiResponse<'teams.plan'>>> {
    const parsed = parsePeriod(req.period);
    if (!parsed.ok) return parsed;
    return buildTeamPlanView(
      this.workspace.handle,
      await this.workingSet(),
      parsed.value,
      req.settings ?? loadAnalysisSettings(this.workspace.sqlite),
      {
        ...(req.topBy ? { topBy: req.topBy } : {}),
        ...(req.constraints ? { constraints: req.constraints } : {}),
        ...(req.assignment ? { assignment: req.assignment } : {}),
      },
    );
  }

  /** Saves a file in the staging folder (by `save`), inspects it and applies the saved mapping. */
  private async stage(
    save: (dir: string, known: KnownPeople) => Promise<Result<StagedTable>>,
  ): Promise<Result<StagedFile>> {
    if (this.stagingDir === null)
      return err('invalid_request', 'This engine stages no files: import them by path (import.files).');
    // The activity reader takes a moment to start; let it load while the user checks the mapping.
    void prewarmActivityReader();
    // The workspace's reps: a column of their names is an owner column, whatever its header.
    const known = await this.serialSync(() => knownPeople(this.workspace.sqlite));
    const inspected = await save(this.stagingDir, known);
    if (!inspected.ok) return inspected;
    const applied = await this.serialSync(() => withWorkspaceChoices(this.workspace.sqlite, inspected.value));
    // A saved mapping may read the file as deals when its headers did not.
    const staged = await withValueCounts(applied);
    this.staged.set(staged.info.stagedId, staged);
    return ok(staged.info);
  }

  /**
   * The demo is a fictional team rebuilt from its own files: a director's export imported there
   * would be lost in it, silently (issue #12). The screens switch to the user's workspace before
   * importing; this is the backstop.
   */
  private demoRefusal(): Result<never> | null {
    return this.workspace.isDemo
      ? err(
          'demo_workspace',
          'The demo workspace takes no imports: open your own workspace ("My data") and import there.',
        )
      : null;
  }

  private async runImportJob(req: ApiRequest<'import.run'>): Promise<Result<ApiResponse<'import.run'>>> {
    const staged = this.staged.get(req.stagedId);
    if (!staged) return err('not_found', 'That file is no longer staged; add it again.');
    const refused = this.demoRefusal();
    if (refused) return refused;
    if (!(FILE_KINDS as readonly string[]).includes(req.kind)) return err('invalid_request', 'Unknown kind.');
    // Without an answer, the one saved with the mapping for these headers.
    const dateOrder = req.dateOrder ?? staged.info.savedDateOrder;
    // The user's answer to "which currency?" becomes the workspace's: asked once per workspace.
    if (req.currency) setWorkspaceCurrency(this.workspace.sqlite, req.currency);
    const mapping = importMapping(staged, req.kind, req.mapping, req.period);
    if (!mapping.ok) return mapping;
    const result = await importStaged(this.workspace.sqlite, staged, {
      kind: req.kind,
      mapping: mapping.value,
      dateOrder,
      ...(req.stageMap ? { stageMap: req.stageMap } : {}),
      now: this.now().toISOString(),
      onProgress: (p) => this.config.emit?.({ type: 'import.progress', jobId: req.jobId, ...p }),
      isCancelled: () => this.cancelled.has(req.jobId),
      ...this.checkpointElsewhere(),
    });
    this.cancelled.delete(req.jobId);
    if (result.ok) {
      this.changed();
      // An imported file's copy is not needed again (history, rejected rows and undo read the
      // database), and an activity export can take gigabytes.
      await this.unstage(req.stagedId);
    }
    return result;
  }

  /** `import.files`: the files imported where they are, in order, by the same steps (importPaths). */
  private async importFiles(
    paths: readonly string[],
    period: KpiPeriod | undefined,
  ): Promise<Result<ApiResponse<'import.files'>>> {
    const refused = this.demoRefusal();
    if (refused) return refused;
    const result = await importPaths(this.workspace.sqlite, paths, this.now().toISOString(), {
      ...(period ? { kpiPeriod: period } : {}),
      ...this.checkpointElsewhere(),
    });
    // Files imported before one that failed stay imported: the analyses reload either way.
    this.changed();
    return result;
  }

  /**
   * After an import into a workspace file in WAL (the app's), its WAL is copied into the file on
   * another thread (checkpointInWorker): seconds after a large import, during which this thread
   * would answer nothing. A workspace in memory has no WAL, nor has one the CLI holds in a
   * rollback journal (whose exclusive lock would keep the worker out).
   */
  private checkpointElsewhere(): { checkpoint?: () => void } {
    const file = this.workspace.path;
    if (file === ':memory:' || file === '') return {};
    if (this.workspace.sqlite.pragma('journal_mode', { simple: true }) !== 'wal') return {};
    const nativeBinding = this.config.nativeBinding;
    return { checkpoint: () => void checkpointInWorker(file, nativeBinding) };
  }

  private async unstage(stagedId: string): Promise<Result<{ unstaged: boolean }>> {
    const known = this.staged.delete(stagedId);
    if (known && this.stagingDir !== null) await removeStaged(this.stagingDir, stagedId);
    return ok({ unstaged: known });
  }

  private rejectedCsv(batchId: number): Result<ApiResponse<'import.rejectedCsv'>> {
    const batch = selectFirst(
      this.workspace.sqlite,
      query.selectFrom('import_batches').select('file_name').where('id', '=', batchId),
    );
    if (!batch) return err('not_found', `No import batch ${batchId}.`);
    const rows = selectAll(
      this.workspace.sqlite,
      query
        .selectFrom('rejected_rows')
        .select(['row_number', 'reason_code', 'reason_params_json', 'raw_json'])
        .where('batch_id', '=', batchId)
        .orderBy('row_number'),
    );
    const width = rows.reduce((w, r) => Math.max(w, (JSON.parse(r.raw_json) as string[]).length), 0);
    const header = [
      'row_number',
      'reason',
      'details',
      ...Array.from({ length: width }, (_, i) => `column_${i + 1}`),
    ];
    const csv = toCsv(
      header,
      rows.map((r) => [
        r.row_number,
        r.reason_code,
        r.reason_params_json ?? '',
        ...(JSON.parse(r.raw_json) as string[]),
      ]),
      EXCEL_CSV,
    );
    const base = batch.file_name.replace(/\.[^.]+$/, '');
    return ok({ fileName: `${base}-rejected-rows.csv`, csv });
  }

  /** Validates and dispatches one request: the single entry point for every host. */
  async call(method: ApiMethod, payload: unknown): Promise<Result<unknown>> {
    const request = validateRequest(method, payload);
    if (!request.ok) return request;
    try {
      const handler = this.handlers[method] as (req: unknown) => Promise<Result<unknown>>;
      return await handler(request.value);
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      return err('internal', `Internal error: ${detail}`, { detail });
    }
  }

  /** Closes the workspace and empties the staging folder; an in-process engine leaves both to its caller. */
  close(): void {
    if (this.borrowed || this.stagingDir === null) return;
    this.workspace.close();
    if (this.reportsDir !== null) rmSync(this.reportsDir, { recursive: true, force: true });
    for (const entry of readdirSync(this.stagingDir)) rmSync(join(this.stagingDir, entry), { force: true });
  }
}
