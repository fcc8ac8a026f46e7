/**
 * Quotas for a period: each quota row prorated by the days it shares with a window, the quota to
 * date while the period runs, the full period's (what is left to win) and the next period's
 * (pipeline coverage once the period is over).
 */
import type { WorkingSet } from '../domain/types';
import { dayNumber, nextPeriod, type Period } from '../period/period';
import type { PeriodWindow } from './period-window';

/** Quota per rep over [from, to], each row prorated by the days it shares with the window. */
export function quotaPerRep(ws: WorkingSet, from: number, to: number, scale: number): Float64Array {
  const out = new Float64Array(ws.reps.length);
  const q = ws.quotas;
  if (to < from) return out;
  for (let i = 0; i < q.length; i++) {
    const r = q.rep[i] as number;
    const start = q.startDay[i] as number;
    const end = q.endDay[i] as number;
    if (r < 0 || end < start) continue;
    const overlap = Math.min(end, to) - Math.max(start, from) + 1;
    if (overlap <= 0) continue;
    out[r]! += ((q.amount[i] as number) * scale * overlap) / (end - start + 1);
  }
  return out;
}

function quotasOverlap(ws: WorkingSet, from: number, to: number): boolean {
  const q = ws.quotas;
  for (let i = 0; i < q.length; i++) {
    if ((q.startDay[i] as number) <= to && (q.endDay[i] as number) >= from && (q.rep[i] as number) >= 0)
      return true;
  }
  return false;
}

export interface PeriodQuotas {
  /** Some quota row of a rep overlaps the period. */
  hasQuotas: boolean;
  /** Per rep: the quota to date (to the data's end while the period runs), for attainment. */
  quota: Float64Array;
  /** Per rep: the whole period's quota. */
  fullQuota: Float64Array;
  /** Per rep: the next period's quota once the period is over; null while it runs or without quotas. */
  nextQuota: Float64Array | null;
}

export function periodQuotas(ws: WorkingSet, period: Period, w: PeriodWindow, scale: number): PeriodQuotas {
  const hasQuotas = quotasOverlap(ws, w.from, w.to);
  // While the period runs, the quota to date: what a director compares won revenue with.
  const quotaEnd = w.partial ? w.dataEnd : w.to;
  const quota = hasQuotas ? quotaPerRep(ws, w.from, quotaEnd, scale) : new Float64Array(ws.reps.length);
  const fullQuota = hasQuotas ? quotaPerRep(ws, w.from, w.to, scale) : quota;
  const next = nextPeriod(period);
  const nextQuota =
    hasQuotas && !w.partial ? quotaPerRep(ws, dayNumber(next.start), dayNumber(next.end), scale) : null;
  return { hasQuotas, quota, fullQuota, nextQuota };
}
