/**
 * The KPI registry: the single written definition of every figure the app shows. The CLI's
 * summary.json, the in-app explanations and docs/kpis.md are all generated from or checked
 * against this list, so a formula cannot drift between places. Order is display order.
 */
export type KpiId =
  | 'won_revenue'
  | 'deals_won'
  | 'deals_lost'
  | 'win_rate'
  | 'win_rate_value'
  | 'avg_deal_size'
  | 'quota_attainment'
  | 'new_customers_won'
  | 'target_segment_revenue'
  | 'target_segment_penetration'
  | 'revenue_growth'
  | 'sales_cycle_days'
  | 'activities'
  | 'calls'
  | 'meetings'
  | 'visits'
  | 'emails'
  | 'activities_per_day'
  | 'calls_per_day'
  | 'meetings_per_week'
  | 'emails_per_day'
  | 'quality_contacts_per_week'
  | 'substantive_relationships'
  | 'customers_served'
  | 'customers_served_existing'
  | 'customers_served_new'
  | 'prospects_created'
  | 'prospects_per_week'
  | 'follow_up_days'
  | 'pipeline_coverage';

export type KpiGroup = 'results' | 'activity';
export type KpiUnit = 'currency' | 'count' | 'ratio' | 'days' | 'per_day' | 'per_week';
/** `none`: shown for context but never ranked (e.g. lost deals are neither good nor bad alone). */
export type KpiDirection = 'higher' | 'lower' | 'none';

/**
 * What a KPI needs from the imported data. When the workspace lacks any of it for the period the
 * KPI is unavailable: shown as empty with the reason, never as 0.
 */
export const DATA_NEEDS = {
  closed_deals: { en: 'deals won or lost in the period', zh: '本期内的赢单或输单' },
  deal_amounts: { en: 'deal amounts', zh: '商机金额' },
  deal_accounts: { en: 'the account of each deal', zh: '商机所属客户' },
  created_dates: { en: 'deal created dates', zh: '商机创建日期' },
  quotas: { en: 'quotas covering the period', zh: '覆盖本期的配额' },
  tiers: { en: 'customer tiers (see the tier method)', zh: '客户分级（见分级方法）' },
  previous_period: { en: 'won revenue in the previous period', zh: '上期赢单金额' },
  activities: { en: 'activities dated in the period', zh: '本期内的活动记录' },
  activity_accounts: { en: 'the account of each activity', zh: '活动所属客户' },
  open_deals: { en: 'deals open at the period end', zh: '期末未结商机' },
} as const;
export type DataNeed = keyof typeof DATA_NEEDS;

export interface KpiDefinition {
  id: KpiId;
  group: KpiGroup;
  unit: KpiUnit;
  direction: KpiDirection;
  /** The data it needs; see DATA_NEEDS. */
  needs: readonly DataNeed[];
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
    needs: ['closed_deals'],
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
    needs: ['closed_deals'],
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
    needs: ['closed_deals'],
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
    needs: ['closed_deals'],
    defaultWeight: 2,
    name_en: 'Win rate',
    name_zh: '赢单率',
    formula_en:
      'Deals won / (deals won + deals lost), by count, over deals closed in the period. Empty when the rep closed nothing.',
    formula_zh: '本期结单中：赢单数 ÷（赢单数 + 输单数），按数量计。本期无结单时为空。',
  },
  {
    id: 'win_rate_value',
    group: 'results',
    unit: 'ratio',
    direction: 'higher',
    needs: ['closed_deals', 'deal_amounts'],
    defaultWeight: 1,
    name_en: 'Win rate by value',
    name_zh: '赢单率（按金额）',
    formula_en:
      'Amount won / (amount won + amount lost), over deals closed in the period that have an amount. Empty when those amounts sum to 0.',
    formula_zh: '本期有金额的结单中：赢单金额 ÷（赢单金额 + 输单金额）。金额合计为 0 时为空。',
  },
  {
    id: 'avg_deal_size',
    group: 'results',
    unit: 'currency',
    direction: 'higher',
    needs: ['closed_deals', 'deal_amounts'],
    defaultWeight: 1,
    name_en: 'Average deal size',
    name_zh: '平均单笔金额',
    formula_en: 'Won revenue / deals won that have an amount. Empty when the rep won nothing.',
    formula_zh: '赢单金额 ÷ 有金额的赢单数。本期无赢单时为空。',
  },
  {
    id: 'quota_attainment',
    group: 'results',
    unit: 'ratio',
    direction: 'higher',
    needs: ['closed_deals', 'quotas'],
    defaultWeight: 3,
    name_en: 'Quota attainment',
    name_zh: '配额完成率',
    formula_en:
      "Won revenue / the rep's quota for the period. Quota rows are prorated by the days they share with the period (a monthly quota counts fully in its quarter), multiplied by the quota unit setting, and, while the period is still running, cut to the days up to the last date in the data. Empty for a rep without a quota.",
    formula_zh:
      '赢单金额 ÷ 本期配额。配额按与本期重叠的天数折算（月度配额完整计入所在季度），乘以配额单位设置；期间尚未结束时，只计到数据中最后一天为止。没有配额的销售为空。',
  },
  {
    id: 'new_customers_won',
    group: 'results',
    unit: 'count',
    direction: 'higher',
    needs: ['closed_deals', 'deal_accounts'],
    defaultWeight: 2,
    name_en: 'New customers won',
    name_zh: '新赢客户数',
    formula_en:
      'Accounts whose first won deal in all the data closed in the period, counted for the rep who won it.',
    formula_zh: '在全部数据中首笔赢单落在本期内的客户数，计入赢得该单的销售。',
  },
  {
    id: 'target_segment_revenue',
    group: 'results',
    unit: 'currency',
    direction: 'higher',
    needs: ['closed_deals', 'deal_accounts', 'tiers'],
    defaultWeight: 2,
    name_en: 'Target segment revenue',
    name_zh: '目标客户群收入',
    formula_en:
      'Won revenue in the period from accounts in the target segment (tiers A and B by default; see customer tiers).',
    formula_zh: '本期来自目标客户群（默认 A、B 类客户，见客户分级）的赢单金额。',
  },
  {
    id: 'target_segment_penetration',
    group: 'results',
    unit: 'ratio',
    direction: 'higher',
    needs: ['closed_deals', 'deal_accounts', 'tiers'],
    defaultWeight: 1,
    name_en: 'Target segment penetration',
    name_zh: '目标客户群渗透率',
    formula_en:
      "Share of the rep's target-segment accounts with a won deal by the rep in the period. The rep's accounts are those they own in the accounts file; without owners, those they had a deal or activity with up to the period end.",
    formula_zh:
      '销售名下的目标客户中，本期由其赢单的客户占比。销售名下的客户以客户文件中的负责人为准；没有负责人时，为截至期末与其有过商机或活动的客户。',
  },
  {
    id: 'revenue_growth',
    group: 'results',
    unit: 'ratio',
    direction: 'higher',
    needs: ['closed_deals', 'previous_period'],
    defaultWeight: 1,
    name_en: 'Revenue growth',
    name_zh: '收入增长率',
    formula_en:
      '(Won revenue - won revenue of the previous period) / won revenue of the previous period. While the period is still running, the previous period is cut to the same number of days. Empty when the previous period had no won revenue.',
    formula_zh:
      '（本期赢单金额 − 上期赢单金额）÷ 上期赢单金额。期间尚未结束时，上期只取相同天数。上期无赢单金额时为空。',
  },
  {
    id: 'sales_cycle_days',
    group: 'results',
    unit: 'days',
    direction: 'lower',
    needs: ['closed_deals', 'created_dates'],
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
    needs: ['activities'],
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
    needs: ['activities'],
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
    needs: ['activities'],
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
    direction: 'none',
    needs: ['activities'],
    defaultWeight: 0,
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
    needs: ['activities'],
    defaultWeight: 0,
    name_en: 'Emails',
    name_zh: '邮件数',
    formula_en: 'Emails dated in the period.',
    formula_zh: '本期内的邮件数量。',
  },
  {
    id: 'activities_per_day',
    group: 'activity',
    unit: 'per_day',
    direction: 'none',
    needs: ['activities'],
    defaultWeight: 0,
    name_en: 'Activities per day',
    name_zh: '日均活动数',
    formula_en:
      'Activities / active working days (see calls per day). Shown, not ranked: volume alone says little.',
    formula_zh: '活动数 ÷ 在岗工作日（见日均电话数）。仅展示，不参与排名：单看数量说明不了什么。',
  },
  {
    id: 'calls_per_day',
    group: 'activity',
    unit: 'per_day',
    direction: 'higher',
    needs: ['activities'],
    defaultWeight: 1,
    name_en: 'Calls per day',
    name_zh: '日均电话数',
    formula_en:
      "Calls / working days the rep was active in the period. Working days are Monday to Friday minus the holidays in the settings, from the later of the period start, the hire date (or the rep's first record) and the first activity in the data, to the earlier of the period end and the last activity in the data.",
    formula_zh:
      '电话数 ÷ 本期在岗工作日。工作日为周一至周五，减去设置中的节假日；从期初、入职日期（或该销售的首条记录）与数据中首条活动三者中最晚者，到期末与数据中最后一条活动两者中较早者。',
  },
  {
    id: 'meetings_per_week',
    group: 'activity',
    unit: 'per_week',
    direction: 'higher',
    needs: ['activities'],
    defaultWeight: 1,
    name_en: 'Meetings per week',
    name_zh: '周均会面数',
    formula_en: '(Meetings + visits) / (active working days / 5).',
    formula_zh: '（会议数 + 拜访数）÷（在岗工作日 ÷ 5）。',
  },
  {
    id: 'emails_per_day',
    group: 'activity',
    unit: 'per_day',
    direction: 'none',
    needs: ['activities'],
    defaultWeight: 0,
    name_en: 'Emails per day',
    name_zh: '日均邮件数',
    formula_en: 'Emails / active working days. Shown, not ranked.',
    formula_zh: '邮件数 ÷ 在岗工作日。仅展示，不参与排名。',
  },
  {
    id: 'quality_contacts_per_week',
    group: 'activity',
    unit: 'per_week',
    direction: 'higher',
    needs: ['activities', 'activity_accounts', 'tiers'],
    defaultWeight: 3,
    name_en: 'Quality contacts per week',
    name_zh: '周均优质接触数',
    formula_en:
      '(Meetings + visits + connected calls) with target-segment accounts / (active working days / 5). A call is connected when its outcome says it reached someone (e.g. Success, Connected, 已接通); one whose outcome says neither (none, Completed, Call Back) counts when it lasted at least one minute (a duration in seconds is read as such).',
    formula_zh:
      '与目标客户群的（会议 + 拜访 + 接通的电话）÷（在岗工作日 ÷ 5）。结果表明联系上了客户（如 Success、Connected、已接通）的电话算接通；结果未说明是否接通的电话（无结果、Completed、Call Back），时长至少一分钟才算（以秒记录的时长按秒换算）。',
  },
  {
    id: 'substantive_relationships',
    group: 'activity',
    unit: 'count',
    direction: 'higher',
    needs: ['activities', 'activity_accounts'],
    defaultWeight: 2,
    name_en: 'Substantive relationships',
    name_zh: '实质性客户关系数',
    formula_en:
      'Accounts the rep touched at least N times in the period (calls, meetings, visits and emails; N = 3 by default, in the settings), or won a deal with in the period.',
    formula_zh: '本期内销售接触至少 N 次（电话、会议、拜访、邮件；N 默认 3，可在设置中修改）或赢单的客户数。',
  },
  {
    id: 'customers_served',
    group: 'activity',
    unit: 'count',
    direction: 'higher',
    needs: ['activities', 'activity_accounts'],
    defaultWeight: 1,
    name_en: 'Customers served',
    name_zh: '服务客户数',
    formula_en: 'Distinct accounts with an activity or a won deal by the rep in the period.',
    formula_zh: '本期内销售有活动或赢单的不同客户数。',
  },
  {
    id: 'customers_served_existing',
    group: 'activity',
    unit: 'count',
    direction: 'none',
    needs: ['activities', 'activity_accounts'],
    defaultWeight: 0,
    name_en: 'Existing customers served',
    name_zh: '服务的老客户数',
    formula_en: 'Customers served that had a won deal (by anyone) before the period. Shown, not ranked.',
    formula_zh: '服务客户中，本期之前已有赢单（任何销售）的客户数。仅展示，不参与排名。',
  },
  {
    id: 'customers_served_new',
    group: 'activity',
    unit: 'count',
    direction: 'none',
    needs: ['activities', 'activity_accounts'],
    defaultWeight: 0,
    name_en: 'New customers served',
    name_zh: '服务的新客户数',
    formula_en: 'Customers served with no won deal before the period. Shown, not ranked.',
    formula_zh: '服务客户中，本期之前没有赢单的客户数。仅展示，不参与排名。',
  },
  {
    id: 'prospects_created',
    group: 'activity',
    unit: 'count',
    direction: 'none',
    needs: ['created_dates'],
    defaultWeight: 0,
    name_en: 'Prospects created',
    name_zh: '新建商机数',
    formula_en:
      'Deals (opportunities) the rep created in the period, whatever became of them. Shown, not ranked; the weekly rate is ranked.',
    formula_zh: '本期内销售新建的商机数，无论结果如何。仅展示，不参与排名；排名用周均值。',
  },
  {
    id: 'prospects_per_week',
    group: 'activity',
    unit: 'per_week',
    direction: 'higher',
    needs: ['created_dates'],
    defaultWeight: 1,
    name_en: 'Prospects created per week',
    name_zh: '周均新建商机数',
    formula_en: 'Prospects created / (active working days / 5).',
    formula_zh: '新建商机数 ÷（在岗工作日 ÷ 5）。',
  },
  {
    id: 'follow_up_days',
    group: 'activity',
    unit: 'days',
    direction: 'lower',
    needs: ['activities', 'activity_accounts', 'open_deals'],
    defaultWeight: 1,
    name_en: 'Follow-up cadence',
    name_zh: '跟进间隔',
    formula_en:
      "Median days between the rep's consecutive touches, in the period, on accounts where the rep had a deal open at the period end. Lower is better. Empty with fewer than two touches on such accounts.",
    formula_zh:
      '本期内，对期末仍有未结商机的客户，销售相邻两次接触之间天数的中位数。越低越好。此类客户接触少于两次时为空。',
  },
  {
    id: 'pipeline_coverage',
    group: 'activity',
    unit: 'ratio',
    direction: 'higher',
    needs: ['open_deals', 'quotas'],
    defaultWeight: 1,
    name_en: 'Pipeline coverage',
    name_zh: '管道覆盖率',
    formula_en:
      "Open pipeline / quota still to win. Open pipeline: amounts of the rep's deals created by the period end and not closed by then. Quota still to win: while the period is running, its quota minus won revenue; once it is over, the next period's quota. Empty without a quota, or when the quota is already met.",
    formula_zh:
      '未结管道 ÷ 待完成配额。未结管道：期末前创建、期末时仍未结的商机金额。待完成配额：期间进行中时为本期配额减去赢单金额；期间结束后为下一期配额。没有配额或配额已完成时为空。',
  },
];

export const KPI_IDS: readonly KpiId[] = KPI_DEFINITIONS.map((d) => d.id);

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
