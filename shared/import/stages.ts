import type { DealStatus } from '../domain/types';

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
  /open|prospect|qualif|proposal|negotiat|engag|discover|nurtur|contact|opened|pending|\bnew\b|accepted|\blead\b|\bmql\b|\bsql\b|working|attempt|demo|quote|进行|跟进|初步|需求|方案|谈判|报价|商务|线索|新建/;

export function classifyStage(
  stage: string,
  overrides?: ReadonlyMap<string, DealStatus>,
): StageClassification {
  const key = stageKey(stage);
  const override = overrides?.get(key);
  if (override) return { status: override, known: true };
  const status = TABLE.get(key);
  if (status) return { status, known: true };
  return { status: 'open', known: OPEN_HINTS.test(key) };
}
