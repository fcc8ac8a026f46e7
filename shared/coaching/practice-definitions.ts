import { KPI_BY_ID, type KpiDirection, type KpiId, type KpiUnit } from '../kpi/kpi-definitions';

/**
 * The practices compared between the top performers and the rest: the "how" behind results.
 * A practice that is also a KPI keeps the KPI's id, unit, direction and formula, so the team view,
 * the rep view, practices.csv and the ranking never disagree on what a figure means.
 */
export type PracticeId =
  | 'activities_per_day'
  | 'calls_per_day'
  | 'meetings_per_week'
  | 'visits_per_week'
  | 'emails_per_day'
  | 'face_to_face_share'
  | 'quality_contacts_per_week'
  | 'target_tier_activity_share'
  | 'substantive_relationships'
  | 'customers_served'
  | 'customers_served_existing'
  | 'customers_served_new'
  | 'prospects_per_week'
  | 'conversion_to_prospect'
  | 'conversion_to_target_customer'
  | 'conversion_to_signed'
  | 'win_rate'
  | 'sales_cycle_days'
  | 'avg_deal_size'
  | 'follow_up_days'
  | 'pipeline_coverage';

export type PracticeCategory = 'activity' | 'coverage' | 'relationships' | 'funnel' | 'deals';

export interface PracticeDefinition {
  id: PracticeId;
  /** The KPI it is, when it is one. */
  kpi: KpiId | null;
  category: PracticeCategory;
  unit: KpiUnit;
  direction: Exclude<KpiDirection, 'none'> | 'none';
  name_en: string;
  name_zh: string;
  formula_en: string;
  formula_zh: string;
  /** The results it drives: the "relevant" of a SMART+C goal. */
  drives_en: string;
  drives_zh: string;
  /**
   * Practices that measure overlapping work share a group; a plan holds at most one goal per
   * group so that two goals never ask for the same hours twice (the "consistent" of SMART+C).
   */
  overlap: string | null;
  /**
   * Minutes of working time one more unit a week takes (a call 10 min, a meeting 60, a visit 120
   * with travel, an email 5); null when the practice is not paid for in time. With the plan's time
   * budget this keeps the activity goals achievable together.
   */
  minutesPerUnit: number | null;
}

/** Fields a KPI-backed practice takes from the KPI registry. */
function fromKpi(
  id: PracticeId & KpiId,
  rest: Pick<PracticeDefinition, 'category' | 'drives_en' | 'drives_zh' | 'overlap' | 'minutesPerUnit'>,
): PracticeDefinition {
  const kpi = KPI_BY_ID.get(id);
  if (!kpi) throw new Error(`practice ${id} names no KPI`);
  return {
    id,
    kpi: id,
    unit: kpi.unit,
    // Activities per day and emails per day are shown but not ranked as KPIs ("volume alone says
    // little"); as practices more is the direction a coach would push, and the data decides
    // whether it separates the top performers at all.
    direction: kpi.direction === 'none' ? 'higher' : kpi.direction,
    name_en: kpi.name_en,
    name_zh: kpi.name_zh,
    formula_en: kpi.formula_en,
    formula_zh: kpi.formula_zh,
    ...rest,
  };
}

export const PRACTICE_DEFINITIONS: readonly PracticeDefinition[] = [
  fromKpi('activities_per_day', {
    category: 'activity',
    drives_en: 'pipeline created and, with good targeting, revenue',
    drives_zh: '新建商机，配合精准定位带来业绩',
    overlap: 'volume',
    minutesPerUnit: 15,
  }),
  fromKpi('calls_per_day', {
    category: 'activity',
    drives_en: 'prospects reached and opportunities created (5.5 → 6 calls a day was worth 6%)',
    drives_zh: '触达的潜在客户与新建商机（每天电话 5.5 → 6 个带来 6% 的提升）',
    overlap: 'volume',
    minutesPerUnit: 10,
  }),
  fromKpi('meetings_per_week', {
    category: 'activity',
    drives_en: 'deals advanced and won',
    drives_zh: '推进并赢下商机',
    overlap: 'meetings',
    minutesPerUnit: 60,
  }),
  {
    id: 'visits_per_week',
    kpi: null,
    category: 'activity',
    unit: 'per_week',
    direction: 'higher',
    name_en: 'Visits per week',
    name_zh: '周均拜访数',
    formula_en: 'On-site visits / (active working days / 5).',
    formula_zh: '上门拜访数 ÷（在岗工作日 ÷ 5）。',
    drives_en: 'relationships with key accounts and larger deals',
    drives_zh: '与重点客户的关系及更大的单量',
    overlap: 'meetings',
    minutesPerUnit: 120,
  },
  fromKpi('emails_per_day', {
    category: 'activity',
    drives_en: 'follow-up between contacts',
    drives_zh: '两次接触之间的跟进',
    overlap: 'volume',
    minutesPerUnit: 5,
  }),
  {
    id: 'face_to_face_share',
    kpi: null,
    category: 'activity',
    unit: 'ratio',
    direction: 'higher',
    name_en: 'Face-to-face share',
    name_zh: '面谈占比',
    formula_en: '(Meetings + visits) / (calls + meetings + visits + emails) in the period.',
    formula_zh: '（会议数 + 拜访数）÷（电话 + 会议 + 拜访 + 邮件）。',
    drives_en: 'conversion of the contacts a rep already makes',
    drives_zh: '提高已有接触的转化',
    overlap: null,
    minutesPerUnit: null,
  },
  fromKpi('quality_contacts_per_week', {
    category: 'coverage',
    drives_en: 'revenue and penetration in the target segment',
    drives_zh: '目标客户群的业绩与渗透率',
    overlap: 'meetings',
    minutesPerUnit: 60,
  }),
  {
    id: 'target_tier_activity_share',
    kpi: null,
    category: 'coverage',
    unit: 'ratio',
    direction: 'higher',
    name_en: 'Time on target tiers',
    name_zh: '目标客户活动占比',
    formula_en:
      "Share of the rep's activities with an account that fall on accounts of the target tiers (A and B by default).",
    formula_zh: '关联客户的活动中，落在目标分级客户（默认 A、B 类）上的比例。',
    drives_en: 'revenue from the most valuable customers',
    drives_zh: '来自最有价值客户的业绩',
    overlap: null,
    minutesPerUnit: null,
  },
  fromKpi('substantive_relationships', {
    category: 'relationships',
    drives_en: 'repeat purchases and won revenue (top reps hold about 2x as many)',
    drives_zh: '续购与赢单金额（顶尖销售约为一般销售的 2 倍）',
    overlap: 'relationships',
    minutesPerUnit: null,
  }),
  fromKpi('customers_served', {
    category: 'relationships',
    drives_en: 'revenue across more customers (top reps serve 1.5x or more)',
    drives_zh: '更多客户带来的业绩（顶尖销售服务客户数为 1.5 倍以上）',
    overlap: 'customers',
    minutesPerUnit: null,
  }),
  fromKpi('customers_served_existing', {
    category: 'relationships',
    drives_en: 'repeat purchases from existing customers',
    drives_zh: '老客户续购',
    overlap: 'customers',
    minutesPerUnit: null,
  }),
  fromKpi('customers_served_new', {
    category: 'relationships',
    drives_en: 'new customers won',
    drives_zh: '新客户赢单',
    overlap: 'customers',
    minutesPerUnit: null,
  }),
  fromKpi('prospects_per_week', {
    category: 'funnel',
    drives_en: 'prospects developed: the first factor of revenue',
    drives_zh: '客户开发量：业绩的第一个因子',
    overlap: null,
    minutesPerUnit: null,
  }),
  {
    id: 'conversion_to_prospect',
    kpi: null,
    category: 'funnel',
    unit: 'ratio',
    direction: 'higher',
    name_en: 'Conversion: target market → prospect',
    name_zh: '转化率：目标市场 → 潜在客户',
    formula_en:
      "Of the rep's deals created in the period, those that reached the prospect stage / those at the target-market stage or later.",
    formula_zh: '本期新建商机中，到达潜在客户阶段的数量 ÷ 处于目标市场阶段及以后的数量。',
    drives_en: 'conversion: the second factor of revenue',
    drives_zh: '转化效率：业绩的第二个因子',
    overlap: null,
    minutesPerUnit: null,
  },
  {
    id: 'conversion_to_target_customer',
    kpi: null,
    category: 'funnel',
    unit: 'ratio',
    direction: 'higher',
    name_en: 'Conversion: prospect → target customer',
    name_zh: '转化率：潜在客户 → 目标客户',
    formula_en:
      'Deals created in the period that reached the target-customer stage / those that reached prospect.',
    formula_zh: '本期新建商机中，到达目标客户阶段的数量 ÷ 到达潜在客户阶段的数量。',
    drives_en: 'conversion: the second factor of revenue',
    drives_zh: '转化效率：业绩的第二个因子',
    overlap: null,
    minutesPerUnit: null,
  },
  {
    id: 'conversion_to_signed',
    kpi: null,
    category: 'funnel',
    unit: 'ratio',
    direction: 'higher',
    name_en: 'Conversion: target customer → signed',
    name_zh: '转化率：目标客户 → 签约',
    formula_en:
      'Deals created in the period that were signed (won) / those that reached the target-customer stage.',
    formula_zh: '本期新建商机中，签约（赢单）数量 ÷ 到达目标客户阶段的数量。',
    drives_en: 'conversion: the second factor of revenue',
    drives_zh: '转化效率：业绩的第二个因子',
    overlap: null,
    minutesPerUnit: null,
  },
  fromKpi('win_rate', {
    category: 'funnel',
    drives_en: 'won revenue from the same pipeline',
    drives_zh: '同样的商机赢得更多业绩',
    overlap: null,
    minutesPerUnit: null,
  }),
  fromKpi('sales_cycle_days', {
    category: 'deals',
    drives_en: 'more deals closed in the same time',
    drives_zh: '同样时间内结更多单',
    overlap: null,
    minutesPerUnit: null,
  }),
  fromKpi('avg_deal_size', {
    category: 'deals',
    drives_en: 'order size: the third factor of revenue',
    drives_zh: '单量：业绩的第三个因子',
    overlap: null,
    minutesPerUnit: null,
  }),
  fromKpi('follow_up_days', {
    category: 'deals',
    drives_en: 'open deals kept moving instead of stalling',
    drives_zh: '推动未结商机、避免停滞',
    overlap: null,
    minutesPerUnit: null,
  }),
  fromKpi('pipeline_coverage', {
    category: 'deals',
    drives_en: 'next period’s revenue: enough pipeline to hit the quota',
    drives_zh: '下期业绩：足够的管道完成配额',
    overlap: null,
    minutesPerUnit: null,
  }),
];

export const PRACTICE_IDS: readonly PracticeId[] = PRACTICE_DEFINITIONS.map((d) => d.id);

export const PRACTICE_BY_ID: ReadonlyMap<PracticeId, PracticeDefinition> = new Map(
  PRACTICE_DEFINITIONS.map((d) => [d.id, d]),
);

/** The same map, looked up by any string (an id read from a page or a saved row). */
const PRACTICE_BY_ANY_ID: ReadonlyMap<string, PracticeDefinition> = PRACTICE_BY_ID;

export function isPracticeId(value: unknown): value is PracticeId {
  return typeof value === 'string' && PRACTICE_BY_ANY_ID.has(value);
}

/** Practices that count raw activity volume: the team view says whether volume separates the quartiles. */
export const VOLUME_PRACTICES: readonly PracticeId[] = [
  'activities_per_day',
  'calls_per_day',
  'emails_per_day',
];
