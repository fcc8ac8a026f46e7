/** Domain vocabulary shared by every process. Rows in SQLite are not these: see engine/db. */

export type Band = 'top' | 'middle' | 'bottom' | 'unranked';

export type DealStatus = 'open' | 'won' | 'lost';
export const DEAL_STATUSES = ['won', 'lost', 'open'] as const satisfies readonly DealStatus[];

/** The sales funnel a deal moves through, in order: see docs/decisions.md for the defaults. */
export const FUNNEL_STAGES = ['target_market', 'prospect', 'target_customer', 'signed'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/**
 * Activity types. The position is the code stored in activities.type_code (and the
 * activity_types table, migration 004): append only, never reorder.
 */
export const ACTIVITY_TYPES = ['call', 'meeting', 'visit', 'email', 'task', 'other'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/**
 * What a file holds; detected from its columns, never from its name. `rep_kpis`: a summary some
 * tools export already aggregated, one row per rep and one column per activity count for a month.
 * `deal_history`: snapshots of opportunities as they stood on past dates (Salesforce's
 * OpportunityHistory), one row per deal and date, which forecast accuracy is computed from.
 */
export const FILE_KINDS = [
  'deals',
  'activities',
  'reps',
  'accounts',
  'quotas',
  'rep_kpis',
  'deal_history',
] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export interface RepInfo {
  id: number;
  name: string;
  team: string | null;
  region: string | null;
  role: string | null;
  /** ISO date or null when unknown. */
  hireDate: string | null;
}

/** Why a rep is listed without a band; the renderer translates `unranked.<reason>`. */
export type UnrankedReason =
  | 'no_data_in_period'
  | 'no_closed_deals'
  | 'joined_after_period'
  | 'too_few_active_days'
  /** The period's data does not support a ranking (docs/ranking.md §1a). */
  | 'no_results_in_period';

/** Customer tiers, most valuable first; `D` also holds accounts without the data to score them. */
export const TIERS = ['A', 'B', 'C', 'D'] as const;
export type Tier = (typeof TIERS)[number];

/** Columnar deal facts for one workspace: index i across all arrays is one deal. */
export interface DealColumns {
  length: number;
  /** Index into WorkingSet.reps, or -1 when the owner is unknown. */
  rep: Int32Array;
  /** 0 = open, 1 = won, 2 = lost. */
  status: Uint8Array;
  /** NaN when the export had no amount. */
  amount: Float64Array;
  /** Day numbers (days since 1970-01-01); NO_DAY when missing. */
  createdDay: Int32Array;
  closeDay: Int32Array;
  /** The date the rep expects the deal to close (open deals), NO_DAY when missing. */
  expectedCloseDay: Int32Array;
  /** Index into FUNNEL_STAGES, or NO_FUNNEL when the stage names none. */
  funnel: Uint8Array;
  /** Win probability 0..1 as the export gave it; NaN when it gave none. */
  probability: Float64Array;
  /** Index into WorkingSet.accounts, or -1. */
  account: Int32Array;
}

export const NO_FUNNEL = 255;

/**
 * Activity facts, ordered by rep and then by day (repStart[r] .. repStart[r + 1] are rep r's
 * activities, oldest first; activities without a rep come last), so a period is a binary search
 * per rep and distinct-account counts need no hash sets. shared/analysis/activity-order.ts builds it.
 */
export interface ActivityColumns {
  length: number;
  rep: Int32Array;
  /** Index into ACTIVITY_TYPES. */
  type: Uint8Array;
  day: Int32Array;
  account: Int32Array;
  /** Bit flags: ACTIVITY_CONNECTED for a call that reached someone. */
  flags: Uint8Array;
  /** Length reps + 1: rep r's activities are [repStart[r], repStart[r + 1]). */
  repStart: Int32Array;
}

/** A call whose outcome (or, without one, its duration) says it reached the customer. */
export const ACTIVITY_CONNECTED = 1;

/** Account attributes the tiers are computed from; index i is one account. */
export interface AccountColumns {
  length: number;
  /** The tier the CRM exported (e.g. "A", "Key account"), or null. */
  tierRaw: (string | null)[];
  /** Money (MAN): annual revenue, NaN when unknown. */
  annualRevenue: Float64Array;
  /** Money fallback: number of employees, NaN when unknown. */
  employees: Float64Array;
  /** Authority (MAN) 0..1, NaN when unknown. */
  authority: Float64Array;
  /** Need (MAN) 0..1, NaN when unknown. */
  need: Float64Array;
  /** Index into WorkingSet.reps of the account owner, or -1. */
  owner: Int32Array;
}

/** Quota rows: rep r must win `amount` between startDay and endDay (both inclusive). */
export interface QuotaColumns {
  length: number;
  rep: Int32Array;
  startDay: Int32Array;
  endDay: Int32Array;
  amount: Float64Array;
}

/**
 * Deal history: how each deal stood on past dates (table deal_snapshots), ordered by day and
 * then by import order, so "the latest snapshot on or before a day" is one forward scan. Only
 * snapshots of deals the workspace knows are loaded: without the deal there is no outcome to
 * compare with and no rep to credit.
 */
export interface DealSnapshotColumns {
  length: number;
  /** Index into WorkingSet.deals; the rep is that deal's owner. */
  deal: Int32Array;
  /** The day the snapshot was recorded (day number). */
  day: Int32Array;
  /** DEAL_OPEN, DEAL_WON or DEAL_LOST as the deal stood that day. */
  status: Uint8Array;
  /** Index into FUNNEL_STAGES, or NO_FUNNEL. */
  funnel: Uint8Array;
  /** NaN when the row had no amount. */
  amount: Float64Array;
  /** The close date expected that day; NO_DAY when missing. */
  expectedCloseDay: Int32Array;
  /** Win probability 0..1 that day; NaN when the row had none. */
  probability: Float64Array;
  /** Snapshot rows whose deal is not in the workspace (left out above). */
  unmatched: number;
}

export const NO_DAY = -2_147_483_648;
export const DEAL_OPEN = 0;
export const DEAL_WON = 1;
export const DEAL_LOST = 2;

/** Everything the analytics need, loaded once from the workspace into typed arrays. */
export interface WorkingSet {
  reps: RepInfo[];
  accountCount: number;
  accounts: AccountColumns;
  deals: DealColumns;
  activities: ActivityColumns;
  quotas: QuotaColumns;
  /** Deal history (file kind deal_history); empty when none was imported. */
  snapshots: DealSnapshotColumns;
  /** Currencies seen on deals; more than one means amounts cannot be summed blindly. */
  currencies: string[];
  /** Currencies seen on quotas. */
  quotaCurrencies: string[];
}
