import { personKey, type KnownPeople } from '../../shared/import/value-mapping';
import type { SqliteHandle } from '../db/open-database';
import { query, selectAll } from '../db/sync-query';

/**
 * The names, ids and e-mails the workspace knows its reps by, keyed for matching a file's
 * values: staging maps a column of these to the owner when its header says nothing we know.
 */
export function knownPeople(sqlite: SqliteHandle): KnownPeople {
  const rows = selectAll(
    sqlite,
    query.selectFrom('reps').select('name').union(query.selectFrom('rep_aliases').select('alias as name')),
  );
  return new Set(rows.map((r) => personKey(r.name)));
}
