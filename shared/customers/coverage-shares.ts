/**
 * A band's coverage shares (activity or won revenue by customer tier, shared/api RankingView) are
 * known only when the band had some activity or revenue at all: all-zero shares mean "none to
 * share out", which a table prints as "—" and a chart leaves out, never as 0% in every tier.
 */
export function sharesKnown(shares: Readonly<Record<string, number>>): boolean {
  return Object.values(shares).some((v) => v > 0);
}
