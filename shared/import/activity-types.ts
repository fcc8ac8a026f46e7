import type { ActivityType } from '../domain/types';

/**
 * Maps a CRM's activity type text to the app's activity types. Salesforce tasks carry
 * `TaskSubtype` Call / Email / Task; events are meetings unless their type says visit.
 */
const RULES: [RegExp, ActivityType][] = [
  [/visit|on.?site|field|face.?to.?face|拜访|上门|面访|走访/i, 'visit'],
  [/call|phone|dial|telephon|电话|致电|通话/i, 'call'],
  [/meet|demo|event|appointment|presentation|workshop|lunch|会议|会面|演示|见面|约见/i, 'meeting'],
  [/e-?mail|mail|邮件/i, 'email'],
  [/task|to-?do|follow.?up|prep|任务|待办/i, 'task'],
];

export function classifyActivityType(raw: string | null, fallback: ActivityType): ActivityType {
  if (raw === null || raw.trim() === '') return fallback;
  for (const [pattern, type] of RULES) if (pattern.test(raw)) return type;
  return 'other';
}
