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
 * Removes one import batch in a single transaction: every record the batch added or last
 * changed, then the reps, accounts and teams it created that nothing refers to any more.
 * A rep with coaching notes or plans is kept: those are the director's writing, not the
 * import's data, and removing the rep would take them with it. So is a rep a saved team scenario
 * places (migration 10): its id would go stale, and a new rep could be given it later.
 * Returns null when there is no such batch.
 */
export function undoImport(sqlite: SqliteHandle, batchId: number): UndoCounts | null {
  const exists = sqlite.prepare('SELECT 1 FROM import_batches WHERE id = ?').get(batchId);
  if (!exists) return null;
  return sqlite.transaction((): UndoCounts => {
    const run = (sql: string): number => sqlite.prepare(sql).run(batchId).changes;
    const counts = {
      deals: run('DELETE FROM deals WHERE batch_id = ?'),
      activities: run('DELETE FROM activities WHERE batch_id = ?'),
      quotas: run('DELETE FROM quotas WHERE batch_id = ?'),
      kpiValues: run('DELETE FROM rep_kpi_values WHERE batch_id = ?'),
      snapshots: run('DELETE FROM deal_snapshots WHERE batch_id = ?'),
      reps: 0,
      accounts: 0,
    };
    counts.accounts = run(
      `DELETE FROM accounts WHERE batch_id = ?
         AND NOT EXISTS (SELECT 1 FROM deals WHERE account_id = accounts.id)
         AND NOT EXISTS (SELECT 1 FROM activities WHERE account_id = accounts.id)`,
    );
    counts.reps = run(
      `DELETE FROM reps WHERE batch_id = ?
         AND NOT EXISTS (SELECT 1 FROM deals WHERE rep_id = reps.id)
         AND NOT EXISTS (SELECT 1 FROM activities WHERE rep_id = reps.id)
         AND NOT EXISTS (SELECT 1 FROM quotas WHERE rep_id = reps.id)
         AND NOT EXISTS (SELECT 1 FROM rep_kpi_values WHERE rep_id = reps.id)
         AND NOT EXISTS (SELECT 1 FROM accounts WHERE owner_rep_id = reps.id)
         AND NOT EXISTS (SELECT 1 FROM coaching_notes WHERE rep_id = reps.id)
         AND NOT EXISTS (SELECT 1 FROM coaching_plans WHERE rep_id = reps.id)
         AND NOT EXISTS (
           SELECT 1 FROM team_scenarios s, json_each(s.assignment_json) a
           WHERE json_extract(a.value, '$.repId') = reps.id OR json_extract(a.value, '$.leaderId') = reps.id)`,
    );
    sqlite.prepare('DELETE FROM teams WHERE NOT EXISTS (SELECT 1 FROM reps WHERE team_id = teams.id)').run();
    sqlite.prepare('DELETE FROM import_batches WHERE id = ?').run(batchId);
    return counts;
  })();
}
