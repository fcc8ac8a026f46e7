import { describe, expect, it } from 'vitest';
import { defaultPeriodFor, isPeriodComplete } from '../../shared/analysis/default-period';
import { defaultAnalysisSettings } from '../../shared/analysis/settings';
import { parsePeriod, type Period } from '../../shared/period/period';
import { buildWorkingSet, type TestDeal } from './working-set-builder';

// Issue #12, item 3: data ending 27 May 2025 opened on 2025, a partial year (reps ranked on a few
// deals, growth -72% to -100%). The default is the latest complete period with enough data to be
// ranked (docs/ranking.md §1b).

const period = (id: string): Period => {
  const p = parsePeriod(id);
  if (!p.ok) throw new Error(id);
  return p.value;
};

const REPS = ['Ann', 'Bob', 'Cy', 'Dee', 'Eve', 'Fay'];
/** Two deals a rep a month, created and closed in the month, from `from` to `to` (ISO months). */
function monthlyDeals(fromYear: number, fromMonth: number, months: number, lastDay = 20): TestDeal[] {
  const out: TestDeal[] = [];
  for (let m = 0; m < months; m++) {
    const y = fromYear + Math.floor((fromMonth - 1 + m) / 12);
    const mo = String(((fromMonth - 1 + m) % 12) + 1).padStart(2, '0');
    REPS.forEach((rep, r) => {
      out.push({
        rep,
        status: 'won',
        amount: 100 + r * 10 + m,
        created: `${y}-${mo}-02`,
        closed: `${y}-${mo}-${String(lastDay).padStart(2, '0')}`,
      });
      out.push({
        rep,
        status: (r + m) % 3 === 0 ? 'won' : 'lost',
        amount: 50,
        created: `${y}-${mo}-03`,
        closed: `${y}-${mo}-12`,
      });
    });
  }
  return out;
}

describe('the default period', () => {
  it('is the latest complete year or quarter, not the partial year the data ends in', () => {
    // Data from January 2024 to 27 May 2025.
    const deals = [
      ...monthlyDeals(2024, 1, 16),
      ...REPS.map((rep) => ({
        rep,
        status: 'won' as const,
        amount: 70,
        created: '2025-05-02',
        closed: '2025-05-27',
      })),
    ];
    const ws = buildWorkingSet({ reps: REPS, deals });
    const range = { min: '2024-01-12', max: '2025-05-27' };
    expect(isPeriodComplete(period('2025'), range, [])).toBe(false);
    expect(isPeriodComplete(period('2025-05'), range, [])).toBe(false);
    expect(isPeriodComplete(period('2025-Q1'), range, [])).toBe(true);
    expect(defaultPeriodFor(ws, range, defaultAnalysisSettings())).toBe('2025-Q1');
  });

  it('is the year when the data runs to the year’s last working days', () => {
    // Ends on Tuesday 30 December 2025: only the 31st (one working day) is after it.
    const ws = buildWorkingSet({ reps: REPS, deals: monthlyDeals(2025, 1, 12, 20) });
    expect(isPeriodComplete(period('2025'), { min: '2025-01-12', max: '2025-12-30' }, [])).toBe(true);
    expect(defaultPeriodFor(ws, { min: '2025-01-12', max: '2025-12-30' }, defaultAnalysisSettings())).toBe(
      '2025',
    );
  });

  it('skips a complete period that cannot be ranked', () => {
    // 2024 holds deals created then but closed in 2025; 2025 is complete and has the results.
    const deals = monthlyDeals(2025, 1, 12).map((d) => ({
      ...d,
      created: d.created!.replace('2025', '2024'),
    }));
    const ws = buildWorkingSet({ reps: REPS, deals });
    expect(defaultPeriodFor(ws, { min: '2025-01-12', max: '2025-12-31' }, defaultAnalysisSettings())).toBe(
      '2025',
    );
    // With no complete year or quarter, the latest complete month.
    const onlyCreated = buildWorkingSet({ reps: REPS, deals: deals.filter((d) => d.closed! < '2025-03-01') });
    expect(
      defaultPeriodFor(onlyCreated, { min: '2025-01-12', max: '2025-02-20' }, defaultAnalysisSettings()),
    ).toBe('2025-01');
  });
});
