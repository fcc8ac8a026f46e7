/**
 * The ranking rule in words, for summary.json and the in-app explanation. docs/ranking.md is the
 * long form; shared/ranking/ranking.ts is the code. Keep the three in step.
 */
export const RANKING_RULE = {
  percentile:
    "For each ranked KPI, a rep's percentile is the share of other ranked reps they beat, counting ties as half: (worse + ties/2) / (n - 1). Best = 1, worst = 0, tied reps share a percentile, a lone rep gets 0.5. For lower-is-better KPIs (sales cycle) lower values beat higher ones. Reps without a value for a KPI (e.g. win rate with no closed deal) are left out of that KPI.",
  composite:
    "Composite = 100 x the weighted mean of the rep's KPI percentiles, per group (results, activity), then the groups combined by their weights (default 60/40). A group without data for the period is left out and the other group's weight becomes 100%.",
  bands:
    'k = round(n / 4) of the n ranked reps (k = 0 when n < 2). Top 25%: fewer than k reps score strictly higher. Bottom 25%: fewer than k reps score strictly lower. Everyone else, and everyone when all scores are equal, is the middle 50%. Tied reps always share a band, so a band can hold more than k reps when ties straddle the cut.',
  eligibility:
    'Ranked: reps with at least one closed (won or lost) deal in the period, or, when the period has no deal data, at least one activity. Reps listed in a roster with no data in the period, or hired after it, are "not ranked" with the reason.',
  period: 'A deal counts in the period in which it closed; an activity in the period of its activity date.',
} as const;
