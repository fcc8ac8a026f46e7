import { describe, expect, it } from 'vitest';
import { computeKpis } from '../../shared/kpi/compute-kpis';
import golden from './kpi-golden.json';
import { goldenCases, kpisAsJson } from './kpi-golden-cases';

/**
 * Every figure of the KPI pass, on generated data (many reps, hires, partial periods, missing
 * amounts, dates and accounts, owners or not, deals only), equals the one the pass computed before
 * it was split into small functions for speed: a refactor of the pass must not move a number.
 */
describe('KPI pass against frozen figures', () => {
  const expected = golden as Record<string, unknown>;
  const cases = goldenCases();

  it('covers every frozen case', () => {
    expect(cases.map((c) => c.name).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(kpisAsJson(computeKpis(c.ws, c.period, c.options))).toStrictEqual(expected[c.name]);
  });

  it('gives the same figures when periods are computed in another order (no state leaks between passes)', () => {
    for (const c of [...cases].reverse())
      expect(kpisAsJson(computeKpis(c.ws, c.period, c.options))).toStrictEqual(expected[c.name]);
  });
});
