import { describe, expect, it } from 'vitest';
import { columnDateOrder, dateOrderFinding } from '../../shared/import/parse-date';
import {
  classifyStage,
  dealOutcome,
  funnelStage,
  stageChoice,
  stageOverrides,
} from '../../shared/import/stages';

/** Stage value -> [status, funnel stage] as the defaults read it. */
function defaults(values: string[]): Record<string, [string, string | null, boolean]> {
  return Object.fromEntries(
    values.map((v) => {
      const c = stageChoice(v);
      return [v, [c.status, c.funnel, c.known]];
    }),
  );
}

describe('stage defaults per CRM', () => {
  it('Salesforce opportunity stages', () => {
    expect(
      defaults([
        'Prospecting',
        'Qualification',
        'Needs Analysis',
        'Value Proposition',
        'Id. Decision Makers',
        'Perception Analysis',
        'Proposal/Price Quote',
        'Negotiation/Review',
        'Closed Won',
        'Closed Lost',
      ]),
    ).toEqual({
      Prospecting: ['open', 'prospect', true],
      Qualification: ['open', 'target_customer', true],
      'Needs Analysis': ['open', 'target_customer', true],
      'Value Proposition': ['open', 'target_customer', true],
      'Id. Decision Makers': ['open', 'target_customer', true],
      'Perception Analysis': ['open', 'target_customer', true],
      'Proposal/Price Quote': ['open', 'target_customer', true],
      'Negotiation/Review': ['open', 'target_customer', true],
      'Closed Won': ['won', 'signed', true],
      'Closed Lost': ['lost', null, true],
    });
  });

  it('HubSpot internal deal stage values', () => {
    expect(
      defaults([
        'appointmentscheduled',
        'qualifiedtobuy',
        'presentationscheduled',
        'decisionmakerboughtin',
        'contractsent',
        'closedwon',
        'closedlost',
      ]),
    ).toEqual({
      appointmentscheduled: ['open', 'prospect', true],
      qualifiedtobuy: ['open', 'target_customer', true],
      presentationscheduled: ['open', 'target_customer', true],
      decisionmakerboughtin: ['open', 'target_customer', true],
      contractsent: ['open', 'target_customer', true],
      closedwon: ['won', 'signed', true],
      closedlost: ['lost', null, true],
    });
  });

  it('Pipedrive: the stage the deal is in, the outcome in the status', () => {
    expect(
      defaults(['Lead In', 'Contact Made', 'Demo Scheduled', 'Proposal Made', 'Negotiations Started']),
    ).toEqual({
      'Lead In': ['open', 'prospect', true],
      'Contact Made': ['open', 'prospect', true],
      'Demo Scheduled': ['open', 'target_customer', true],
      'Proposal Made': ['open', 'target_customer', true],
      'Negotiations Started': ['open', 'target_customer', true],
    });
    // A deal lost at "Proposal Made" is lost, and keeps the funnel stage it was lost at.
    expect(dealOutcome('Proposal Made', 'lost')).toEqual({
      status: 'lost',
      funnel: 'target_customer',
      unknown: null,
    });
    expect(dealOutcome('Negotiations Started', 'won')).toEqual({
      status: 'won',
      funnel: 'signed',
      unknown: null,
    });
    expect(dealOutcome('Contact Made', 'open')).toEqual({
      status: 'open',
      funnel: 'prospect',
      unknown: null,
    });
  });

  it('纷享销客 / 销售易 stages in Chinese', () => {
    expect(
      defaults(['验证客户', '初步接洽', '需求确定', '方案/报价', '谈判审核', '赢单', '输单', '无效', '线索']),
    ).toEqual({
      验证客户: ['open', 'prospect', true],
      初步接洽: ['open', 'prospect', true],
      需求确定: ['open', 'target_customer', true],
      '方案/报价': ['open', 'target_customer', true],
      谈判审核: ['open', 'target_customer', true],
      赢单: ['won', 'signed', true],
      输单: ['lost', null, true],
      无效: ['lost', null, true],
      线索: ['open', 'prospect', true],
    });
  });

  it('Maven sample and lead statuses', () => {
    expect(defaults(['Prospecting', 'Engaging', 'Won', 'Lost', 'New', 'Customer', 'Disqualified'])).toEqual({
      Prospecting: ['open', 'prospect', true],
      Engaging: ['open', 'target_customer', true],
      Won: ['won', 'signed', true],
      Lost: ['lost', null, true],
      New: ['open', 'prospect', true],
      Customer: ['won', 'signed', true],
      Disqualified: ['lost', 'prospect', true],
    });
  });

  it('an unknown stage is open, outside the funnel and reported', () => {
    expect(stageChoice('Stage 7')).toEqual({ status: 'open', funnel: null, known: false, overridden: false });
    expect(dealOutcome('Stage 7', null)).toEqual({ status: 'open', funnel: null, unknown: 'Stage 7' });
    expect(funnelStage('Lost - Negotiation', 'lost')).toBe('target_customer');
  });

  it("the user's choices override the defaults, matched regardless of case and spacing", () => {
    const overrides = stageOverrides({
      'Stage 7': { status: 'won', funnel: 'signed' },
      'Closed  lost': { status: 'lost', funnel: 'target_customer' },
    });
    expect(dealOutcome('stage 7', null, overrides)).toEqual({
      status: 'won',
      funnel: 'signed',
      unknown: null,
    });
    expect(dealOutcome('Closed Lost', null, overrides)).toEqual({
      status: 'lost',
      funnel: 'target_customer',
      unknown: null,
    });
    expect(classifyStage('Stage 7').known).toBe(false);
  });

  it('without a stage the status stands in', () => {
    expect(dealOutcome(null, 'Churned Customer')).toEqual({ status: 'won', funnel: 'signed', unknown: null });
    expect(dealOutcome(null, 'Nurture')).toEqual({ status: 'open', funnel: 'prospect', unknown: null });
    expect(dealOutcome(null, null)).toEqual({ status: 'open', funnel: null, unknown: null });
  });
});

describe('day/month order of date columns', () => {
  it('says what a column proves, and when it holds slash dates that fit both orders', () => {
    expect(columnDateOrder(['3/1/2024', '6/13/2024'])).toBe('mdy');
    expect(columnDateOrder(['1/3/2024', '13/6/2024'])).toBe('dmy');
    expect(columnDateOrder(['3/4/2024', '05-06-2024', ''])).toBe('unknown');
    expect(columnDateOrder(['03/04/24 10:30'])).toBe('unknown');
    // Never in doubt: ISO, Chinese, dotted day-first, Excel serials, text.
    expect(columnDateOrder(['2024-03-04', '2024/3/5', '2024年3月1日'])).toBeNull();
    expect(columnDateOrder(['1.3.2024', '4.5.2024'])).toBeNull();
    expect(columnDateOrder(['45000', 'soon', ''])).toBeNull();
    // A dotted date past 12 still proves the file is day-first.
    expect(columnDateOrder(['13.6.2024'])).toBe('dmy');
  });

  it('one column that proves an order decides the file; otherwise the undecided columns are the question', () => {
    expect(
      dateOrderFinding([
        { header: 'Close Date', order: 'dmy' },
        { header: 'Created Date', order: 'unknown' },
      ]),
    ).toEqual({ decided: 'dmy', ambiguousColumns: [] });
    expect(
      dateOrderFinding([
        { header: 'Close Date', order: 'unknown' },
        { header: 'Created Date', order: 'unknown' },
        { header: 'Updated', order: null },
      ]),
    ).toEqual({ decided: null, ambiguousColumns: ['Close Date', 'Created Date'] });
    expect(
      dateOrderFinding([
        { header: 'A', order: 'mdy' },
        { header: 'B', order: 'dmy' },
        { header: 'C', order: 'unknown' },
      ]),
    ).toEqual({ decided: null, ambiguousColumns: ['C'] });
    expect(dateOrderFinding([])).toEqual({ decided: null, ambiguousColumns: [] });
  });
});
