import type { RepDuplicate } from '../../shared/api/contract';
import type { SqliteHandle } from '../db/open-database';
import { mergeRep } from '../import/merge-reps';
import { sql, type CompiledQuery } from 'kysely';
import { execute, query, selectAll, selectFirst } from '../db/sync-query';
import { readSetting, writeSetting } from './settings-table';

/**
 * Names that are probably one person spelled two ways ("Doroth Gardner" / "Dorothy Gardner",
 * "Li Wei" / "Wei Li"). They are offered to the user, never merged silently: two real reps can
 * have close names.
 */
/** Each rep with its record counts and its employee ids (aliases from an id column). */
const repsWithCounts = () =>
  query
    .selectFrom('reps as r')
    .select((eb) => [
      'r.id',
      'r.name',
      'r.name_key',
      'r.in_roster',
      eb
        .selectFrom('deals as d')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('d.rep_id', '=', 'r.id')
        .as('deals'),
      eb
        .selectFrom('activities as a')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('a.rep_id', '=', 'r.id')
        .as('activities'),
      eb
        .selectFrom('rep_aliases as x')
        .select(sql<string | null>`group_concat(alias)`.as('ids'))
        .whereRef('x.rep_id', '=', 'r.id')
        .where('x.source', '=', 'id')
        .as('ids'),
    ])
    .orderBy('r.name_key');

type RepRow = ReturnType<typeof repsWithCounts> extends { compile(): CompiledQuery<infer R> } ? R : never;

/** Damerau-Levenshtein (optimal string alignment) distance, stopping early past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, (prev2[j - 2] as number) + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev2.splice(0, prev2.length, ...prev);
    prev = cur;
  }
  return prev[b.length] as number;
}

const tokens = (key: string): string =>
  key
    .split(/[\s.,'-]+/)
    .filter(Boolean)
    .sort()
    .join(' ');

export function findRepDuplicates(sqlite: SqliteHandle): RepDuplicate[] {
  const reps = selectAll(sqlite, repsWithCounts());
  const dismissed = dismissedPairs(sqlite);
  const out: RepDuplicate[] = [];
  // Quadratic, but on reps (hundreds, a few thousand at most), not on records.
  const candidates = reps.slice(0, 5000);
  for (const [i, a] of candidates.entries()) {
    for (const b of candidates.slice(i + 1)) {
      // Two roster entries with their own employee ids are two people, however alike the names.
      if (a.ids && b.ids && a.ids !== b.ids) continue;
      if (dismissed.has(`${Math.min(a.id, b.id)}:${Math.max(a.id, b.id)}`)) continue;
      let reason: RepDuplicate['reason'] | null = null;
      if (a.name_key.length >= 5 && b.name_key.length >= 5) {
        const max = Math.min(a.name_key.length, b.name_key.length) >= 12 ? 2 : 1;
        if (editDistance(a.name_key, b.name_key, max) <= max) reason = 'spelling';
      }
      if (reason === null && a.name_key.includes(' ') && tokens(a.name_key) === tokens(b.name_key))
        reason = 'word_order';
      if (reason === null) continue;
      const summary = (r: RepRow) => ({
        repId: r.id,
        name: r.name,
        deals: r.deals ?? 0,
        activities: r.activities ?? 0,
        inRoster: r.in_roster === 1,
      });
      // Suggest keeping the roster entry, else the one with more records.
      const keepA =
        a.in_roster > b.in_roster ||
        (a.in_roster === b.in_roster &&
          (a.deals ?? 0) + (a.activities ?? 0) >= (b.deals ?? 0) + (b.activities ?? 0));
      out.push({ keep: summary(keepA ? a : b), merge: summary(keepA ? b : a), reason });
    }
  }
  return out;
}

/** Merges one rep into another and remembers the other spelling for future imports. */
export function mergeReps(sqlite: SqliteHandle, fromId: number, intoId: number): boolean {
  const from = selectFirst(sqlite, query.selectFrom('reps').select('name_key').where('id', '=', fromId));
  const into = selectFirst(sqlite, query.selectFrom('reps').select('id').where('id', '=', intoId));
  if (!from || !into || fromId === intoId) return false;
  sqlite.transaction(() => {
    mergeRep(sqlite, fromId, intoId);
    execute(
      sqlite,
      query
        .insertInto('rep_aliases')
        .values({ alias: from.name_key, rep_id: intoId, source: 'name' })
        .onConflict((c) => c.column('alias').doUpdateSet({ rep_id: intoId })),
    );
  })();
  return true;
}

const DISMISSED = 'dismissed_duplicates';

/** Pairs the user said are two different people, as "lowId:highId". */
function dismissedPairs(sqlite: SqliteHandle): Set<string> {
  const row = readSetting(sqlite, DISMISSED);
  const pairs: unknown = row ? JSON.parse(row) : [];
  return new Set(Array.isArray(pairs) ? pairs.filter((p): p is string => typeof p === 'string') : []);
}

export function dismissDuplicate(sqlite: SqliteHandle, a: number, b: number): void {
  const list = dismissedPairs(sqlite);
  list.add(`${Math.min(a, b)}:${Math.max(a, b)}`);
  writeSetting(sqlite, DISMISSED, JSON.stringify([...list]));
}
