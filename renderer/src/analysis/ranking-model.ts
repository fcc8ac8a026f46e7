import type { RankingRow, RankingView } from '../../../shared/api/contract';
import type { Band } from '../../../shared/domain/types';
import {
  KPI_BY_ID,
  KPI_DEFINITIONS,
  type DataNeed,
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
  /** The previous period may be compared with this one (RankingView.comparison). */
  comparable: boolean;
}

/**
 * The ranked reps with their rank. With a peer group other than the whole company, bands are
 * decided inside each group, so the rank is too: 1 is the best of the rep's group.
 */
export function rankedRows(view: RankingView): RankedRow[] {
  const ranked = view.rows.filter((r) => r.band !== 'unranked' && r.composite !== null);
  const byGroup = view.settings.peerGroup !== 'company';
  return ranked.map((r) => ({
    ...r,
    comparable: view.comparison.available,
    rank:
      1 +
      ranked.filter(
        (o) =>
          (!byGroup || o.peerGroup === r.peerGroup) &&
          (o.composite as number) > (r.composite as number) + TIE_EPSILON,
      ).length,
  }));
}

export type Movement = 'up' | 'down' | 'same' | 'new' | null;

/**
 * The band against the previous period's: up, down, same; `new` when ranked now but not then;
 * none at all when the two periods are not comparable (docs/ranking.md §4b).
 */
export function movementOf(row: RankingRow & { comparable: boolean }): Movement {
  if (row.band === 'unranked' || !row.comparable) return null;
  if (row.previousBand === null || row.previousBand === 'unranked') return 'new';
  const now = BAND_ORDER.indexOf(row.band);
  const before = BAND_ORDER.indexOf(row.previousBand);
  return now < before ? 'up' : now > before ? 'down' : 'same';
}

const MOVEMENT_ORDER: Record<Exclude<Movement, null>, number> = { up: 0, same: 1, down: 2, new: 3 };

export function unrankedRows(view: RankingView): RankingRow[] {
  return view.rows
    .filter((r) => r.band === 'unranked' || r.composite === null)
    .sort((a, b) => a.rep.localeCompare(b.rep));
}

/**
 * KPI columns, results first, then activity. Inside each group the KPIs that carry weight this
 * period come first (registry order), then the others. `compact` keeps the weighted ones plus
 * lost deals for context; otherwise every KPI with data in the period is a column.
 */
export function kpiColumns(view: RankingView, compact: boolean): KpiDefinition[] {
  const used = new Set<KpiId>(view.usedKpis);
  const shown = KPI_DEFINITIONS.filter((d) =>
    compact
      ? used.has(d.id) || (d.id === 'deals_lost' && view.kpiAvailable.deals_lost)
      : view.kpiAvailable[d.id],
  );
  const ordered = (group: 'results' | 'activity'): KpiDefinition[] => {
    const inGroup = shown.filter((d) => d.group === group);
    return [...inGroup.filter((d) => used.has(d.id)), ...inGroup.filter((d) => !used.has(d.id))];
  };
  return [...ordered('results'), ...ordered('activity')];
}

/** KPIs without the data they need this period, with what they lack, in registry order. */
export function unavailableKpis(view: RankingView): { def: KpiDefinition; needs: DataNeed[] }[] {
  return KPI_DEFINITIONS.filter((d) => !view.kpiAvailable[d.id]).map((def) => ({
    def,
    needs: view.kpiMissing[def.id] ?? [...def.needs],
  }));
}

/** Distinct peer groups of the rows in name order, the group without a name last. */
export function peerGroupsOf(rows: readonly RankingRow[]): (string | null)[] {
  const names = new Set<string>();
  let hasNone = false;
  for (const r of rows) {
    if (r.peerGroup) names.add(r.peerGroup);
    else hasNone = true;
  }
  const sorted: (string | null)[] = [...names].sort((a, b) => a.localeCompare(b));
  if (hasNone) sorted.push(null);
  return sorted;
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

export type SortKey =
  | 'rank'
  | 'rep'
  | 'team'
  | 'peer'
  | 'band'
  | 'composite'
  | 'resultsBand'
  | 'activityBand'
  | 'movement'
  | KpiId;
export type SortDir = 'asc' | 'desc';
export interface SortState {
  key: SortKey;
  dir: SortDir;
}

export const DEFAULT_SORT: SortState = { key: 'rank', dir: 'asc' };

/** The first direction a click on a header sorts by: best first for KPIs and the score. */
export function firstDirection(key: SortKey): SortDir {
  if (
    key === 'rank' ||
    key === 'rep' ||
    key === 'team' ||
    key === 'peer' ||
    key === 'band' ||
    key === 'resultsBand' ||
    key === 'activityBand' ||
    key === 'movement'
  )
    return 'asc';
  if (key === 'composite') return 'desc';
  return KPI_BY_ID.get(key)?.direction === 'lower' ? 'asc' : 'desc';
}

export function nextSort(current: SortState, key: SortKey): SortState {
  if (current.key !== key) return { key, dir: firstDirection(key) };
  return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
}

function bandIndex(band: Band): number | null {
  return band === 'unranked' ? null : BAND_ORDER.indexOf(band);
}

function sortValue(row: RankedRow, key: SortKey): string | number | null {
  switch (key) {
    case 'rank':
      return row.rank;
    case 'rep':
      return row.rep;
    case 'team':
      return row.team;
    case 'peer':
      return row.peerGroup;
    case 'band':
      return BAND_ORDER.indexOf(row.band);
    case 'resultsBand':
      return bandIndex(row.resultsBand);
    case 'activityBand':
      return bandIndex(row.activityBand);
    case 'movement': {
      const m = movementOf(row);
      return m === null ? null : MOVEMENT_ORDER[m];
    }
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
  /** `undefined` = all peer groups; `null` = the reps without one. */
  peer: string | null | undefined;
  band: Band | undefined;
  search: string;
}

export const NO_FILTERS: Filters = { team: undefined, peer: undefined, band: undefined, search: '' };

export function filterRows<T extends RankingRow>(rows: readonly T[], f: Filters): T[] {
  const needle = f.search.trim().toLocaleLowerCase();
  return rows.filter(
    (r) =>
      (f.team === undefined || (r.team ?? null) === f.team) &&
      (f.peer === undefined || (r.peerGroup ?? null) === f.peer) &&
      (f.band === undefined || r.band === f.band) &&
      (needle === '' || r.rep.toLocaleLowerCase().includes(needle)),
  );
}

/** Rows split by peer group (groups in name order, the unnamed last), each keeping the given order. */
export function groupByPeer<T extends RankingRow>(rows: readonly T[]): { key: string | null; rows: T[] }[] {
  return peerGroupsOf(rows).map((key) => ({ key, rows: rows.filter((r) => (r.peerGroup ?? null) === key) }));
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

/** The cell of the results x activity matrix a rep falls in, or null when a band is missing. */
export type MatrixBand = 'top' | 'middle' | 'bottom';

/** Rows of the matrix top to bottom (results), columns left to right (activity, low to high). */
export const MATRIX_RESULTS: readonly MatrixBand[] = ['top', 'middle', 'bottom'];
export const MATRIX_ACTIVITY: readonly MatrixBand[] = ['bottom', 'middle', 'top'];
