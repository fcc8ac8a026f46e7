import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type {
  ColumnMapping,
  DayMonthOrder,
  HostBridge,
  ImportSummary,
  KpiPeriod,
  StageChoice,
  StagedFile,
  StageMap,
} from '../../../../shared/api/contract';
import type { FileKind } from '../../../../shared/domain/types';
import { doubtKey } from '../../../../shared/import/doubtful-fields';
import { kindSpec } from '../../../../shared/import/field-catalog';
import { kpiLayout } from '../../../../shared/import/rep-kpis';
import { funnelStage } from '../../../../shared/import/stages';
import { monthPeriod } from '../../../../shared/period/period';
import type { AppError } from '../../../../shared/result';
import { newId } from '../../util/uuid';

/**
 * The files the user dropped, from reading to imported. Lives above the screens so that staged
 * files and results survive a switch to Rankings and back, and so a drop anywhere on the window
 * can add files.
 */

export type ItemStatus = 'staging' | 'stage-failed' | 'ready' | 'redetecting' | 'importing' | 'imported';

export interface ImportProgress {
  phase: 'reading' | 'committing' | 'done';
  fraction: number;
  rowsRead: number;
}

export interface ImportItem {
  key: string;
  fileName: string;
  sizeBytes: number;
  status: ItemStatus;
  staged: StagedFile | null;
  kind: FileKind | null;
  mapping: ColumnMapping;
  /** The user's answer for date columns whose values fit both orders; null until answered. */
  dateOrder: DayMonthOrder | null;
  /** Stage values whose outcome or funnel stage the user changed (raw value -> choice). */
  stageEdits: StageMap;
  /** A rep KPI summary's month (`YYYY-MM`) when the file does not say; null until answered. */
  kpiMonth: string | null;
  /** Doubtful mappings (DoubtList's doubtKey) the user kept as they are. */
  keptDoubts: string[];
  /** The currency of the amounts when the file names none and the workspace has none; null until answered. */
  currency: string | null;
  /** The last error: staging, re-detecting, importing (including `cancelled`). */
  error: AppError | null;
  jobId: string | null;
  progress: ImportProgress | null;
  cancelling: boolean;
  summary: ImportSummary | null;
}

/** Required fields of the chosen kind that have no column; empty when the item can be imported. */
export function missingRequired(item: Pick<ImportItem, 'kind' | 'mapping'>): string[] {
  if (!item.kind) return [];
  return kindSpec(item.kind)
    .fields.filter((f) => f.required && !item.mapping[f.id])
    .map((f) => f.id);
}

/** True while the file has date columns no value decides and the user has not said how to read them. */
export function needsDateOrder(item: Pick<ImportItem, 'staged' | 'dateOrder'>): boolean {
  return (item.staged?.dateOrder.ambiguousColumns.length ?? 0) > 0 && item.dateOrder === null;
}

/** True while a rep KPI summary does not say which month its figures are for and the user has not either. */
export function needsKpiPeriod(item: Pick<ImportItem, 'staged' | 'kind' | 'mapping' | 'kpiMonth'>): boolean {
  if (item.kind !== 'rep_kpis' || !item.staged || item.kpiMonth !== null) return false;
  return kpiLayout(item.staged.headers, item.mapping, item.staged.previewRows).question !== null;
}

/** The period sent with a rep KPI summary's import: the month the user chose, when asked. */
function kpiPeriodOf(item: ImportItem): KpiPeriod | null {
  if (item.kind !== 'rep_kpis' || item.kpiMonth === null) return null;
  const [year, month] = item.kpiMonth.split('-').map(Number) as [number, number];
  const period = monthPeriod(year, month);
  return { start: period.start, end: period.end };
}

/** True while a doubtful mapping of the file is neither changed nor kept by the user. */
export function needsDoubtCheck(item: Pick<ImportItem, 'staged' | 'keptDoubts'>): boolean {
  return (item.staged?.doubtful ?? []).some((d) => !item.keptDoubts.includes(doubtKey(d)));
}

export function canImport(item: ImportItem): boolean {
  return (
    item.status === 'ready' &&
    item.kind !== null &&
    missingRequired(item).length === 0 &&
    !needsDateOrder(item) &&
    !needsKpiPeriod(item) &&
    !needsDoubtCheck(item)
  );
}

/** Every stage value of the file with the user's choice, else the default shown in the table. */
export function stageChoices(item: Pick<ImportItem, 'staged' | 'stageEdits'>): StageMap {
  return Object.fromEntries(
    (item.staged?.stages ?? []).map((s): [string, StageChoice] => [
      s.value,
      Object.hasOwn(item.stageEdits, s.value)
        ? (item.stageEdits[s.value] as StageChoice)
        : { status: s.status, funnel: s.funnel },
    ]),
  );
}

/** Reps and accounts first, so deals and activities find their owners and teams. */
const KIND_ORDER: readonly FileKind[] = [
  'reps',
  'rep_kpis',
  'accounts',
  'quotas',
  'deals',
  'deal_history',
  'activities',
];

/** Every field of the kind, mapped or null, taking over what the engine detected. */
function fullMapping(kind: FileKind | null, detected: ColumnMapping): ColumnMapping {
  if (!kind) return { ...detected };
  const out: ColumnMapping = {};
  for (const f of kindSpec(kind).fields) out[f.id] = detected[f.id] ?? null;
  return out;
}

export interface ImportSession {
  items: ImportItem[];
  addFiles: (files: readonly File[]) => void;
  setKind: (key: string, kind: FileKind) => void;
  setSheet: (key: string, sheet: string) => void;
  setMapping: (key: string, fieldId: string, header: string | null) => void;
  setDateOrder: (key: string, order: DayMonthOrder) => void;
  setStage: (key: string, value: string, choice: Partial<StageChoice>) => void;
  setKpiMonth: (key: string, month: string | null) => void;
  keepDoubt: (key: string, doubt: string, kept: boolean) => void;
  setCurrency: (key: string, currency: string) => void;
  run: (key: string) => Promise<boolean>;
  runAll: () => Promise<void>;
  cancel: (key: string) => void;
  remove: (key: string) => void;
  clearFinished: () => void;
}

export function useImportSession(bridge: HostBridge, onImported: () => void): ImportSession {
  const [items, setItems] = useState<ImportItem[]>([]);
  // Callbacks read the latest items and callback through refs, synced after each commit.
  const itemsRef = useRef(items);
  const onImportedRef = useRef(onImported);
  useLayoutEffect(() => {
    itemsRef.current = items;
    onImportedRef.current = onImported;
  });
  /** Staging runs one file at a time: files staged together would only compete for the disk. */
  const stageQueue = useRef<Promise<void>>(Promise.resolve());

  const update = useCallback((key: string, patch: Partial<ImportItem>) => {
    setItems((list) => list.map((it) => (it.key === key ? { ...it, ...patch } : it)));
  }, []);

  useEffect(
    () =>
      bridge.onEvent((event) => {
        if (event.type !== 'import.progress') return;
        setItems((list) =>
          list.map((it) =>
            it.jobId === event.jobId && it.status === 'importing'
              ? {
                  ...it,
                  progress: { phase: event.phase, fraction: event.fraction, rowsRead: event.rowsRead },
                }
              : it,
          ),
        );
      }),
    [bridge],
  );

  const addFiles = useCallback(
    (files: readonly File[]) => {
      const fresh: { key: string; file: File }[] = files.map((file) => ({ key: newId(), file }));
      setItems((list) => [
        ...list,
        ...fresh.map(({ key, file }): ImportItem => ({
          key,
          fileName: file.name,
          sizeBytes: file.size,
          status: 'staging',
          staged: null,
          kind: null,
          mapping: {},
          dateOrder: null,
          stageEdits: {},
          kpiMonth: null,
          keptDoubts: [],
          currency: null,
          error: null,
          jobId: null,
          progress: null,
          cancelling: false,
          summary: null,
        })),
      ]);
      for (const { key, file } of fresh) {
        stageQueue.current = stageQueue.current.then(async () => {
          // Never read here: the host stages the file by its path or streams it to disk.
          const result = await bridge.stageFile(file);
          if (!result.ok) {
            update(key, { status: 'stage-failed', error: result.error });
            return;
          }
          const staged = result.value;
          update(key, {
            status: 'ready',
            staged,
            kind: staged.kind,
            mapping: fullMapping(staged.kind, staged.mapping),
            // The answer saved for these headers: pre-set, and the user may change it.
            dateOrder: staged.savedDateOrder,
            error: null,
          });
        });
      }
    },
    [bridge, update],
  );

  const setKind = useCallback(
    (key: string, kind: FileKind) => {
      const item = itemsRef.current.find((it) => it.key === key);
      if (!item?.staged) return;
      const stagedId = item.staged.stagedId;
      update(key, { status: 'redetecting', kind, error: null, summary: null });
      void bridge.invoke('import.redetect', { stagedId, kind }).then((result) => {
        if (!result.ok) {
          // Keep the user's choice with an empty mapping so they can map by hand.
          update(key, { status: 'ready', kind, mapping: fullMapping(kind, {}), error: result.error });
          return;
        }
        const staged = result.value;
        const chosen = staged.kind ?? kind;
        update(key, { status: 'ready', staged, kind: chosen, mapping: fullMapping(chosen, staged.mapping) });
      });
    },
    [bridge, update],
  );

  const setSheet = useCallback(
    (key: string, sheet: string) => {
      const item = itemsRef.current.find((it) => it.key === key);
      if (!item?.staged) return;
      const stagedId = item.staged.stagedId;
      update(key, { status: 'redetecting', error: null, summary: null });
      // Another sheet is another table: let the engine detect its kind and mapping afresh.
      void bridge.invoke('import.redetect', { stagedId, sheet }).then((result) => {
        if (!result.ok) {
          update(key, { status: 'ready', error: result.error });
          return;
        }
        const staged = result.value;
        update(key, {
          status: 'ready',
          staged,
          kind: staged.kind,
          mapping: fullMapping(staged.kind, staged.mapping),
        });
      });
    },
    [bridge, update],
  );

  const setMapping = useCallback(
    (key: string, fieldId: string, header: string | null) => {
      const item = itemsRef.current.find((it) => it.key === key);
      if (!item?.staged || !item.kind) return;
      const mapping = { ...item.mapping, [fieldId]: header };
      const { stagedId } = item.staged;
      const kind = item.kind;
      update(key, { mapping, status: 'redetecting' });
      // The engine looks at the new columns: which date columns need an answer, which stage values.
      void bridge.invoke('import.remap', { stagedId, kind, mapping }).then((result) => {
        if (!result.ok) {
          update(key, { status: 'ready', error: result.error });
          return;
        }
        update(key, { status: 'ready', staged: result.value, error: null });
      });
    },
    [bridge, update],
  );

  const setDateOrder = useCallback(
    (key: string, order: DayMonthOrder) => update(key, { dateOrder: order }),
    [update],
  );

  const setKpiMonth = useCallback(
    (key: string, month: string | null) => update(key, { kpiMonth: month }),
    [update],
  );

  const setCurrency = useCallback((key: string, currency: string) => update(key, { currency }), [update]);

  const keepDoubt = useCallback((key: string, doubt: string, kept: boolean) => {
    setItems((list) =>
      list.map((it) =>
        it.key !== key
          ? it
          : {
              ...it,
              keptDoubts: kept
                ? [...it.keptDoubts.filter((d) => d !== doubt), doubt]
                : it.keptDoubts.filter((d) => d !== doubt),
            },
      ),
    );
  }, []);

  const setStage = useCallback((key: string, value: string, choice: Partial<StageChoice>) => {
    setItems((list) =>
      list.map((it) => {
        if (it.key !== key) return it;
        const choices = stageChoices(it);
        if (!Object.hasOwn(choices, value)) return it;
        const current = choices[value] as StageChoice;
        const status = choice.status ?? current.status;
        // A new outcome brings that outcome's default funnel stage, unless one is given.
        const funnel =
          choice.funnel !== undefined
            ? choice.funnel
            : choice.status !== undefined && choice.status !== current.status
              ? funnelStage(value, status)
              : current.funnel;
        return { ...it, stageEdits: { ...it.stageEdits, [value]: { status, funnel } } };
      }),
    );
  }, []);

  const run = useCallback(
    async (key: string): Promise<boolean> => {
      const item = itemsRef.current.find((it) => it.key === key);
      if (!item?.staged || !item.kind || !canImport(item)) return false;
      const jobId = newId();
      const period = kpiPeriodOf(item);
      update(key, {
        status: 'importing',
        jobId,
        progress: null,
        error: null,
        summary: null,
        cancelling: false,
      });
      const result = await bridge.invoke('import.run', {
        jobId,
        stagedId: item.staged.stagedId,
        kind: item.kind,
        mapping: fullMapping(item.kind, item.mapping),
        ...(item.dateOrder && item.staged.dateOrder.ambiguousColumns.length > 0
          ? { dateOrder: item.dateOrder }
          : {}),
        ...(item.kind === 'deals' && item.staged.stages.length > 0 ? { stageMap: stageChoices(item) } : {}),
        ...(period ? { period } : {}),
        ...(item.currency && item.staged.currencyNeeded ? { currency: item.currency } : {}),
      });
      if (!result.ok) {
        update(key, { status: 'ready', error: result.error, progress: null, cancelling: false });
        return false;
      }
      update(key, { status: 'imported', summary: result.value, progress: null, cancelling: false });
      onImportedRef.current();
      return true;
    },
    [bridge, update],
  );

  const runAll = useCallback(async () => {
    const order = (kind: FileKind | null): number => (kind ? KIND_ORDER.indexOf(kind) : KIND_ORDER.length);
    const ready = itemsRef.current.filter(canImport).sort((a, b) => order(a.kind) - order(b.kind));
    for (const item of ready) {
      await run(item.key);
    }
  }, [run]);

  const cancel = useCallback(
    (key: string) => {
      const item = itemsRef.current.find((it) => it.key === key);
      if (!item?.jobId || item.status !== 'importing') return;
      update(key, { cancelling: true });
      void bridge.invoke('import.cancel', { jobId: item.jobId });
    },
    [bridge, update],
  );

  const remove = useCallback(
    (key: string) => {
      const item = itemsRef.current.find((it) => it.key === key);
      if (!item || item.status === 'importing') return;
      // The engine keeps a copy of every staged file until it is imported or unstaged.
      if (item.staged) void bridge.invoke('import.unstage', { stagedId: item.staged.stagedId });
      setItems((list) => list.filter((it) => it.key !== key));
    },
    [bridge],
  );

  const clearFinished = useCallback(() => {
    setItems((list) => list.filter((it) => it.status !== 'imported'));
  }, []);

  return useMemo(
    () => ({
      items,
      addFiles,
      setKind,
      setSheet,
      setMapping,
      setDateOrder,
      setStage,
      setKpiMonth,
      keepDoubt,
      setCurrency,
      run,
      runAll,
      cancel,
      remove,
      clearFinished,
    }),
    [
      items,
      addFiles,
      setKind,
      setSheet,
      setMapping,
      setDateOrder,
      setStage,
      setKpiMonth,
      keepDoubt,
      setCurrency,
      run,
      runAll,
      cancel,
      remove,
      clearFinished,
    ],
  );
}
