import { execute, query } from '../db/sync-query';
import type { SqliteHandle } from '../db/open-database';
import { markActivitiesChanged } from '../analysis/activity-cache';
import { moveScenarioRep } from '../teams/scenario-store';

/**
 * Moves everything recorded for one rep to another and removes the first: used when a roster
 * reveals that "285" on an earlier deals file is Stephen Jiang's employee key, and (later) when
 * the user confirms two spellings are one person. Runs inside the caller's transaction.
 */
export function mergeRep(sqlite: SqliteHandle, fromId: number, intoId: number): void {
  if (fromId === intoId) return;
  // The activities move to another rep: the cached working-set activities no longer match.
  markActivitiesChanged(sqlite);
  execute(sqlite, query.updateTable('deals').set({ rep_id: intoId }).where('rep_id', '=', fromId));
  execute(sqlite, query.updateTable('activities').set({ rep_id: intoId }).where('rep_id', '=', fromId));
  execute(
    sqlite,
    query.updateTable('accounts').set({ owner_rep_id: intoId }).where('owner_rep_id', '=', fromId),
  );
  // Quota keys embed the rep id; a quota the target already has for the same period wins. The id
  // is bound as text: a JS number binds as REAL and would concatenate as '6.0'.
  const prefix = `q:${fromId}:`;
  // Raw: Kysely 0.28 has `orIgnore()` on inserts only, and this needs UPDATE OR IGNORE.
  sqlite
    .prepare(
      `UPDATE OR IGNORE quotas SET rep_id = ?, record_key = 'q:' || ? || ':' || substr(record_key, ?)
       WHERE rep_id = ?`,
    )
    .run(intoId, String(intoId), prefix.length + 1, fromId);
  execute(sqlite, query.deleteFrom('quotas').where('rep_id', '=', fromId));
  // KPI values of rep KPI summaries likewise (`k:<rep>:<start>:<end>:<metric>`).
  const kpiPrefix = `k:${fromId}:`;
  // Raw: UPDATE OR IGNORE, as for quotas.
  sqlite
    .prepare(
      `UPDATE OR IGNORE rep_kpi_values SET rep_id = ?, record_key = 'k:' || ? || ':' || substr(record_key, ?)
       WHERE rep_id = ?`,
    )
    .run(intoId, String(intoId), kpiPrefix.length + 1, fromId);
  execute(sqlite, query.deleteFrom('rep_kpi_values').where('rep_id', '=', fromId));
  // The director's coaching notes and saved plans follow the person, not the spelling.
  execute(sqlite, query.updateTable('coaching_notes').set({ rep_id: intoId }).where('rep_id', '=', fromId));
  execute(sqlite, query.updateTable('coaching_plans').set({ rep_id: intoId }).where('rep_id', '=', fromId));
  // So do the team scenarios, which name reps by id inside their JSON (migration 10).
  moveScenarioRep(sqlite, fromId, intoId);
  // A plain update: the alias is the key, so moving an alias to another rep can break no constraint.
  execute(sqlite, query.updateTable('rep_aliases').set({ rep_id: intoId }).where('rep_id', '=', fromId));
  execute(sqlite, query.deleteFrom('reps').where('id', '=', fromId));
}
