/**
 * The activity figures, rep by rep: one walk over the rep's activities in the period counts them
 * by type, counts the quality contacts, stamps each account touched (touches per account, for
 * customers served and substantive relationships), adds each activity to its tier slot (coverage)
 * and collects the follow-up gaps on accounts with a deal open.
 */
import * as domain from '../domain/types';
import * as layout from './pass-layout';
import type { RepScratch } from './pass-layout';
import * as shapes from './kpi-types';

// Local copies: an imported binding read in a hot loop is a getter call (see pass-layout.ts).
const { ACTIVITY_CONNECTED, NO_DAY } = domain;
const ACTIVITY_TYPES = domain.ACTIVITY_TYPES;
const CALL = ACTIVITY_TYPES.indexOf('call');
const MEETING = ACTIVITY_TYPES.indexOf('meeting');
const VISIT = ACTIVITY_TYPES.indexOf('visit');
const EMAIL = ACTIVITY_TYPES.indexOf('email');
const { STRIDE, F_STAMP, F_TOUCHES, F_LAST, F_OPEN, F_SLOT, F_TARGET } = layout;
const { S_ACTIVITIES, S_CALLS, S_MEETINGS, S_VISITS, S_EMAILS, S_QUALITY } = layout;
const { NO_ACCOUNT_SLOT } = shapes;
// countActivities counts the tier slots in four locals: a fifth tier fails to compile here.
const TIER_SLOTS: 4 = domain.TIERS.length;

/**
 * By type code (any code, so one outside ACTIVITY_TYPES counts as none of them): whether an
 * activity of the type is a touch (a call, meeting, visit or email: touches per account and
 * follow-up gaps), and, at index type * 2 + connected bit, whether it is a quality contact when
 * its account is in the target segment (a meeting, a visit, a connected call).
 */
const TOUCH = new Uint8Array(256);
const QUALITY_IF_TARGET = new Uint8Array(512);
for (const t of [CALL, MEETING, VISIT, EMAIL]) TOUCH[t] = 1;
QUALITY_IF_TARGET[CALL * 2 + 1] = 1;
for (const t of [MEETING, VISIT]) {
  QUALITY_IF_TARGET[t * 2] = 1;
  QUALITY_IF_TARGET[t * 2 + 1] = 1;
}

/**
 * The rep's activities in the period (start..end): counts by type, quality contacts, touches per
 * account, activities per tier slot, and the follow-up gaps on accounts with an open deal.
 * Returns how many of them name an account.
 */
export function countActivities(
  types: Uint8Array,
  accounts: Int32Array,
  days: Int32Array,
  flags: Uint8Array,
  start: number,
  end: number,
  mark: number,
  acct: Int32Array,
  byTier: Float64Array,
  tierBase: number,
  sc: RepScratch,
  stats: Float64Array,
  base: number,
): number {
  let calls = 0;
  let meetings = 0;
  let visits = 0;
  let emails = 0;
  let quality = 0;
  let withAccount = 0;
  let slotA = 0;
  let slotB = 0;
  let slotC = 0;
  let slotD = 0;
  let gaps = sc.gaps;
  let gapCount = 0;
  const touched = sc.touched;
  let touchedCount = 0;
  for (let i = start; i < end; i++) {
    const type = types[i] as number;
    const account = accounts[i] as number;
    // Counted without branching on the type: the types of a rep's activities follow no pattern
    // a branch predictor could learn, and a mispredicted branch here stalled every activity.
    calls += +(type === CALL);
    meetings += +(type === MEETING);
    visits += +(type === VISIT);
    emails += +(type === EMAIL);
    if (account < 0) continue;
    const at = account * STRIDE;
    // Per tier slot in locals, not byTier[slot]++: increments of one array element, each behind
    // a slot load that misses the cache, made the loop about a tenth slower at 10M activities.
    const slot = acct[at + F_SLOT] as number;
    slotA += +(slot === 0);
    slotB += +(slot === 1);
    slotC += +(slot === 2);
    slotD += +(slot === 3);
    withAccount++;
    if (acct[at + F_STAMP] !== mark) {
      acct[at + F_STAMP] = mark;
      acct[at + F_TOUCHES] = 0;
      acct[at + F_LAST] = NO_DAY;
      touched[touchedCount++] = account;
    }
    quality +=
      (QUALITY_IF_TARGET[type * 2 + +(((flags[i] as number) & ACTIVITY_CONNECTED) !== 0)] as number) &
      (acct[at + F_TARGET] as number);
    const touch = TOUCH[type] as number;
    acct[at + F_TOUCHES]! += touch;
    if (touch !== 0 && acct[at + F_OPEN] === mark) {
      const day = days[i] as number;
      const last = acct[at + F_LAST] as number;
      if (last !== NO_DAY) {
        if (gapCount === gaps.length) {
          const bigger = new Float64Array(gaps.length * 2);
          bigger.set(gaps);
          gaps = bigger;
        }
        gaps[gapCount++] = day - last;
      }
      acct[at + F_LAST] = day;
    }
  }
  byTier[tierBase]! += slotA;
  byTier[tierBase + 1]! += slotB;
  byTier[tierBase + 2]! += slotC;
  byTier[tierBase + TIER_SLOTS - 1]! += slotD;
  byTier[tierBase + NO_ACCOUNT_SLOT]! += end - start - withAccount;
  sc.gaps = gaps;
  sc.gapCount = gapCount;
  sc.touchedCount = touchedCount;
  stats[base + S_ACTIVITIES] = end - start;
  stats[base + S_CALLS] = calls;
  stats[base + S_MEETINGS] = meetings;
  stats[base + S_VISITS] = visits;
  stats[base + S_EMAILS] = emails;
  stats[base + S_QUALITY] = quality;
  return withAccount;
}
