import type { CoachingAnalysis } from '../coaching/analyze-coaching';
import { DEAL_OPEN, DEAL_WON, type Band, type WorkingSet } from '../domain/types';
import { dayNumber } from '../period/period';
import { leadScore } from './plan-input';
import type { CoverageSuggestion, PlanInput, PlanPerson, TeamPlan } from './types';

/**
 * Customer coverage (field notes §1, "customers and coverage": the most valuable customers get
 * the best reps): every tier-A account whose owner is in the bottom quartile or not ranked, the
 * revenue at stake, and a suggested owner among the proposed leaders and top reps who have room.
 * A suggestion only: nothing in the data is moved. Rules in docs/restructure.md.
 */

const TIER_A = 0;

export function coverageSuggestions(
  ws: WorkingSet,
  c: CoachingAnalysis,
  input: PlanInput,
  placements: TeamPlan['placements'],
): CoverageSuggestion[] {
  const tiers = c.analysis.tiers;
  if (!tiers.available) return [];
  const n = ws.accounts.length;
  const from = dayNumber(c.period.start);
  const to = dayNumber(c.period.end);
  const won = new Float64Array(n);
  const open = new Float64Array(n);
  // Without an account owner in the data, the rep who won the most from the account in the period owns it here.
  const wonBy = new Map<number, Map<number, number>>();
  const d = ws.deals;
  for (let i = 0; i < d.length; i++) {
    const a = d.account[i] as number;
    if (a < 0 || a >= n || tiers.tier[a] !== TIER_A) continue;
    const amount = d.amount[i] as number;
    if (!Number.isFinite(amount)) continue;
    if (d.status[i] === DEAL_OPEN) open[a] = (open[a] as number) + amount;
    else if (d.status[i] === DEAL_WON) {
      const day = d.closeDay[i] as number;
      if (day < from || day > to) continue;
      won[a] = (won[a] as number) + amount;
      const r = d.rep[i] as number;
      if (r < 0) continue;
      const m = wonBy.get(a) ?? new Map<number, number>();
      m.set(r, (m.get(r) ?? 0) + amount);
      wonBy.set(a, m);
    }
  }
  const ownerOf = (a: number): number => {
    const o = ws.accounts.owner[a] as number;
    if (o >= 0) return o;
    let best = -1;
    let most = 0;
    for (const [r, amount] of wonBy.get(a) ?? [])
      if (amount > most || (amount === most && r < best)) [best, most] = [r, amount];
    return best;
  };

  const people = new Map(input.people.map((p) => [p.repId, p]));
  const placedLeader = new Map(placements.map((p) => [p.repId, p.leaderId]));
  const leaders = new Set(input.leaders);
  const candidates = input.people.filter((p) => leaders.has(p.repId) || p.band === 'top');
  const owned = new Map<number, number>();
  const accounts: { a: number; owner: number }[] = [];
  for (let a = 0; a < n; a++) {
    if (tiers.tier[a] !== TIER_A) continue;
    const o = ownerOf(a);
    if (o < 0) continue;
    const id = ws.reps[o]!.id;
    owned.set(id, (owned.get(id) ?? 0) + 1);
    accounts.push({ a, owner: o });
  }
  // Room: nobody is asked to carry more tier-A accounts than the most a top performer carries today.
  const most = Math.max(1, ...candidates.map((p) => owned.get(p.repId) ?? 0));
  const room = new Map(candidates.map((p) => [p.repId, most - (owned.get(p.repId) ?? 0)]));

  const out: CoverageSuggestion[] = [];
  for (const { a, owner } of accounts) {
    const rep = ws.reps[owner]!;
    const person = people.get(rep.id);
    const band: Band = person ? person.compositeBand : 'unranked';
    if (band !== 'bottom' && band !== 'unranked') continue;
    out.push({
      accountIndex: a,
      account: '',
      ownerId: rep.id,
      owner: rep.name,
      ownerBand: band,
      wonInPeriod: won[a] as number,
      openPipeline: open[a] as number,
      suggestedId: null,
      suggested: null,
      reason: 'nobody',
    });
  }
  // The most at stake first picks who has room.
  out.sort(
    (x, y) =>
      y.wonInPeriod + y.openPipeline - (x.wonInPeriod + x.openPipeline) || x.accountIndex - y.accountIndex,
  );
  for (const s of out) {
    const ownLeader = placedLeader.get(s.ownerId);
    const region = people.get(s.ownerId)?.region ?? ws.reps.find((r) => r.id === s.ownerId)?.region ?? null;
    let pick: PlanPerson | null = null;
    if (ownLeader !== undefined && ownLeader !== s.ownerId && (room.get(ownLeader) ?? 0) > 0) {
      pick = people.get(ownLeader) ?? null;
      s.reason = 'own_leader';
    } else {
      const ranked = candidates
        .filter((p) => p.repId !== s.ownerId && (room.get(p.repId) ?? 0) > 0)
        .sort(
          (x, y) =>
            Number(y.region !== null && y.region === region) -
              Number(x.region !== null && x.region === region) ||
            (room.get(y.repId) ?? 0) - (room.get(x.repId) ?? 0) ||
            leadScore(y, input.topBy) - leadScore(x, input.topBy) ||
            x.repId - y.repId,
        );
      pick = ranked[0] ?? null;
      if (pick) s.reason = 'capacity';
    }
    if (pick) {
      s.suggestedId = pick.repId;
      s.suggested = pick.name;
      room.set(pick.repId, (room.get(pick.repId) ?? 0) - 1);
    }
  }
  return out;
}
