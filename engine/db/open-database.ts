import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { MIGRATIONS } from './migrations';
import type { Migration } from './migrations/migration';
import type { Database } from './schema';

export type SqliteHandle = BetterSqlite3.Database;

export interface OpenOptions {
  readonly?: boolean;
  /**
   * Path of a better_sqlite3.node built for the running runtime. Electron needs its own build
   * (a different ABI from Node's); passing it here lets one checkout serve both.
   */
  nativeBinding?: string;
  /**
   * The CLI's imports: until `finishExclusive`, the workspace keeps a rollback journal under an
   * exclusive lock instead of the WAL. An import then writes its new pages once, straight into the
   * file, not into the WAL and again at the checkpoint (0.16 s a million rows, 2.3 s at 10M into a
   * new workspace; 0.4 s for a million rows into one of 5M), and only the pages it changes go to
   * the journal first (SQLite does not journal pages past the file's old end). Nobody else can open
   * the workspace meanwhile; when somebody already has it open, it stays in the WAL, as the app
   * keeps it (except for one large import at a time: run-import.ts). A kill leaves a journal that
   * rolls the import back at the next open; commits sync fully (holdExclusively).
   */
  exclusive?: boolean;
}

export interface OpenDatabase {
  sqlite: SqliteHandle;
  db: Kysely<Database>;
  close(): void;
  /** Whether `exclusive` took effect (it does not when another connection has the file open). */
  readonly exclusive: boolean;
  /** Ends what `exclusive` began: WAL and normal locking, as any workspace. */
  finishExclusive(): void;
}

/** Pragmas for every connection; returns whether it holds the file exclusively (OpenOptions.exclusive). */
function applyPragmas(sqlite: SqliteHandle, file: string, options: OpenOptions): boolean {
  const readonly = options.readonly ?? false;
  let exclusive = false;
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  if (file !== ':memory:' && !readonly) {
    if (options.exclusive) exclusive = holdExclusively(sqlite);
    if (!exclusive) sqlite.pragma('journal_mode = WAL');
  }
  sqlite.pragma('foreign_keys = ON');
  // NORMAL is durable under WAL except on power loss, where the last commit may roll back;
  // never corrupt. It keeps large imports fast. (holdExclusively sets FULL for its journal.)
  if (!exclusive) sqlite.pragma('synchronous = NORMAL');
  return exclusive;
}

/** How long a statement waits for another connection's lock before it fails as busy. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * A rollback journal under an exclusive lock (OpenOptions.exclusive, and the app's large imports:
 * run-import.ts), unless another connection has the file open: the switch out of the WAL then
 * fails at once, and the connection stays in it. Commits sync fully (synchronous = FULL), since
 * a power cut under NORMAL may corrupt a rollback-journal database on some file systems.
 * releaseExclusive ends it.
 */
export function holdExclusively(sqlite: SqliteHandle): boolean {
  sqlite.pragma('busy_timeout = 0');
  let held = false;
  try {
    sqlite.pragma('locking_mode = EXCLUSIVE');
    held = sqlite.pragma('journal_mode = DELETE', { simple: true }) === 'delete';
  } catch {
    // SQLITE_BUSY: somebody else has the workspace open.
  }
  // Normal locking takes effect at the next access: the caller's switch back to the WAL.
  if (!held) sqlite.pragma('locking_mode = NORMAL');
  else sqlite.pragma('synchronous = FULL');
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return held;
}

/** Ends what holdExclusively began: WAL and normal locking, as any workspace. */
export function releaseExclusive(sqlite: SqliteHandle): void {
  // Normal locking takes effect at the next access, which the switch to WAL is.
  sqlite.pragma('locking_mode = NORMAL');
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
}

/** Applies pending migrations, each in its own transaction with its version bump. */
export function migrate(sqlite: SqliteHandle, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = sqlite.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(
      `This workspace was written by a newer Quartile Coach (schema ${current}, this app knows ${latest}).`,
    );
  }
  let applied = 0;
  const foreignKeys = sqlite.pragma('foreign_keys', { simple: true }) === 1;
  for (const m of migrations) {
    if (m.version <= current) continue;
    const rebuilt = m.rebuildsReferencedTable;
    // A table rebuild runs with foreign keys off (see Migration.rebuildsReferencedTable).
    if (rebuilt && foreignKeys) sqlite.pragma('foreign_keys = OFF');
    try {
      sqlite.transaction(() => {
        sqlite.exec(m.sql);
        m.run?.(sqlite);
        if (rebuilt) {
          const broken = (sqlite.pragma('foreign_key_check') as { parent: string }[]).filter(
            (r) => r.parent === rebuilt,
          );
          if (broken.length > 0) {
            throw new Error(
              `Migration ${m.version} would break ${broken.length} reference(s) to ${rebuilt}.`,
            );
          }
        }
        sqlite.pragma(`user_version = ${m.version}`);
      })();
    } finally {
      if (rebuilt && foreignKeys) sqlite.pragma('foreign_keys = ON');
    }
    applied++;
  }
  return applied;
}

export function openDatabase(file: string, options: OpenOptions = {}): OpenDatabase {
  const readonly = options.readonly ?? false;
  const sqlite = new BetterSqlite3(file, {
    readonly,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  let exclusive = false;
  try {
    exclusive = applyPragmas(sqlite, file, options);
    if (!readonly) migrate(sqlite);
  } catch (e) {
    sqlite.close();
    throw e;
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    sqlite,
    db,
    close: () => {
      sqlite.close();
    },
    get exclusive() {
      return exclusive;
    },
    finishExclusive: () => {
      if (!exclusive || !sqlite.open) return;
      exclusive = false;
      releaseExclusive(sqlite);
    },
  };
}
