import type { RankingRow, RankingView } from '../../../shared/api/contract';
import type { Band } from '../../../shared/domain/types';
import {
  KPI_BY_ID,
  KPI_DEFINITIONS,
  type KpiDefinition,
  type KpiId,
} from '../../../shared/kpi/kpi-definitions';

/** Table logic of the Rankings screen, kept apart from React so it reads (and tests) plainly. */

export const BAND_ORDER: readonly Band[] = ['top', 'middle', 'bottom'];

/** Same tolerance as shared/ranking: float noise must not split a tie. */
const TIE_EPSILON = 1e-9;

export interface RankedRow extends RankingRow {
  /** 1 = best composite; equal composites share a rank (1, 2, 2, 4). */
  rank: number;
}

export function rankedRows(view: RankingView): RankedRow[] {
  const ranked = view.rows.filter((r) => r.band !== 'unranked' && r.composite !== null);
  const scores = ranked.map((r) => r.composite as number);
  return ranked.map((r) => ({
    ...r,
    rank: 1 + scores.filter((s) => s > (r.composite as number) + TIE_EPSILON).length,
  }));
}

export function unrankedRows(view: RankingView): RankingRow[] {
  return view.rows
    .filter((r) => r.band === 'unranked' || r.composite === null)
    .sort((a, b) => a.rep.localeCompare(b.rep));
}

/**
 * KPI columns: those that carry weight this period plus lost deals for context (when available),
 * results first, then activity, each in registry order.
 */
export function kpiColumns(view: RankingView): KpiDefinition[] {
  const ids = new Set<KpiId>(view.usedKpis);
  if (view.kpiAvailable.deals_lost) ids.add('deals_lost');
  const defs = KPI_DEFINITIONS.filter((d) => ids.has(d.id));
  return [...defs.filter((d) => d.group === 'results'), ...defs.filter((d) => d.group === 'activity')];
}

export function teamsOf(rows: readonly RankingRow[]): (string | null)[] {
  const names = new Set<string>();
  let hasNone = false;
  for (const r of rows) {
    if (r.team) names.add(r.team);
    else hasNone = true;
  }
  const sorted: (string | null)[] = [...names].sort((a, b) => a.localeCompare(b));
  if (hasNone) sorted.push(null);
  return sorted;
}

export type SortKey = 'rank' | 'rep' | 'team' | 'band' | 'composite' | KpiId;
export type SortDir = 'asc' | 'desc';
export interface SortState {
  key: SortKey;
  dir: SortDir;
}

export const DEFAULT_SORT: SortState = { key: 'rank', dir: 'asc' };

/** The first direction a click on a header sorts by: best first for KPIs and the score. */
export function firstDirection(key: SortKey): SortDir {
  if (key === 'rank' || key === 'rep' || key === 'team' || key === 'band') return 'asc';
  if (key === 'composite') return 'desc';
  return KPI_BY_ID.get(key)?.direction === 'lower' ? 'asc' : 'desc';
}

export function nextSort(current: SortState, key: SortKey): SortState {
  if (current.key !== key) return { key, dir: firstDirection(key) };
  return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
}

function sortValue(row: RankedRow, key: SortKey): string | number | null {
  switch (key) {
    case 'rank':
      return row.rank;
    case 'rep':
      return row.rep;
    case 'team':
      return row.team;
    case 'band':
      return BAND_ORDER.indexOf(row.band);
    case 'composite':
      return row.composite;
    default:
      return row.values[key] ?? null;
  }
}

/** Sorts a copy; missing values always go last, whatever the direction; ties fall back to rank. */
export function sortRows(rows: readonly RankedRow[], sort: SortState, collator: Intl.Collator): RankedRow[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = sortValue(a, sort.key);
    const vb = sortValue(b, sort.key);
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1;
    } else if (typeof va === 'number' && typeof vb === 'number') {
      if (va !== vb) return (va - vb) * sign;
    } else {
      const c = collator.compare(String(va), String(vb));
      if (c !== 0) return c * sign;
    }
    return a.rank - b.rank || collator.compare(a.rep, b.rep);
  });
}

export interface Filters {
  /** `undefined` = all teams; `null` = reps without a team. */
  team: string | null | undefined;
  band: Band | undefined;
  search: string;
}

export const NO_FILTERS: Filters = { team: undefined, band: undefined, search: '' };

export function filterRows<T extends RankingRow>(rows: readonly T[], f: Filters): T[] {
  const needle = f.search.trim().toLocaleLowerCase();
  return rows.filter(
    (r) =>
      (f.team === undefined || (r.team ?? null) === f.team) &&
      (f.band === undefined || r.band === f.band) &&
      (needle === '' || r.rep.toLocaleLowerCase().includes(needle)),
  );
}

/** Reps per band for each team, teams in name order: the data of the band chart. */
export function bandsByTeam(
  rows: readonly RankingRow[],
): { team: string | null; counts: Record<Band, number> }[] {
  return teamsOf(rows).map((team) => {
    const counts: Record<Band, number> = { top: 0, middle: 0, bottom: 0, unranked: 0 };
    for (const r of rows) if ((r.team ?? null) === team) counts[r.band]++;
    return { team, counts };
  });
}
