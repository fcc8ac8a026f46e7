import type { ApiRequest } from '../../shared/api/contract';
import { validateRequest } from '../../shared/api/validate';
import type { CoachingNote, SavedGoal, SavedPlan } from '../../shared/coaching/types';
import { parsePeriod } from '../../shared/period/period';
import { err, ok, type Result } from '../../shared/result';
import type { SqliteHandle } from '../db/open-database';
import type { Selectable } from 'kysely';
import type { CoachingNotesTable, CoachingPlansTable } from '../db/schema';
import { execute, query, selectAll, selectFirst } from '../db/sync-query';

/**
 * The director's coaching notes and saved plans (tables of migration 9). Every write checks its
 * request with the contract's own validator, so a caller that is not a host (the CLI, a test)
 * gets the same errors as data; then the semantic checks only the database can make: does the rep
 * exist, is the period a period. Periods are stored normalised (`2017-q3` -> `2017-Q3`) so a
 * saved goal finds its period again however it was typed.
 */

const NOTE_COLUMNS = [
  'note_id',
  'rep_id',
  'created_at',
  'period',
  'text',
] as const satisfies readonly (keyof CoachingNotesTable)[];
const PLAN_COLUMNS = [
  'plan_id',
  'rep_id',
  'period',
  'saved_at',
  'goals_json',
] as const satisfies readonly (keyof CoachingPlansTable)[];

function repExists(sqlite: SqliteHandle, repId: number): boolean {
  return selectFirst(sqlite, query.selectFrom('reps').select('id').where('id', '=', repId)) !== undefined;
}

function noSuchRep<T>(repId: number): Result<T> {
  return err('not_found', `No rep ${repId}.`, { repId });
}

/** The period's normalised id, or the invalid_period error. */
function periodId(text: string): Result<string> {
  const parsed = parsePeriod(text);
  return parsed.ok ? ok(parsed.value.id) : parsed;
}

const toNote = (r: Selectable<CoachingNotesTable>): CoachingNote => ({
  noteId: r.note_id,
  repId: r.rep_id,
  createdAt: r.created_at,
  period: r.period,
  text: r.text,
});

const toPlan = (r: Selectable<CoachingPlansTable>): SavedPlan => ({
  planId: r.plan_id,
  repId: r.rep_id,
  period: r.period,
  savedAt: r.saved_at,
  goals: JSON.parse(r.goals_json) as SavedGoal[],
});

/** Adds a note dated `createdAt` (the engine's clock, ISO). */
export function addNote(
  sqlite: SqliteHandle,
  request: ApiRequest<'coaching.addNote'>,
  createdAt: string,
): Result<CoachingNote> {
  const valid = validateRequest('coaching.addNote', request);
  if (!valid.ok) return valid;
  const { repId, text, period } = valid.value;
  let storedPeriod: string | null = null;
  if (period !== undefined) {
    const id = periodId(period);
    if (!id.ok) return id;
    storedPeriod = id.value;
  }
  if (!repExists(sqlite, repId)) return noSuchRep(repId);
  const row = selectFirst(
    sqlite,
    query
      .insertInto('coaching_notes')
      // Trimmed: a note pasted with trailing blank lines reads the same without them.
      .values({ rep_id: repId, created_at: createdAt, period: storedPeriod, text: text.trim() })
      .returning(NOTE_COLUMNS),
  )!;
  return ok(toNote(row));
}

/** The rep's notes, newest first (by date, then by id for notes written in the same instant). */
export function listNotes(sqlite: SqliteHandle, repId: number): CoachingNote[] {
  const rows = selectAll(
    sqlite,
    query
      .selectFrom('coaching_notes')
      .select(NOTE_COLUMNS)
      .where('rep_id', '=', repId)
      .orderBy('created_at', 'desc')
      .orderBy('note_id', 'desc'),
  );
  return rows.map(toNote);
}

export function deleteNote(sqlite: SqliteHandle, noteId: number): boolean {
  return execute(sqlite, query.deleteFrom('coaching_notes').where('note_id', '=', noteId)) > 0;
}

/** Saves a plan's goals as the director edited them, stamped `savedAt`. */
export function savePlan(
  sqlite: SqliteHandle,
  request: ApiRequest<'coaching.savePlan'>,
  savedAt: string,
): Result<SavedPlan> {
  const valid = validateRequest('coaching.savePlan', request);
  if (!valid.ok) return valid;
  const { repId, period, goals } = valid.value;
  const planPeriod = periodId(period);
  if (!planPeriod.ok) return planPeriod;
  const stored: SavedGoal[] = [];
  for (const goal of goals) {
    const goalPeriod = periodId(goal.period);
    if (!goalPeriod.ok) return goalPeriod;
    stored.push({ ...goal, period: goalPeriod.value });
  }
  if (!repExists(sqlite, repId)) return noSuchRep(repId);
  const row = selectFirst(
    sqlite,
    query
      .insertInto('coaching_plans')
      .values({
        rep_id: repId,
        period: planPeriod.value,
        saved_at: savedAt,
        goals_json: JSON.stringify(stored),
      })
      .returning(PLAN_COLUMNS),
  )!;
  return ok(toPlan(row));
}

/** The rep's saved plans, newest first. */
export function listPlans(sqlite: SqliteHandle, repId: number): SavedPlan[] {
  const rows = selectAll(
    sqlite,
    query
      .selectFrom('coaching_plans')
      .select(PLAN_COLUMNS)
      .where('rep_id', '=', repId)
      .orderBy('saved_at', 'desc')
      .orderBy('plan_id', 'desc'),
  );
  return rows.map(toPlan);
}
