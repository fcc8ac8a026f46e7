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
  let gaps = sc.gaps;
  let gapCount = 0;
  const touched = sc.touched;
  let touchedCount = 0;
  for (let i = start; i < end; i++) {
    const type = types[i] as number;
    const account = accounts[i] as number;
    if (account < 0) {
      byTier[tierBase + NO_ACCOUNT_SLOT]!++;
      if (type === CALL) calls++;
      else if (type === MEETING) meetings++;
      else if (type === VISIT) visits++;
      else if (type === EMAIL) emails++;
      continue;
    }
    const at = account * STRIDE;
    byTier[tierBase + (acct[at + F_SLOT] as number)]!++;
    withAccount++;
    if (acct[at + F_STAMP] !== mark) {
      acct[at + F_STAMP] = mark;
      acct[at + F_TOUCHES] = 0;
      acct[at + F_LAST] = NO_DAY;
      touched[touchedCount++] = account;
    }
    // Quality: a meeting, a visit or a connected call with a target-segment account.
    if (type === CALL) {
      calls++;
      if (acct[at + F_TARGET] === 1 && ((flags[i] as number) & ACTIVITY_CONNECTED) !== 0) quality++;
    } else if (type === MEETING) {
      meetings++;
      if (acct[at + F_TARGET] === 1) quality++;
    } else if (type === VISIT) {
      visits++;
      if (acct[at + F_TARGET] === 1) quality++;
    } else if (type === EMAIL) emails++;
    else continue;
    acct[at + F_TOUCHES]!++;
    if (acct[at + F_OPEN] === mark) {
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
