import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
} from 'kysely';
import type { SqliteHandle } from './open-database';
import type { Database } from './schema';

/**
 * Typed queries on the synchronous driver. Kysely builds and types the SQL from the `Database`
 * type (engine/db/schema.ts, the single source of table types: a renamed column is a compile
 * error); better-sqlite3 runs it. Kysely's own execution is asynchronous, so it could not run
 * inside a better-sqlite3 transaction nor answer a synchronous caller (Workspace.info); this
 * builder only compiles (Kysely's DummyDriver: "splitting query building and execution").
 * Raw prepared statements remain only on measured hot paths (the import writers, the working
 * set's loading), each saying so beside it.
 */
export const query = new Kysely<Database>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

interface Compilable<R> {
  compile(): CompiledQuery<R>;
}

export function selectAll<R>(sqlite: SqliteHandle, built: Compilable<R>): R[] {
  const compiled = built.compile();
  return sqlite.prepare(compiled.sql).all(...compiled.parameters) as R[];
}

export function selectFirst<R>(sqlite: SqliteHandle, built: Compilable<R>): R | undefined {
  const compiled = built.compile();
  return sqlite.prepare(compiled.sql).get(...compiled.parameters) as R | undefined;
}

/** Runs an insert, update or delete; the number of rows it changed. */
export function execute(sqlite: SqliteHandle, built: Compilable<unknown>): number {
  const compiled = built.compile();
  return sqlite.prepare(compiled.sql).run(...compiled.parameters).changes;
}

/** Rows one at a time, for a large read that should not build one array of them all. */
export function iterate<R>(sqlite: SqliteHandle, built: Compilable<R>): IterableIterator<R> {
  const compiled = built.compile();
  return sqlite.prepare(compiled.sql).iterate(...compiled.parameters) as IterableIterator<R>;
}
