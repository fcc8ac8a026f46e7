import {
  DEAL_LOST,
  DEAL_OPEN,
  DEAL_WON,
  NO_DAY,
  ACTIVITY_TYPES,
  type ActivityType,
  type WorkingSet,
} from '../../shared/domain/types';
import { dayNumber } from '../../shared/period/period';
import { orderActivities } from '../../shared/analysis/activity-order';
import { ACTIVITY_CONNECTED, FUNNEL_STAGES, NO_FUNNEL, type FunnelStage } from '../../shared/domain/types';

/** Builds a small WorkingSet from readable rows, for hand-computed KPI and ranking tests. */
export interface TestDeal {
  rep: string;
  status: 'open' | 'won' | 'lost';
  amount: number | null;
  created: string | null;
  closed: string | null;
  account?: number;
  expectedClose?: string;
  funnel?: FunnelStage;
  /** 0..1 */
  probability?: number;
}

export interface TestActivity {
  rep: string;
  type: ActivityType;
  day: string;
  account?: number;
  /** A call that reached someone. */
  connected?: boolean;
}

export interface TestAccount {
  tier?: string;
  annualRevenue?: number;
  employees?: number;
  authority?: number;
  need?: number;
  owner?: string;
}

export interface TestQuota {
  rep: string;
  start: string;
  end: string;
  amount: number;
}

/** One deal history row: deal is an index into the deals given. */
export interface TestSnapshot {
  deal: number;
  day: string;
  status: 'open' | 'won' | 'lost';
  amount: number | null;
  expectedClose: string | null;
  funnel?: FunnelStage;
  /** 0..1 */
  probability?: number;
}

export interface TestRep {
  team?: string;
  region?: string;
  role?: string;
}

export function buildWorkingSet(input: {
  reps: string[];
  hireDates?: Record<string, string>;
  deals?: TestDeal[];
  activities?: TestActivity[];
  accountCount?: number;
  /** Account attributes by account index; accounts up to accountCount (or the highest used) exist. */
  accounts?: Record<number, TestAccount>;
  quotas?: TestQuota[];
  repInfo?: Record<string, TestRep>;
  /** Deal history, in any order: sorted by day (then as given) like the working set's load. */
  snapshots?: TestSnapshot[];
}): WorkingSet {
  const index = (name: string): number => {
    const i = input.reps.indexOf(name);
    if (i === -1) throw new Error(`unknown rep ${name}`);
    return i;
  };
  const deals = input.deals ?? [];
  const activities = input.activities ?? [];
  const day = (iso: string | null): number => (iso === null ? NO_DAY : dayNumber(iso));
  const usedAccounts = [
    ...deals.map((d) => d.account ?? -1),
    ...activities.map((a) => a.account ?? -1),
    ...Object.keys(input.accounts ?? {}).map(Number),
  ];
  const accountCount = Math.max(input.accountCount ?? 0, ...usedAccounts.map((a) => a + 1));
  const account = (i: number): TestAccount => input.accounts?.[i] ?? {};
  const quotas = input.quotas ?? [];
  const snapshots = (input.snapshots ?? [])
    .map((s, order) => ({ s, order }))
    .sort((a, b) => dayNumber(a.s.day) - dayNumber(b.s.day) || a.order - b.order)
    .map(({ s }) => s);
  const statusCode = (s: 'open' | 'won' | 'lost'): number =>
    s === 'won' ? DEAL_WON : s === 'lost' ? DEAL_LOST : DEAL_OPEN;
  return {
    reps: input.reps.map((name, id) => ({
      id: id + 1,
      name,
      team: input.repInfo?.[name]?.team ?? null,
      region: input.repInfo?.[name]?.region ?? null,
      role: input.repInfo?.[name]?.role ?? null,
      hireDate: input.hireDates?.[name] ?? null,
    })),
    accountCount,
    accounts: {
      length: accountCount,
      tierRaw: Array.from({ length: accountCount }, (_, i) => account(i).tier ?? null),
      annualRevenue: Float64Array.from(
        { length: accountCount },
        (_, i) => account(i).annualRevenue ?? Number.NaN,
      ),
      employees: Float64Array.from({ length: accountCount }, (_, i) => account(i).employees ?? Number.NaN),
      authority: Float64Array.from({ length: accountCount }, (_, i) => account(i).authority ?? Number.NaN),
      need: Float64Array.from({ length: accountCount }, (_, i) => account(i).need ?? Number.NaN),
      owner: Int32Array.from({ length: accountCount }, (_, i) => {
        const owner = account(i).owner;
        return owner === undefined ? -1 : index(owner);
      }),
    },
    currencies: ['USD'],
    quotaCurrencies: quotas.length > 0 ? ['USD'] : [],
    deals: {
      length: deals.length,
      rep: Int32Array.from(deals.map((d) => index(d.rep))),
      status: Uint8Array.from(
        deals.map((d) => (d.status === 'won' ? DEAL_WON : d.status === 'lost' ? DEAL_LOST : DEAL_OPEN)),
      ),
      amount: Float64Array.from(deals.map((d) => d.amount ?? Number.NaN)),
      createdDay: Int32Array.from(deals.map((d) => day(d.created))),
      closeDay: Int32Array.from(deals.map((d) => day(d.closed))),
      expectedCloseDay: Int32Array.from(deals.map((d) => day(d.expectedClose ?? null))),
      funnel: Uint8Array.from(deals.map((d) => (d.funnel ? FUNNEL_STAGES.indexOf(d.funnel) : NO_FUNNEL))),
      probability: Float64Array.from(deals.map((d) => d.probability ?? Number.NaN)),
      account: Int32Array.from(deals.map((d) => d.account ?? -1)),
    },
    activities: orderActivities(
      {
        length: activities.length,
        rep: Int32Array.from(activities.map((a) => index(a.rep))),
        type: Uint8Array.from(activities.map((a) => ACTIVITY_TYPES.indexOf(a.type))),
        day: Int32Array.from(activities.map((a) => dayNumber(a.day))),
        account: Int32Array.from(activities.map((a) => a.account ?? -1)),
        flags: Uint8Array.from(activities.map((a) => (a.connected ? ACTIVITY_CONNECTED : 0))),
      },
      input.reps.length,
    ),
    quotas: {
      length: quotas.length,
      rep: Int32Array.from(quotas.map((q) => index(q.rep))),
      startDay: Int32Array.from(quotas.map((q) => dayNumber(q.start))),
      endDay: Int32Array.from(quotas.map((q) => dayNumber(q.end))),
      amount: Float64Array.from(quotas.map((q) => q.amount)),
    },
    snapshots: {
      length: snapshots.length,
      deal: Int32Array.from(snapshots.map((s) => s.deal)),
      day: Int32Array.from(snapshots.map((s) => dayNumber(s.day))),
      status: Uint8Array.from(snapshots.map((s) => statusCode(s.status))),
      funnel: Uint8Array.from(snapshots.map((s) => (s.funnel ? FUNNEL_STAGES.indexOf(s.funnel) : NO_FUNNEL))),
      amount: Float64Array.from(snapshots.map((s) => s.amount ?? Number.NaN)),
      expectedCloseDay: Int32Array.from(snapshots.map((s) => day(s.expectedClose))),
      probability: Float64Array.from(snapshots.map((s) => s.probability ?? Number.NaN)),
      unmatched: 0,
    },
  };
}
