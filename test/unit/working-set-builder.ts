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

/** Builds a small WorkingSet from readable rows, for hand-computed KPI and ranking tests. */
export interface TestDeal {
  rep: string;
  status: 'open' | 'won' | 'lost';
  amount: number | null;
  created: string | null;
  closed: string | null;
  account?: number;
}

export interface TestActivity {
  rep: string;
  type: ActivityType;
  day: string;
  account?: number;
}

export function buildWorkingSet(input: {
  reps: string[];
  hireDates?: Record<string, string>;
  deals?: TestDeal[];
  activities?: TestActivity[];
  accountCount?: number;
}): WorkingSet {
  const index = (name: string): number => {
    const i = input.reps.indexOf(name);
    if (i === -1) throw new Error(`unknown rep ${name}`);
    return i;
  };
  const deals = input.deals ?? [];
  const activities = input.activities ?? [];
  const day = (iso: string | null): number => (iso === null ? NO_DAY : dayNumber(iso));
  return {
    reps: input.reps.map((name, id) => ({
      id: id + 1,
      name,
      team: null,
      region: null,
      role: null,
      hireDate: input.hireDates?.[name] ?? null,
    })),
    accountCount: input.accountCount ?? 0,
    currencies: ['USD'],
    deals: {
      length: deals.length,
      rep: Int32Array.from(deals.map((d) => index(d.rep))),
      status: Uint8Array.from(
        deals.map((d) => (d.status === 'won' ? DEAL_WON : d.status === 'lost' ? DEAL_LOST : DEAL_OPEN)),
      ),
      amount: Float64Array.from(deals.map((d) => d.amount ?? Number.NaN)),
      createdDay: Int32Array.from(deals.map((d) => day(d.created))),
      closeDay: Int32Array.from(deals.map((d) => day(d.closed))),
      account: Int32Array.from(deals.map((d) => d.account ?? -1)),
    },
    activities: {
      length: activities.length,
      rep: Int32Array.from(activities.map((a) => index(a.rep))),
      type: Uint8Array.from(activities.map((a) => ACTIVITY_TYPES.indexOf(a.type))),
      day: Int32Array.from(activities.map((a) => dayNumber(a.day))),
      account: Int32Array.from(activities.map((a) => a.account ?? -1)),
    },
  };
}
