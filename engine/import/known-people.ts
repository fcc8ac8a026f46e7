import { personKey, type KnownPeople } from '../../shared/import/value-mapping';
import type { SqliteHandle } from '../db/open-database';

/**
 * The names, ids and e-mails the workspace knows its reps by, keyed for matching a file's
 * values: staging maps a column of these to the owner when its header says nothing we know.
 */
export function knownPeople(sqlite: SqliteHandle): KnownPeople {
  const names = sqlite
    .prepare('SELECT name FROM reps UNION SELECT alias FROM rep_aliases')
    .pluck()
    .all() as string[];
  return new Set(names.map(personKey));
}
