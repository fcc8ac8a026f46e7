import { PRACTICE_BY_ID } from './practice-definitions';
import type { PracticeGap } from './types';

/**
 * The rep's value as a share of the top performers' median, oriented so that 100% is the
 * benchmark and more is always better (for lower-is-better practices: benchmark / value); null
 * when either is missing or the share cannot be read. The coaching screen's chart and the printed
 * dossier's practice-gap chart both draw this.
 */
export function benchmarkShare(gap: PracticeGap): number | null {
  const { value, benchmark } = gap;
  if (value === null || benchmark === null || benchmark === 0) return null;
  if (PRACTICE_BY_ID.get(gap.practice)?.direction === 'lower') return value <= 0 ? null : benchmark / value;
  return value / benchmark;
}
