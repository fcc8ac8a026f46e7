import type { Migration } from './migration';

/**
 * The director's saved team scenarios (issue #10): a name, the period and top-by the plan was
 * made for, the constraints asked (JSON: Partial<TeamConstraints>), the placement as edited
 * (JSON: Assignment[], {repId, leaderId} per person) and the figures the engine scored it at when
 * it was saved (JSON: {teams, benefit, moves, placed, movedRepIds}). movedRepIds are the reps the
 * scenario moves away from their team as the roster stood when it was saved: "check the plan"
 * compares them with the reps who stayed after the next period, when the roster may already show
 * the new teams, so who moved cannot be worked out again later.
 *
 * Reps are named by id inside the JSON, so no foreign key guards them; instead:
 * - merging two reps (engine/import/merge-reps.ts) rewrites every scenario's ids of the merged
 *   rep to the surviving one, as coaching notes move: in the assignment (a placement of the
 *   merged rep yields to the survivor's own, unless the merged rep led a team, so a team never
 *   loses its leader), leaders, "should not lead", pins, apart pairs (a pair that becomes one
 *   person is dropped) and movedRepIds;
 * - undoing an import (engine/import/undo-import.ts) keeps a rep a scenario places, as it keeps
 *   a rep with coaching notes: the rep would otherwise vanish from the scenario, and rep ids are
 *   not AUTOINCREMENT, so the next new rep could take the freed id and step into the scenario as
 *   someone else;
 * - a rep gone some other way leaves a stale id: the plan scored for the scenario lists it as not
 *   placed and says so (notice teams_scenario_stale), it never silently drops or guesses.
 * Scenarios are the user's writing, not imported data: no batch_id, undo never removes them.
 * Listed newest first; a workspace holds a handful, so no index beyond the primary key.
 * Frozen: never edit once shipped.
 */
export const migration010: Migration = {
  version: 10,
  name: 'team-scenarios',
  sql: `
CREATE TABLE team_scenarios (
  scenario_id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
  period TEXT NOT NULL,
  top_by TEXT NOT NULL CHECK (top_by IN ('results', 'composite')),
  constraints_json TEXT NOT NULL CHECK (json_valid(constraints_json) AND json_type(constraints_json) = 'object'),
  assignment_json TEXT NOT NULL CHECK (json_valid(assignment_json) AND json_type(assignment_json) = 'array'),
  summary_json TEXT NOT NULL CHECK (json_valid(summary_json) AND json_type(summary_json) = 'object'),
  saved_at TEXT NOT NULL
) STRICT;
`,
};
