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
   * The file did not exist and this process creates it (the CLI importing into a new workspace):
   * until `finishNewFile`, it keeps a rollback journal under an exclusive lock instead of the WAL.
   * A first import then writes its pages once, not into the WAL and again at the checkpoint
   * (0.16 s a million rows, 2.3 s at 10M); nobody else can open the file meanwhile, and a kill
   * leaves a journal that rolls it back to the empty workspace at the next open.
   */
  newFile?: boolean;
}

export interface OpenDatabase {
  sqlite: SqliteHandle;
  db: Kysely<Database>;
  close(): void;
  /** Ends what `newFile` began: WAL and normal locking, as any workspace. */
  finishNewFile(): void;
}

function applyPragmas(sqlite: SqliteHandle, file: string, options: OpenOptions): void {
  const readonly = options.readonly ?? false;
  if (file !== ':memory:' && !readonly) {
    if (options.newFile) {
      sqlite.pragma('locking_mode = EXCLUSIVE');
      sqlite.pragma('journal_mode = DELETE');
    } else sqlite.pragma('journal_mode = WAL');
  }
  sqlite.pragma('foreign_keys = ON');
  // NORMAL is durable under WAL except on power loss, where the last commit may roll back;
  // never corrupt. It keeps large imports fast.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
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
  try {
    applyPragmas(sqlite, file, options);
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
    finishNewFile: () => {
      if (!options.newFile || file === ':memory:' || readonly || !sqlite.open) return;
      // Normal locking takes effect at the next access, which the switch to WAL is.
      sqlite.pragma('locking_mode = NORMAL');
      sqlite.pragma('journal_mode = WAL');
    },
  };
}
