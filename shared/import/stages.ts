import type { StageChoice } from './mapping-types';
import type { DealStatus, FunnelStage } from '../domain/types';

/**
 * Maps a CRM's stage or status text to won / lost / open. Defaults cover the presets' spellings;
 * anything unknown is open (never silently won or lost) and is reported to the user.
 */
const WON = [
  'won',
  'closed won',
  'closedwon',
  'deal won',
  'win',
  'closed - won',
  'customer',
  // A churned customer was won first; the churn is a later event, not a lost deal.
  'churned customer',
  'signed',
  'contract signed',
  'paid',
  '赢单',
  '赢单关闭',
  '成交',
  '已成交',
  '签约',
  '已签约',
  '回款',
  '已回款',
];

const LOST = [
  'lost',
  'closed lost',
  'closedlost',
  'deal lost',
  'loss',
  'closed - lost',
  'canceled',
  'cancelled',
  'disqualified',
  'out-sold',
  'outsold',
  '输单',
  '输单关闭',
  '丢单',
  '失败',
  '已取消',
  '无效',
];

export function stageKey(stage: string): string {
  return stage
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, ' ');
}

const TABLE = new Map<string, DealStatus>([
  ...WON.map((s): [string, DealStatus] => [stageKey(s), 'won']),
  ...LOST.map((s): [string, DealStatus] => [stageKey(s), 'lost']),
]);

export interface StageClassification {
  status: DealStatus;
  /** False when the stage was not in the table and was taken as open. */
  known: boolean;
}

const OPEN_HINTS =
  /open|prospect|qualif|proposal|negotiat|engag|discover|nurtur|contact|opened|pending|\bnew\b|accepted|\blead\b|\bmql\b|\bsql\b|working|attempt|demo|quote|appointment|presentation|decision|contract|needs|进行|跟进|初步|需求|方案|谈判|报价|商务|线索|新建|验证|审核|确定/;

export function classifyStage(
  stage: string,
  overrides?: ReadonlyMap<string, DealStatus>,
): StageClassification {
  const key = stageKey(stage);
  const override = overrides?.get(key);
  if (override) return { status: override, known: true };
  const status = TABLE.get(key);
  if (status) return { status, known: true };
  // A stage that names a funnel stage is a known open stage.
  return {
    status: 'open',
    known: OPEN_HINTS.test(key) || FUNNEL_RULES.some(([pattern]) => pattern.test(key)),
  };
}

/**
 * The funnel stage a stage text stands for, by default. Won deals are signed; an open deal's stage
 * names where it is (the presets' pipelines: Salesforce, HubSpot, Pipedrive, Zoho, Dynamics,
 * 纷享销客, 销售易); a lost deal keeps the stage it was lost at when its text names one
 * ("Lost - Negotiation"), else null. Null means the stage does not say, never a guess.
 */
const FUNNEL_RULES: readonly (readonly [RegExp, FunnelStage])[] = [
  [/target market|\bsuspects?\b|\bcold\b|untouched|not contacted|目标市场|潜在市场/, 'target_market'],
  [/disqualif|unqualif|not qualif/, 'prospect'],
  [
    /qualif|\bsql\b|needs|analysis|discover|engag|demo|present|propos|quote|negotiat|review|decision|contract|commit|develop|verbal|需求|方案|报价|谈判|商务|审核|意向|确定|合同/,
    'target_customer',
  ],
  [
    /prospect|\blead|\bnew\b|\bmql\b|contact|attempt|appointment|nurtur|线索|新建|初步|接洽|验证|跟进|潜在/,
    'prospect',
  ],
];

export function funnelStage(stage: string, status: DealStatus): FunnelStage | null {
  if (status === 'won') return 'signed';
  const key = stageKey(stage);
  for (const [pattern, funnel] of FUNNEL_RULES) if (pattern.test(key)) return funnel;
  return null;
}

/** Raw stage text -> the user's choice; looked up by stageKey, so case and spacing do not matter. */
export type StageOverrides = ReadonlyMap<string, StageChoice>;

export function stageOverrides(map: Readonly<Record<string, StageChoice>> | undefined): StageOverrides {
  const out = new Map<string, StageChoice>();
  for (const [stage, choice] of Object.entries(map ?? {})) out.set(stageKey(stage), choice);
  return out;
}

/** The default (or the user's) outcome and funnel stage of one stage text. */
export function stageChoice(
  stage: string,
  overrides?: StageOverrides,
): StageChoice & { known: boolean; overridden: boolean } {
  const override = overrides?.get(stageKey(stage));
  if (override) return { ...override, known: true, overridden: true };
  const { status, known } = classifyStage(stage);
  return { status, funnel: funnelStage(stage, status), known, overridden: false };
}

/**
 * Outcome and funnel stage of one deal from its stage and status cells. The stage decides; a
 * won or lost status decides when the stage is open or empty (Pipedrive and Dynamics keep the
 * stage the deal was in and the outcome in the status), and a lost deal then keeps the funnel
 * stage it was lost at.
 */
export function dealOutcome(
  stageText: string | null,
  statusText: string | null,
  overrides?: StageOverrides,
): { status: DealStatus; funnel: FunnelStage | null; unknown: string | null } {
  const stage = stageText === null ? null : stageChoice(stageText, overrides);
  const status = statusText === null ? null : stageChoice(statusText, overrides);
  if (stage && stage.status !== 'open') {
    return { status: stage.status, funnel: stage.funnel, unknown: null };
  }
  if (status && status.status !== 'open') {
    // A lost deal keeps the stage it was in, unless the user gave the status a funnel stage.
    const funnel = status.status === 'lost' ? (status.funnel ?? stage?.funnel ?? null) : status.funnel;
    return { status: status.status, funnel, unknown: stage && !stage.known ? stageText : null };
  }
  if (stage)
    return {
      status: 'open',
      funnel: stage.funnel ?? status?.funnel ?? null,
      unknown: stage.known ? null : stageText,
    };
  if (status) return { status: 'open', funnel: status.funnel, unknown: status.known ? null : statusText };
  return { status: 'open', funnel: null, unknown: null };
}
