import { dayNumber, fromDayNumber, weekdayOf } from '../../shared/period/period';
import { buildWorkingSet, type TestActivity, type TestDeal } from './working-set-builder';

/**
 * A company where the right placement is known by construction: three leaders, each outstanding
 * in a different practice (calls, visits, customers served), and middle reps who are each close
 * to the top in everything but one clear gap. Every such rep must land with the leader who is
 * outstanding where they are weak, through the real KPI and coaching pipeline.
 */

export type Gap = 'calls' | 'visits' | 'accounts';

interface Profile {
  name: string;
  team: string;
  calls: number;
  visitsPerWeek: number;
  accounts: number;
  revenue: number;
  won: number;
  lost: number;
}

const TOP = { calls: 6, visitsPerWeek: 4, accounts: 20 };
const MIDDLE = { calls: 5, visitsPerWeek: 3, accounts: 17 };
const WEAK = { calls: 2, visitsPerWeek: 1, accounts: 6 };
const BOTTOM = { calls: 3, visitsPerWeek: 1, accounts: 8 };

export function company(): { profiles: Profile[]; gaps: Map<string, Gap>; leaders: Record<Gap, string> } {
  const profiles: Profile[] = [];
  const teams = ['Alpha', 'Beta', 'Gamma'];
  const team = (i: number): string => teams[i % 3]!;
  let i = 0;
  const add = (p: Omit<Profile, 'team'>): void => {
    profiles.push({ ...p, team: team(i++) });
  };
  const leaders: Record<Gap, string> = {
    calls: 'Lead Calls',
    visits: 'Lead Visits',
    accounts: 'Lead Accounts',
  };
  add({ name: leaders.calls, ...TOP, calls: 15, revenue: 330_000, won: 12, lost: 3 });
  add({ name: leaders.visits, ...TOP, visitsPerWeek: 10, revenue: 320_000, won: 12, lost: 3 });
  add({ name: leaders.accounts, ...TOP, accounts: 45, revenue: 310_000, won: 12, lost: 3 });
  for (let k = 0; k < 3; k++)
    add({ name: `Top ${k + 1}`, ...TOP, revenue: 260_000 - k * 5000, won: 10, lost: 3 });
  const gaps = new Map<string, Gap>();
  (['calls', 'visits', 'accounts'] as const).forEach((gap, g) => {
    for (let k = 0; k < 4; k++) {
      const name = `Middle ${gap} ${k + 1}`;
      gaps.set(name, gap);
      const level = { ...MIDDLE };
      if (gap === 'calls') level.calls = WEAK.calls;
      if (gap === 'visits') level.visitsPerWeek = WEAK.visitsPerWeek;
      if (gap === 'accounts') level.accounts = WEAK.accounts;
      add({ name, ...level, revenue: 160_000 - g * 4000 - k * 1000, won: 7, lost: 3 });
    }
  });
  for (let k = 0; k < 6; k++)
    add({ name: `Bottom ${k + 1}`, ...BOTTOM, revenue: 50_000 - k * 2000, won: 3, lost: 3 });
  return { profiles, gaps, leaders };
}

export function workingSet(profiles: Profile[], tierA: Record<string, number> = {}) {
  const deals: TestDeal[] = [];
  const activities: TestActivity[] = [];
  let nextAccount = 0;
  const from = dayNumber('2025-01-01');
  const to = dayNumber('2025-03-31');
  for (const p of profiles) {
    const pool = Array.from({ length: p.accounts }, () => nextAccount++);
    let touch = 0;
    const account = (): number => pool[touch++ % pool.length]!;
    let weekday = 0;
    for (let d = from; d <= to; d++) {
      const wd = weekdayOf(d);
      if (wd === 0 || wd === 6) continue;
      const day = fromDayNumber(d);
      for (let k = 0; k < p.calls; k++)
        activities.push({ rep: p.name, type: 'call', day, account: account(), connected: k % 2 === 0 });
      const visits = Math.floor(p.visitsPerWeek / 5) + (weekday % 5 < p.visitsPerWeek % 5 ? 1 : 0);
      for (let k = 0; k < visits; k++)
        activities.push({ rep: p.name, type: 'visit', day, account: account() });
      activities.push({ rep: p.name, type: 'email', day });
      activities.push({ rep: p.name, type: 'email', day });
      if (wd === 3) activities.push({ rep: p.name, type: 'meeting', day, account: account() });
      weekday++;
    }
    for (let k = 0; k < p.won; k++) {
      deals.push({
        rep: p.name,
        status: 'won',
        amount: Math.round(p.revenue / p.won),
        created: '2024-12-01',
        closed: fromDayNumber(from + 5 + k * 6),
        account: pool[k % pool.length]!,
      });
    }
    for (let k = 0; k < p.lost; k++) {
      deals.push({
        rep: p.name,
        status: 'lost',
        amount: 10_000,
        created: '2024-12-01',
        closed: fromDayNumber(from + 8 + k * 9),
        account: pool[0]!,
      });
    }
  }
  // Tier-A accounts (imported tiers): the first `tierA[rep]` accounts of each named rep's pool.
  const accounts: Record<number, { tier: string; owner: string }> = {};
  let first = 0;
  for (const p of profiles) {
    for (let k = 0; k < (tierA[p.name] ?? 0); k++) accounts[first + k] = { tier: 'A', owner: p.name };
    first += p.accounts;
  }
  return buildWorkingSet({
    reps: profiles.map((p) => p.name),
    accounts,
    repInfo: Object.fromEntries(profiles.map((p) => [p.name, { team: p.team, region: 'One' }])),
    deals,
    activities,
    accountCount: nextAccount,
  });
}
