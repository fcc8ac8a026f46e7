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
    '## Ranking rule in brief',
    '',
    ...Object.entries(RANKING_RULE).map(([key, text]) => `- **${key}**: ${text}`),
    '',
    'The long form, with worked examples, is in [ranking.md](ranking.md).',
    '',
  ];
  return lines.join('\n');
}
