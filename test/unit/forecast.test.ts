import { describe, expect, it } from 'vitest';
import { computeForecast, DEFAULT_STAGE_PROBABILITY } from '../../shared/funnel/forecast';
import { NO_DAY } from '../../shared/domain/types';
import { dayNumber } from '../../shared/period/period';
import { buildWorkingSet, type TestDeal } from './working-set-builder';

const FROM = dayNumber('2024-04-01');
const TO = dayNumber('2024-06-30');
const DATA_END = dayNumber('2024-03-31');

const open = (
  rep: string,
  amount: number | null,
  expectedClose: string | undefined,
  funnel?: TestDeal['funnel'],
  probability?: number,
): TestDeal => ({
  rep,
  status: 'open',
  amount,
  created: '2024-01-01',
  closed: null,
  ...(expectedClose ? { expectedClose } : {}),
  ...(funnel ? { funnel } : {}),
  ...(probability !== undefined ? { probability } : {}),
});

describe('DEFAULT_STAGE_PROBABILITY', () => {
  it('rises along the funnel, and a deal without a stage counts as the first stage', () => {
    expect(DEFAULT_STAGE_PROBABILITY).toEqual({
      target_market: 0.1,
      prospect: 0.25,
      target_customer: 0.6,
      signed: 0.9,
      none: 0.1,
    });
  });
});

describe('computeForecast', () => {
  const deals: TestDeal[] = [
    /* 0 */ open('ann', 1000, '2024-04-01', 'prospect'), // first day; default 0.25 → 250
    /* 1 */ open('ann', 2000, '2024-06-30', 'prospect', 0.5), // last day; own 0.5 → 1000
    /* 2 */ open('bob', 1000, '2024-05-10', 'target_customer'), // default 0.6 → 600
    /* 3 */ open('bob', 500, '2024-05-01'), // no stage: 0.1 → 50
    /* 4 */ open('bob', 100, '2024-05-01', 'signed', 1.5), // own, clamped to 1 → 100
    /* 5 */ open('ann', null, '2024-05-01', 'target_market'), // no amount: not counted
    /* 6 */ open('ann', 3000, '2024-07-01', 'prospect'), // after the window
    /* 7 */ open('ann', 3000, '2024-03-31', 'prospect'), // before the window; due on the data end: not overdue
    /* 8 */ open('bob', 700, '2024-03-01', 'target_market'), // overdue
    /* 9 */ open('bob', null, '2024-02-01', 'target_market'), // overdue, no amount
    /* 10 */ { ...open('bob', 5000, '2024-05-01', 'prospect'), status: 'won', closed: '2024-05-02' },
    /* 11 */ open('ann', 400, undefined, 'target_market'), // no expected date: neither
    /* 12 */ open('bob', 1000, '2024-04-15', 'target_market'), // owner unknown (below): 0.1 → 100
  ];
  const ws = buildWorkingSet({ reps: ['ann', 'bob', 'cy'], deals });
  ws.deals.rep[12] = -1;

  it('weights the open deals expected in the window by their own or their stage probability', () => {
    const { total } = computeForecast(ws, FROM, TO, DATA_END);
    expect(total.deals).toBe(6);
    expect(total.amount).toBe(5600);
    expect(total.weighted).toBe(2100);
    expect(total.usesExportedProbability).toBe(true);
  });

  it('lists the stages with deals in funnel order, the stageless last', () => {
    const { total } = computeForecast(ws, FROM, TO, DATA_END);
    expect(total.byStage).toEqual([
      { stage: 'target_market', deals: 1, amount: 1000, weighted: 100, probability: 0.1 },
      // 250 + 1000 over 3000: the amount-weighted mean of 0.25 and 0.5.
      { stage: 'prospect', deals: 2, amount: 3000, weighted: 1250, probability: 1250 / 3000 },
      { stage: 'target_customer', deals: 1, amount: 1000, weighted: 600, probability: 0.6 },
      { stage: 'signed', deals: 1, amount: 100, weighted: 100, probability: 1 },
      { stage: null, deals: 1, amount: 500, weighted: 50, probability: 0.1 },
    ]);
  });

  it('counts overdue deals whatever the window, amount or not', () => {
    const { total } = computeForecast(ws, FROM, TO, DATA_END);
    expect(total.overdue).toEqual({ deals: 2, amount: 700 });
    // Another window changes nothing about what is overdue.
    expect(
      computeForecast(ws, dayNumber('2030-01-01'), dayNumber('2030-12-31'), DATA_END).total.overdue,
    ).toEqual({ deals: 2, amount: 700 });
  });

  it('totals each rep, leaving deals without a rep to the total only', () => {
    const { byRep } = computeForecast(ws, FROM, TO, DATA_END);
    expect(byRep).toEqual([
      { deals: 2, amount: 3000, weighted: 1250 },
      { deals: 3, amount: 1600, weighted: 750 },
      { deals: 0, amount: 0, weighted: 0 },
    ]);
  });

  it('reports stage defaults and no exported probability when the export gave none', () => {
    const plain = buildWorkingSet({
      reps: ['ann'],
      deals: [open('ann', 200, '2024-05-01', 'prospect'), open('ann', 200, '2024-05-02', 'prospect')],
    });
    const { total } = computeForecast(plain, FROM, TO, DATA_END);
    expect(total.usesExportedProbability).toBe(false);
    expect(total.byStage).toEqual([
      { stage: 'prospect', deals: 2, amount: 400, weighted: 100, probability: 0.25 },
    ]);
  });

  it('clamps probabilities below 0, and reports the default for an entry with no amount', () => {
    const odd = buildWorkingSet({
      reps: ['ann'],
      deals: [
        open('ann', 1000, '2024-05-01', 'target_customer', -0.2),
        open('ann', 0, '2024-05-01', 'signed', 0.3),
      ],
    });
    const { total } = computeForecast(odd, FROM, TO, DATA_END);
    expect(total.weighted).toBe(0);
    expect(total.byStage).toEqual([
      { stage: 'target_customer', deals: 1, amount: 1000, weighted: 0, probability: 0 },
      { stage: 'signed', deals: 1, amount: 0, weighted: 0, probability: 0.9 },
    ]);
  });

  it('counts nothing as overdue when the data end is unknown', () => {
    expect(computeForecast(ws, FROM, TO, NO_DAY).total.overdue).toEqual({ deals: 0, amount: 0 });
  });

  it('is all zeros for an empty working set', () => {
    expect(computeForecast(buildWorkingSet({ reps: [] }), FROM, TO, DATA_END)).toEqual({
      total: {
        deals: 0,
        amount: 0,
        weighted: 0,
        byStage: [],
        overdue: { deals: 0, amount: 0 },
        usesExportedProbability: false,
      },
      byRep: [],
    });
  });
});
