import { mulberry32 } from '../../shared/random/mulberry32';
import { fromDayNumber, dayNumber, monthPeriod, parsePeriod, type Period } from '../../shared/period/period';
import type { WorkingSet } from '../../shared/domain/types';
import type { KpiOptions, PeriodKpis } from '../../shared/kpi/compute-kpis';
import { KPI_DEFINITIONS } from '../../shared/kpi/kpi-definitions';
import {
  buildWorkingSet,
  type TestAccount,
  type TestActivity,
  type TestDeal,
  type TestQuota,
} from './working-set-builder';

/**
 * Generated working sets, periods and options whose KPIs were frozen into kpi-golden.json from the
 * KPI pass as it stood before it was split into small functions (commit 1b8e980), so any rewrite
 * of the pass is checked figure by figure on many reps. The data is random but seeded: changing
 * this file changes the cases, and the golden file must then be regenerated from a known-good pass.
 */
export interface GoldenCase {
  name: string;
  ws: WorkingSet;
  period: Period;
  options: KpiOptions;
}

const ACTIVITY_KINDS = ['call', 'meeting', 'visit', 'email', 'task', 'other'] as const;

function generate(
  seed: number,
  shape: { reps: number; accounts: number; owners: boolean; activities: boolean; endDay: string },
): { ws: WorkingSet; tiers: Uint8Array } {
  const rand = mulberry32(seed);
  const pick = (n: number): number => Math.floor(rand() * n);
  const reps = Array.from({ length: shape.reps }, (_, i) => `rep${i}`);
  const first = dayNumber('2022-07-01');
  const last = dayNumber(shape.endDay);
  const span = last - first + 1;
  const day = (lo = first, hi = last): string => fromDayNumber(lo + pick(Math.max(1, hi - lo + 1)));
  const hireDates: Record<string, string> = {};
  // Some reps are hired inside the data (a partial first period), some before it.
  for (let r = 0; r < reps.length; r++) if (rand() < 0.3) hireDates[reps[r]!] = day(first - 200);
  const accounts: Record<number, TestAccount> = {};
  if (shape.owners)
    for (let i = 0; i < shape.accounts; i++)
      if (rand() < 0.6) accounts[i] = { owner: reps[pick(reps.length)]! };
  const account = (): number | undefined => (rand() < 0.15 ? undefined : pick(shape.accounts));
  const deals: TestDeal[] = [];
  for (let i = 0; i < shape.reps * 25; i++) {
    const created = first + pick(span);
    const roll = rand();
    const closedDay = created + pick(120);
    // A deal that would close after the data ends is still open, so the data ends on the given day.
    const status = closedDay > last ? 'open' : roll < 0.45 ? 'won' : roll < 0.8 ? 'lost' : 'open';
    const acc = account();
    deals.push({
      rep: reps[pick(reps.length)]!,
      status,
      // Missing amounts, created and close dates, and deals closing after the data ends.
      amount: rand() < 0.1 ? null : Math.round(rand() * 50_000) / 4,
      created: rand() < 0.08 ? null : fromDayNumber(created),
      closed: status === 'open' && rand() < 0.7 ? null : rand() < 0.05 ? null : fromDayNumber(closedDay),
      ...(acc === undefined ? {} : { account: acc }),
    });
  }
  const activities: TestActivity[] = [];
  if (shape.activities) {
    for (let r = 0; r < reps.length; r++) {
      // Reps work with a few favourite accounts, so touches repeat (substantive relationships).
      const favourites = Array.from({ length: 6 }, () => pick(shape.accounts));
      const count = rand() < 0.1 ? 0 : 50 + pick(400);
      for (let k = 0; k < count; k++) {
        const acc = rand() < 0.12 ? undefined : rand() < 0.7 ? favourites[pick(6)] : pick(shape.accounts);
        activities.push({
          rep: reps[r]!,
          type: ACTIVITY_KINDS[pick(ACTIVITY_KINDS.length)]!,
          day: day(),
          connected: rand() < 0.4,
          ...(acc === undefined ? {} : { account: acc }),
        });
      }
    }
  }
  const quotas: TestQuota[] = [];
  for (let r = 0; r < reps.length; r++) {
    if (rand() < 0.25) continue; // reps without a quota
    for (let m = 0; m < 24; m++) {
      const p = monthPeriod(2022 + Math.floor((m + 6) / 12), ((m + 6) % 12) + 1);
      quotas.push({ rep: reps[r]!, start: p.start, end: p.end, amount: 5_000 + pick(20_000) });
    }
  }
  const ws = buildWorkingSet({
    reps,
    hireDates,
    deals,
    activities,
    accountCount: shape.accounts,
    accounts,
    quotas,
  });
  const tiers = Uint8Array.from({ length: shape.accounts }, () => pick(4));
  return { ws, tiers };
}

const period = (text: string): Period => {
  const p = parsePeriod(text);
  if (!p.ok) throw new Error(text);
  return p.value;
};

export function goldenCases(): GoldenCase[] {
  const cases: GoldenCase[] = [];
  // Data to mid-February 2024: 2024-Q1, 2024-02 and 2024 are partial periods.
  const plain = generate(7, {
    reps: 24,
    accounts: 90,
    owners: false,
    activities: true,
    endDay: '2024-02-14',
  });
  const owned = generate(11, {
    reps: 18,
    accounts: 60,
    owners: true,
    activities: true,
    endDay: '2024-06-30',
  });
  const dealsOnly = generate(13, {
    reps: 12,
    accounts: 40,
    owners: false,
    activities: false,
    endDay: '2024-03-20',
  });
  // Years, quarters and months; partial periods; a period before any data.
  const periods = ['2023', '2023-Q1', '2023-Q3', '2023-Q4', '2024-Q1', '2024-02', '2024', '2021-Q4'];
  const other = (tiers: Uint8Array): KpiOptions => ({
    tiers,
    targetTiers: ['A'],
    substantiveTouches: 2,
    holidays: ['2023-01-02', '2023-05-29', '2023-12-25', '2024-01-01'],
    quotaScale: 1000,
  });
  for (const p of periods) {
    cases.push({ name: `plain ${p}`, ws: plain.ws, period: period(p), options: { tiers: plain.tiers } });
    cases.push({ name: `owners ${p}`, ws: owned.ws, period: period(p), options: { tiers: owned.tiers } });
    cases.push({
      name: `deals only ${p}`,
      ws: dealsOnly.ws,
      period: period(p),
      options: { tiers: dealsOnly.tiers },
    });
  }
  for (const p of ['2023-Q2', '2024-Q1']) {
    cases.push({ name: `plain ${p} no tiers`, ws: plain.ws, period: period(p), options: {} });
    cases.push({
      name: `plain ${p} other settings`,
      ws: plain.ws,
      period: period(p),
      options: other(plain.tiers),
    });
    cases.push({
      name: `owners ${p} other settings`,
      ws: owned.ws,
      period: period(p),
      options: other(owned.tiers),
    });
  }
  return cases;
}

/**
 * The KPIs as compact JSON (the golden file stays small): per rep one row of repIndex,
 * closedDeals, dealsCreated, activityCount, activeDays, the 5 activity and 5 revenue tier slots,
 * then every KPI value in KPI_DEFINITIONS order. NaN or infinities (never expected) are spelled out.
 */
export function kpisAsJson(kpis: PeriodKpis): unknown {
  const num = (v: number | null): number | string | null =>
    v === null ? null : Number.isFinite(v) ? v : String(v);
  return {
    dataAvailable: kpis.dataAvailable,
    unavailable: KPI_DEFINITIONS.filter((k) => !kpis.kpiAvailable[k.id]).map((k) => k.id),
    dataEndDay: kpis.dataEndDay,
    partial: kpis.partial,
    reps: kpis.reps.map((r) => [
      r.repIndex,
      r.closedDeals,
      r.dealsCreated,
      r.activityCount,
      num(r.activeDays),
      ...Array.from(r.activityByTier),
      ...Array.from(r.revenueByTier),
      ...KPI_DEFINITIONS.map((k) => num(r.values[k.id])),
    ]),
  };
}
