import { sql, type Expression, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';
import type { TopBy } from '../../shared/coaching/types';
import type { Assignment, TeamConstraints, TeamScenario } from '../../shared/teams/types';
import type { SqliteHandle } from '../db/open-database';
import type { Database, TeamScenariosTable } from '../db/schema';
import { execute, query, selectAll } from '../db/sync-query';

/**
 * The director's saved team scenarios (table of migration 10), through Kysely's typed queries: a
 * renamed column is a compile error here (issue #15). The figures stored with a scenario are
 * the engine's, scored when it was saved (engine/api/engine.ts), never the page's.
 *
 * `moveScenarioRep` is called by a rep merge inside an import's or a merge's better-sqlite3
 * transaction, where Kysely's asynchronous execution cannot run: its queries are built the same
 * way and run on the synchronous driver (engine/db/sync-query.ts).
 */

type Row = Selectable<TeamScenariosTable>;

/** What summary_json holds: the summary the API shows, and who the scenario moves (see migration 10). */
interface StoredSummary extends Readonly<TeamScenario['summary']> {
  movedRepIds: number[];
}

/** A scenario as stored: the API's shape, and who it moved as the roster stood when it was saved. */
export interface StoredScenario {
  scenario: TeamScenario;
  /** For "check the plan" (shared/teams/check-plan.ts). */
  movedRepIds: number[];
}

/** A scenario to save: the request as checked and the figures the engine scored it at. */
export interface NewScenario {
  name: string;
  /** Normalised (`2025-Q3`). */
  period: string;
  topBy: TopBy;
  constraints: TeamConstraints;
  assignment: Assignment[];
  summary: TeamScenario['summary'];
  movedRepIds: number[];
}

/** Only what a placement is, whatever else the object carries: the JSON a merge rewrites and undo reads. */
const placement = (a: Assignment): Assignment =>
  a.manual === true
    ? { repId: a.repId, leaderId: a.leaderId, manual: true }
    : { repId: a.repId, leaderId: a.leaderId };

function toStored(r: Row): StoredScenario {
  const summary = JSON.parse(r.summary_json) as StoredSummary;
  return {
    scenario: {
      scenarioId: r.scenario_id,
      name: r.name,
      period: r.period,
      topBy: r.top_by,
      constraints: JSON.parse(r.constraints_json) as TeamConstraints,
      assignment: JSON.parse(r.assignment_json) as Assignment[],
      savedAt: r.saved_at,
      // Only the API's figures: the moved list is the engine's, for the check.
      summary: {
        teams: summary.teams,
        benefit: summary.benefit,
        moves: summary.moves,
        placed: summary.placed,
      },
    },
    movedRepIds: summary.movedRepIds,
  };
}

export async function saveScenario(
  db: Kysely<Database>,
  scenario: NewScenario,
  savedAt: string,
): Promise<TeamScenario> {
  const summary: StoredSummary = { ...scenario.summary, movedRepIds: scenario.movedRepIds };
  const row = await db
    .insertInto('team_scenarios')
    .values({
      name: scenario.name,
      period: scenario.period,
      top_by: scenario.topBy,
      constraints_json: JSON.stringify(scenario.constraints),
      assignment_json: JSON.stringify(scenario.assignment.map(placement)),
      summary_json: JSON.stringify(summary),
      saved_at: savedAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toStored(row).scenario;
}

/** Every scenario, newest first (by the time saved, then by id for two saved in the same instant). */
export async function listScenarios(db: Kysely<Database>): Promise<TeamScenario[]> {
  const rows = await db
    .selectFrom('team_scenarios')
    .selectAll()
    .orderBy('saved_at', 'desc')
    .orderBy('scenario_id', 'desc')
    .execute();
  return rows.map((r) => toStored(r).scenario);
}

export async function getScenario(db: Kysely<Database>, scenarioId: number): Promise<StoredScenario | null> {
  const row = await db
    .selectFrom('team_scenarios')
    .selectAll()
    .where('scenario_id', '=', scenarioId)
    .executeTakeFirst();
  return row ? toStored(row) : null;
}

export async function deleteScenario(db: Kysely<Database>, scenarioId: number): Promise<boolean> {
  const result = await db
    .deleteFrom('team_scenarios')
    .where('scenario_id', '=', scenarioId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The columns of SQLite's json_tree that a search for an id reads. */
interface JsonTreeRow {
  type: string;
  atom: unknown;
}

/** Ids mapped `from` -> `into`, the first of each kept (a list may not name a rep twice). */
function mapIds(ids: readonly number[], from: number, into: number): number[] {
  return [...new Set(ids.map((id) => (id === from ? into : id)))];
}

/**
 * A scenario's JSON with rep `from` merged into rep `into` (migration 10 states the rule): the
 * merged person keeps the survivor's own placement, pin and leader choice, unless the merged
 * rep led a team, which then keeps its leader. The saved figures stay as they were scored.
 */
export function mergeScenarioIds(
  parts: { constraints: Partial<TeamConstraints>; assignment: Assignment[]; summary: StoredSummary },
  from: number,
  into: number,
): { constraints: Partial<TeamConstraints>; assignment: Assignment[]; summary: StoredSummary } {
  const map = (id: number): number => (id === from ? into : id);
  const mapped = parts.assignment.map((a) => ({
    original: a.repId,
    repId: map(a.repId),
    leaderId: map(a.leaderId),
    manual: a.manual === true,
  }));
  const leads = (a: { repId: number; leaderId: number }): boolean => a.repId === a.leaderId;
  const candidates = mapped.filter((a) => a.repId === into);
  const survivors = (a: { original: number }): boolean => a.original === into;
  // One placement for the merged person: a leader's over a member's, then the survivor's own.
  const kept =
    candidates.find((a) => leads(a) && survivors(a)) ??
    candidates.find(leads) ??
    candidates.find(survivors) ??
    candidates[0];
  const assignment = mapped.filter((a) => a.repId !== into || a === kept).map(placement);

  const moved = parts.summary.movedRepIds.filter((id) => id !== from && id !== into);
  // Moved as the placement kept says: the merged rep's, or the survivor's own.
  if (kept !== undefined && parts.summary.movedRepIds.includes(kept.original)) moved.push(into);
  const summary: StoredSummary = { ...parts.summary, movedRepIds: moved.sort((a, b) => a - b) };

  const c = parts.constraints;
  const constraints: Partial<TeamConstraints> = { ...c };
  // "Should lead" and "should not lead" for one person: the survivor's own choice stands.
  const leaders = c.leaders ? mapIds(c.leaders, from, into) : undefined;
  const notLeaders = c.notLeaders ? mapIds(c.notLeaders, from, into) : undefined;
  if (leaders && notLeaders && leaders.includes(into) && notLeaders.includes(into)) {
    const drop = c.leaders?.includes(into) ? notLeaders : leaders;
    drop.splice(drop.indexOf(into), 1);
  }
  if (leaders) constraints.leaders = leaders;
  if (notLeaders) constraints.notLeaders = notLeaders;
  if (c.pins) {
    const pins = c.pins.map((p) => ({ original: p.repId, repId: map(p.repId), leaderId: map(p.leaderId) }));
    // One pin for the merged person: the survivor's own, else the merged rep's.
    const keptPin = pins.find((p) => p.original === into) ?? pins.find((p) => p.repId === into);
    constraints.pins = pins
      .filter((p) => p.repId !== into || p === keptPin)
      .map((p) => ({ repId: p.repId, leaderId: p.leaderId }));
  }
  if (c.apart) {
    const seen = new Set<string>();
    constraints.apart = [];
    for (const [a, b] of c.apart) {
      const pair: [number, number] = [map(a), map(b)];
      const key = [...pair].sort((x, y) => x - y).join(':');
      // A pair that became one person, or a pair listed twice, is no constraint.
      if (pair[0] === pair[1] || seen.has(key)) continue;
      seen.add(key);
      constraints.apart.push(pair);
    }
  }
  return { constraints, assignment, summary };
}

/**
 * Rewrites every scenario that names rep `from` to name rep `into` (a rep merge,
 * engine/import/merge-reps.ts). Runs inside the caller's transaction; only scenarios whose JSON
 * holds the id are read (json_tree also finds the constraints' sizes, which costs a parse, no
 * more).
 */
export function moveScenarioRep(sqlite: SqliteHandle, from: number, into: number): number {
  // Does the JSON (at `path`) hold the rep's id as an integer anywhere?
  const holds = (
    eb: ExpressionBuilder<Database, 'team_scenarios'>,
    json: Expression<string>,
    path?: string,
  ) => {
    const tree =
      path === undefined
        ? sql<JsonTreeRow>`json_tree(${json})`
        : sql<JsonTreeRow>`json_tree(${json}, ${sql.lit(path)})`;
    return eb.exists(
      eb
        .selectFrom(tree.as('t'))
        .select(sql.lit(1).as('one'))
        .where('t.type', '=', sql.lit('integer'))
        .where('t.atom', '=', from),
    );
  };
  const rows = selectAll(
    sqlite,
    query
      .selectFrom('team_scenarios')
      .select(['scenario_id', 'constraints_json', 'assignment_json', 'summary_json'])
      .where((eb) =>
        eb.or([
          holds(eb, eb.ref('team_scenarios.assignment_json')),
          holds(eb, eb.ref('team_scenarios.constraints_json')),
          holds(eb, eb.ref('team_scenarios.summary_json'), '$.movedRepIds'),
        ]),
      ),
  );
  for (const r of rows) {
    const merged = mergeScenarioIds(
      {
        constraints: JSON.parse(r.constraints_json) as Partial<TeamConstraints>,
        assignment: JSON.parse(r.assignment_json) as Assignment[],
        summary: JSON.parse(r.summary_json) as StoredSummary,
      },
      from,
      into,
    );
    execute(
      sqlite,
      query
        .updateTable('team_scenarios')
        .set({
          constraints_json: JSON.stringify(merged.constraints),
          assignment_json: JSON.stringify(merged.assignment),
          summary_json: JSON.stringify(merged.summary),
        })
        .where('scenario_id', '=', r.scenario_id),
    );
  }
  return rows.length;
}
