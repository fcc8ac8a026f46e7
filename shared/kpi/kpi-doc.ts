import { DATA_NEEDS, KPI_DEFINITIONS } from './kpi-definitions';
import { RANKING_RULE } from '../ranking/ranking-rule';

/**
 * docs/kpis.md is generated from the KPI registry (npm run docs:kpis) and a test checks it is up
 * to date, so the written definitions can never drift from the code.
 */
export function renderKpiDoc(): string {
  const direction = {
    higher: 'higher is better',
    lower: 'lower is better',
    none: 'shown, not ranked',
  } as const;
  const lines = [
    '# KPI definitions',
    '',
    '<!-- Generated from shared/kpi/kpi-definitions.ts by `npm run docs:kpis`. Do not edit by hand. -->',
    '',
    "Every figure the app, the CLI and the reports show. The `id` is the column name in the CLI's",
    '`rankings.csv` and the key in `summary.json`. A KPI whose data is missing for the period',
    '(for example activity KPIs when no activity file covers it) is **unavailable**, shown as empty,',
    'never as 0. Weight is the default weight inside its group (results 60%, activity 40%); 0 means',
    'the figure is shown for context and not ranked.',
    '',
    '| id | group | name (en) | name (zh-CN) | unit | direction | weight | needs | formula |',
    '|---|---|---|---|---|---|---|---|---|',
    ...KPI_DEFINITIONS.map(
      (k) =>
        `| \`${k.id}\` | ${k.group} | ${k.name_en} | ${k.name_zh} | ${k.unit} | ${direction[k.direction]} | ${k.defaultWeight} | ${k.needs.map((n) => DATA_NEEDS[n].en).join('; ')} | ${k.formula_en} |`,
    ),
    '',
    '## 公式（中文）',
    '',
    ...KPI_DEFINITIONS.map((k) => `- **${k.name_zh}**（\`${k.id}\`）：${k.formula_zh}`),
    '',
    '## Working days, periods and partial periods',
    '',
    '- Working days are Monday to Friday minus the holidays in the settings. A rep is active from the later of the period start, the hire date (or their first record) and the first activity in the data, to the earlier of the period end and the last activity in the data; per-day and per-week rates divide by those days (a week is 5 working days).',
    '- A period is *partial* when the last date in the data falls inside it. Rates then use the days covered; quota attainment uses the quota to date; revenue growth compares with the same number of days of the previous period.',
    '- A deal counts in the period in which it closed (created, for prospects); an activity in the period of its date.',
    '',
    '## Customer tiers',
    '',
    'Tiers A/B/C/D are computed from the history up to the period end (all of it, or the last N months in the settings). The target segment is A and B by default.',
    '',
    '- **80/20 on revenue** (default): accounts with won revenue, best first; A is the smallest set of top accounts reaching 80% of the revenue, B reaches 95%, C is the rest that bought, D did not buy. Equal revenues share the better tier.',
    '- **MAN**: a score from purchasing power (annual revenue, or employees when no account has a revenue), decision authority and need, each a percentile among the accounts that have it, averaged over what the account has. The top 20% of scored accounts are A, to 50% B, to 80% C, the rest and the unscored D (cutoffs in the settings).',
    '- **Purchase frequency and amount**: the same, with won-deal count and won revenue as the two parts.',
    '- **Imported**: the tier column of the accounts file (A–D, 1–4, Tier 1, A类, key account, VIP, 重点客户 …); anything else is D.',
    '',
    '## Funnel and forecast',
    '',
    "- **Funnel**: the deals created in the period, each counted at every stage up to the furthest it reached (target market → prospect → target customer → signed; won deals reached signed, a lost deal the stage it was lost at). Conversion is reached(next) / reached(stage). An open deal is *stalled* when its last recorded move is more than the stall limit (the median sales cycle of won deals, at least 30 days) before the end of the data; a move is its creation, a row of its deal history (opportunity history, stage-change snapshots) or an activity on its account. Age alone is not a stall: for a cohort well before the end of the data every open deal is old, so when none of a funnel's open deals has a move recorded after its creation, stalled is shown as unknown (—) with that reason, not as a count.",
    '- **Forecast**: open deals with an expected close date in the next period, each amount weighted by the probability the export gave, else by its stage: target market 10%, prospect 25%, target customer 60%, signed 90%, no stage 10%. Open deals expected to close in the viewed period whose date has passed by the end of the data are listed as overdue (deals expected before the period are not).',
    "- **Forecast accuracy** (needs a deal history file: opportunity history / stage-change snapshots): for a period P, the forecast as it stood on P's first day. For each deal, take its latest snapshot recorded on or before that day (same day: the one imported last); when that snapshot is open, has an amount and expects the deal to close inside P, it adds amount × probability (the snapshot's own, else the stage defaults above). Actual: the won revenue of the deals that closed won in P (the deals file, every deal, with or without history). Ratio = actual / forecast (none when the forecast is 0). Accuracy = 1 − |actual − forecast| / max(forecast, actual), from 0 to 100%; none when both are 0. Per rep by the deal's owner; the deals the forecast covered, the deals won and how many of those were forecast are shown beside it. Snapshots of deals not in the workspace are left out. With no snapshot on or before P's first day (or no history at all) accuracy is unavailable, with that reason, never 0; while the data ends inside P the actual may still grow, and the card says so.",
    '',
    '## Ranking rule in brief',
    '',
    ...Object.entries(RANKING_RULE).map(([key, text]) => `- **${key}**: ${text}`),
    '',
    'The long form, with worked examples, is in [ranking.md](ranking.md).',
    '',
  ];
  return lines.join('\n');
}
