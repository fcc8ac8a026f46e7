import type { SqliteHandle } from '../db/open-database';

export interface UndoCounts {
  deals: number;
  activities: number;
  quotas: number;
  /** Values of rep KPI summaries. */
  kpiValues: number;
  /** Deal history snapshots. */
  snapshots: number;
  reps: number;
  accounts: number;
}

/**
 * The statements of an undo, in the order they run; each takes the batch id except `aliases` and
 * `reps` (the ids of the reps to remove, as JSON) and `teams` (nothing).
 *
 * They run with foreign keys off (see undoImport), so each does by hand what the schema's
 * ON DELETE actions would have done, and every test of "does anything still refer to it" is a
 * set (`id NOT IN (SELECT … IS NOT NULL)`, one pass over the table), never a per-row subquery: a
 * per-row look-up, or a foreign-key action, without an index scans the child table once per
 * account or rep, and undoing a 1M-row import took 402 s that way (issue #13). Exported so that a
 * test can check the plans with EXPLAIN QUERY PLAN, and that every foreign key into a table the
 * undo deletes from is one of those handled here.
 */
export const UNDO_STATEMENTS = {
  /** Snapshots of other imports that name a removed deal lose the link (ON DELETE SET NULL). */
  unlinkSnapshots: `UPDATE deal_snapshots SET deal_id = NULL
         WHERE deal_id IN (SELECT id FROM deals WHERE batch_id = ?)`,
  deals: 'DELETE FROM deals WHERE batch_id = ?',
  activities: 'DELETE FROM activities WHERE batch_id = ?',
  quotas: 'DELETE FROM quotas WHERE batch_id = ?',
  kpiValues: 'DELETE FROM rep_kpi_values WHERE batch_id = ?',
  snapshots: 'DELETE FROM deal_snapshots WHERE batch_id = ?',
  /** Accounts the batch created that no deal or activity names any more (so no child to update). */
  accounts: `DELETE FROM accounts WHERE batch_id = ?
         AND id NOT IN (SELECT account_id FROM deals WHERE account_id IS NOT NULL)
         AND id NOT IN (SELECT account_id FROM activities WHERE account_id IS NOT NULL)`,
  /**
   * Reps the batch created that nothing names any more: no record, no account they own, no
   * coaching note or plan (the director's writing), no saved team scenario (migration 10).
   */
  reps: `SELECT id FROM reps WHERE batch_id = ?
         AND id NOT IN (SELECT rep_id FROM deals WHERE rep_id IS NOT NULL)
         AND id NOT IN (SELECT rep_id FROM activities WHERE rep_id IS NOT NULL)
         AND id NOT IN (SELECT rep_id FROM quotas WHERE rep_id IS NOT NULL)
         AND id NOT IN (SELECT rep_id FROM rep_kpi_values WHERE rep_id IS NOT NULL)
         AND id NOT IN (SELECT owner_rep_id FROM accounts WHERE owner_rep_id IS NOT NULL)
         AND id NOT IN (SELECT rep_id FROM coaching_notes)
         AND id NOT IN (SELECT rep_id FROM coaching_plans)
         AND id NOT IN (
           SELECT json_extract(a.value, '$.repId') FROM team_scenarios s, json_each(s.assignment_json) a
           WHERE json_extract(a.value, '$.repId') IS NOT NULL
           UNION
           SELECT json_extract(a.value, '$.leaderId') FROM team_scenarios s, json_each(s.assignment_json) a
           WHERE json_extract(a.value, '$.leaderId') IS NOT NULL)`,
  /** A removed rep's other names go with them (ON DELETE CASCADE). */
  aliases: 'DELETE FROM rep_aliases WHERE rep_id IN (SELECT value FROM json_each(?))',
  removeReps: 'DELETE FROM reps WHERE id IN (SELECT value FROM json_each(?))',
  /** Teams nobody is in any more (no rep to update). */
  teams: 'DELETE FROM teams WHERE id NOT IN (SELECT team_id FROM reps WHERE team_id IS NOT NULL)',
  /** The batch's own rows (ON DELETE CASCADE) and the records it created that stay (SET NULL). */
  rejected: 'DELETE FROM rejected_rows WHERE batch_id = ?',
  keptReps: 'UPDATE reps SET batch_id = NULL WHERE batch_id = ?',
  keptAccounts: 'UPDATE accounts SET batch_id = NULL WHERE batch_id = ?',
  batch: 'DELETE FROM import_batches WHERE id = ?',
} as const;

/**
 * The foreign keys into the tables an undo deletes from, each as `child.column -> parent`: the
 * actions UNDO_STATEMENTS carry out by hand, or that cannot fire (nothing refers to a removed
 * account, rep or team by construction). A test compares this with the schema, so a new
 * reference to one of these tables is handled here before it can be left dangling.
 */
export const UNDO_HANDLED_REFERENCES: readonly string[] = [
  'accounts.batch_id -> import_batches',
  'accounts.owner_rep_id -> reps',
  'activities.account_id -> accounts',
  'activities.batch_id -> import_batches',
  'activities.rep_id -> reps',
  'coaching_notes.rep_id -> reps',
  'coaching_plans.rep_id -> reps',
  'deal_snapshots.batch_id -> import_batches',
  'deal_snapshots.deal_id -> deals',
  'deals.account_id -> accounts',
  'deals.batch_id -> import_batches',
  'deals.rep_id -> reps',
  'quotas.batch_id -> import_batches',
  'quotas.rep_id -> reps',
  'rejected_rows.batch_id -> import_batches',
  'rep_aliases.rep_id -> reps',
  'rep_kpi_values.batch_id -> import_batches',
  'rep_kpi_values.rep_id -> reps',
  'reps.batch_id -> import_batches',
  'reps.team_id -> teams',
];

/**
 * Removes one import batch in a single transaction: every record the batch added or last
 * changed, then the reps, accounts and teams it created that nothing refers to any more.
 * A rep with coaching notes or plans is kept: those are the director's writing, not the
 * import's data, and removing the rep would take them with it. So is a rep a saved team scenario
 * places (migration 10): its id would go stale, and a new rep could be given it later.
 *
 * Foreign keys are off for the transaction (the pragma only changes outside one; it is restored
 * whatever happens), as for the activity import: SQLite looks up a deleted parent's children
 * through an index on the child column or not at all, and indexing activities by rep and account
 * would cost the import more than it takes today (docs/decisions.md, "Undo at scale"). The
 * statements above do what the schema's actions would; a database the import and the undo leave
 * behind passes `PRAGMA foreign_key_check` (test/db/reps-and-undo.test.ts, undo-at-scale test).
 * Returns null when there is no such batch.
 */
export function undoImport(sqlite: SqliteHandle, batchId: number): UndoCounts | null {
  const exists = sqlite.prepare('SELECT 1 FROM import_batches WHERE id = ?').get(batchId);
  if (!exists) return null;
  const foreignKeys = !sqlite.inTransaction && sqlite.pragma('foreign_keys', { simple: true }) === 1;
  if (foreignKeys) sqlite.pragma('foreign_keys = OFF');
  try {
    return sqlite.transaction((): UndoCounts => {
      const run = (sql: string, arg: number | string = batchId): number =>
        sqlite.prepare(sql).run(arg).changes;
      run(UNDO_STATEMENTS.unlinkSnapshots);
      const counts = {
        deals: run(UNDO_STATEMENTS.deals),
        activities: run(UNDO_STATEMENTS.activities),
        quotas: run(UNDO_STATEMENTS.quotas),
        kpiValues: run(UNDO_STATEMENTS.kpiValues),
        snapshots: run(UNDO_STATEMENTS.snapshots),
        reps: 0,
        accounts: 0,
      };
      counts.accounts = run(UNDO_STATEMENTS.accounts);
      const repIds = JSON.stringify(sqlite.prepare(UNDO_STATEMENTS.reps).pluck().all(batchId));
      run(UNDO_STATEMENTS.aliases, repIds);
      counts.reps = run(UNDO_STATEMENTS.removeReps, repIds);
      sqlite.prepare(UNDO_STATEMENTS.teams).run();
      run(UNDO_STATEMENTS.rejected);
      run(UNDO_STATEMENTS.keptReps);
      run(UNDO_STATEMENTS.keptAccounts);
      run(UNDO_STATEMENTS.batch);
      return counts;
    })();
  } finally {
    if (foreignKeys) sqlite.pragma('foreign_keys = ON');
  }
}
