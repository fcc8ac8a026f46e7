import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { callConnected, callOutcomeClass, type CallOutcomeClass } from '../../shared/import/call-outcome';

const DATA = path.resolve(import.meta.dirname, '../../../shared/data');

describe('callOutcomeClass: what the outcome text says', () => {
  it.each<[string, CallOutcomeClass]>([
    // Salesforce DTC_Telephony "Call Result", every value in the sample.
    ['Success', 'connected'],
    ['Call Unsuccessful', 'not_connected'],
    ['Disconnected', 'not_connected'],
    ['Do Not Call', 'not_connected'],
    ['Call Back', null],
    // Salesforce task statuses (DTC_Task's Status is the only result column it has).
    ['Not Started', null],
    ['In Progress', null],
    ['Completed', null],
    ['Open', null],
    ['Deferred', null],
    ['Waiting on someone else', null],
    // HubSpot call outcomes.
    ['Connected', 'connected'],
    ['Busy', 'not_connected'],
    ['No answer', 'not_connected'],
    ['Left voicemail', 'not_connected'],
    ['Left live message', 'not_connected'],
    ['Wrong number', 'not_connected'],
    // Dialer dispositions and free text.
    ['Successful', 'connected'],
    ['SUCCESS', 'connected'],
    ['Answered', 'connected'],
    ['Not answered', 'not_connected'],
    ['Unanswered', 'not_connected'],
    ['Reached', 'connected'],
    ['Not reached', 'not_connected'],
    ['Spoke with decision maker', 'connected'],
    ['Conversation', 'connected'],
    ['Contact made', 'connected'],
    ['No contact', 'not_connected'],
    ['Meeting booked', 'connected'],
    ['Meeting Set', 'connected'],
    ['Interested', 'connected'],
    ['Not interested', 'connected'],
    ['Callback requested', 'connected'],
    ['Callback', null],
    ['call-back', null],
    ['Voicemail', 'not_connected'],
    ['Voice mail', 'not_connected'],
    ['VM', 'not_connected'],
    ['Answering machine', 'not_connected'],
    ['Failed', 'not_connected'],
    ['no-answer', 'not_connected'],
    ['NO_ANSWER', 'not_connected'],
    ['Busy signal', 'not_connected'],
    ['Not in service', 'not_connected'],
    ['Canceled', 'not_connected'],
    ['Missed', 'not_connected'],
    ["Didn't connect", 'not_connected'],
    ['Couldn’t reach', 'not_connected'],
    ['Did not get connected', 'not_connected'],
    ['No one answered', 'not_connected'],
    ['Connected - left voicemail', 'not_connected'],
    ['Answered by voicemail', 'not_connected'],
    ['Hung up', null],
    ['Gatekeeper', null],
    ['Follow up', null],
    ['', null],
    ['   ', null],
    // Chinese CRMs' 通话结果.
    ['已接通', 'connected'],
    ['接通', 'connected'],
    ['通话成功', 'connected'],
    ['已联系', 'connected'],
    ['联系上了', 'connected'],
    ['有效通话', 'connected'],
    ['已沟通', 'connected'],
    ['有意向', 'connected'],
    ['无意向', 'connected'],
    ['不感兴趣', 'connected'],
    ['已预约', 'connected'],
    ['客户要求回电', 'connected'],
    ['未接通', 'not_connected'],
    ['未接', 'not_connected'],
    ['无人接听', 'not_connected'],
    ['占线', 'not_connected'],
    ['关机', 'not_connected'],
    ['停机', 'not_connected'],
    ['空号', 'not_connected'],
    ['拒接', 'not_connected'],
    ['无法接通', 'not_connected'],
    ['未联系上', 'not_connected'],
    ['未联系', 'not_connected'],
    ['无效通话', 'not_connected'],
    ['通话失败', 'not_connected'],
    ['不成功', 'not_connected'],
    ['已留言', 'not_connected'],
    ['回电', null],
    ['已完成', null],
    ['进行中', null],
    ['未开始', null],
  ])('%j -> %s', (outcome, expected) => {
    expect(callOutcomeClass(outcome)).toBe(expected);
  });

  it('null says nothing', () => {
    expect(callOutcomeClass(null)).toBeNull();
  });
});

describe('callConnected', () => {
  it('follows the outcome when it says something, whatever the duration', () => {
    for (const d of [null, 0, 0.5, 1, 30]) {
      expect(callConnected('Success', d)).toBe(true);
      expect(callConnected('已接通', d)).toBe(true);
      expect(callConnected('No answer', d)).toBe(false);
      expect(callConnected('Left voicemail', d)).toBe(false);
      expect(callConnected('未接通', d)).toBe(false);
    }
  });

  it('with no usable outcome, counts the call when it lasted at least a minute', () => {
    for (const outcome of [null, '', 'Not Started', 'In Progress', 'Completed', 'Call Back', 'whatever']) {
      expect(callConnected(outcome, null), `${outcome} null`).toBe(false);
      expect(callConnected(outcome, 0), `${outcome} 0`).toBe(false);
      expect(callConnected(outcome, 0.99), `${outcome} 0.99`).toBe(false);
      expect(callConnected(outcome, 1), `${outcome} 1`).toBe(true);
      expect(callConnected(outcome, 12.5), `${outcome} 12.5`).toBe(true);
    }
  });

  it('the Salesforce DTC telephony sample: Success connects, and a Call Back of a minute or more', () => {
    const rows = Papa.parse<Record<string, string>>(
      readFileSync(path.join(DATA, 'salesforce-dtc-sample/DTC_Telephony.csv'), 'utf8'),
      { header: true, skipEmptyLines: true },
    ).data;
    const connected = new Map<string, number>();
    for (const row of rows) {
      const result = row['Call Result'] as string;
      // The import reads CallDurationInSeconds as minutes (seconds / 60).
      const minutes = Number(row['CallDurationInSeconds']) / 60;
      const key = `${result}: ${callConnected(result, minutes)}`;
      connected.set(key, (connected.get(key) ?? 0) + 1);
    }
    // Counted by hand from the file: 319 of the 342 callbacks lasted 60 s or more.
    expect(Object.fromEntries([...connected].sort())).toEqual({
      'Call Back: false': 23,
      'Call Back: true': 319,
      'Call Unsuccessful: false': 390,
      'Disconnected: false': 341,
      'Do Not Call: false': 314,
      'Success: true': 451,
    });
    expect(callConnected('Call Back', 59 / 60)).toBe(false);
    expect(callConnected('Call Unsuccessful', 143 / 60)).toBe(false);
  });
});
