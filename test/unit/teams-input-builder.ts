import { periodFrom } from './teams-period';
import { DEFAULT_CONSTRAINTS, STAY_MARGIN } from '../../shared/teams/plan-input';
import type { PracticeId } from '../../shared/coaching/practice-definitions';
import type { Band } from '../../shared/domain/types';
import type { PlanInput, PlanPerson, TeamConstraints } from '../../shared/teams/types';

/**
 * Planner inputs written by hand: the practices with weights, each person's need and strength
 * per practice, the leaders and the constraints. Benefits are then easy to compute on paper:
 * 100 x weight x need x strength per practice.
 */
export interface HandPerson {
  id: number;
  team?: string | null;
  region?: string | null;
  band?: Band;
  need?: number[];
  strength?: number[];
  score?: number;
}

export function handInput(spec: {
  practices: { practice: PracticeId; weight: number; overlap?: string | null }[];
  people: HandPerson[];
  leaders: number[];
  constraints?: Partial<TeamConstraints>;
  stayMargin?: number;
}): PlanInput {
  const k = spec.practices.length;
  const people: PlanPerson[] = spec.people
    .map((p) => ({
      repId: p.id,
      name: `Rep ${p.id}`,
      team: p.team ?? null,
      region: p.region ?? null,
      band: p.band ?? 'middle',
      compositeBand: p.band ?? 'middle',
      resultsScore: p.score ?? 50,
      composite: p.score ?? 50,
      unrankedReason: p.band === 'unranked' ? ('too_few_active_days' as const) : null,
      values: Array.from({ length: k }, () => 1),
      need: p.need ?? Array.from({ length: k }, () => 0),
      strength: p.strength ?? Array.from({ length: k }, () => 0),
    }))
    .sort((a, b) => a.repId - b.repId);
  const asked = { ...DEFAULT_CONSTRAINTS, minSize: 1, ...spec.constraints };
  return {
    period: periodFrom('2025-Q1'),
    topBy: 'results',
    practices: spec.practices.map((p) => ({
      practice: p.practice,
      weight: p.weight,
      benchmark: 1,
      overlap: p.overlap ?? null,
    })),
    people,
    leaders: spec.leaders,
    constraints: {
      ...asked,
      teams: spec.leaders.length,
      maxSize: asked.maxSize ?? people.length,
    },
    stayMargin: spec.stayMargin ?? STAY_MARGIN,
    currency: null,
  };
}
