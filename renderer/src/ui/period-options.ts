import type { WorkspaceInfo } from '../../../shared/api/contract';

/**
 * The period picker's options: every year with data, then the quarters and months of the chosen
 * period's year only (a range counts by its start), so the list stays short after years of data
 * (it held about 230 entries after one import). Other periods are one pick of the year away, or a
 * custom range.
 */
export function periodOptions(periods: WorkspaceInfo['periods'], value: string): WorkspaceInfo['periods'] {
  const year = /^\d{4}/.exec(value)?.[0] ?? periods.year[0] ?? '';
  const ofYear = (id: string): boolean => id.startsWith(`${year}-`);
  return {
    year: periods.year,
    quarter: periods.quarter.filter(ofYear),
    month: periods.month.filter(ofYear),
  };
}
