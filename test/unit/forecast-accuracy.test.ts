import { describe, expect, it } from 'vitest';
import { computeForecastAccuracy, type AccuracyFigures } from '../../shared/funnel/forecast-accuracy';
import { dayNumber } from '../../shared/period/period';
import { buildWorkingSet, type TestDeal, type TestSnapshot } from './working-set-builder';

/** Accuracy of 2024-Q2 (2024-04-01 .. 2024-06-30): the forecast as it stood on 2024-04-01. */
const FROM = dayNumber('2024-04-01');
const TO = dayNumber('2024-06-30');

const deal = (
  rep: string,
  status: TestDeal['status'],
  amount: number | null,
  closed: string | null,
): TestDeal => ({
  rep,
  status,
  amount,
  created: '2024-01-01',
  closed,
});

const snap = (
  dealIndex: number,
  day: string,
  amount: number | null,
  expectedClose: string | null,
  extra: Partial<TestSnapshot> = {},
): TestSnapshot => ({ deal: dealIndex, day, status: 'open', amount, expectedClose, ...extra });

const figures = (f: Partial<AccuracyFigures>): AccuracyFigures => ({
  forecast: 0,
  actual: 0,
  ratio: null,
  accuracy: null,
  deals: 0,
  wonDeals: 0,
  wonInForecast: 0,
  ...f,
});

function accuracyOf(input: Parameters<typeof buildWorkingSet>[0]) {
  return computeForecastAccuracy(buildWorkingSet(input), FROM, TO);
}

describe('computeForecastAccuracy', () => {
  it('is unavailable without any deal history, never 0', () => {
    const r = accuracyOf({ reps: ['ann'], deals: [deal('ann', 'won', 1000, '2024-05-01')] });
    expect(r).toEqual({ available: false, reason: 'no_history' });
  });

  it('is unavailable when every snapshot was recorded after the period started', () => {
    const r = accuracyOf({
      reps: ['ann'],
      deals: [deal('ann', 'won', 1000, '2024-05-01')],
      snapshots: [snap(0, '2024-04-02', 1000, '2024-05-01', { probability: 0.5 })],
    });
    expect(r).toEqual({ available: false, reason: 'no_history_before_period' });
  });

  it('one rep: the forecast on the first day against the revenue won in the period', () => {
    // Deal 0: 1,000 at 50% expected 2024-05-10 -> 500; won for 800 on 2024-05-20.
    // Deal 1: 2,000 at 25% expected 2024-06-30 (the last day counts) -> 500; still open.
    // Deal 2: won 400 on 2024-04-15 with no history: actual only.
    // Forecast 1,000; actual 1,200; ratio 1.2; accuracy 1 - 200 / 1,200 = 5/6.
    const r = accuracyOf({
      reps: ['ann'],
      deals: [
        deal('ann', 'won', 800, '2024-05-20'),
        { ...deal('ann', 'open', 2000, null), expectedClose: '2024-07-15' },
        deal('ann', 'won', 400, '2024-04-15'),
      ],
      snapshots: [
        snap(0, '2024-03-01', 1000, '2024-05-10', { probability: 0.5 }),
        // Snapshot on the first day itself: it is the forecast "as it stood at the start".
        snap(1, '2024-04-01', 2000, '2024-06-30', { probability: 0.25 }),
      ],
    });
    if (!r.available) throw new Error('expected accuracy');
    const expected = figures({
      forecast: 1000,
      actual: 1200,
      ratio: 1.2,
      accuracy: 1 - 200 / 1200,
      deals: 2,
      wonDeals: 2,
      wonInForecast: 1,
    });
    expect(r.total).toEqual(expected);
    expect(r.byRep).toEqual([expected]);
  });

  it('a deal pushed out of the period before it started is not in its forecast', () => {
    // On 03-01 deal 0 was expected in May; on 03-20 it was pushed to July: the 03-20 snapshot
    // is the latest before 04-01, so the forecast is only deal 1's 300 × 0.6 = 180.
    const r = accuracyOf({
      reps: ['ann'],
      deals: [
        { ...deal('ann', 'open', 5000, null), expectedClose: '2024-07-15' },
        deal('ann', 'won', 300, '2024-06-01'),
      ],
      snapshots: [
        snap(0, '2024-03-01', 5000, '2024-05-15', { probability: 0.6 }),
        snap(0, '2024-03-20', 5000, '2024-07-15', { probability: 0.6 }),
        snap(1, '2024-03-05', 300, '2024-06-01', { probability: 0.6 }),
      ],
    });
    if (!r.available) throw new Error('expected accuracy');
    expect(r.total.forecast).toBeCloseTo(180, 9);
    expect(r.total.deals).toBe(1);
    expect(r.total.actual).toBe(300);
    expect(r.total.ratio).toBeCloseTo(300 / 180, 12);
    expect(r.total.accuracy).toBeCloseTo(1 - 120 / 300, 12);
    expect(r.total.wonInForecast).toBe(1);
  });

  it('a deal lost in the period was forecast and brings nothing: accuracy 0 when nothing was won', () => {
    // 4,000 at 75% = 3,000 forecast; the deal is lost in May; nothing is won.
    const r = accuracyOf({
      reps: ['ann'],
      deals: [deal('ann', 'lost', 4000, '2024-05-05')],
      snapshots: [snap(0, '2024-02-01', 4000, '2024-05-31', { probability: 0.75 })],
    });
    if (!r.available) throw new Error('expected accuracy');
    expect(r.total).toEqual(
      figures({ forecast: 3000, actual: 0, ratio: 0, accuracy: 0, deals: 1, wonDeals: 0, wonInForecast: 0 }),
    );
  });

  it('a deal already closed at the start (latest snapshot won or lost) is not forecast', () => {
    const r = accuracyOf({
      reps: ['ann'],
      deals: [deal('ann', 'won', 1000, '2024-03-15'), deal('ann', 'lost', 900, '2024-03-16')],
      snapshots: [
        snap(0, '2024-03-01', 1000, '2024-04-10', { probability: 0.9 }),
        snap(0, '2024-03-15', 1000, '2024-03-15', { status: 'won', probability: 1 }),
        snap(1, '2024-03-16', 900, '2024-05-01', { status: 'lost', probability: 0 }),
      ],
    });
    if (!r.available) throw new Error('expected accuracy');
    // Nothing forecast, nothing won in the period: both 0, so there is no accuracy figure.
    expect(r.total).toEqual(figures({}));
  });

  it('a snapshot without a probability takes its stage default from forecast.ts', () => {
    // target_customer 0.6 × 1,000 = 600; no stage: 0.1 × 2,000 = 200; prospect 0.25 × 400 = 100.
    const r = accuracyOf({
      reps: ['ann', 'bob'],
      deals: [
        deal('ann', 'won', 1000, '2024-04-30'),
        deal('bob', 'open', 2000, null),
        deal('bob', 'won', 500, '2024-06-01'),
      ],
      snapshots: [
        snap(0, '2024-03-01', 1000, '2024-04-30', { funnel: 'target_customer' }),
        snap(1, '2024-03-01', 2000, '2024-05-01'),
        snap(2, '2024-03-01', 400, '2024-06-15', { funnel: 'prospect' }),
      ],
    });
    if (!r.available) throw new Error('expected accuracy');
    expect(r.total.forecast).toBeCloseTo(900, 9);
    expect(r.total.actual).toBe(1500);
    expect(r.total.accuracy).toBeCloseTo(1 - 600 / 1500, 12);
    expect(r.byRep[0]).toEqual(
      figures({
        forecast: 600,
        actual: 1000,
        ratio: 1000 / 600,
        accuracy: 0.6,
        deals: 1,
        wonDeals: 1,
        wonInForecast: 1,
      }),
    );
    expect(r.byRep[1]!.forecast).toBeCloseTo(300, 9);
    expect(r.byRep[1]!.actual).toBe(500);
    expect(r.byRep[1]!.accuracy).toBeCloseTo(1 - 200 / 500, 12);
    expect(r.byRep[1]!.wonInForecast).toBe(1);
  });

  it('snapshots recorded after the period started are ignored, even when they say more', () => {
    // As of 04-01 deal 0 was at 10% for 1,000 (= 100); on 04-10 it rose to 90% for 3,000. The
    // later snapshot must not leak into the forecast.
    const r = accuracyOf({
      reps: ['ann'],
      deals: [deal('ann', 'won', 3000, '2024-05-01')],
      snapshots: [
        snap(0, '2024-04-10', 3000, '2024-05-01', { probability: 0.9 }),
        snap(0, '2024-03-01', 1000, '2024-05-01', { probability: 0.1 }),
      ],
    });
    if (!r.available) throw new Error('expected accuracy');
    expect(r.total.forecast).toBeCloseTo(100, 9);
    expect(r.total.actual).toBe(3000);
    expect(r.total.ratio).toBeCloseTo(30, 9);
    expect(r.total.accuracy).toBeCloseTo(100 / 3000, 12);
  });

  it('a rep with nothing forecast and nothing won has no accuracy; one with only wins has 0', () => {
    const r = accuracyOf({
      reps: ['ann', 'bob', 'cy'],
      deals: [deal('ann', 'open', 1000, null), deal('bob', 'won', 700, '2024-05-01')],
      snapshots: [snap(0, '2024-03-01', 1000, '2024-09-01', { probability: 0.5 })],
    });
    if (!r.available) throw new Error('expected accuracy');
    expect(r.byRep[0]).toEqual(figures({}));
    expect(r.byRep[1]).toEqual(figures({ actual: 700, accuracy: 0, wonDeals: 1 }));
    expect(r.byRep[2]).toEqual(figures({}));
    expect(r.total).toEqual(figures({ actual: 700, accuracy: 0, wonDeals: 1 }));
  });

  it('a snapshot without an amount or an expected close date adds nothing', () => {
    const r = accuracyOf({
      reps: ['ann'],
      deals: [deal('ann', 'open', null, null), deal('ann', 'open', 500, null)],
      snapshots: [
        snap(0, '2024-03-01', null, '2024-05-01', { probability: 0.5 }),
        snap(1, '2024-03-01', 500, null, { probability: 0.5 }),
      ],
    });
    if (!r.available) throw new Error('expected accuracy');
    expect(r.total).toEqual(figures({}));
  });
});
