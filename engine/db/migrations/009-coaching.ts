import type { Migration } from './migration';

/**
 * The director's coaching record (issue #5): dated notes per rep, and the plans saved from the
 * rep view with their goals as edited (JSON: SavedGoal[], checked later against the goals'
 * period). Both are the user's own writing, not imported data, so they carry no batch_id and
 * undoing an import never removes them (undo keeps a rep who has notes or plans). Merging two
 * reps moves them to the surviving rep (engine/import/merge-reps.ts); ON DELETE CASCADE only
 * matters if a rep is removed some other way, and then a note about nobody is worth nothing.
 * One index each: the rep view lists one rep's notes and plans, newest first.
 * Frozen: never edit once shipped.
 */
export const migration009: Migration = {
  version: 9,
  name: 'coaching',
  sql: `
CREATE TABLE coaching_notes (
  note_id INTEGER PRIMARY KEY,
  rep_id INTEGER NOT NULL REFERENCES reps(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  period TEXT,
  text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 10000)
) STRICT;
CREATE INDEX coaching_notes_rep ON coaching_notes(rep_id, created_at);

CREATE TABLE coaching_plans (
  plan_id INTEGER PRIMARY KEY,
  rep_id INTEGER NOT NULL REFERENCES reps(id) ON DELETE CASCADE,
  period TEXT NOT NULL,
  saved_at TEXT NOT NULL,
  goals_json TEXT NOT NULL CHECK (json_valid(goals_json) AND json_type(goals_json) = 'array')
) STRICT;
CREATE INDEX coaching_plans_rep ON coaching_plans(rep_id, saved_at);
`,
};
