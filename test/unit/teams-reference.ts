import { mulberry32 } from '../../shared/random/mulberry32';
import { benefitMatrix, movesTo, regionAllows, staysWith } from '../../shared/teams/benefit';
import type { PlanInput } from '../../shared/teams/types';
import { handInput, type HandPerson } from './teams-input-builder';

/** Every feasible placement, by brute force: the reference the solver is checked against. */
export function bruteForce(input: PlanInput): { best: number; feasible: boolean } {
  const byId = new Map(input.people.map((p) => [p.repId, p]));
  const leaders = input.leaders.map((id) => byId.get(id)!);
  const members = input.people.filter((p) => !input.leaders.includes(p.repId));
  const T = leaders.length;
  const matrix = benefitMatrix(input);
  const row = new Map(input.people.map((p, r) => [p.repId, r]));
  const c = input.constraints;
  let best = Number.NEGATIVE_INFINITY;
  const team = new Array<number>(members.length).fill(0);
  const visit = (i: number): void => {
    if (i === members.length) {
      const sizes = new Array<number>(T).fill(1);
      let value = 0;
      let moves = 0;
      for (let m = 0; m < members.length; m++) {
        const t = team[m]!;
        sizes[t]!++;
        const rep = members[m]!;
        const leader = leaders[t]!;
        if (!regionAllows(input, rep, leader)) return;
        const pin = c.pins.find((p) => p.repId === rep.repId);
        if (pin && pin.leaderId !== leader.repId) return;
        value += matrix[row.get(rep.repId)! * T + t]!;
        if (staysWith(rep, leader)) value += input.stayMargin;
        if (movesTo(rep, leader)) moves++;
      }
      if (sizes.some((s) => s < c.minSize || s > c.maxSize)) return;
      if (c.maxMoves !== null && moves > c.maxMoves) return;
      const idx = new Map(members.map((m, k) => [m.repId, k]));
      for (const [a, b] of c.apart) {
        const la = idx.has(a) ? team[idx.get(a)!] : input.leaders.indexOf(a);
        const lb = idx.has(b) ? team[idx.get(b)!] : input.leaders.indexOf(b);
        if (la === lb) return;
      }
      best = Math.max(best, value);
      return;
    }
    for (let t = 0; t < T; t++) {
      team[i] = t;
      visit(i + 1);
    }
  };
  visit(0);
  return { best, feasible: best > Number.NEGATIVE_INFINITY };
}

export function randomInput(seed: number): PlanInput {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const practices = [
    { practice: 'calls_per_day' as const, weight: 0.3 + rnd(), overlap: 'volume' },
    { practice: 'activities_per_day' as const, weight: 0.3 + rnd(), overlap: 'volume' },
    { practice: 'visits_per_week' as const, weight: 0.3 + rnd() },
  ];
  const n = 3 + Math.floor(rnd() * 6);
  const teamsCount = 2 + Math.floor(rnd() * 2);
  const people: HandPerson[] = Array.from({ length: n + teamsCount }, (_, i) => ({
    id: 10 + i * 3,
    team: rnd() < 0.15 ? null : pick(['A', 'B', 'C']),
    region: rnd() < 0.2 ? null : pick(['N', 'S']),
    need: practices.map(() => (rnd() < 0.5 ? 0 : Math.round(rnd() * 10) / 10)),
    strength: practices.map(() => (rnd() < 0.5 ? 0 : Math.round(rnd() * 10) / 10)),
  }));
  const leaders = people.slice(0, teamsCount).map((p) => p.id);
  const members = people.slice(teamsCount).map((p) => p.id);
  const constraints: PlanInput['constraints'] = {
    teams: teamsCount,
    minSize: 1 + Math.floor(rnd() * 3),
    maxSize: 2 + Math.floor(rnd() * 5),
    maxMoves: rnd() < 0.3 ? Math.floor(rnd() * 4) : null,
    within: rnd() < 0.3 ? 'region' : 'none',
    leaders: [],
    notLeaders: [],
    pins: rnd() < 0.3 ? [{ repId: pick(members), leaderId: pick(leaders) }] : [],
    apart: rnd() < 0.4 ? [[members[0]!, pick(members.slice(1).length ? members.slice(1) : members)]] : [],
  };
  const input = handInput({ practices, people, leaders, stayMargin: 2 });
  return { ...input, constraints: { ...constraints, apart: constraints.apart.filter(([a, b]) => a !== b) } };
}
