/**
 * Did a call reach someone? Exports say it in the call's result or disposition (Salesforce
 * `CallDisposition` and DTC "Call Result", HubSpot call outcomes, dialer dispositions, Chinese
 * CRMs' 通话结果), and some only in the task's status or the call's duration. The rule:
 *
 * 1. An outcome that says the call did not reach anyone wins: no answer, voicemail, busy,
 *    unsuccessful, failed, disconnected, wrong number, do not call, 未接通, 无人接听, 占线,
 *    关机, 空号... and any "not / no / didn't / couldn't / unable to" before a word that would
 *    say it did ("Not answered", "Did not connect", "No conversation").
 * 2. Else an outcome that says it did: success, connected, answered, reached, spoke,
 *    conversation, contact made, meeting booked, interested (and not interested: someone said
 *    so), callback requested, 已接通, 接通, 通话成功, 已联系, 有效通话...
 * 3. Else the outcome says nothing about the call, and the call counts when it lasted at least a
 *    minute. That covers no outcome at all, words we do not know, task statuses (Not Started,
 *    In Progress, Open, Deferred, Completed: Salesforce logs every call as a Completed task,
 *    voicemails included) and "Call Back", which is a callback the contact asked for or one the
 *    rep must make after no answer; the talk time tells which.
 *
 * Matching is on normalised text (NFKC, lower case, apostrophes dropped, punctuation as spaces),
 * English by whole words, Chinese by substring.
 */

export type CallOutcomeClass = 'connected' | 'not_connected' | null;

/** Phrases (whole words) and Chinese substrings that say the call did not reach anyone. */
const NOT_CONNECTED_WORDS = [
  'no answer',
  'not answered',
  'unanswered',
  'no response',
  'no pickup',
  'no pick up',
  'not picked up',
  'ring no answer',
  'rna',
  'missed',
  'voicemail',
  'voice mail',
  'vm',
  'lvm',
  'left message',
  'message left',
  'left live message',
  'answering machine',
  'machine',
  'busy',
  'line busy',
  'busy signal',
  'unsuccessful',
  'not successful',
  'failed',
  'failure',
  'fail',
  'error',
  'disconnected',
  'dropped',
  'wrong number',
  'bad number',
  'invalid number',
  'wrong person',
  'not in service',
  'out of service',
  'do not call',
  'dont call',
  'dnc',
  'no contact',
  'not contacted',
  'uncontacted',
  'unreachable',
  'not reached',
  'not available',
  'unavailable',
  'rejected',
  'declined',
  'cancelled',
  'canceled',
];
const NOT_CONNECTED_ZH = [
  '未接',
  '无人接',
  '没人接',
  '无应答',
  '无人应答',
  '未应答',
  '占线',
  '忙线',
  '忙音',
  '关机',
  '停机',
  '空号',
  '错号',
  '号码错误',
  '号码有误',
  '拒接',
  '拒听',
  '无法接通',
  '接不通',
  '打不通',
  '联系不上',
  '未联系',
  '不在服务区',
  '语音信箱',
  '留言',
  '失败',
  '无效',
  '勿扰',
  '请勿致电',
  '勿电',
  '取消',
];
/** A negation before a word that would say the call connected: "did not connect", 未联系上. */
const NEGATED_EN =
  /\b(not|no|never|didnt|did not|couldnt|could not|cant|cannot|can not|unable to|failed to|wasnt|was not|werent|were not|without|nobody|no one)\s+(\w+\s+)?(connect|connected|connection|answer|answered|reach|reached|speak|spoke|spoken|talk|talked|contact|contacted|conversation|success|successful|succeeded|pick|picked)\b/;
const NEGATED_ZH = /[未没无不][有法能]?(接通|接听|联系上|联系到|成功|通话|沟通)/;

const CONNECTED_WORDS = [
  'success',
  'successful',
  'succeeded',
  'connected',
  'connect',
  'answered',
  'reached',
  'spoke',
  'spoken',
  'talked',
  'conversation',
  'live conversation',
  'contact made',
  'contacted',
  'right party contact',
  'correct contact',
  'rpc',
  'meeting booked',
  'meeting set',
  'meeting scheduled',
  'appointment booked',
  'appointment set',
  'appointment scheduled',
  'demo booked',
  'demo set',
  'demo scheduled',
  'interested',
  'not interested',
  'callback requested',
  'call back requested',
  'requested callback',
  'requested call back',
  'asked to call back',
];
const CONNECTED_ZH = [
  '接通',
  '已接听',
  '通话成功',
  '成功',
  '已联系',
  '联系上',
  '联系到',
  '已沟通',
  '有效通话',
  '有意向',
  '无意向',
  '感兴趣',
  '已预约',
  '预约成功',
  '约见',
  '要求回电',
  '约定回电',
];

/** NFKC, lower case, apostrophes dropped ("didn't" -> "didnt"), other punctuation as spaces. */
function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function hasWord(padded: string, words: readonly string[]): boolean {
  return words.some((w) => padded.includes(` ${w} `));
}

/** What the outcome text says about the call: connected, not connected, or nothing (null). */
export function callOutcomeClass(outcome: string | null): CallOutcomeClass {
  if (outcome === null) return null;
  const text = normalise(outcome);
  if (text === '') return null;
  const padded = ` ${text} `;
  if (
    hasWord(padded, NOT_CONNECTED_WORDS) ||
    NEGATED_EN.test(text) ||
    NOT_CONNECTED_ZH.some((w) => text.includes(w)) ||
    NEGATED_ZH.test(text)
  ) {
    return 'not_connected';
  }
  if (hasWord(padded, CONNECTED_WORDS) || CONNECTED_ZH.some((w) => text.includes(w))) return 'connected';
  return null;
}

/**
 * A call reached someone when its outcome says so; not when it says otherwise; and, when the
 * outcome says nothing about the call (none, a task status, "Call Back", unknown words), when it
 * lasted at least a minute.
 */
export function callConnected(outcome: string | null, durationMin: number | null): boolean {
  const said = callOutcomeClass(outcome);
  if (said !== null) return said === 'connected';
  return durationMin !== null && durationMin >= 1;
}
