import type { CompiledQuery } from 'kysely';
import type { SqliteHandle } from './open-database';

/**
 * Kysely's queries run asynchronously, so they cannot run inside a better-sqlite3 transaction
 * nor answer a synchronous caller (Workspace.info). These run a query Kysely built, and typed,
 * on the synchronous driver: the column names and row types still come from engine/db/schema.ts.
 */
interface Compilable<R> {
  compile(): CompiledQuery<R>;
}

export function selectAll<R>(sqlite: SqliteHandle, query: Compilable<R>): R[] {
  const compiled = query.compile();
  return sqlite.prepare(compiled.sql).all(...compiled.parameters) as R[];
}

export function selectFirst<R>(sqlite: SqliteHandle, query: Compilable<R>): R | undefined {
  const compiled = query.compile();
  return sqlite.prepare(compiled.sql).get(...compiled.parameters) as R | undefined;
}

/** Runs an insert, update or delete; the number of rows it changed. */
export function execute(sqlite: SqliteHandle, query: Compilable<unknown>): number {
  const compiled = query.compile();
  return sqlite.prepare(compiled.sql).run(...compiled.parameters).changes;
}
