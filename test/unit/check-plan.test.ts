import { describe, expect, it } from 'vitest';
import { rankPeriod } from '../../shared/analysis/analyze';
import { defaultAnalysisSettings } from '../../shared/analysis/settings';
import { parsePeriod, type Period } from '../../shared/period/period';
import { median } from '../../shared/stats/statistics';
import { checkPlan, MIN_GROUP } from '../../shared/teams/check-plan';
import type { Assignment, TeamScenario } from '../../shared/teams/types';
import { buildWorkingSet, type TestDeal, type TestRep } from './working-set-builder';

/**
 * "Check the plan" on a hand-made company. Two leaders (Lea, Leo), four reps the scenario moves
 * (M1..M4) and three it leaves in place (S1..S3). In 2024-Q1 the movers sell least and the
 * stayers more; in 2024-Q2 it is the other way round, so the movers' scores rise and the
 * stayers' fall: the groups' medians must say so, with the leaders in neither group.
 */
const settings = defaultAnalysisSettings();
const period = (id: string): Period => {
  const p = parsePeriod(id);
  if (!p.ok) throw new Error(id);
  return p.value;
};

const REPS = ['Lea', 'Leo', 'M1', 'M2', 'M3', 'M4', 'S1', 'S2', 'S3'];
/** Won revenue in Q1 and Q2, in thousands. */
const WON: Record<string, [number, number]> = {
  Lea: [9, 9],
  Leo: [8, 8],
  M1: [1, 7.5],
  M2: [2, 7],
  M3: [3, 6.5],
  M4: [4, 6],
  S1: [5, 1],
  S2: [6, 2],
  S3: [7, 3],
};
/** Today's roster: M1 and M2 already joined Lea's team (adopted); M3 and M4 have not joined Leo's. */
const ROSTER: Record<string, TestRep> = {
  Lea: { team: 'North' },
  Leo: { team: 'South' },
  M1: { team: 'North' },
  M2: { team: 'North' },
  M3: { team: 'North' },
  M4: { team: 'West' },
  S1: { team: 'North' },
  S2: { team: 'South' },
  S3: { team: 'South' },
};

function company(options: { lastQ2Day?: string | null; extra?: TestDeal[] } = {}) {
  const lastQ2Day = options.lastQ2Day === undefined ? '2024-06-30' : options.lastQ2Day;
  const deals: TestDeal[] = [];
  for (const rep of REPS) {
    const [q1, q2] = WON[rep]!;
    deals.push({ rep, status: 'won', amount: q1 * 1000, created: '2024-01-08', closed: '2024-02-15' });
    deals.push({ rep, status: 'lost', amount: 500, created: '2024-01-08', closed: '2024-03-01' });
    if (lastQ2Day !== null) {
      deals.push({ rep, status: 'won', amount: q2 * 1000, created: '2024-04-08', closed: '2024-05-15' });
      deals.push({ rep, status: 'lost', amount: 500, created: '2024-04-08', closed: lastQ2Day });
    }
  }
  deals.push(...(options.extra ?? []));
  return buildWorkingSet({ reps: REPS, deals, repInfo: ROSTER });
}

/** The company's deals, with none in Q2 for `rep`. */
function dealsWithout(rep: string): TestDeal[] {
  return REPS.flatMap((r): TestDeal[] => {
    const [q1, q2] = WON[r]!;
    const deals: TestDeal[] = [
      { rep: r, status: 'won', amount: q1 * 1000, created: '2024-01-08', closed: '2024-02-15' },
    ];
    if (r !== rep)
      deals.push({ rep: r, status: 'won', amount: q2 * 1000, created: '2024-04-08', closed: '2024-06-30' });
    return deals;
  });
}

/** Rep ids are positions in REPS + 1. */
const id = (name: string): number => REPS.indexOf(name) + 1;
const place = (rep: string, leader: string): Assignment => ({ repId: id(rep), leaderId: id(leader) });

const ASSIGNMENT: Assignment[] = [
  place('Lea', 'Lea'),
  place('Leo', 'Leo'),
  place('M1', 'Lea'),
  place('M2', 'Lea'),
  place('M3', 'Leo'),
  place('M4', 'Leo'),
  place('S1', 'Lea'),
  place('S2', 'Leo'),
  place('S3', 'Leo'),
];
const MOVED = ['M1', 'M2', 'M3', 'M4'].map(id);

function scenario(overrides: Partial<TeamScenario> = {}): TeamScenario {
  return {
    scenarioId: 1,
    name: 'Spring',
    period: '2024-Q1',
    topBy: 'results',
    constraints: {
      teams: 2,
      minSize: 3,
      maxSize: 6,
      maxMoves: null,
      within: 'none',
      leaders: [],
      notLeaders: [],
      pins: [],
      apart: [],
    },
    assignment: ASSIGNMENT,
    savedAt: '2024-04-01T09:00:00.000Z',
    summary: { teams: 2, benefit: 10, moves: 4, placed: 9 },
    ...overrides,
  };
}

function run(ws = company(), s = scenario(), moved: readonly number[] = MOVED) {
  const r = checkPlan(ws, s, settings, moved);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('checkPlan', () => {
  it('compares the movers with the stayers between the scenario period and the next', () => {
    const ws = company();
    const view = run(ws);
    expect(view.before.id).toBe('2024-Q1');
    expect(view.after.id).toBe('2024-Q2');
    expect(view.ready).toBe(true);
    expect(view.why).toBeNull();
    expect(view.placed).toBe(9);
    const [moved, stayed] = view.groups;
    expect(moved!.group).toBe('moved');
    expect(stayed!.group).toBe('stayed');
    // Leaders are in neither group.
    expect(moved!.reps).toBe(4);
    expect(stayed!.reps).toBe(3);
    expect(view.tooFew).toBe(false);
    // The movers went from the bottom to near the top, the stayers the other way.
    expect(moved!.medianResultsChange!).toBeGreaterThan(0);
    expect(moved!.medianCompositeChange!).toBeGreaterThan(0);
    expect(stayed!.medianResultsChange!).toBeLessThan(0);
    expect(stayed!.medianCompositeChange!).toBeLessThan(0);

    // The medians are of each rep's own change, worked out from the two rankings.
    const q1 = rankPeriod(ws, period('2024-Q1'), settings).ranking.reps;
    const q2 = rankPeriod(ws, period('2024-Q2'), settings).ranking.reps;
    const change = (names: string[], score: 'resultsScore' | 'composite') =>
      median(names.map((n) => q2[id(n) - 1]![score]! - q1[id(n) - 1]![score]!));
    expect(moved!.medianResultsChange).toBeCloseTo(change(['M1', 'M2', 'M3', 'M4'], 'resultsScore')!, 9);
    expect(moved!.medianCompositeChange).toBeCloseTo(change(['M1', 'M2', 'M3', 'M4'], 'composite')!, 9);
    expect(stayed!.medianResultsChange).toBeCloseTo(change(['S1', 'S2', 'S3'], 'resultsScore')!, 9);
    expect(stayed!.medianCompositeChange).toBeCloseTo(change(['S1', 'S2', 'S3'], 'composite')!, 9);
  });

  it('counts as adopted the people whose roster team now is their proposed leader’s', () => {
    // Lea (North, leads North), Leo (South), M1, M2 (North under Lea), S1 (North under Lea),
    // S2, S3 (South under Leo); M3 is in North but proposed to Leo, M4 in West.
    expect(run().adopted).toBe(7);
    // A rep without a team is never adopted, not even under a leader without one.
    const noTeams = buildWorkingSet({ reps: REPS, deals: [], repInfo: {} });
    const view = run(noTeams);
    expect(view.adopted).toBe(0);
  });

  it('takes who moved from the scenario, not from the roster now', () => {
    // Everyone adopted except M3 and M4; the moved list still says M1 and M2 moved.
    const view = run(company(), scenario(), [id('M1'), id('M2')]);
    expect(view.groups[0]).toMatchObject({ group: 'moved', reps: 2 });
    expect(view.groups[1]).toMatchObject({ group: 'stayed', reps: 5 });
    // A group under 3 is shown but called too small to read.
    expect(view.tooFew).toBe(true);
    expect(MIN_GROUP).toBe(3);
    // A leader listed as moved is still no mover.
    const withLeader = run(company(), scenario(), [...MOVED, id('Lea')]);
    expect(withLeader.groups[0]!.reps).toBe(4);
  });

  it('is not ready while the next period has no data, or is not over', () => {
    const none = run(company({ lastQ2Day: null }));
    expect(none).toMatchObject({ ready: false, why: 'no_data_after', groups: [], tooFew: false });
    expect(none.after.id).toBe('2024-Q2');
    // Adoption reads the roster alone: known before the data is.
    expect(none.adopted).toBe(7);
    // The data ends on 2024-06-28: Q2 runs to the 30th.
    const partial = run(company({ lastQ2Day: '2024-06-28' }));
    expect(partial).toMatchObject({ ready: false, why: 'after_not_over', groups: [] });
    // A deal closed in July: Q2 is over.
    const over = run(
      company({
        extra: [{ rep: 'Lea', status: 'won', amount: 100, created: '2024-07-01', closed: '2024-07-02' }],
      }),
    );
    expect(over.ready).toBe(true);
    // An empty workspace has no later data either.
    const empty = run(buildWorkingSet({ reps: REPS, repInfo: ROSTER }));
    expect(empty.why).toBe('no_data_after');
  });

  it('leaves out reps not ranked in both periods and ids the data no longer has', () => {
    const s = scenario({ assignment: [...ASSIGNMENT, { repId: 99, leaderId: id('Lea') }] });
    const view = run(company(), s, [...MOVED, 99]);
    expect(view.placed).toBe(10);
    expect(view.groups.map((g) => g.reps)).toEqual([4, 3]);

    // M1 sells nothing in Q2: not ranked there, so not compared.
    const withoutM1 = buildWorkingSet({
      reps: REPS,
      repInfo: ROSTER,
      deals: dealsWithout('M1'),
    });
    expect(run(withoutM1).groups.map((g) => g.reps)).toEqual([3, 3]);
  });

  it('works for a year and a month as for a quarter', () => {
    const ws = company();
    expect(run(ws, scenario({ period: '2023' })).after.id).toBe('2024');
    expect(run(ws, scenario({ period: '2024-03' })).after.id).toBe('2024-04');
    expect(run(ws, scenario({ period: '2024-03' })).ready).toBe(true);
    expect(run(ws, scenario({ period: '2024-06' })).why).toBe('no_data_after');
    const bad = checkPlan(ws, scenario({ period: 'someday' }), settings, MOVED);
    expect(bad.ok).toBe(false);
  });
});
