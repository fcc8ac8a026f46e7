import type { ApiRequest } from '../../shared/api/contract';
import { validateRequest } from '../../shared/api/validate';
import type { CoachingNote, SavedGoal, SavedPlan } from '../../shared/coaching/types';
import { parsePeriod } from '../../shared/period/period';
import { err, ok, type Result } from '../../shared/result';
import type { SqliteHandle } from '../db/open-database';
import type { CoachingNotesTable, CoachingPlansTable } from '../db/schema';

/**
 * The director's coaching notes and saved plans (tables of migration 9). Every write checks its
 * request with the contract's own validator, so a caller that is not a host (the CLI, a test)
 * gets the same errors as data; then the semantic checks only the database can make: does the rep
 * exist, is the period a period. Periods are stored normalised (`2017-q3` -> `2017-Q3`) so a
 * saved goal finds its period again however it was typed.
 */

type NoteRow = { [K in keyof CoachingNotesTable]: K extends 'note_id' ? number : CoachingNotesTable[K] };
type PlanRow = { [K in keyof CoachingPlansTable]: K extends 'plan_id' ? number : CoachingPlansTable[K] };

function repExists(sqlite: SqliteHandle, repId: number): boolean {
  return sqlite.prepare('SELECT 1 FROM reps WHERE id = ?').get(repId) !== undefined;
}

function noSuchRep<T>(repId: number): Result<T> {
  return err('not_found', `No rep ${repId}.`, { repId });
}

/** The period's normalised id, or the invalid_period error. */
function periodId(text: string): Result<string> {
  const parsed = parsePeriod(text);
  return parsed.ok ? ok(parsed.value.id) : parsed;
}

const toNote = (r: NoteRow): CoachingNote => ({
  noteId: r.note_id,
  repId: r.rep_id,
  createdAt: r.created_at,
  period: r.period,
  text: r.text,
});

const toPlan = (r: PlanRow): SavedPlan => ({
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
  const row = sqlite
    .prepare(
      `INSERT INTO coaching_notes (rep_id, created_at, period, text) VALUES (?, ?, ?, ?)
       RETURNING note_id, rep_id, created_at, period, text`,
    )
    // Trimmed: a note pasted with trailing blank lines reads the same without them.
    .get(repId, createdAt, storedPeriod, text.trim()) as NoteRow;
  return ok(toNote(row));
}

/** The rep's notes, newest first (by date, then by id for notes written in the same instant). */
export function listNotes(sqlite: SqliteHandle, repId: number): CoachingNote[] {
  const rows = sqlite
    .prepare(
      `SELECT note_id, rep_id, created_at, period, text FROM coaching_notes
       WHERE rep_id = ? ORDER BY created_at DESC, note_id DESC`,
    )
    .all(repId) as NoteRow[];
  return rows.map(toNote);
}

export function deleteNote(sqlite: SqliteHandle, noteId: number): boolean {
  return sqlite.prepare('DELETE FROM coaching_notes WHERE note_id = ?').run(noteId).changes > 0;
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
  const row = sqlite
    .prepare(
      `INSERT INTO coaching_plans (rep_id, period, saved_at, goals_json) VALUES (?, ?, ?, ?)
       RETURNING plan_id, rep_id, period, saved_at, goals_json`,
    )
    .get(repId, planPeriod.value, savedAt, JSON.stringify(stored)) as PlanRow;
  return ok(toPlan(row));
}

/** The rep's saved plans, newest first. */
export function listPlans(sqlite: SqliteHandle, repId: number): SavedPlan[] {
  const rows = sqlite
    .prepare(
      `SELECT plan_id, rep_id, period, saved_at, goals_json FROM coaching_plans
       WHERE rep_id = ? ORDER BY saved_at DESC, plan_id DESC`,
    )
    .all(repId) as PlanRow[];
  return rows.map(toPlan);
}
