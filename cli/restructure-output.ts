import { PRACTICE_BY_ID } from '../shared/coaching/practice-definitions';
import { sig6 } from '../shared/format/significant';
import { translateNotice } from '../shared/i18n/translate';
import { TEAMS_CSV_COLUMNS, teamsCsvRows } from '../shared/teams/plan-table';
import type { PlanGap, TeamPlan } from '../shared/teams/types';
import { PLAIN_CSV, toCsv } from '../engine/export/csv';

/**
 * The outputs of `restructure` (issue #10): teams.csv, the same rows as the app's export
 * (shared/teams/plan-table.ts) in plain CSV for scripts, and plan.json, the plan under the file's
 * snake_case naming with numbers at 6 significant digits, as `coach`'s plan.json.
 */

/** teams.csv: one row per rep placed, then one per rep not placed. */
export function teamsCsv(plan: TeamPlan): string {
  return toCsv(TEAMS_CSV_COLUMNS, teamsCsvRows(plan), PLAIN_CSV);
}

function gap(g: PlanGap | null) {
  if (g === null) return null;
  return {
    practice: g.practice,
    name_en: PRACTICE_BY_ID.get(g.practice)?.name_en ?? g.practice,
    name_zh: PRACTICE_BY_ID.get(g.practice)?.name_zh ?? g.practice,
    rep_value: sig6(g.repValue),
    benchmark: sig6(g.benchmark),
    leader_value: sig6(g.leaderValue),
    term: sig6(g.term),
  };
}

/**
 * plan.json: the teams (leader, members with their scores and why), the objective, the moves, the
 * constraints the plan was solved under (every default resolved), the coverage suggestions, the
 * people not placed with the reason, the constraint checks and the notices.
 */
export function restructurePlanJson(plan: TeamPlan): string {
  const byId = new Map(plan.placements.map((p) => [p.repId, p]));
  const person = new Map(plan.input.people.map((p) => [p.repId, p]));
  const c = plan.input.constraints;
  const json = {
    period: plan.period.id,
    top_by: plan.topBy,
    optimal: plan.optimal,
    manual: plan.manual,
    objective: {
      benefit: sig6(plan.objective.benefit),
      moves: plan.objective.moves,
      matched: plan.objective.matched,
    },
    constraints: {
      teams: c.teams,
      min_size: c.minSize,
      max_size: c.maxSize,
      max_moves: c.maxMoves,
      within: c.within,
      leaders: c.leaders.map((id) => ({ rep_id: id, rep: person.get(id)?.name ?? null })),
      not_leaders: c.notLeaders.map((id) => ({ rep_id: id, rep: person.get(id)?.name ?? null })),
      pins: c.pins.map((p) => ({
        rep_id: p.repId,
        rep: person.get(p.repId)?.name ?? null,
        leader_id: p.leaderId,
        leader: person.get(p.leaderId)?.name ?? null,
      })),
      apart: c.apart.map(([a, b]) => [
        { rep_id: a, rep: person.get(a)?.name ?? null },
        { rep_id: b, rep: person.get(b)?.name ?? null },
      ]),
      stay_margin: sig6(plan.input.stayMargin),
    },
    teams: plan.teams.map((t) => {
      const leader = person.get(t.leaderId);
      return {
        name: t.name,
        leader: t.leader,
        leader_id: t.leaderId,
        leader_band: byId.get(t.leaderId)?.band ?? null,
        leader_results_score: sig6(leader?.resultsScore),
        leader_composite: sig6(leader?.composite),
        current_team: t.currentTeam,
        region: t.region,
        size: t.size,
        benefit: sig6(t.benefit),
        strengths: t.strengths,
        members: t.members.map((id) => {
          const p = byId.get(id);
          const who = person.get(id);
          return {
            rep: p?.rep ?? who?.name ?? null,
            rep_id: id,
            band: p?.band ?? null,
            role: p?.role ?? null,
            current_team: p?.currentTeam ?? null,
            moved: p?.moved ?? false,
            pinned: p?.pinned ?? false,
            results_score: sig6(who?.resultsScore),
            composite: sig6(who?.composite),
            benefit: sig6(p?.benefit),
            focus: gap(p?.focus ?? null),
            gaps: (p?.gaps ?? []).map(gap),
            runner_up: p?.runnerUp
              ? { team: p.runnerUp.team, leader_id: p.runnerUp.leaderId, benefit: sig6(p.runnerUp.benefit) }
              : null,
            reason: p?.reason ?? null,
            reason_en: p?.text.en ?? null,
            reason_zh: p?.text.zh ?? null,
          };
        }),
      };
    }),
    moves: plan.moves.map((m) => ({
      rep_id: m.repId,
      rep: byId.get(m.repId)?.rep ?? null,
      from: m.from,
      to: m.to,
    })),
    coverage: plan.coverage.map((s) => ({
      account: s.account,
      owner: s.owner,
      owner_id: s.ownerId,
      owner_band: s.ownerBand,
      won_in_period: sig6(s.wonInPeriod),
      open_pipeline: sig6(s.openPipeline),
      suggested: s.suggested,
      suggested_id: s.suggestedId,
      reason: s.reason,
    })),
    not_placed: plan.notPlaced.map((n) => ({ rep: n.rep, rep_id: n.repId, team: n.team, reason: n.reason })),
    checks: plan.checks.map((k) => ({ constraint: k.constraint, ok: k.ok, params: k.params })),
    notices: plan.notices.map((n) => ({ ...n, message: translateNotice('en', n) })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** The one line `restructure` prints: `2025: 5 teams, 39 placed, 12 moved, 4 on improvement plans`. */
export function restructureSummary(plan: TeamPlan): string {
  const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  const improvement = plan.placements.filter((p) => p.role === 'improvement_plan').length;
  return (
    `${plan.period.id}: ${plural(plan.teams.length, 'team', 'teams')}, ${plan.placements.length} placed, ` +
    `${plan.objective.moves} moved, ${plural(improvement, 'on an improvement plan', 'on improvement plans')}`
  );
}
