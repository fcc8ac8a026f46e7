import { sql } from 'kysely';
import { markActivitiesChanged } from '../analysis/activity-cache';
import type { SqliteHandle } from '../db/open-database';
import { execute, query, selectAll, selectFirst } from '../db/sync-query';

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

/** What the undo statements take: the batch, and the ids of the reps to remove as JSON. */
interface UndoArgs {
  batchId: number;
  repIds: string;
}

/** A removed rep's id among the JSON list of them (json_each: one bound value, any number of reps). */
const removedRepIds = (repIds: string) =>
  query.selectFrom(sql<{ value: number }>`json_each(${repIds})`.as('j')).select('j.value');

/** Rep ids a saved team scenario's placements name in `field` (`$.repId`, `$.leaderId`). */
const scenarioRepIds = (field: '$.repId' | '$.leaderId') =>
  query
    .selectFrom('team_scenarios as s')
    .innerJoin(
      (eb) => eb.fn<{ value: string }>('json_each', ['s.assignment_json']).as('a'),
      (join) => join.onTrue(),
    )
    .select((eb) => eb.fn<number>('json_extract', ['a.value', sql.lit(field)]).as('id'))
    .where((eb) => eb.fn('json_extract', ['a.value', sql.lit(field)]), 'is not', null);

/**
 * The statements of an undo, in the order they run, built with Kysely from the schema's types;
 * each takes the batch id except `aliases` and `removeReps` (the ids of the reps to remove, as
 * JSON) and `teams` (nothing). Set-based, each runs once per undo, so building them costs nothing
 * next to running them.
 *
 * They run with foreign keys off (see undoImport), so each does by hand what the schema's
 * ON DELETE actions would have done, and every test of "does anything still refer to it" is a
 * set (`id NOT IN (SELECT … IS NOT NULL)`, one pass over the table), never a per-row subquery: a
 * per-row look-up, or a foreign-key action, without an index scans the child table once per
 * account or rep, and undoing a 1M-row import took 402 s that way (issue #13).
 */
const UNDO = {
  /** Snapshots of other imports that name a removed deal lose the link (ON DELETE SET NULL). */
  unlinkSnapshots: ({ batchId }: UndoArgs) =>
    query
      .updateTable('deal_snapshots')
      // NULL as a literal, here and below: each statement binds only its one argument.
      .set({ deal_id: sql.lit(null) })
      .where('deal_id', 'in', query.selectFrom('deals').select('id').where('batch_id', '=', batchId)),
  deals: ({ batchId }: UndoArgs) => query.deleteFrom('deals').where('batch_id', '=', batchId),
  activities: ({ batchId }: UndoArgs) => query.deleteFrom('activities').where('batch_id', '=', batchId),
  quotas: ({ batchId }: UndoArgs) => query.deleteFrom('quotas').where('batch_id', '=', batchId),
  kpiValues: ({ batchId }: UndoArgs) => query.deleteFrom('rep_kpi_values').where('batch_id', '=', batchId),
  snapshots: ({ batchId }: UndoArgs) => query.deleteFrom('deal_snapshots').where('batch_id', '=', batchId),
  /** Accounts the batch created that no deal or activity names any more (so no child to update). */
  accounts: ({ batchId }: UndoArgs) =>
    query
      .deleteFrom('accounts')
      .where('batch_id', '=', batchId)
      .where(
        'id',
        'not in',
        query.selectFrom('deals').select('account_id').where('account_id', 'is not', null),
      )
      .where(
        'id',
        'not in',
        query.selectFrom('activities').select('account_id').where('account_id', 'is not', null),
      ),
  /**
   * Texts the batch added (migration 011) that no activity names any more. The codes in use come
   * from one pass over activities (their distinct triples, far fewer than the rows), not three;
   * the pass runs only when the batch added a text (0.71 s at 5M rows, 0.006 s when it added none).
   */
  texts: ({ batchId }: UndoArgs) =>
    query
      .with('used', (db) =>
        db.selectFrom('activities').select(['type_raw_code', 'subject_code', 'outcome_code']).distinct(),
      )
      .deleteFrom('activity_texts')
      .where('batch_id', '=', batchId)
      .where('id', 'not in', (eb) =>
        eb
          .selectFrom('used')
          .select('type_raw_code as code')
          .where('type_raw_code', 'is not', null)
          .unionAll(
            eb.selectFrom('used').select('subject_code as code').where('subject_code', 'is not', null),
          )
          .unionAll(
            eb.selectFrom('used').select('outcome_code as code').where('outcome_code', 'is not', null),
          ),
      ),
  /**
   * Reps the batch created that nothing names any more: no record, no account they own, no
   * coaching note or plan (the director's writing), no saved team scenario (migration 10).
   */
  reps: ({ batchId }: UndoArgs) =>
    query
      .selectFrom('reps')
      .select('id')
      .where('batch_id', '=', batchId)
      .where('id', 'not in', query.selectFrom('deals').select('rep_id').where('rep_id', 'is not', null))
      .where('id', 'not in', query.selectFrom('activities').select('rep_id').where('rep_id', 'is not', null))
      .where('id', 'not in', query.selectFrom('quotas').select('rep_id').where('rep_id', 'is not', null))
      .where(
        'id',
        'not in',
        query.selectFrom('rep_kpi_values').select('rep_id').where('rep_id', 'is not', null),
      )
      .where(
        'id',
        'not in',
        query.selectFrom('accounts').select('owner_rep_id').where('owner_rep_id', 'is not', null),
      )
      .where('id', 'not in', query.selectFrom('coaching_notes').select('rep_id'))
      .where('id', 'not in', query.selectFrom('coaching_plans').select('rep_id'))
      .where('id', 'not in', scenarioRepIds('$.repId').union(scenarioRepIds('$.leaderId'))),
  /** A removed rep's other names go with them (ON DELETE CASCADE). */
  aliases: ({ repIds }: UndoArgs) =>
    query.deleteFrom('rep_aliases').where('rep_id', 'in', removedRepIds(repIds)),
  removeReps: ({ repIds }: UndoArgs) => query.deleteFrom('reps').where('id', 'in', removedRepIds(repIds)),
  /** Teams nobody is in any more (no rep to update). */
  teams: () =>
    query
      .deleteFrom('teams')
      .where('id', 'not in', query.selectFrom('reps').select('team_id').where('team_id', 'is not', null)),
  /** The batch's own rows (ON DELETE CASCADE) and the records it created that stay (SET NULL). */
  rejected: ({ batchId }: UndoArgs) => query.deleteFrom('rejected_rows').where('batch_id', '=', batchId),
  keptReps: ({ batchId }: UndoArgs) =>
    query
      .updateTable('reps')
      .set({ batch_id: sql.lit(null) })
      .where('batch_id', '=', batchId),
  keptAccounts: ({ batchId }: UndoArgs) =>
    query
      .updateTable('accounts')
      .set({ batch_id: sql.lit(null) })
      .where('batch_id', '=', batchId),
  keptTexts: ({ batchId }: UndoArgs) =>
    query
      .updateTable('activity_texts')
      .set({ batch_id: sql.lit(null) })
      .where('batch_id', '=', batchId),
  batch: ({ batchId }: UndoArgs) => query.deleteFrom('import_batches').where('id', '=', batchId),
};

/**
 * The SQL of each undo statement, one `?` for its argument (none for `teams`). Exported so that a
 * test can check the plans with EXPLAIN QUERY PLAN, and that every foreign key into a table the
 * undo deletes from is one of those handled here.
 */
export const UNDO_STATEMENTS = Object.fromEntries(
  Object.entries(UNDO).map(([name, build]) => [name, build({ batchId: 0, repIds: '[]' }).compile().sql]),
) as Record<keyof typeof UNDO, string>;

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
  'activity_texts.batch_id -> import_batches',
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
  const exists = selectFirst(
    sqlite,
    query.selectFrom('import_batches').select('id').where('id', '=', batchId),
  );
  if (!exists) return null;
  const foreignKeys = !sqlite.inTransaction && sqlite.pragma('foreign_keys', { simple: true }) === 1;
  if (foreignKeys) sqlite.pragma('foreign_keys = OFF');
  try {
    return sqlite.transaction((): UndoCounts => {
      const args: UndoArgs = { batchId, repIds: '[]' };
      // Any undo may remove activities, or the reps and accounts they point to: the cached
      // working-set activities (engine/analysis/activity-cache.ts) no longer match.
      markActivitiesChanged(sqlite);
      execute(sqlite, UNDO.unlinkSnapshots(args));
      const counts = {
        deals: execute(sqlite, UNDO.deals(args)),
        activities: execute(sqlite, UNDO.activities(args)),
        quotas: execute(sqlite, UNDO.quotas(args)),
        kpiValues: execute(sqlite, UNDO.kpiValues(args)),
        snapshots: execute(sqlite, UNDO.snapshots(args)),
        reps: 0,
        accounts: 0,
      };
      counts.accounts = execute(sqlite, UNDO.accounts(args));
      args.repIds = JSON.stringify(selectAll(sqlite, UNDO.reps(args)).map((r) => r.id));
      execute(sqlite, UNDO.aliases(args));
      counts.reps = execute(sqlite, UNDO.removeReps(args));
      execute(sqlite, UNDO.teams());
      execute(sqlite, UNDO.rejected(args));
      execute(sqlite, UNDO.keptReps(args));
      execute(sqlite, UNDO.keptAccounts(args));
      execute(sqlite, UNDO.texts(args));
      execute(sqlite, UNDO.keptTexts(args));
      execute(sqlite, UNDO.batch(args));
      return counts;
    })();
  } finally {
    if (foreignKeys) sqlite.pragma('foreign_keys = ON');
  }
}
