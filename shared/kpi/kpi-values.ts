/**
 * Each rep's KPI values, made from the pass's sums: ratios and rates over the rep's active days,
 * each value gated by its KPI's availability (null, shown as unavailable, never 0). The formulas
 * here are the ones kpi-definitions.ts states in words.
 */
import type { KpiId } from './kpi-definitions';
import { COVERAGE_SLOTS, type KpiValues, type RepKpis } from './kpi-types';
import type { DealTotals } from './deal-kpis';
import {
  STATS,
  S_ACTIVITIES,
  S_CALLS,
  S_CYCLE,
  S_EMAILS,
  S_EXISTING,
  S_FOLLOW_UP,
  S_MEETINGS,
  S_QUALITY,
  S_SERVED,
  S_SUBSTANTIVE,
  S_TARGETS,
  S_TARGETS_WON,
  S_VISITS,
} from './pass-layout';
import { activeDays, type RateWindow } from './period-window';
import type { PeriodQuotas } from './quotas';

/** Everything the per-rep KPI values are made of, for one pass (one shape for every pass). */
export class RepInputs {
  constructor(
    readonly totals: DealTotals,
    readonly stats: Float64Array,
    readonly activityByTier: Float64Array,
    readonly quotas: PeriodQuotas,
    readonly partial: boolean,
    readonly kpiAvailable: Record<KpiId, boolean>,
    /** The days the rates run over, before each rep's hire date. */
    readonly rates: RateWindow,
    readonly holidays: Int32Array,
    readonly hireDay: Float64Array,
  ) {}
}

/** The value when its KPI is available, else null (shown as unavailable, never 0). */
function gate(available: boolean, value: number | null): number | null {
  return available ? value : null;
}

function ratio(count: number, per: number): number | null {
  return per > 0 ? count / per : null;
}

function nanToNull(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}

export function repKpis(p: RepInputs, r: number): RepKpis {
  const t = p.totals;
  const stats = p.stats;
  const base = r * STATS;
  const k = p.kpiAvailable;
  const wonRevenue = t.wonRevenue[r] as number;
  const won = t.won[r] as number;
  const lost = t.lost[r] as number;
  const created = t.created[r] as number;
  const wonWithAmount = t.wonWithAmount[r] as number;
  const quota = p.quotas.quota[r] as number;
  const prevRevenue = t.prevRevenue[r] as number;
  const activityCount = stats[base + S_ACTIVITIES] as number;
  const calls = stats[base + S_CALLS] as number;
  const meetings = stats[base + S_MEETINGS] as number;
  const visits = stats[base + S_VISITS] as number;
  const emails = stats[base + S_EMAILS] as number;
  const served = stats[base + S_SERVED] as number;
  const servedExisting = stats[base + S_EXISTING] as number;
  const repTargets = stats[base + S_TARGETS] as number;
  const repTargetsWon = stats[base + S_TARGETS_WON] as number;
  const closedDeals = won + lost;
  const hasRecord = closedDeals > 0 || activityCount > 0 || created > 0;
  const active = activeDays(p.rates, p.hireDay[r] as number, hasRecord, p.holidays);
  const weeks = active / 5;
  const closedValue = wonRevenue + (t.lostAmount[r] as number);
  const nextQuota = p.quotas.nextQuota;
  const remaining = p.partial
    ? (p.quotas.fullQuota[r] as number) - wonRevenue
    : nextQuota === null
      ? 0
      : (nextQuota[r] as number);
  const values: KpiValues = {
    won_revenue: gate(k.won_revenue, wonRevenue),
    deals_won: gate(k.deals_won, won),
    deals_lost: gate(k.deals_lost, lost),
    win_rate: gate(k.win_rate, closedDeals > 0 ? won / closedDeals : null),
    win_rate_value: gate(k.win_rate_value, closedValue > 0 ? wonRevenue / closedValue : null),
    avg_deal_size: gate(k.avg_deal_size, wonWithAmount > 0 ? wonRevenue / wonWithAmount : null),
    quota_attainment: gate(k.quota_attainment, quota > 0 ? wonRevenue / quota : null),
    new_customers_won: gate(k.new_customers_won, t.newCustomers[r] as number),
    target_segment_revenue: gate(k.target_segment_revenue, t.targetRevenue[r] as number),
    target_segment_penetration: gate(
      k.target_segment_penetration,
      repTargets > 0 ? repTargetsWon / repTargets : null,
    ),
    revenue_growth: gate(k.revenue_growth, prevRevenue > 0 ? (wonRevenue - prevRevenue) / prevRevenue : null),
    sales_cycle_days: gate(k.sales_cycle_days, nanToNull(stats[base + S_CYCLE] as number)),
    activities: gate(k.activities, activityCount),
    calls: gate(k.calls, calls),
    meetings: gate(k.meetings, meetings),
    visits: gate(k.visits, visits),
    emails: gate(k.emails, emails),
    activities_per_day: gate(k.activities_per_day, ratio(activityCount, active)),
    calls_per_day: gate(k.calls_per_day, ratio(calls, active)),
    meetings_per_week: gate(k.meetings_per_week, ratio(meetings + visits, weeks)),
    emails_per_day: gate(k.emails_per_day, ratio(emails, active)),
    quality_contacts_per_week: gate(
      k.quality_contacts_per_week,
      ratio(stats[base + S_QUALITY] as number, weeks),
    ),
    substantive_relationships: gate(k.substantive_relationships, stats[base + S_SUBSTANTIVE] as number),
    customers_served: gate(k.customers_served, served),
    customers_served_existing: gate(k.customers_served_existing, servedExisting),
    customers_served_new: gate(k.customers_served_new, served - servedExisting),
    prospects_created: gate(k.prospects_created, created),
    prospects_per_week: gate(k.prospects_per_week, ratio(created, weeks)),
    follow_up_days: gate(k.follow_up_days, nanToNull(stats[base + S_FOLLOW_UP] as number)),
    pipeline_coverage: gate(
      k.pipeline_coverage,
      remaining > 0 ? (t.openPipeline[r] as number) / remaining : null,
    ),
  };
  const slots = r * COVERAGE_SLOTS;
  return {
    repIndex: r,
    values,
    closedDeals,
    dealsCreated: created,
    activityCount,
    activeDays: active,
    activityByTier: p.activityByTier.slice(slots, slots + COVERAGE_SLOTS),
    revenueByTier: t.revenueByTier.slice(slots, slots + COVERAGE_SLOTS),
  };
}
