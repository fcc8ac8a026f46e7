import type { PlanGap, PlanInput, PlanPerson } from './types';

/**
 * The benefit of placing a rep with a leader (docs/restructure.md, "The benefit"): for each
 * practice that separates the top performers here, its weight x how far the rep is below the
 * benchmark x how far the leader is above it (both relative to the benchmark, 0..1); practices
 * measuring overlapping work (calls and all activities) count once, by their largest term.
 * Points: x 100, so a leader twice the benchmark on a practice with weight 1 where the rep is at
 * half of it is worth 50 points.
 */

export const POINTS = 100;

/** Each practice's term for this rep and leader, in points. */
export function terms(input: PlanInput, rep: PlanPerson, leader: PlanPerson): number[] {
  return input.practices.map(
    (p, k) => POINTS * p.weight * (rep.need[k] as number) * (leader.strength[k] as number),
  );
}

/** The benefit in points: the sum of the terms, overlapping practices counted once (the largest). */
export function benefitOf(input: PlanInput, rep: PlanPerson, leader: PlanPerson): number {
  const t = terms(input, rep, leader);
  let sum = 0;
  const best = new Map<string, number>();
  input.practices.forEach((p, k) => {
    const x = t[k] as number;
    if (p.overlap === null) sum += x;
    else best.set(p.overlap, Math.max(best.get(p.overlap) ?? 0, x));
  });
  for (const x of best.values()) sum += x;
  return sum;
}

/** Benefit points of every rep (rows, input.people order) with every leader (columns, input.leaders order). */
export function benefitMatrix(input: PlanInput): Float64Array {
  const byId = new Map(input.people.map((p) => [p.repId, p]));
  const leaders = input.leaders.map((id) => byId.get(id)!);
  const out = new Float64Array(input.people.length * leaders.length);
  const k = input.practices.length;
  // Overlap groups as small integers: the inner loop runs people x leaders x practices times.
  const groupIds = new Map<string, number>();
  const group = input.practices.map((p) => {
    if (p.overlap === null) return -1;
    if (!groupIds.has(p.overlap)) groupIds.set(p.overlap, groupIds.size);
    return groupIds.get(p.overlap)!;
  });
  const weights = input.practices.map((p) => POINTS * p.weight);
  const best = new Float64Array(groupIds.size);
  input.people.forEach((rep, r) => {
    leaders.forEach((leader, l) => {
      let sum = 0;
      best.fill(0);
      for (let j = 0; j < k; j++) {
        const x = (weights[j] as number) * (rep.need[j] as number) * (leader.strength[j] as number);
        const g = group[j] as number;
        if (g < 0) sum += x;
        else if (x > (best[g] as number)) best[g] = x;
      }
      for (let g = 0; g < best.length; g++) sum += best[g] as number;
      out[r * leaders.length + l] = sum;
    });
  });
  return out;
}

/** The rep's largest weighted gaps (up to `count`), with this leader's values and terms there. */
export function largestGaps(
  input: PlanInput,
  rep: PlanPerson,
  leader: PlanPerson | null,
  count = 3,
): PlanGap[] {
  const t = leader ? terms(input, rep, leader) : input.practices.map(() => 0);
  return input.practices
    .map((p, k) => ({ p, k, size: p.weight * (rep.need[k] as number) }))
    .filter((g) => g.size > 0)
    .sort((a, b) => b.size - a.size || a.k - b.k)
    .slice(0, count)
    .map(({ p, k }) => ({
      practice: p.practice,
      repValue: rep.values[k] ?? null,
      benchmark: p.benchmark,
      leaderValue: leader ? (leader.values[k] ?? null) : null,
      term: t[k] as number,
    }));
}

/** The practice the leader covers for this rep: the largest term, or null when every term is 0. */
export function focusOf(input: PlanInput, rep: PlanPerson, leader: PlanPerson): PlanGap | null {
  const t = terms(input, rep, leader);
  let best = -1;
  for (let k = 0; k < t.length; k++)
    if ((t[k] as number) > 0 && (best < 0 || (t[k] as number) > (t[best] as number))) best = k;
  if (best < 0) return null;
  const p = input.practices[best]!;
  return {
    practice: p.practice,
    repValue: rep.values[best] ?? null,
    benchmark: p.benchmark,
    leaderValue: leader.values[best] ?? null,
    term: t[best] as number,
  };
}

/** The leader's strongest practices: most above the benchmark, weighted; up to 3. */
export function strengthsOf(input: PlanInput, leader: PlanPerson): PlanGap['practice'][] {
  return input.practices
    .map((p, k) => ({ p, k, size: p.weight * (leader.strength[k] as number) }))
    .filter((s) => s.size > 0)
    .sort((a, b) => b.size - a.size || a.k - b.k)
    .slice(0, 3)
    .map((s) => s.p.practice);
}

/** Staying: the rep has a team today and the leader's team is that team. */
export function staysWith(rep: PlanPerson, leader: PlanPerson): boolean {
  return rep.team !== null && rep.team === leader.team;
}

/** A move: the rep has a team today and the leader's team is another (people with no team are placed, not moved). */
export function movesTo(rep: PlanPerson, leader: PlanPerson): boolean {
  return rep.team !== null && rep.team !== leader.team;
}

/** Whether the region constraint lets this rep join this leader (people without a region go anywhere). */
export function regionAllows(input: PlanInput, rep: PlanPerson, leader: PlanPerson): boolean {
  return (
    input.constraints.within === 'none' ||
    rep.region === null ||
    leader.region === null ||
    rep.region === leader.region
  );
}
