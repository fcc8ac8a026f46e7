import type BetterSqlite3 from 'better-sqlite3';

export interface Migration {
  /** Consecutive from 1; becomes PRAGMA user_version once applied. */
  readonly version: number;
  readonly name: string;
  /** Plain SQL, frozen once shipped, so what ran on a user's machine can always be re-read. */
  readonly sql: string;
  /**
   * A step SQL cannot express (recomputing stored hashes), run after `sql` in the same
   * transaction. Frozen like the SQL: it may only call code whose output is itself part of the
   * workspace format.
   */
  readonly run?: (sqlite: BetterSqlite3.Database) => void;
  /**
   * The table this migration rebuilds (create new, copy, drop, rename) while other tables
   * reference it. With foreign keys on, dropping the old table would run its ON DELETE actions
   * and empty or orphan those tables, and the pragma cannot change inside a transaction; so the
   * runner switches foreign keys off around the migration's transaction (SQLite's documented
   * procedure) and refuses to commit if foreign_key_check finds a reference to this table broken.
   */
  readonly rebuildsReferencedTable?: string;
}
