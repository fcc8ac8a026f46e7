import { loadWorkspaceCurrency } from './currency-store';
import { loadReportLogo } from './report-logo-store';
import { query, selectFirst } from '../db/sync-query';
import type { Database } from '../db/schema';
import { logoDataUrl, type ReportLogo } from '../../shared/format/report-logo';
import type { WorkspaceInfo } from '../../shared/api/contract';
import type { WorkingSet } from '../../shared/domain/types';
import { periodsCovering } from '../../shared/period/period';
import { openDatabase, type OpenDatabase, type OpenOptions } from '../db/open-database';
import { loadWorkingSet, loadWorkingSetAsync, type ActivityCacheFile } from '../analysis/working-set';
import { activityCachePath } from '../analysis/activity-cache';
import { activityRowsPath } from '../analysis/activity-rows-file';
import { dataRangeOf, type DataRange } from '../../shared/analysis/data-range';
import { defaultPeriodFor } from '../../shared/analysis/default-period';
import { loadAnalysisSettings } from './analysis-settings-store';

const logoOf = (logo: ReportLogo | null): string | null => (logo ? logoDataUrl(logo) : null);

/** One open workspace database plus its in-memory working set, rebuilt after each import. */
export class Workspace {
  readonly handle: OpenDatabase;
  private workingSet: WorkingSet | null = null;

  constructor(
    readonly path: string,
    readonly isDemo: boolean,
    private readonly options: OpenOptions = {},
  ) {
    this.handle = openDatabase(path, options);
  }

  /** A workspace opened `exclusive` becomes one like any other (engine/db/open-database.ts). */
  finishExclusive(): void {
    this.handle.finishExclusive();
  }

  get sqlite(): OpenDatabase['sqlite'] {
    return this.handle.sqlite;
  }

  /** Cached with the working set: every ranking request needs it, and it scans every fact row. */
  private range: DataRange | null | undefined = undefined;

  /** Bumped by invalidate: a load that started before the data changed is not kept. */
  private generation = 0;

  /** The default period and the settings it was chosen with; cleared with the working set. */
  private chosen: { key: string; period: string } | null = null;

  invalidate(): void {
    this.workingSet = null;
    this.range = undefined;
    this.chosen = null;
    this.generation++;
  }

  /**
   * A file workspace keeps its ordered activities in a cache file beside it (activity-cache.ts),
   * and its activities as read from the table in the rows file its imports write
   * (activity-rows-file.ts).
   */
  private get activityCache(): ActivityCacheFile | undefined {
    if (this.path === ':memory:' || this.path === '') return undefined;
    return {
      path: activityCachePath(this.path),
      rows: activityRowsPath(this.path),
      writable: this.options.readonly !== true,
    };
  }

  getWorkingSet(): WorkingSet {
    this.workingSet ??= loadWorkingSet(this.sqlite, this.activityCache);
    return this.workingSet;
  }

  /**
   * Loads the working set if it is not loaded, reading the activities in a worker thread on a
   * second read-only connection meanwhile (about half the time of getWorkingSet on a large
   * workspace); getWorkingSet then returns it. A ':memory:' workspace loads on this thread.
   */
  async prepareWorkingSet(): Promise<void> {
    if (this.workingSet) return;
    if (this.path === ':memory:' || this.path === '') {
      this.getWorkingSet();
      return;
    }
    const generation = this.generation;
    const set = await loadWorkingSetAsync(
      this.sqlite,
      {
        file: this.path,
        ...(this.options.nativeBinding ? { nativeBinding: this.options.nativeBinding } : {}),
      },
      this.activityCache,
    );
    if (generation === this.generation) this.workingSet ??= set;
  }

  dataRange(): DataRange | null {
    if (this.range === undefined) this.range = dataRangeOf(this.getWorkingSet());
    return this.range;
  }

  info(): WorkspaceInfo {
    const count = (table: keyof Database): number =>
      selectFirst(
        this.sqlite,
        query.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')),
      )?.n ?? 0;
    const range = this.dataRange();
    return {
      path: this.path,
      isDemo: this.isDemo,
      currency: loadWorkspaceCurrency(this.sqlite),
      reportLogo: logoOf(loadReportLogo(this.sqlite)),
      counts: {
        reps: count('reps'),
        teams: count('teams'),
        deals: count('deals'),
        // Every activity row is in the working set: its length, once loaded, saves a table scan.
        activities: this.workingSet ? this.workingSet.activities.length : count('activities'),
        accounts: count('accounts'),
        quotas: count('quotas'),
        batches: count('import_batches'),
      },
      dataRange: range,
      defaultPeriod: range ? this.defaultPeriod(range) : null,
      periods: range
        ? {
            year: periodsCovering('year', range.min, range.max).map((p) => p.id),
            quarter: periodsCovering('quarter', range.min, range.max).map((p) => p.id),
            month: periodsCovering('month', range.min, range.max).map((p) => p.id),
          }
        : { year: [], quarter: [], month: [] },
    };
  }

  /**
   * The latest complete period with enough data to be ranked (docs/ranking.md §1b), not the year
   * the data ends in: a partial year is where the numbers mislead most. It ranks candidate
   * periods, so it needs the working set (the engine loads it off-thread before asking).
   */
  private defaultPeriod(range: DataRange): string {
    const settings = loadAnalysisSettings(this.sqlite);
    const key = JSON.stringify(settings);
    if (this.chosen?.key !== key) {
      this.chosen = { key, period: defaultPeriodFor(this.getWorkingSet(), range, settings) };
    }
    return this.chosen.period;
  }

  close(): void {
    this.handle.close();
  }
}
