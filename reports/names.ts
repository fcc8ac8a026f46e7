import type { RankingRow, RankingView } from '../shared/api/contract';
import type { TopBy } from '../shared/coaching/types';
import { KPI_IDS, type KpiId } from '../shared/kpi/kpi-definitions';
import { median } from '../shared/stats/statistics';

/**
 * Who is who in a report: the ranking order the director's report prints, the names an
 * anonymised report prints instead ("Rep 1" is the first of that order), and the benchmark a
 * dossier's KPI table compares with.
 */

/** Ranked reps first, best composite first (ties by name), then the not-ranked by name. */
export function rankingOrder(view: RankingView): RankingRow[] {
  const byName = (a: RankingRow, b: RankingRow): number => a.rep.localeCompare(b.rep) || a.repId - b.repId;
  const ranked = view.rows
    .filter((r) => r.band !== 'unranked')
    .sort((a, b) => (b.composite ?? -Infinity) - (a.composite ?? -Infinity) || byName(a, b));
  const unranked = view.rows.filter((r) => r.band === 'unranked').sort(byName);
  return [...ranked, ...unranked];
}

/** Rank by composite among the ranked; equal scores share a rank (as the ranking screen's #). */
export function ranks(order: readonly RankingRow[]): Map<number, number> {
  const out = new Map<number, number>();
  let previous: number | null = null;
  let rank = 0;
  order.forEach((row, i) => {
    if (row.band === 'unranked' || row.composite === null) return;
    if (row.composite !== previous) rank = i + 1;
    previous = row.composite;
    out.set(row.repId, rank);
  });
  return out;
}

/** How a report names people: by name, or as "Rep n" in ranking order (anonymised). */
export interface Names {
  anonymised: boolean;
  of(repId: number, name: string): string;
  /** A free text (a placement reason) with every rep's name replaced by how the report names them. */
  scrub(text: string): string;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `label(n)` names the n-th rep of the ranking order. Names inside free texts are replaced
 * longest first (so "Ann Lee" goes before "Ann"); a Latin name only as a whole word, so "Al"
 * never eats into "Also", while a Chinese name has no word boundaries to wait for.
 */
export function reportNames(
  view: RankingView,
  anonymise: boolean,
  label: (n: number) => string,
  extra: readonly { repId: number; name: string }[] = [],
): Names {
  if (!anonymise) return { anonymised: false, of: (_id, name) => name, scrub: (text) => text };
  const alias = new Map<number, string>();
  rankingOrder(view).forEach((row, i) => alias.set(row.repId, label(i + 1)));
  // People a scenario names who are no longer in the period's rows still get a number.
  for (const p of extra) if (!alias.has(p.repId)) alias.set(p.repId, label(alias.size + 1));
  const names = new Map<string, string>();
  for (const row of view.rows) if (row.rep.trim()) names.set(row.rep, alias.get(row.repId)!);
  for (const p of extra) if (p.name.trim() && !names.has(p.name)) names.set(p.name, alias.get(p.repId)!);
  const sorted = [...names.keys()].sort((a, b) => b.length - a.length);
  const pattern =
    sorted.length === 0
      ? null
      : new RegExp(
          sorted
            .map((n) =>
              /^[\p{Script=Latin}\d]/u.test(n) && /[\p{Script=Latin}\d]$/u.test(n)
                ? `(?<![\\p{L}\\d])${escapeRegExp(n)}(?![\\p{L}\\d])`
                : escapeRegExp(n),
            )
            .join('|'),
          'gu',
        );
  return {
    anonymised: true,
    of: (repId) => alias.get(repId) ?? label(0),
    scrub: (text) => (pattern ? text.replace(pattern, (m) => names.get(m) ?? m) : text),
  };
}

/**
 * Every KPI's median among the top performers (the top band of the results score, or of the
 * composite with `topBy`), the benchmark the coaching screen compares practices with; null when
 * none of them has a value.
 */
export function kpiBenchmarks(view: RankingView, topBy: TopBy): Record<KpiId, number | null> {
  const top = view.rows.filter((r) => (topBy === 'results' ? r.resultsBand : r.band) === 'top');
  const out = {} as Record<KpiId, number | null>;
  for (const id of KPI_IDS) {
    const values = top.map((r) => r.values[id]).filter((v): v is number => v !== null && Number.isFinite(v));
    out[id] = median(values);
  }
  return out;
}
