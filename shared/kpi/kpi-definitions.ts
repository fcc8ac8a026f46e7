/**
 * The KPI registry: the single written definition of every figure the app shows. The CLI's
 * summary.json, the in-app explanations and docs/kpis.md are all generated from or checked
 * against this list, so a formula cannot drift between places.
 */
export type KpiId =
  | 'won_revenue'
  | 'deals_won'
  | 'deals_lost'
  | 'win_rate'
  | 'avg_deal_size'
  | 'sales_cycle_days'
  | 'activities'
  | 'calls'
  | 'meetings'
  | 'visits'
  | 'emails'
  | 'calls_per_day'
  | 'meetings_per_week'
  | 'customers_touched';

export type KpiGroup = 'results' | 'activity';
export type KpiUnit = 'currency' | 'count' | 'ratio' | 'days' | 'per_day' | 'per_week';
/** `none`: shown for context but never ranked (e.g. lost deals are neither good nor bad alone). */
export type KpiDirection = 'higher' | 'lower' | 'none';
export type KpiSource = 'deals' | 'activities';

export interface KpiDefinition {
  id: KpiId;
  group: KpiGroup;
  unit: KpiUnit;
  direction: KpiDirection;
  source: KpiSource;
  /** Weight inside its group for the composite; 0 means informational only. */
  defaultWeight: number;
  name_en: string;
  name_zh: string;
  formula_en: string;
  formula_zh: string;
}

export const KPI_DEFINITIONS: readonly KpiDefinition[] = [
  {
    id: 'won_revenue',
    group: 'results',
    unit: 'currency',
    direction: 'higher',
    source: 'deals',
    defaultWeight: 3,
    name_en: 'Won revenue',
    name_zh: '赢单金额',
    formula_en: 'Sum of the amounts of deals won with a close date in the period.',
    formula_zh: '结单日期在本期内的赢单金额之和。',
  },
  {
    id: 'deals_won',
    group: 'results',
    unit: 'count',
    direction: 'higher',
    source: 'deals',
    defaultWeight: 1,
    name_en: 'Deals won',
    name_zh: '赢单数',
    formula_en: 'Number of deals won with a close date in the period.',
    formula_zh: '结单日期在本期内的赢单数量。',
  },
  {
    id: 'deals_lost',
    group: 'results',
    unit: 'count',
    direction: 'none',
    source: 'deals',
    defaultWeight: 0,
    name_en: 'Deals lost',
    name_zh: '输单数',
    formula_en: 'Number of deals lost with a close date in the period. Shown, not ranked.',
    formula_zh: '结单日期在本期内的输单数量。仅展示，不参与排名。',
  },
  {
    id: 'win_rate',
    group: 'results',
    unit: 'ratio',
    direction: 'higher',
    source: 'deals',
    defaultWeight: 2,
    name_en: 'Win rate',
    name_zh: '赢单率',
    formula_en:
      'Deals won / (deals won + deals lost), by count, for deals closed in the period. Empty when the rep closed nothing.',
    formula_zh: '本期结单中：赢单数 ÷（赢单数 + 输单数），按数量计。本期无结单时为空。',
  },
  {
    id: 'avg_deal_size',
    group: 'results',
    unit: 'currency',
    direction: 'higher',
    source: 'deals',
    defaultWeight: 1,
    name_en: 'Average deal size',
    name_zh: '平均单笔金额',
    formula_en: 'Won revenue / deals won with an amount. Empty when the rep won nothing.',
    formula_zh: '赢单金额 ÷ 有金额的赢单数。本期无赢单时为空。',
  },
  {
    id: 'sales_cycle_days',
    group: 'results',
    unit: 'days',
    direction: 'lower',
    source: 'deals',
    defaultWeight: 1,
    name_en: 'Median sales cycle',
    name_zh: '销售周期中位数',
    formula_en:
      'Median days from created to closed, over deals won in the period that have both dates. Lower is better.',
    formula_zh: '本期赢单中（同时有创建和结单日期的）从创建到结单天数的中位数。越低越好。',
  },
  {
    id: 'activities',
    group: 'activity',
    unit: 'count',
    direction: 'none',
    source: 'activities',
    defaultWeight: 0,
    name_en: 'Activities',
    name_zh: '活动总数',
    formula_en:
      'All logged activities (calls, meetings, visits, emails, tasks) dated in the period. Volume alone is shown, not ranked.',
    formula_zh: '本期内记录的全部活动（电话、会议、拜访、邮件、任务）。仅展示数量，不参与排名。',
  },
  {
    id: 'calls',
    group: 'activity',
    unit: 'count',
    direction: 'none',
    source: 'activities',
    defaultWeight: 0,
    name_en: 'Calls',
    name_zh: '电话数',
    formula_en: 'Calls dated in the period.',
    formula_zh: '本期内的电话数量。',
  },
  {
    id: 'meetings',
    group: 'activity',
    unit: 'count',
    direction: 'none',
    source: 'activities',
    defaultWeight: 0,
    name_en: 'Meetings',
    name_zh: '会议数',
    formula_en: 'Meetings dated in the period (visits are counted separately).',
    formula_zh: '本期内的会议数量（拜访单独统计）。',
  },
  {
    id: 'visits',
    group: 'activity',
    unit: 'count',
    direction: 'higher',
    source: 'activities',
    defaultWeight: 1,
    name_en: 'Customer visits',
    name_zh: '客户拜访数',
    formula_en: 'Visits dated in the period.',
    formula_zh: '本期内的客户拜访数量。',
  },
  {
    id: 'emails',
    group: 'activity',
    unit: 'count',
    direction: 'none',
    source: 'activities',
    defaultWeight: 0,
    name_en: 'Emails',
    name_zh: '邮件数',
    formula_en: 'Emails dated in the period.',
    formula_zh: '本期内的邮件数量。',
  },
  {
    id: 'calls_per_day',
    group: 'activity',
    unit: 'per_day',
    direction: 'higher',
    source: 'activities',
    defaultWeight: 1,
    name_en: 'Calls per day',
    name_zh: '日均电话数',
    formula_en:
      'Calls / working days (Mon–Fri) the rep was active in the period: from the later of the period start and the hire date (or first record) to the earlier of the period end and the last activity in the data.',
    formula_zh:
      '电话数 ÷ 本期在岗工作日（周一至周五）：从期初与入职日期（或首条记录）中较晚者，到期末与数据中最后一条活动中较早者。',
  },
  {
    id: 'meetings_per_week',
    group: 'activity',
    unit: 'per_week',
    direction: 'higher',
    source: 'activities',
    defaultWeight: 1,
    name_en: 'Meetings per week',
    name_zh: '周均会议数',
    formula_en: '(Meetings + visits) / (active working days / 5).',
    formula_zh: '（会议数 + 拜访数）÷（在岗工作日 ÷ 5）。',
  },
  {
    id: 'customers_touched',
    group: 'activity',
    unit: 'count',
    direction: 'higher',
    source: 'activities',
    defaultWeight: 1,
    name_en: 'Customers contacted',
    name_zh: '接触客户数',
    formula_en: 'Distinct accounts with at least one activity in the period.',
    formula_zh: '本期内至少有一次活动的不同客户数。',
  },
];

export const KPI_BY_ID: ReadonlyMap<KpiId, KpiDefinition> = new Map(KPI_DEFINITIONS.map((d) => [d.id, d]));

export interface RankingWeights {
  /** Share of the composite from each group when both have data; normalised, so 60/40 = 3/2. */
  groups: Record<KpiGroup, number>;
  kpis: Partial<Record<KpiId, number>>;
}

export const DEFAULT_WEIGHTS: RankingWeights = {
  groups: { results: 60, activity: 40 },
  kpis: Object.fromEntries(KPI_DEFINITIONS.map((d) => [d.id, d.defaultWeight])),
};
