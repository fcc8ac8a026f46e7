import { TIERS, type Tier } from '../domain/types';
import { isOneOf } from '../guards';
import { KPI_BY_ID, KPI_DEFINITIONS, type KpiDefinition, type RankingWeights } from '../kpi/kpi-definitions';
import { isValidIsoDate } from '../period/period';
import { err, ok, type Result } from '../result';

/**
 * The director's analysis choices, saved with the workspace (settings table, key `analysis`) and
 * sent with every analysis request, so the app, the CLI and reports compute with the same ones.
 * Every field has a default; docs/decisions.md says why each default is what it is.
 */

/** Who a rep is compared with: everyone, or the reps sharing their region, team or role. */
export const PEER_GROUPS = ['company', 'region', 'team', 'role'] as const;
export type PeerGroupBy = (typeof PEER_GROUPS)[number];

/**
 * How accounts are tiered A/B/C/D:
 * - `revenue`: the 80/20 rule on won revenue (A = the accounts that make the first 80%, B the next
 *   15%, C the rest that bought, D those that did not);
 * - `man`: a score from purchasing power (annual revenue or employees), decision authority and
 *   need, whichever the accounts file carries;
 * - `frequency`: a score from purchase frequency and amount;
 * - `imported`: the tier column of the accounts file (A–D, 1–4, or words such as "key account").
 */
export const TIER_METHODS = ['revenue', 'man', 'frequency', 'imported'] as const;
export type TierMethod = (typeof TIER_METHODS)[number];

export interface TierSettings {
  method: TierMethod;
  /** `revenue`: cumulative revenue shares (%) closing A and B; default [80, 95]. */
  revenueCutoffs: [number, number];
  /** Score methods: cumulative shares (%) of scored accounts closing A, B and C; default [20, 50, 80]. */
  scoreCutoffs: [number, number, number];
  /** Months of history before the period end the revenue and frequency are taken from; 0 = all. */
  lookbackMonths: number;
  /** The target customer segment; default A and B. */
  target: Tier[];
}

export interface AnalysisSettings {
  weights: RankingWeights;
  peerGroup: PeerGroupBy;
  /** Non-working days (ISO dates) taken off the working days of every rate. */
  holidays: string[];
  /** A substantive relationship is an account with at least this many touches (or a won deal). */
  substantiveTouches: number;
  /** Reps active for fewer working days than this in the period are not ranked. */
  minActiveDays: number;
  /** With deal data, reps with fewer closed (won or lost) deals than this are not ranked. */
  minClosedDeals: number;
  tiers: TierSettings;
  /** Quota files often state thousands: the quotas are multiplied by this before any use. */
  quotaScale: number;
  /** Periods shown in trend charts and the stability table (4 to 8). */
  trendPeriods: number;
  /**
   * An improvement plan (bottom band) is reviewed this many calendar days after the period's end
   * (1 to 366; default 90): within the next period's first months, not a year later.
   */
  improvementReviewDays: number;
}

export const DEFAULT_TIER_SETTINGS: TierSettings = {
  method: 'revenue',
  revenueCutoffs: [80, 95],
  scoreCutoffs: [20, 50, 80],
  lookbackMonths: 0,
  target: ['A', 'B'],
};

export function defaultWeights(): RankingWeights {
  return {
    groups: { results: 60, activity: 40 },
    kpis: Object.fromEntries(KPI_DEFINITIONS.map((d) => [d.id, d.defaultWeight])),
  };
}

export function defaultAnalysisSettings(): AnalysisSettings {
  return {
    weights: defaultWeights(),
    peerGroup: 'company',
    holidays: [],
    substantiveTouches: 3,
    minActiveDays: 10,
    minClosedDeals: 1,
    tiers: { ...DEFAULT_TIER_SETTINGS, target: [...DEFAULT_TIER_SETTINGS.target] },
    quotaScale: 1,
    trendPeriods: 6,
    improvementReviewDays: 90,
  };
}

export const SETTINGS_LIMITS = {
  weight: 100,
  holidays: 1000,
  substantiveTouches: 50,
  minActiveDays: 260,
  minClosedDeals: 1000,
  lookbackMonths: 120,
  quotaScale: 1_000_000,
  trendPeriods: [4, 8] as const,
  improvementReviewDays: [1, 366] as const,
} as const;

type Draft = Record<string, unknown>;

const isRecord = (v: unknown): v is Draft => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The object's own enumerable fields on a null prototype, so that reading `input.weights` can
 * never find a value on the prototype, and a key named `constructor` or `__proto__` (own keys
 * when a page's JSON is parsed) is just an unknown key.
 */
function ownFields(v: Draft): Draft {
  const out = Object.create(null) as Draft;
  for (const key of Object.keys(v)) out[key] = v[key];
  return out;
}
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isIsoDay = (v: unknown): v is string => typeof v === 'string' && isValidIsoDate(v);
/** KPI definitions by any id, for ids read from a page or a saved row. */
const KPI_BY_ANY_ID: ReadonlyMap<string, KpiDefinition> = KPI_BY_ID;
const intIn = (v: unknown, min: number, max: number): v is number =>
  isNumber(v) && Number.isInteger(v) && v >= min && v <= max;

/**
 * Checks settings from an untrusted page (or a saved row written by an older version) and fills
 * what is missing with defaults. Unknown KPI ids are dropped, so a saved weight file outlives a
 * KPI's removal; out-of-range values are errors, never clamped silently.
 */
export function parseAnalysisSettings(
  raw: unknown,
  options: { strict?: boolean } = {},
): Result<AnalysisSettings> {
  const bad = (why: string): Result<AnalysisSettings> =>
    err('invalid_settings', `Invalid analysis settings: ${why}`, { why });
  if (!isRecord(raw)) return bad('expected an object');
  const input = ownFields(raw);
  const out = defaultAnalysisSettings();
  // A request from a page must name only what exists; a saved row may predate a removal.
  if (options.strict) {
    const unknown = Object.keys(input).filter((k) => !Object.hasOwn(out, k));
    if (unknown.length > 0) return bad(`unknown setting ${unknown.join(', ')}`);
  }

  if (input.weights !== undefined) {
    const w = parseWeights(input.weights, options);
    if (!w.ok) return bad(w.error.message);
    out.weights = w.value;
  }
  if (input.peerGroup !== undefined) {
    if (!isOneOf(PEER_GROUPS, input.peerGroup)) return bad('peerGroup');
    out.peerGroup = input.peerGroup;
  }
  if (input.holidays !== undefined) {
    const h = input.holidays;
    if (!Array.isArray(h) || h.length > SETTINGS_LIMITS.holidays) return bad('holidays');
    if (!h.every(isIsoDay)) return bad('holidays must be YYYY-MM-DD');
    out.holidays = [...new Set(h)].sort();
  }
  if (input.substantiveTouches !== undefined) {
    if (!intIn(input.substantiveTouches, 1, SETTINGS_LIMITS.substantiveTouches))
      return bad('substantiveTouches');
    out.substantiveTouches = input.substantiveTouches;
  }
  if (input.minActiveDays !== undefined) {
    if (!intIn(input.minActiveDays, 0, SETTINGS_LIMITS.minActiveDays)) return bad('minActiveDays');
    out.minActiveDays = input.minActiveDays;
  }
  if (input.minClosedDeals !== undefined) {
    if (!intIn(input.minClosedDeals, 0, SETTINGS_LIMITS.minClosedDeals)) return bad('minClosedDeals');
    out.minClosedDeals = input.minClosedDeals;
  }
  if (input.tiers !== undefined) {
    const t = parseTierSettings(input.tiers, options);
    if (!t.ok) return bad(t.error.message);
    out.tiers = t.value;
  }
  if (input.quotaScale !== undefined) {
    const q = input.quotaScale;
    if (!isNumber(q) || q <= 0 || q > SETTINGS_LIMITS.quotaScale) return bad('quotaScale');
    out.quotaScale = q;
  }
  if (input.trendPeriods !== undefined) {
    const [min, max] = SETTINGS_LIMITS.trendPeriods;
    if (!intIn(input.trendPeriods, min, max)) return bad('trendPeriods');
    out.trendPeriods = input.trendPeriods;
  }
  if (input.improvementReviewDays !== undefined) {
    const [min, max] = SETTINGS_LIMITS.improvementReviewDays;
    if (!intIn(input.improvementReviewDays, min, max)) return bad('improvementReviewDays');
    out.improvementReviewDays = input.improvementReviewDays;
  }
  return ok(out);
}

/** Weights: `{groups: {results, activity}, kpis: {id: weight}}`, each 0..100. */
export function parseWeights(raw: unknown, options: { strict?: boolean } = {}): Result<RankingWeights> {
  const bad = (why: string): Result<RankingWeights> => err('invalid_weights', why, { why });
  if (!isRecord(raw)) return bad('weights must be an object');
  const input = ownFields(raw);
  const out = defaultWeights();
  if (options.strict) {
    const unknown = Object.keys(input).filter((k) => k !== 'groups' && k !== 'kpis');
    if (unknown.length > 0) return bad(`unknown weights key ${unknown.join(', ')}`);
  }
  const inRange = (v: unknown): v is number => isNumber(v) && v >= 0 && v <= SETTINGS_LIMITS.weight;
  if (input.groups !== undefined) {
    if (!isRecord(input.groups)) return bad('weights.groups must be an object');
    for (const [key, value] of Object.entries(input.groups)) {
      if (key !== 'results' && key !== 'activity') return bad(`unknown group "${key}"`);
      if (!inRange(value)) return bad(`weights.groups.${key} must be 0..100`);
      out.groups[key] = value;
    }
    if (out.groups.results + out.groups.activity <= 0) return bad('the group weights cannot both be 0');
  }
  if (input.kpis !== undefined) {
    if (!isRecord(input.kpis)) return bad('weights.kpis must be an object');
    const entries = Object.entries(input.kpis);
    if (entries.length > 200) return bad('too many KPI weights');
    for (const [id, value] of entries) {
      const def = KPI_BY_ANY_ID.get(id);
      if (!def) {
        if (options.strict) return bad(`unknown KPI "${id.slice(0, 64)}"`);
        continue;
      }
      if (!inRange(value)) return bad(`weights.kpis.${id} must be 0..100`);
      // A KPI that is shown, not ranked (e.g. raw activity volume) keeps weight 0.
      out.kpis[def.id] = def.direction === 'none' ? 0 : value;
    }
  }
  return ok(out);
}

function parseTierSettings(raw: unknown, options: { strict?: boolean }): Result<TierSettings> {
  const bad = (why: string): Result<TierSettings> => err('invalid_settings', `tiers: ${why}`);
  if (!isRecord(raw)) return bad('expected an object');
  const input = ownFields(raw);
  const out: TierSettings = { ...DEFAULT_TIER_SETTINGS, target: [...DEFAULT_TIER_SETTINGS.target] };
  // As for the settings themselves: a page names only tier settings that exist.
  if (options.strict) {
    const unknown = Object.keys(input).filter((k) => !Object.hasOwn(out, k));
    if (unknown.length > 0) return bad(`unknown tier setting ${unknown.join(', ')}`);
  }
  if (input.method !== undefined) {
    if (!isOneOf(TIER_METHODS, input.method)) return bad('method');
    out.method = input.method;
  }
  /** `n` increasing shares in 0..100 (exclusive), as the tuple type of that length. */
  const increasing = <T extends number[]>(v: unknown, n: T['length']): v is T =>
    Array.isArray(v) &&
    v.length === n &&
    v.every((x, i) => isNumber(x) && x > 0 && x < 100 && (i === 0 || x > (v[i - 1] as number)));
  if (input.revenueCutoffs !== undefined) {
    if (!increasing<[number, number]>(input.revenueCutoffs, 2))
      return bad('revenueCutoffs must be 2 increasing shares in 0..100');
    out.revenueCutoffs = [input.revenueCutoffs[0], input.revenueCutoffs[1]];
  }
  if (input.scoreCutoffs !== undefined) {
    if (!increasing<[number, number, number]>(input.scoreCutoffs, 3))
      return bad('scoreCutoffs must be 3 increasing shares in 0..100');
    out.scoreCutoffs = [input.scoreCutoffs[0], input.scoreCutoffs[1], input.scoreCutoffs[2]];
  }
  if (input.lookbackMonths !== undefined) {
    if (!intIn(input.lookbackMonths, 0, SETTINGS_LIMITS.lookbackMonths)) return bad('lookbackMonths');
    out.lookbackMonths = input.lookbackMonths;
  }
  if (input.target !== undefined) {
    const t = input.target;
    if (!Array.isArray(t) || t.length === 0 || !t.every((x) => isOneOf(TIERS, x)))
      return bad('target must list tiers A-D');
    out.target = TIERS.filter((tier) => t.includes(tier));
  }
  return ok(out);
}
