import type { Notice } from '../i18n/notice';
import { ok, type Result } from '../result';
import { benefitMatrix, movesTo, regionAllows, staysWith } from './benefit';
import { FlowGraph, minCostFlow } from './min-cost-flow';
import { infeasible } from './plan-input';
import type { Assignment, PlanInput, PlanPerson } from './types';

/**
 * The placement as an optimisation (docs/restructure.md, "How the plan is solved"): maximise the
 * members' total benefit, plus a small bonus for staying with the current team, under the team
 * sizes, the region rule and the pins; exactly, as a minimum-cost flow (reps -> leaders -> sink,
 * with each team's first `minSize - 1` places cheaper than the rest so the minimum is filled
 * first). Two constraints tie reps together and are not a flow: "keep apart" pairs are met by
 * branch and bound over the flow (forbid one of the pair from the team, then the other), and the
 * move budget by a penalty per move, raised by bisection until the plan moves few enough people.
 */

/** Branch-and-bound nodes before the search stops with the best plan found (and says so). */
export const MAX_SEARCH_NODES = 400;
/** Bisection steps for the move penalty: enough to resolve 1/1000 of a benefit point. */
const PENALTY_STEPS = 24;

export interface SolveOutcome {
  assignment: Assignment[];
  /** Proven optimal for the objective and every constraint. */
  optimal: boolean;
  notices: Notice[];
}

interface Solution {
  /** Per member (index into `members`): the team (index into leaders). */
  team: Int32Array;
  cost: number;
  moves: number;
  cut: boolean;
}

interface Problem {
  input: PlanInput;
  members: PlanPerson[];
  leaders: PlanPerson[];
  /** members x leaders benefit points. */
  benefit: Float64Array;
  /** members x leaders: 1 when the region rule and the pins allow it. */
  allowed: Uint8Array;
  /** Per member: the team it is pinned to, or -1. */
  pinned: Int32Array;
  /** "Keep apart" pairs between two members (pairs with a leader become forbidden edges). */
  apart: [number, number][];
}

function memberCost(p: Problem, i: number, t: number, penalty: number): number {
  const rep = p.members[i]!;
  const leader = p.leaders[t]!;
  let c = -(p.benefit[i * p.leaders.length + t] as number);
  if (staysWith(rep, leader)) c -= p.input.stayMargin;
  if (movesTo(rep, leader)) c += penalty;
  return c;
}

/** One flow over the allowed edges less `forbidden` (member * T + team); null when no placement exists. */
function flowSolve(p: Problem, penalty: number, forbidden: ReadonlySet<number>): Solution | null {
  const M = p.members.length;
  const T = p.leaders.length;
  const { minSize, maxSize } = p.input.constraints;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < M; i++) {
    for (let t = 0; t < T; t++) {
      const c = memberCost(p, i, t, penalty);
      if (c < lo) lo = c;
      if (c > hi) hi = c;
    }
  }
  if (M === 0) return { team: new Int32Array(0), cost: 0, moves: 0, cut: false };
  // Shifted so every cost is >= 0 (each member uses exactly one edge, so the optimum is the same),
  // and the places beyond a team's minimum cost more than any difference in benefit can repay.
  const big = (hi - lo + 1) * (M + 1);
  const s = 0;
  const sink = M + T + 1;
  const g = new FlowGraph(M + T + 2, M * (T + 1) + 2 * T);
  const edgeOf = new Int32Array(M * T).fill(-1);
  for (let i = 0; i < M; i++) {
    g.addEdge(s, 1 + i, 1, 0);
    for (let t = 0; t < T; t++) {
      const k = i * T + t;
      if (!p.allowed[k] || forbidden.has(k)) continue;
      edgeOf[k] = g.addEdge(1 + i, 1 + M + t, 1, memberCost(p, i, t, penalty) - lo);
    }
  }
  const mandatory: number[] = [];
  for (let t = 0; t < T; t++) {
    mandatory.push(g.addEdge(1 + M + t, sink, minSize - 1, 0));
    if (maxSize > minSize) g.addEdge(1 + M + t, sink, maxSize - minSize, big);
  }
  const { flow } = minCostFlow(g, s, sink, M);
  if (flow < M) return null;
  if (mandatory.some((e) => g.flowOn(e) < minSize - 1)) return null;
  const team = new Int32Array(M).fill(-1);
  let cost = 0;
  let moves = 0;
  for (let i = 0; i < M; i++) {
    for (let t = 0; t < T; t++) {
      const e = edgeOf[i * T + t] as number;
      if (e >= 0 && g.flowOn(e) > 0) {
        team[i] = t;
        cost += memberCost(p, i, t, penalty);
        if (movesTo(p.members[i]!, p.leaders[t]!)) moves++;
      }
    }
  }
  return { team, cost, moves, cut: false };
}

/**
 * The best flow solution in which no "keep apart" pair shares a team: depth-first branch and
 * bound, the flow's cost a lower bound for its branch. Null when none exists.
 */
function bestApart(p: Problem, penalty: number): Solution | null {
  const T = p.leaders.length;
  let best: Solution | null = null;
  let nodes = 0;
  let cut = false;
  const stack: number[][] = [[]];
  while (stack.length > 0) {
    const forbiddenList = stack.pop()!;
    if (++nodes > MAX_SEARCH_NODES) {
      cut = true;
      break;
    }
    const sol = flowSolve(p, penalty, new Set(forbiddenList));
    if (!sol) continue;
    if (best && sol.cost >= best.cost - 1e-9) continue;
    const clash = p.apart.find(([a, b]) => sol.team[a] === sol.team[b]);
    if (!clash) {
      best = sol;
      continue;
    }
    const t = sol.team[clash[0]] as number;
    // Push the second branch first so the first member is tried first (depth-first, stable).
    for (const m of [clash[1], clash[0]]) {
      if ((p.pinned[m] as number) === t) continue;
      stack.push([...forbiddenList, m * T + t]);
    }
  }
  if (best) best.cut = cut;
  return best;
}

function problemOf(input: PlanInput): Result<Problem> {
  const byId = new Map(input.people.map((p) => [p.repId, p]));
  const leaderSet = new Set(input.leaders);
  const leaders = input.leaders.map((id) => byId.get(id)!);
  const members = input.people.filter((p) => !leaderSet.has(p.repId));
  const memberIndex = new Map(members.map((m, i) => [m.repId, i]));
  const teamIndex = new Map(input.leaders.map((id, t) => [id, t]));
  const T = leaders.length;
  const all = benefitMatrix(input);
  const rowOf = new Map(input.people.map((p, r) => [p.repId, r]));
  const benefit = new Float64Array(members.length * T);
  members.forEach((m, i) => {
    const r = rowOf.get(m.repId)!;
    for (let t = 0; t < T; t++) benefit[i * T + t] = all[r * T + t] as number;
  });
  const allowed = new Uint8Array(members.length * T);
  members.forEach((m, i) => {
    leaders.forEach((l, t) => {
      allowed[i * T + t] = regionAllows(input, m, l) ? 1 : 0;
    });
  });
  const name = (id: number): string => byId.get(id)?.name ?? `#${id}`;
  const { minSize, maxSize } = input.constraints;
  if (minSize > maxSize) {
    return infeasible('min_size', `teams of at least ${minSize} cannot be at most ${maxSize}`, {
      minSize,
      maxSize,
    });
  }
  const pinned = new Int32Array(members.length).fill(-1);
  const perTeam = new Int32Array(T);
  const c = input.constraints;
  for (const pin of c.pins) {
    const t = teamIndex.get(pin.leaderId);
    if (t === undefined) {
      return infeasible(
        'pin',
        `${name(pin.repId)} is pinned to ${name(pin.leaderId)}, who does not lead a team`,
        {
          rep: name(pin.repId),
          leader: name(pin.leaderId),
          why: 'notLeader',
        },
      );
    }
    const i = memberIndex.get(pin.repId);
    if (i === undefined) {
      if (pin.repId === pin.leaderId) continue;
      return infeasible('pin', `${name(pin.repId)} leads a team and cannot be pinned to another`, {
        rep: name(pin.repId),
        leader: name(pin.leaderId),
        why: 'isLeader',
      });
    }
    if ((pinned[i] as number) >= 0 && pinned[i] !== t) {
      return infeasible('pin', `${name(pin.repId)} is pinned to two teams`, { rep: name(pin.repId) });
    }
    if (!allowed[i * T + t]) {
      return infeasible(
        'pin',
        `${name(pin.repId)} is pinned to ${name(pin.leaderId)}, a leader in another region`,
        {
          rep: name(pin.repId),
          leader: name(pin.leaderId),
          why: 'region',
        },
      );
    }
    if (pinned[i] !== t) perTeam[t] = (perTeam[t] as number) + 1;
    pinned[i] = t;
  }
  for (let t = 0; t < T; t++) {
    if ((perTeam[t] as number) > c.maxSize - 1) {
      return infeasible(
        'pin',
        `${perTeam[t]} reps are pinned to ${leaders[t]!.name}'s team, which holds at most ${c.maxSize} with the leader`,
        { leader: leaders[t]!.name, pinned: perTeam[t] as number, maxSize: c.maxSize },
      );
    }
  }
  // A pin leaves the rep one edge.
  members.forEach((_, i) => {
    const t = pinned[i] as number;
    if (t < 0) return;
    for (let u = 0; u < T; u++) if (u !== t) allowed[i * T + u] = 0;
  });
  const apart: [number, number][] = [];
  for (const [a, b] of c.apart) {
    if (a === b) continue;
    const ia = memberIndex.get(a);
    const ib = memberIndex.get(b);
    if (ia === undefined || ib === undefined) {
      const member = ia ?? ib;
      if (member === undefined) continue; // two leaders are always apart
      // A leader and a member: the member may not join the leader's team.
      const t = teamIndex.get(ia === undefined ? a : b)!;
      if (pinned[member] === t) {
        return infeasible(
          'apart',
          `${name(a)} and ${name(b)} must be apart, but one is pinned to the other's team`,
          {
            a: name(a),
            b: name(b),
          },
        );
      }
      allowed[member * T + t] = 0;
      continue;
    }
    if ((pinned[ia] as number) >= 0 && pinned[ia] === pinned[ib]) {
      return infeasible('apart', `${name(a)} and ${name(b)} must be apart, but both are pinned to one team`, {
        a: name(a),
        b: name(b),
      });
    }
    apart.push(ia < ib ? [ia, ib] : [ib, ia]);
  }
  apart.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  return ok({ input, members, leaders, benefit, allowed, pinned, apart });
}

/** Why no placement exists: the first constraint whose removal makes one possible. */
function diagnose(input: PlanInput): Result<never> {
  const c = input.constraints;
  const tryWith = (changed: Partial<PlanInput['constraints']>): boolean => {
    const relaxed = problemOf({ ...input, constraints: { ...c, ...changed } });
    return relaxed.ok && flowSolve(relaxed.value, 0, new Set()) !== null;
  };
  if (c.within === 'region' && tryWith({ within: 'none' })) {
    // Name the region: the first whose people do not fit its leaders' teams (or have none).
    const byId = new Map(input.people.map((p) => [p.repId, p]));
    const leaders = input.leaders.map((id) => byId.get(id)!);
    const open = leaders.filter((l) => l.region === null).length;
    const regions = [
      ...new Set(input.people.map((p) => p.region).filter((r): r is string => r !== null)),
    ].sort();
    for (const region of regions) {
      const own = leaders.filter((l) => l.region === region).length;
      const people = input.people.filter(
        (p) => p.region === region && !input.leaders.includes(p.repId),
      ).length;
      const room = (own + open) * (c.maxSize - 1);
      if (people > room) {
        return infeasible(
          'within',
          `region ${region} has ${people} people to place but its leaders' teams have room for ${room}`,
          { region, people, room },
        );
      }
    }
    return infeasible('within', 'the people of some region cannot be placed with that region’s leaders', {});
  }
  if (c.pins.length > 0 && tryWith({ pins: [] })) {
    return infeasible('pin', 'the pins leave some team too full or too small', {});
  }
  if (c.apart.length > 0 && tryWith({ apart: [] })) {
    return infeasible('apart', 'no placement keeps every pair apart within the team sizes', {});
  }
  return infeasible(
    'combination',
    'no placement meets the team sizes, the region rule and the pins together',
    {},
  );
}

function toAssignment(p: Problem, sol: Solution): Assignment[] {
  const out: Assignment[] = p.leaders.map((l) => ({ repId: l.repId, leaderId: l.repId }));
  p.members.forEach((m, i) =>
    out.push({ repId: m.repId, leaderId: p.leaders[sol.team[i] as number]!.repId }),
  );
  return out.sort((a, b) => a.repId - b.repId);
}

/** The optimal placement of the input's people with its leaders, or the constraint that makes it impossible. */
export function solvePlan(input: PlanInput): Result<SolveOutcome> {
  const problem = problemOf(input);
  if (!problem.ok) return problem;
  const p = problem.value;
  const notices: Notice[] = [];
  const free = bestApart(p, 0);
  if (!free) return diagnose(input);
  const budget = input.constraints.maxMoves;
  let chosen = free;
  let optimal = !free.cut;
  if (budget !== null && free.moves > budget) {
    // A penalty per move, raised until the plan moves at most `budget` people. At a penalty above
    // the largest benefit any one rep can gain, only moves that the sizes force remain.
    let maxGain = 0;
    for (const b of p.benefit) if (b > maxGain) maxGain = b;
    const high = maxGain + input.stayMargin + 1;
    let upper = bestApart(p, high);
    if (!upper || upper.moves > budget) {
      const forced = bestApart(p, (high + 1) * (p.members.length + 1));
      const least = forced?.moves ?? Number.POSITIVE_INFINITY;
      if (!forced || least > budget) {
        // The usual cause: today's teams without a leader of their own, whose people must all move.
        const led = new Set(p.leaders.map((l) => l.team));
        const leaderless = [...new Set(p.members.map((m) => m.team))]
          .filter((t): t is string => t !== null && !led.has(t))
          .sort();
        const hint =
          leaderless.length > 0
            ? ` (no leader comes from ${leaderless.slice(0, 3).join(', ')}${leaderless.length > 3 ? ` and ${leaderless.length - 3} more teams` : ''}: name one to keep its people)`
            : '';
        return infeasible(
          'max_moves',
          `the other constraints force at least ${least} moves; the budget allows ${budget}${hint}`,
          { forced: least, maxMoves: budget, leaderless: leaderless.length },
        );
      }
      upper = forced;
    } else {
      let lo = 0;
      let hi = high;
      for (let step = 0; step < PENALTY_STEPS; step++) {
        const mid = (lo + hi) / 2;
        const sol = bestApart(p, mid);
        if (!sol) break;
        if (sol.moves > budget) lo = mid;
        else {
          hi = mid;
          upper = sol;
        }
      }
    }
    chosen = upper;
    // With exactly `budget` moves the penalised optimum is the constrained optimum; with fewer it
    // may not be (a better plan might use the moves left), so the plan says it is the best found.
    optimal = !chosen.cut && chosen.moves === budget;
    if (!optimal && !chosen.cut)
      notices.push({ code: 'teams_budget_penalty', params: { moves: chosen.moves, maxMoves: budget } });
  }
  if (chosen.cut) notices.push({ code: 'teams_search_cut', params: { nodes: MAX_SEARCH_NODES } });
  return ok({ assignment: toAssignment(p, chosen), optimal, notices });
}
