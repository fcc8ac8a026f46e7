/**
 * The ranking rule in words, for summary.json and the in-app explanation. docs/ranking.md is the
 * long form; shared/ranking/ranking.ts is the code. Keep the three in step.
 */
export const RANKING_RULE = {
  percentile:
    "For each ranked KPI, a rep's percentile is the share of other ranked reps they beat, counting ties as half: (worse + ties/2) / (n - 1). Best = 1, worst = 0, tied reps share a percentile, a lone rep gets 0.5. For lower-is-better KPIs (sales cycle) lower values beat higher ones. Reps without a value for a KPI (e.g. win rate with no closed deal) are left out of that KPI.",
  composite:
    "Composite = 100 x the weighted mean of the rep's KPI percentiles, per group (results, activity), then the groups combined by their weights (default 60/40, editable per KPI and saved with the workspace). A KPI the rep has no value for is left out of their mean; a group without data for the period is left out and the other group's weight becomes 100%. The results score and the activity score are kept, each with its own band, and together place the rep in the 3x3 results x activity matrix.",
  bands:
    'k = round(n / 4) of the n ranked reps (k = 0 when n < 2). Top 25%: the k best composites; bottom 25%: the k worst; everyone else is the middle 50%. Equal composites at a cut-off are told apart by the KPI percentiles in order of weight (most important first; a missing value counts as 0.5); reps equal on every KPI are never split: they go together into the band or stay out of it, whichever leaves the band nearer k (into it when both are as near), and are named as tied at the cut-off. When every score is equal, everyone is in the middle.',
  peerGroup:
    'Percentiles, scores and bands are computed within the peer group the user chooses: the whole company (default), or the reps of the same region, team or role. Reps without a region/team/role form a group of their own. A group with fewer than 8 ranked reps carries a "small group" warning.',
  eligibility:
    'Not ranked, with the reason shown: reps hired after the period; reps with no deal, closed deal or activity in the period; reps active for fewer working days than the minimum (default 10, capped at the working days the data covers in the period; applied when the period has activities or the rep has a hire date, since deal dates alone do not tell when a rep started); and, when the period has deal data, reps with fewer closed deals than the minimum (default 1).',
  period:
    'A deal counts in the period in which it closed; an activity in the period of its activity date. A period is ranked only when a weighted results KPI has data in it, unless the workspace has no won or lost deal in any period (then it is ranked on activity alone). Movement and the previous band are shown only between two ranked periods with at least 75% of their weight on the same KPIs (the sum over KPIs of the smaller of the two weight shares).',
} as const;
