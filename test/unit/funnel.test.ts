import { describe, expect, it } from 'vitest';
import { computeFunnels, MIN_STALL_DAYS, stallDaysOf } from '../../shared/funnel/funnel';
import { NO_DAY } from '../../shared/domain/types';
import { dayNumber } from '../../shared/period/period';
import { buildWorkingSet, type TestDeal } from './working-set-builder';

const FROM = dayNumber('2024-01-01');
const TO = dayNumber('2024-03-31');
const DATA_END = dayNumber('2024-04-30');

const deal = (
  rep: string,
  status: TestDeal['status'],
  created: string | null,
  closed: string | null,
  funnel?: TestDeal['funnel'],
): TestDeal => ({ rep, status, amount: 100, created, closed, ...(funnel ? { funnel } : {}) });

const EMPTY_FUNNEL = {
  reached: [0, 0, 0, 0],
  conversion: [null, null, null],
  open: [0, 0, 0, 0],
  stalled: [0, 0, 0, 0],
  stallDays: MIN_STALL_DAYS,
  won: 0,
  lost: 0,
  unstaged: 0,
};

describe('computeFunnels', () => {
  const deals: TestDeal[] = [
    /* 0 */ deal('ann', 'won', '2024-01-10', '2024-03-10', 'prospect'), // cycle 60
    /* 1 */ deal('ann', 'won', '2024-02-01', '2024-04-15'), // cycle 74, no stage: still signed
    /* 2 */ deal('bob', 'won', '2023-06-01', '2023-08-15'), // cycle 75, before the cohort
    /* 3 */ deal('bob', 'won', '2023-09-01', '2023-12-31'), // cycle 121, before the cohort
    /* 4 */ deal('bob', 'won', null, '2024-02-01'), // no cycle, no cohort
    /* 5 */ deal('bob', 'won', '2023-03-01', '2023-02-01'), // closed before created: no cycle
    /* 6 */ deal('ann', 'lost', '2024-01-15', '2024-02-15', 'prospect'),
    /* 7 */ deal('ann', 'lost', '2024-03-31', '2024-04-10'), // last day of the cohort, unstaged
    /* 8 */ deal('bob', 'open', '2024-01-05', null, 'target_customer'), // no move for 116 days: stalled
    /* 9 */ deal('bob', 'open', '2024-03-20', null), // open 41 days, unstaged
    /* 10 */ { ...deal('bob', 'open', '2024-02-15', null, 'target_market'), account: 0 }, // moved 29 days ago
    /* 11 */ { ...deal('bob', 'open', '2024-02-14', null, 'target_market'), account: 1 }, // no move for 76 days
    /* 12 */ deal('bob', 'open', '2024-01-20', null, 'signed'), // owner unknown (below); history 60 days ago
    /* 13 */ deal('ann', 'open', '2024-04-01', null, 'prospect'), // after the cohort
    /* 14 */ deal('ann', 'open', '2023-12-31', null, 'prospect'), // before the cohort
  ];
  const ws = buildWorkingSet({
    reps: ['ann', 'bob', 'cy'],
    deals,
    activities: [
      // A move of deal 10: an activity on its account after it was created.
      { rep: 'bob', type: 'call', day: '2024-04-01', account: 0 },
      // Before deal 11 was created: not a move of it (its last move is its creation).
      { rep: 'bob', type: 'call', day: '2024-02-10', account: 1 },
      // After the end of the data: not counted.
      { rep: 'bob', type: 'call', day: '2024-05-15', account: 1 },
    ],
    // A move of deal 12: a row of its deal history.
    snapshots: [{ deal: 12, day: '2024-03-01', status: 'open', amount: 100, expectedClose: null }],
  });
  ws.deals.rep[12] = -1;

  it('sets the stall limit to the rounded median cycle of every won deal with both days', () => {
    // Cycles 60, 74, 75, 121 (deals 4 and 5 left out): median 74.5, rounded half up.
    expect(stallDaysOf(ws)).toBe(75);
  });

  it('builds the team funnel from every deal created in the period, with or without a rep', () => {
    const { team } = computeFunnels(ws, FROM, TO, DATA_END);
    expect(team).toEqual({
      // 0 and 1 won (all four); 6 lost at prospect; 7 and 9 unstaged (first only); 8 at
      // target_customer; 10 and 11 at target_market; 12 at signed.
      reached: [9, 5, 4, 3],
      conversion: [5 / 9, 4 / 5, 3 / 4],
      open: [3, 0, 1, 1],
      // 11 (no move for 76 days) and 8 (116); not 10 (activity 29 days ago), 12 (history 60), 9 (41).
      stalled: [1, 0, 1, 0],
      stallDays: 75,
      won: 2,
      lost: 2,
      unstaged: 2,
    });
  });

  it('builds one funnel per rep, in rep order, with the same stall limit', () => {
    const { byRep } = computeFunnels(ws, FROM, TO, DATA_END);
    expect(byRep).toHaveLength(3);
    expect(byRep[0]).toEqual({
      reached: [4, 3, 2, 2],
      conversion: [3 / 4, 2 / 3, 1],
      open: [0, 0, 0, 0],
      stalled: [0, 0, 0, 0],
      stallDays: 75,
      won: 2,
      lost: 2,
      unstaged: 1,
    });
    expect(byRep[1]).toEqual({
      reached: [4, 1, 1, 0],
      conversion: [1 / 4, 1, 0],
      open: [3, 0, 1, 0],
      stalled: [1, 0, 1, 0],
      stallDays: 75,
      won: 0,
      lost: 0,
      unstaged: 1,
    });
    expect(byRep[2]).toEqual({ ...EMPTY_FUNNEL, stallDays: 75 });
  });

  it('counts a lost deal up to the stage it was lost at', () => {
    const lost = buildWorkingSet({
      reps: ['ann'],
      deals: [deal('ann', 'lost', '2024-01-02', '2024-01-20', 'target_customer')],
    });
    const { team } = computeFunnels(lost, FROM, TO, DATA_END);
    expect(team.reached).toEqual([1, 1, 1, 0]);
    expect(team.conversion).toEqual([1, 1, 0]);
    expect(team.lost).toBe(1);
    expect(team.unstaged).toBe(0);
    expect(team.open).toEqual([0, 0, 0, 0]);
  });

  it('counts nothing as stalled when the data end is unknown', () => {
    const { team } = computeFunnels(ws, FROM, TO, NO_DAY);
    expect(team.open).toEqual([3, 0, 1, 1]);
    expect(team.stalled).toBeNull();
  });

  // Issue #12: "stalled" equal to "open" at every stage. For a cohort well before the end of the
  // data, every open deal is older than the limit; age alone said nothing but "open".
  it('does not call every open deal of a past cohort stalled when nothing records a move', () => {
    const past = buildWorkingSet({
      reps: ['ann'],
      deals: [
        deal('ann', 'won', '2023-01-01', '2023-03-01'),
        deal('ann', 'open', '2023-02-01', null, 'prospect'),
        deal('ann', 'open', '2023-03-01', null, 'target_customer'),
      ],
    });
    const { team, byRep } = computeFunnels(past, dayNumber('2023-01-01'), dayNumber('2023-12-31'), DATA_END);
    expect(team.open).toEqual([0, 1, 1, 0]);
    expect(team.stalled).toBeNull();
    expect(byRep[0]!.stalled).toBeNull();
  });

  it('tells stalled from moving in a past cohort once activities record moves', () => {
    const past = buildWorkingSet({
      reps: ['ann'],
      deals: [
        deal('ann', 'won', '2023-01-01', '2023-03-01'), // cycle 59: limit 59
        { ...deal('ann', 'open', '2023-02-01', null, 'prospect'), account: 0 },
        { ...deal('ann', 'open', '2023-03-01', null, 'target_customer'), account: 1 },
      ],
      activities: [
        { rep: 'ann', type: 'meeting', day: '2024-04-20', account: 0 }, // 10 days before the end
        { rep: 'ann', type: 'meeting', day: '2023-06-01', account: 1 }, // 334 days before
      ],
    });
    const { team } = computeFunnels(past, dayNumber('2023-01-01'), dayNumber('2023-12-31'), DATA_END);
    expect(team.stallDays).toBe(59);
    expect(team.open).toEqual([0, 1, 1, 0]);
    expect(team.stalled).toEqual([0, 0, 1, 0]);
  });

  it('gives no stalls but a known zero for a funnel with no open deal', () => {
    const closed = buildWorkingSet({
      reps: ['ann'],
      deals: [deal('ann', 'won', '2024-01-02', '2024-02-01')],
    });
    expect(computeFunnels(closed, FROM, TO, DATA_END).team.stalled).toEqual([0, 0, 0, 0]);
  });

  it('gives empty funnels and the minimum stall limit for an empty working set', () => {
    const { team, byRep } = computeFunnels(buildWorkingSet({ reps: [] }), FROM, TO, DATA_END);
    expect(team).toEqual(EMPTY_FUNNEL);
    expect(byRep).toEqual([]);
  });

  it('never lets the stall limit fall below 30 days', () => {
    const quick = buildWorkingSet({
      reps: ['ann'],
      deals: [
        deal('ann', 'won', '2024-01-01', '2024-01-11'),
        { ...deal('ann', 'open', '2024-03-20', null), account: 0 },
      ],
      activities: [{ rep: 'ann', type: 'call', day: '2024-03-25', account: 0 }],
    });
    expect(stallDaysOf(quick)).toBe(30);
    // No move for 36 days: stalled against 30, though the only won deal took 10.
    const { team } = computeFunnels(quick, FROM, TO, DATA_END);
    expect(team.stallDays).toBe(30);
    expect(team.stalled).toEqual([1, 0, 0, 0]);
  });

  it('takes the middle cycle for an odd count', () => {
    const odd = buildWorkingSet({
      reps: ['ann'],
      deals: [
        deal('ann', 'won', '2024-01-01', '2024-04-10'), // 100
        deal('ann', 'won', '2024-01-01', '2024-02-10'), // 40
        deal('ann', 'won', '2024-01-01', '2024-12-31'), // 365
      ],
    });
    expect(stallDaysOf(odd)).toBe(100);
  });

  it('finds the median of many cycles like a sort would', () => {
    const cycles = Array.from({ length: 1001 }, (_, i) => (i * 7919) % 1000);
    const many = buildWorkingSet({
      reps: ['ann'],
      deals: cycles.map((c) => ({
        rep: 'ann',
        status: 'won' as const,
        amount: 1,
        created: '2020-01-01',
        closed: new Date((dayNumber('2020-01-01') + c) * 86_400_000).toISOString().slice(0, 10),
      })),
    });
    const sorted = [...cycles].sort((x, y) => x - y);
    expect(stallDaysOf(many)).toBe(sorted[500]);
  });
});
