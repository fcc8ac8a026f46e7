/**
 * The KPI pass's entry point: computeKpis runs every KPI for every rep over one period, putting
 * together the modules below. Callers import the pass, its shapes and quotaPerRep from here.
 *
 *   kpi-types.ts          the public shapes (PeriodKpis, RepKpis, KpiValues, KpiOptions)
 *   working-set-facts.ts  facts no period changes, cached per working set
 *   period-window.ts      the period's days, partial periods, the previous period, active days
 *   quotas.ts             prorated quotas: to date, the whole period's, the next period's
 *   pass-layout.ts        the scratch arrays the loops share (per-account record, per-rep row)
 *   deal-kpis.ts          results and pipeline from deals; each rep's won and open accounts, cycles
 *   activity-kpis.ts      activity counts, quality contacts, touches, follow-up gaps
 *   customer-kpis.ts      customers served, substantive relationships, target penetration
 *   worked-accounts.ts    each rep's accounts by first activity, cached per working set
 *   kpi-values.ts         each rep's KPI values from those sums, gated by availability
 */
import type { WorkingSet } from '../domain/types';
import { firstDayAtOrAfter } from '../analysis/activity-order';
import { holidayDays, type Period } from '../period/period';
import { medianOfPrefix } from '../stats/statistics';
import { KPI_DEFINITIONS, type DataNeed, type KpiId } from './kpi-definitions';
import { COVERAGE_SLOTS, type KpiOptions, type PeriodKpis, type RepKpis } from './kpi-types';
import { workingSetFacts } from './working-set-facts';
import { periodWindow, rateWindow } from './period-window';
import { periodQuotas } from './quotas';
import { accountScratch, RepScratch, STATS, S_CYCLE, S_FOLLOW_UP } from './pass-layout';
import {
  DealTotals,
  dealPass,
  HAS_AMOUNTS,
  HAS_CLOSED,
  HAS_CREATED,
  HAS_DEAL_ACCOUNTS,
  HAS_OPEN,
  HAS_PREVIOUS,
  markRepDeals,
} from './deal-kpis';
import { countActivities } from './activity-kpis';
import {
  addWonAccounts,
  countOwnedTargets,
  countServed,
  countWorkedTargets,
  ownedTargets,
} from './customer-kpis';
import { targetBits, targetsWorkedBefore, workedAccounts } from './worked-accounts';
import { RepInputs, repKpis } from './kpi-values';

export {
  COVERAGE_SLOTS,
  NO_ACCOUNT_SLOT,
  type KpiOptions,
  type KpiValues,
  type PeriodKpis,
  type RepKpis,
} from './kpi-types';
export { quotaPerRep } from './quotas';

/*
 * Why the pass is many small functions with typed-array arguments: V8 optimises a function
 * after a few calls, and a function called once per rep is called hundreds of times per pass,
 * so the per-rep loops run optimised from the first period on. As one large function the pass
 * ran unoptimised, loop by loop, for its first calls of every new kind of period and deoptimised
 * again and again (insufficient type feedback in branches not yet taken): a new quarter cost
 * 90-290 ms instead of 30-45 (docs/decisions.md, "Speed"). Columns are passed as arguments
 * (never read as `ws.activities.type` in a loop), each function sees one typed-array kind per
 * argument, and no closure or object of changing shape is made per rep.
 */

/**
 * Computes every KPI for every rep over one period: one pass over the deals, one over each rep's
 * activities in the period (found by binary search: they are ordered by rep and day), with
 * per-account stamps instead of sets, so 1,000,000 activities take tens of milliseconds.
 * Pure: the working set is read, never changed. The rules are in kpi-definitions.ts.
 */
export function computeKpis(ws: WorkingSet, period: Period, options: KpiOptions = {}): PeriodKpis {
  const facts = workingSetFacts(ws);
  const nReps = ws.reps.length;
  const nAccounts = ws.accountCount;
  const w = periodWindow(period, facts.dataMax);
  const { from, to } = w;
  const touchesNeeded = options.substantiveTouches ?? 3;
  const { acct, isTarget, hasTiers } = accountScratch(
    nAccounts,
    options.tiers ?? null,
    options.targetTiers ?? ['A', 'B'],
  );

  // ---- Deals ------------------------------------------------------------------------------
  const d = ws.deals;
  const totals = new DealTotals(nReps);
  const dealFlags = dealPass(
    d.rep,
    d.createdDay,
    d.closeDay,
    d.status,
    d.amount,
    d.account,
    d.length,
    from,
    to,
    w.prevFrom,
    w.prevTo,
    facts.firstWonDeal,
    acct,
    totals,
  );

  // ---- Quotas -------------------------------------------------------------------------------
  const quotas = periodQuotas(ws, period, w, options.quotaScale ?? 1);

  // ---- Activities -----------------------------------------------------------------------------
  const a = ws.activities;
  // Owners first: which target accounts each rep owns (when the accounts file names owners).
  const owned = hasTiers && facts.hasOwners ? ownedTargets(ws.accounts, nReps, acct) : null;
  // Penetration without owners: the rep's accounts are those they worked with up to the period
  // end: the accounts touched in the period, those before it, and their deals'.
  const byWork = hasTiers && !facts.hasOwners;
  // Each rep's accounts in order of first activity, kept per working set: a period then counts
  // them up to its end instead of walking every activity before it (10M activities: 70-120 ms
  // of a 150 ms pass, for every period).
  const worked = byWork ? workedAccounts(ws, facts) : null;
  const workedTargetBits =
    worked !== null && worked.everWorked !== null ? targetBits(isTarget, worked.accountWords) : null;

  // Per-account scratch is stamped with the rep being counted (rep + 1), so nothing is ever cleared.
  const sc = new RepScratch(nAccounts);
  const stats = new Float64Array(nReps * STATS);
  const activityByTier = new Float64Array(nReps * COVERAGE_SLOTS);
  const { type: aType, account: aAccount, day: aDay, flags: aFlags, repStart } = a;
  const { dealStart, repDealAccount, repDealStatus, repDealCreated, repDealClosed, firstWonDay } = facts;
  let activitiesInPeriod = 0;
  let activitiesWithAccount = 0;
  for (let r = 0; r < nReps; r++) {
    const mark = r + 1;
    const base = r * STATS;
    const lo = repStart[r] as number;
    const hi = repStart[r + 1] as number;
    const start = firstDayAtOrAfter(aDay, lo, hi, from);
    const end = firstDayAtOrAfter(aDay, start, hi, to + 1);
    const dlo = dealStart[r] as number;
    const dhi = dealStart[r + 1] as number;
    markRepDeals(
      repDealAccount,
      repDealStatus,
      repDealCreated,
      repDealClosed,
      dlo,
      dhi,
      from,
      to,
      mark,
      acct,
      sc,
    );
    activitiesWithAccount += countActivities(
      aType,
      aAccount,
      aDay,
      aFlags,
      start,
      end,
      mark,
      acct,
      activityByTier,
      r * COVERAGE_SLOTS,
      sc,
      stats,
      base,
    );
    activitiesInPeriod += end - start;
    // Customers served and substantive relationships: touched accounts plus accounts won.
    addWonAccounts(repDealAccount, dlo, dhi, mark, acct, sc);
    countServed(sc, acct, firstWonDay, mark, from, touchesNeeded, byWork, stats, base);
    if (owned !== null)
      countOwnedTargets(
        owned.accounts,
        owned.start[r] as number,
        owned.start[r + 1] as number,
        acct,
        mark,
        stats,
        base,
      );
    else if (worked !== null)
      countWorkedTargets(
        targetsWorkedBefore(worked, r, lo, end, hi, isTarget, workedTargetBits),
        end,
        isTarget,
        repDealAccount,
        repDealStatus,
        repDealCreated,
        repDealClosed,
        worked.dealFirstTouch,
        dlo,
        dhi,
        from,
        to,
        acct,
        mark,
        stats,
        base,
      );
    stats[base + S_FOLLOW_UP] = medianOfPrefix(sc.gaps, sc.gapCount) ?? Number.NaN;
    stats[base + S_CYCLE] = medianOfPrefix(sc.cycles, sc.cycleCount) ?? Number.NaN;
  }
  // Activities of rows without a rep still show the data exists.
  let noRepInPeriod = 0;
  for (let i = repStart[nReps] as number; i < a.length; i++) {
    const day = aDay[i] as number;
    if (day >= from && day <= to) noRepInPeriod++;
  }

  const dataAvailable: Record<DataNeed, boolean> = {
    closed_deals: (dealFlags & HAS_CLOSED) !== 0,
    deal_amounts: (dealFlags & HAS_AMOUNTS) !== 0,
    deal_accounts: (dealFlags & HAS_DEAL_ACCOUNTS) !== 0,
    created_dates: (dealFlags & HAS_CREATED) !== 0,
    quotas: quotas.hasQuotas,
    tiers: hasTiers,
    previous_period: (dealFlags & HAS_PREVIOUS) !== 0,
    activities: activitiesInPeriod + noRepInPeriod > 0,
    activity_accounts: activitiesWithAccount > 0,
    open_deals: (dealFlags & HAS_OPEN) !== 0,
  };
  const kpiAvailable = Object.fromEntries(
    KPI_DEFINITIONS.map((k) => [k.id, k.needs.every((need) => dataAvailable[need])]),
  ) as Record<KpiId, boolean>;

  const inputs = new RepInputs(
    totals,
    stats,
    activityByTier,
    quotas,
    w.partial,
    kpiAvailable,
    rateWindow(w, facts, dataAvailable.activities),
    holidayDays(options.holidays ?? []),
    facts.hireDay,
  );
  const reps: RepKpis[] = [];
  for (let r = 0; r < nReps; r++) reps.push(repKpis(inputs, r));
  return { period, dataAvailable, kpiAvailable, dataEndDay: w.dataEnd, partial: w.partial, reps };
}
