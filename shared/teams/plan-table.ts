import { sig6 } from '../format/significant';
import type { TeamPlan } from './types';

/** teams.csv's columns (issue #10), in order. */
export const TEAMS_CSV_COLUMNS = [
  'rep',
  'band',
  'current_team',
  'proposed_team',
  'leader',
  'role',
  'moved',
  'focus_practice',
  'rep_value',
  'leader_value',
  'runner_up_team',
  'reason_en',
  'reason_zh',
] as const;

/**
 * One row per person placed (rep id order), then one per person not placed (no proposed team;
 * role `unranked`; the reason says why). The CLI's teams.csv and the app's export both use these
 * rows, so the two files are the same but for the CSV style.
 */
export function teamsCsvRows(plan: TeamPlan): (string | number | boolean | null)[][] {
  const byId = new Map(plan.input.people.map((p) => [p.repId, p]));
  const rows: (string | number | boolean | null)[][] = plan.placements.map((p) => [
    p.rep,
    p.band,
    p.currentTeam,
    p.proposedTeam,
    byId.get(p.leaderId)?.name ?? null,
    p.role,
    p.moved,
    p.focus?.practice ?? null,
    sig6(p.focus?.repValue),
    sig6(p.focus?.leaderValue),
    p.runnerUp?.team ?? null,
    p.text.en,
    p.text.zh,
  ]);
  for (const n of plan.notPlaced) {
    const why =
      n.reason === 'not_in_scenario'
        ? {
            en: 'Not in this scenario (added to the data after it was saved).',
            zh: '不在此方案中（方案保存后才加入数据）。',
          }
        : n.reason === 'joined_after_period'
          ? { en: 'Not placed: joined after this period.', zh: '未安排：在此期间之后入职。' }
          : {
              en: 'Not placed: no data in this period (on leave, left, or not a seller).',
              zh: '未安排：此期间没有数据（休假、离职或非销售岗位）。',
            };
    rows.push([
      n.rep,
      'unranked',
      n.team,
      null,
      null,
      'unranked',
      false,
      null,
      null,
      null,
      null,
      why.en,
      why.zh,
    ]);
  }
  return rows;
}
