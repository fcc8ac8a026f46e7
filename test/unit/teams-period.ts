import { parsePeriod, type Period } from '../../shared/period/period';

/** A period from its id, for tests (throws on a typo). */
export function periodFrom(id: string): Period {
  const p = parsePeriod(id);
  if (!p.ok) throw new Error(p.error.message);
  return p.value;
}
