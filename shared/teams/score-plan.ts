import {
  benefitMatrix,
  focusOf,
  largestGaps,
  movesTo,
  regionAllows,
  staysWith,
  strengthsOf,
} from './benefit';
import { reasonText } from './reason-text';
import type {
  Assignment,
  ConstraintCheck,
  PlacementReason,
  Placement,
  PlanInput,
  PlanPerson,
  PlanRole,
  ProposedTeam,
  TeamPlan,
} from './types';

/**
 * A placement scored: the teams, every person's benefit, focus, runner-up and reason, the moves
 * and each constraint as met or broken. The solver's plan and every what-if go through here, so
 * the screen, teams.csv and plan.json explain a plan the same way whoever made it.
 */

export type ScoredPlan = Pick<
  TeamPlan,
  'teams' | 'placements' | 'currentTeams' | 'objective' | 'moves' | 'checks'
>;

/** Team names: the leader's current team, made unique with the leader's name when two leaders share it. */
export function teamNames(input: PlanInput): Map<number, string> {
  const byId = new Map(input.people.map((p) => [p.repId, p]));
  const count = new Map<string, number>();
  for (const id of input.leaders) {
    const team = byId.get(id)?.team;
    if (team) count.set(team, (count.get(team) ?? 0) + 1);
  }
  const out = new Map<number, string>();
  for (const id of input.leaders) {
    const leader = byId.get(id)!;
    const team = leader.team;
    out.set(id, team && count.get(team) === 1 ? team : team ? `${team} · ${leader.name}` : leader.name);
  }
  return out;
}

const EPS = 1e-9;

/**
 * Scores `assignment` (every person of the input once; leaders assigned to themselves).
 * `manual`: the reps the director placed by hand (their reason says so).
 */
export function scorePlan(
  input: PlanInput,
  assignment: readonly Assignment[],
  manual: ReadonlySet<number> = new Set(),
): ScoredPlan {
  const byId = new Map(input.people.map((p) => [p.repId, p]));
  const row = new Map(input.people.map((p, r) => [p.repId, r]));
  const col = new Map(input.leaders.map((id, t) => [id, t]));
  const leaders = input.leaders.map((id) => byId.get(id)!);
  const names = teamNames(input);
  const T = leaders.length;
  const matrix = benefitMatrix(input);
  const benefit = (rep: PlanPerson, t: number): number => matrix[row.get(rep.repId)! * T + t] as number;
  const leaderOf = new Map(assignment.map((a) => [a.repId, a.leaderId]));
  const pins = new Map(input.constraints.pins.map((p) => [p.repId, p.leaderId]));
  const leaderSet = new Set(input.leaders);
  const named = new Set(input.constraints.leaders);
  const notLeaders = new Set(input.constraints.notLeaders);
  const sizeOf = new Map<number, number>();
  for (const a of assignment)
    if (col.has(a.leaderId)) sizeOf.set(a.leaderId, (sizeOf.get(a.leaderId) ?? 0) + 1);
  const common = { stayMargin: input.stayMargin, currency: input.currency, topBy: input.topBy };

  const placements: Placement[] = [];
  const members: number[][] = leaders.map(() => []);
  const moves: TeamPlan['moves'] = [];
  let total = 0;
  let matched = 0;
  for (const person of input.people) {
    const leaderId = leaderOf.get(person.repId);
    if (leaderId === undefined) continue;
    const t = col.get(leaderId);
    if (t === undefined) continue;
    const leader = leaders[t]!;
    const team = names.get(leaderId)!;
    const improvementPlan = person.compositeBand === 'bottom';
    if (leaderSet.has(person.repId)) {
      const strengths = strengthsOf(input, person);
      placements.push({
        repId: person.repId,
        rep: person.name,
        band: person.compositeBand,
        role: 'leader',
        currentTeam: person.team,
        leaderId: person.repId,
        proposedTeam: team,
        moved: false,
        benefit: 0,
        focus: null,
        gaps: [],
        runnerUp: null,
        pinned: false,
        reason: 'leader',
        text: reasonText({
          reason: 'leader',
          rep: person,
          leader: person,
          team,
          focus: null,
          benefit: 0,
          runnerUp: null,
          strengths,
          improvementPlan: false,
          stays: true,
          runnerUpFull: false,
          byDirector: named.has(person.repId),
          ...common,
        }),
      });
      continue;
    }
    members[t]!.push(person.repId);
    const b = benefit(person, t);
    total += b;
    if (b > EPS) matched++;
    const moved = movesTo(person, leader);
    const stays = staysWith(person, leader);
    if (moved) moves.push({ repId: person.repId, from: person.team, to: team });
    // The runner-up: the best other team the region rule allows (sizes aside), to show how close the call was.
    let alt = -1;
    for (const [u, other] of leaders.entries()) {
      if (u === t || !regionAllows(input, person, other)) continue;
      if (alt < 0 || benefit(person, u) > benefit(person, alt) + EPS) alt = u;
    }
    const altBenefit = alt >= 0 ? benefit(person, alt) : Number.NEGATIVE_INFINITY;
    const pinned = pins.get(person.repId) === leaderId;
    const hasNeed = person.need.some((n, k) => n > 0 && (input.practices[k]?.weight ?? 0) > 0);
    let reason: PlacementReason;
    if (person.band === 'unranked') reason = 'not_ranked';
    else if (pinned) reason = 'pinned';
    else if (manual.has(person.repId)) reason = 'manual';
    else if (!hasNeed) reason = 'no_gap';
    else if (altBenefit > b + (stays ? input.stayMargin : 0) + EPS) reason = 'capacity';
    else if (stays) reason = 'stays';
    else if (b <= EPS) reason = 'no_match';
    else reason = 'gap_match';
    const focus = focusOf(input, person, leader);
    const runnerUp =
      alt >= 0
        ? { leaderId: leaders[alt]!.repId, team: names.get(leaders[alt]!.repId)!, benefit: altBenefit }
        : null;
    const role: PlanRole =
      person.band === 'unranked' ? 'unranked' : improvementPlan ? 'improvement_plan' : 'member';
    placements.push({
      repId: person.repId,
      rep: person.name,
      band: person.compositeBand,
      role,
      currentTeam: person.team,
      leaderId,
      proposedTeam: team,
      moved,
      benefit: b,
      focus,
      gaps: largestGaps(input, person, leader),
      runnerUp,
      pinned,
      reason,
      text: reasonText({
        reason,
        rep: person,
        leader,
        team,
        focus,
        benefit: b,
        runnerUp: runnerUp && { team: runnerUp.team, benefit: runnerUp.benefit },
        strengths: [],
        improvementPlan,
        stays,
        runnerUpFull: runnerUp !== null && (sizeOf.get(runnerUp.leaderId) ?? 0) >= input.constraints.maxSize,
        byDirector: notLeaders.has(person.repId),
        ...common,
      }),
    });
  }
  const benefitOfRep = new Map(placements.map((p) => [p.repId, p.benefit]));
  const teams: ProposedTeam[] = leaders.map((leader, t) => {
    const ids = members[t]!.sort((a, b) => (benefitOfRep.get(b) ?? 0) - (benefitOfRep.get(a) ?? 0) || a - b);
    return {
      leaderId: leader.repId,
      leader: leader.name,
      name: names.get(leader.repId)!,
      currentTeam: leader.team,
      region: leader.region,
      members: ids,
      size: ids.length + 1,
      benefit: ids.reduce((s, id) => s + (benefitOfRep.get(id) ?? 0), 0),
      strengths: strengthsOf(input, leader),
    };
  });
  const current = new Map<string | null, number[]>();
  for (const p of input.people) {
    if (!leaderOf.has(p.repId)) continue;
    current.set(p.team, [...(current.get(p.team) ?? []), p.repId]);
  }
  const currentTeams = [...current.entries()]
    .map(([team, ids]) => ({ team, members: ids }))
    .sort((a, b) => (a.team === null ? 1 : b.team === null ? -1 : a.team.localeCompare(b.team)));
  return {
    teams,
    placements: placements.sort((a, b) => a.repId - b.repId),
    currentTeams,
    objective: { benefit: total, moves: moves.length, matched },
    moves: moves.sort((a, b) => a.repId - b.repId),
    checks: checkConstraints(input, teams, leaderOf, moves.length),
  };
}

/** Each constraint as this placement meets it, with the figures for a message when it does not. */
export function checkConstraints(
  input: PlanInput,
  teams: readonly ProposedTeam[],
  leaderOf: ReadonlyMap<number, number>,
  moves: number,
): ConstraintCheck[] {
  const c = input.constraints;
  const byId = new Map(input.people.map((p) => [p.repId, p]));
  const name = (id: number): string => byId.get(id)?.name ?? `#${id}`;
  const teamName = new Map(teams.map((t) => [t.leaderId, t.name]));
  const checks: ConstraintCheck[] = [];
  checks.push({
    constraint: 'teams',
    ok: teams.length === c.teams,
    params: { teams: c.teams, actual: teams.length },
  });
  const small = teams.find((t) => t.size < c.minSize);
  checks.push({
    constraint: 'min_size',
    ok: !small,
    params: small ? { team: small.name, size: small.size, minSize: c.minSize } : { minSize: c.minSize },
  });
  const large = teams.find((t) => t.size > c.maxSize);
  checks.push({
    constraint: 'max_size',
    ok: !large,
    params: large ? { team: large.name, size: large.size, maxSize: c.maxSize } : { maxSize: c.maxSize },
  });
  if (c.maxMoves !== null) {
    checks.push({
      constraint: 'max_moves',
      ok: moves <= c.maxMoves,
      params: { moves, maxMoves: c.maxMoves },
    });
  }
  if (c.within === 'region') {
    let broken: { rep: string; leader: string } | null = null;
    for (const [repId, leaderId] of leaderOf) {
      const rep = byId.get(repId);
      const leader = byId.get(leaderId);
      if (rep && leader && !regionAllows(input, rep, leader)) {
        broken = { rep: rep.name, leader: leader.name };
        break;
      }
    }
    checks.push({ constraint: 'within', ok: broken === null, params: broken ?? {} });
  }
  if (c.pins.length > 0) {
    const off = c.pins.find((p) => p.repId !== p.leaderId && leaderOf.get(p.repId) !== p.leaderId);
    checks.push({
      constraint: 'pin',
      ok: !off,
      params: off
        ? { rep: name(off.repId), leader: name(off.leaderId), team: teamName.get(off.leaderId) ?? '' }
        : {},
    });
  }
  if (c.apart.length > 0) {
    const together = c.apart.find(([a, b]) => {
      const la = leaderOf.get(a);
      const lb = leaderOf.get(b);
      return la !== undefined && la === lb;
    });
    checks.push({
      constraint: 'apart',
      ok: !together,
      params: together ? { a: name(together[0]), b: name(together[1]) } : {},
    });
  }
  return checks;
}
