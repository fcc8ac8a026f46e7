/**
 * Deterministic generator for the Quartile Coach demo workspace ("Brightline Industrial Supply",
 * calendar year 2025).
 *
 * The demo has to teach the app's story, so the data is not just random: every seller has a latent
 * skill that drives both results and practices, and the practice gaps from the field notes are
 * planted on purpose (see DEMO_PLANTED). One practice, email volume, is planted as a NON-difference
 * so the app can show that not every activity count separates the top quartile from the bottom.
 *
 * Pure by design: no I/O, no clock, no Math.random. The same seed always yields byte-identical CSV,
 * which keeps the committed files in resources/demo reproducible and reviewable.
 */

import { mulberry32 } from '../../shared/random/mulberry32';

export type DemoFiles = Record<string, string>;

export interface DemoOptions {
  seed?: number;
}

export const DEMO_DEFAULT_SEED = 20250101;

/**
 * A practice or result as it varies with latent skill (0..1): `bottom` is the value at the centre
 * of the bottom quartile (skill 0.125), `middle` at the median (0.5), `top` at the centre of the top
 * quartile (0.875); piecewise linear in between and beyond. Three anchors because the field notes
 * compare the best reps with the *average* rep, and the gap above the middle is larger than below.
 */
interface SkillSpan {
  readonly bottom: number;
  readonly middle: number;
  readonly top: number;
}

/**
 * The planted truth. Tests and docs assert against this object, and the generator reads its model
 * parameters from here, so the documentation cannot drift from what was generated.
 */
export const DEMO_PLANTED = {
  company: 'Brightline Industrial Supply',
  description:
    'B2B distributor of industrial supplies, equipment and maintenance contracts; 40 account executives in 5 teams.',
  defaultSeed: DEMO_DEFAULT_SEED,
  period: { start: '2025-01-01', end: '2025-12-31', asOf: '2025-12-31' },
  /** Activities happen on Mon-Fri only; no public holidays are removed, so weekdays = working days. */
  workingDays: 'Mon-Fri',
  files: ['reps.csv', 'accounts.csv', 'deals.csv', 'activities.csv', 'quotas.csv'],
  rankedRole: 'Account Executive',
  managerRole: 'Sales Manager',
  counts: { accountExecutives: 40, managers: 5, teams: 5, regions: 3, accounts: 600 },
  /** Listed in reps.csv but with no deals, no activities and no quota: must show as not ranked. */
  notRankedReps: ['Ryan Fletcher'],
  /** Joined during the year: partial periods, prorated quotas from the hire quarter on. */
  midYearHires: [
    { name: 'Chloe Bennett', hireDate: '2025-05-12' },
    { name: 'Omar Haddad', hireDate: '2025-08-18' },
  ],
  accountTierMix: { A: 0.1, B: 0.2, C: 0.3, D: 0.4 },
  skillAnchors: { bottom: 0.125, middle: 0.5, top: 0.875 },
  /**
   * Practices that separate strong from average reps (the field notes' figures are top vs average,
   * i.e. `top / middle`) and one that does not. Values are per rep at the skill anchors; measured
   * tier medians are a little flatter because tiers are formed from noisy results, not from skill.
   */
  practices: {
    substantiveRelationships: {
      definition:
        'Accounts with at least 3 activities of any type in one calendar quarter, per rep and quarter.',
      bottom: 3.5,
      middle: 5,
      top: 10,
      distinguishing: true,
      source: 'field notes 1: about 2x as many substantive customer relationships as an average rep',
    },
    customersServed: {
      definition: 'Distinct accounts with at least 1 activity in one calendar quarter.',
      bottom: 7,
      middle: 8.5,
      top: 12.75,
      distinguishing: true,
      source: 'field notes 1: serve 1.5x or more existing and new customers than an average rep',
    },
    meetingsPerWeek: {
      definition:
        'Meetings (not visits) per active working week (5 working days). The app KPI meetings_per_week counts meetings + visits.',
      bottom: 2,
      middle: 3,
      top: 5,
      distinguishing: true,
      source: 'field notes 1: one asset manager met prospects or clients 4-10 times a week',
    },
    visitsPerWeek: {
      definition: 'On-site visits per active working week.',
      bottom: 0.6,
      middle: 1.1,
      top: 2.2,
      distinguishing: true,
      source: 'field notes 1: quality contacts with the target segment',
    },
    callsPerDay: {
      definition: 'Calls per active working day (Mon-Fri from the hire date or Jan 1).',
      bottom: 5.3,
      middle: 5.5,
      top: 6,
      distinguishing: true,
      source: 'field notes 1: 5.5 -> 6 calls a day plus better targeting gave +6% productivity',
    },
    tierABFocus: {
      definition:
        'Relative weight a rep gives tier A/B accounts (C/D = 1) when accounts are assigned and when choosing which relationships and contacts to work; shows up as a higher share of account-linked activities on tier A/B.',
      bottom: 1,
      middle: 1.4,
      top: 2.5,
      distinguishing: true,
      source: 'field notes 1/3: the most valuable segment gets the best reps; classify customers A-D',
    },
    emailsPerWeek: {
      definition:
        'Emails sent per active working week. Drawn from the same uniform distribution for every rep, independent of skill and results; see loggedShare for what the file holds.',
      bottom: 13.5,
      middle: 13.5,
      top: 13.5,
      min: 11,
      max: 16,
      /**
       * Share of sent emails that appear in activities.csv. Every call, meeting and visit is
       * exported, but only a representative sample of emails (as with a CRM that logs tracked
       * threads only), to keep the demo under ~6 MB. The sample ignores the rep, so the
       * non-difference survives: logged emails per week are ~2.75-4 for every tier.
       */
      loggedShare: 1 / 4,
      distinguishing: false,
      source: 'planted non-difference: the app must not call email volume a top-quartile practice',
    },
  },
  /** Results also follow skill, with sampling noise, so result quartiles emerge rather than being set. */
  results: {
    dealsCreatedPerQuarter: { bottom: 15, middle: 16, top: 19 },
    winRate: { bottom: 0.24, middle: 0.27, top: 0.33 },
    dealSizeMultiplier: { bottom: 0.96, middle: 1, top: 1.1 },
    newBusinessShareOfDeals: { bottom: 0.22, middle: 0.28, top: 0.38 },
    ownedAccounts: { bottom: 12, middle: 14, top: 19 },
  },
  /** Share of calls / emails logged against an account; the rest are prospecting touches on leads. */
  accountLinkedShare: { calls: 0.35, emails: 0.6, meetings: 1, visits: 1 },
} as const;

// ---------------------------------------------------------------------------------------------
// Seeded randomness

/** FNV-1a, used to derive one independent stream per generation stage from the user seed. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

class Rng {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** A separate stream per stage, so changing how activities are drawn never reshuffles deals. */
  static forStage(seed: number, stage: string): Rng {
    return new Rng(hashString(`${seed >>> 0}:${stage}`));
  }

  float(): number {
    return this.next();
  }

  range(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  normal(mean = 0, sd = 1): number {
    // Box-Muller; 1 - u keeps log() away from zero.
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Knuth's method: fine for the small daily rates used here (lambda < 10). */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  pick<T>(items: readonly T[]): T {
    return at(items, Math.floor(this.next() * items.length));
  }

  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= at(weights, i);
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = at(items, i);
      items[i] = at(items, j);
      items[j] = tmp;
    }
    return items;
  }
}

function at<T>(items: readonly T[], index: number): T {
  const value = items[index];
  if (value === undefined) throw new Error(`index ${index} out of range (${items.length})`);
  return value;
}

function lerpSkill(span: SkillSpan, skill: number): number {
  const { bottom, middle, top } = DEMO_PLANTED.skillAnchors;
  if (skill < middle)
    return span.bottom + ((span.middle - span.bottom) * (skill - bottom)) / (middle - bottom);
  return span.middle + ((span.top - span.middle) * (skill - middle)) / (top - middle);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

// ---------------------------------------------------------------------------------------------
// Dates as UTC day numbers (days since 1970-01-01), the same convention the engine uses.

const MS_PER_DAY = 86_400_000;

function dayOf(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / MS_PER_DAY;
}

function isoOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday ... 6 = Saturday. */
function weekdayOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCDay();
}

function isWorkingDay(day: number): boolean {
  const wd = weekdayOf(day);
  return wd >= 1 && wd <= 5;
}

/** Moves weekend dates to the following Monday: deals are rarely closed on a weekend. */
function nextWorkingDay(day: number): number {
  let d = day;
  while (!isWorkingDay(d)) d++;
  return d;
}

interface Quarter {
  label: string;
  start: number;
  end: number;
}

const YEAR_START = dayOf(DEMO_PLANTED.period.start);
const YEAR_END = dayOf(DEMO_PLANTED.period.end);

/** Index 0 is 2024-Q4: deals created then and closed in 2025 are part of a 2025 export. */
const QUARTERS: readonly Quarter[] = [
  { label: '2024-Q4', start: dayOf('2024-10-01'), end: dayOf('2024-12-31') },
  { label: '2025-Q1', start: dayOf('2025-01-01'), end: dayOf('2025-03-31') },
  { label: '2025-Q2', start: dayOf('2025-04-01'), end: dayOf('2025-06-30') },
  { label: '2025-Q3', start: dayOf('2025-07-01'), end: dayOf('2025-09-30') },
  { label: '2025-Q4', start: dayOf('2025-10-01'), end: dayOf('2025-12-31') },
];

function workingDaysBetween(start: number, end: number): number[] {
  const days: number[] = [];
  for (let d = start; d <= end; d++) if (isWorkingDay(d)) days.push(d);
  return days;
}

/** Mid-week is busiest and Friday quietest; the factors average to exactly 1 over a week. */
const WEEKDAY_FACTOR: Readonly<Record<number, number>> = { 1: 1.05, 2: 1.05, 3: 1.05, 4: 1.0, 5: 0.85 };

// ---------------------------------------------------------------------------------------------
// The fixed organisation

interface TeamSpec {
  team: string;
  region: string;
  manager: string;
  managerHire: string;
  reps: readonly string[];
}

/** Fixed so the demo reads the same for every seed; the seed changes skills, books and events. */
const TEAMS: readonly TeamSpec[] = [
  {
    team: 'Chicago',
    region: 'North',
    manager: 'Margaret Doyle',
    managerHire: '2014-03-03',
    reps: [
      'Olivia Martinez',
      'Li Wei',
      "James O'Connor",
      'Priya Nair',
      'Marcus Reed',
      'Hannah Schmidt',
      'Daniel Kim',
      'Aisha Bello',
    ],
  },
  {
    team: 'Minneapolis',
    region: 'North',
    manager: 'Henrik Johansson',
    managerHire: '2016-09-05',
    reps: [
      'Ethan Larson',
      'Zhang Min',
      'Sofia Rossi',
      'Kwame Mensah',
      'Emily Johnson',
      'Lucas Meyer',
      'Fatima Khan',
      'Ryan Fletcher',
    ],
  },
  {
    team: 'Atlanta',
    region: 'South',
    manager: 'Denise Carter',
    managerHire: '2015-01-12',
    reps: [
      'Grace Okafor',
      'Mateo García',
      'Chen Jing',
      'Tyler Brooks',
      'Nadia Petrova',
      'Jamal Washington',
      'Megan Foster',
      'Diego Herrera',
    ],
  },
  {
    team: 'Houston',
    region: 'South',
    manager: 'Roberto Alvarez',
    managerHire: '2017-06-05',
    reps: [
      'Isabella Cruz',
      'Wang Fang',
      'Brandon Mitchell',
      'Ana Souza',
      'Kevin Nguyen',
      'Rachel Adler',
      'Samuel Ortiz',
      'Chloe Bennett',
    ],
  },
  {
    team: 'Boston',
    region: 'East',
    manager: 'Zhou Hui',
    managerHire: '2018-02-05',
    reps: [
      'Liam Sullivan',
      'Liu Yang',
      'Amara Diallo',
      'Benjamin Clarke',
      'Yuki Tanaka',
      'Natalie Ward',
      'Arjun Mehta',
      'Omar Haddad',
    ],
  },
];

const EMAIL_DOMAIN = 'brightline-demo.example';

interface Rep {
  index: number;
  employeeId: string;
  name: string;
  team: string;
  region: string;
  manager: string;
  hireDay: number;
  /** Latent talent in (0, 1); only meaningful for active sellers. */
  skill: number;
  /** False for the rep on leave: listed, but no book of business in 2025. */
  active: boolean;
  isNewHire: boolean;
  callsPerDay: number;
  meetingsPerWeek: number;
  visitsPerWeek: number;
  emailsPerWeek: number;
  abFocus: number;
  /** Rep-level multiplier on relationship counts (some reps are just broader than others). */
  breadth: number;
}

function emailOf(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z ]/g, '');
  return `${ascii.split(' ').join('.')}@${EMAIL_DOMAIN}`;
}

/** Mondays from 2016 to 2024, weighted towards recent years as sales teams churn. */
function randomPastHireDay(rng: Rng): number {
  const year = 2016 + rng.weightedIndex([1, 1, 1.2, 1.2, 1.4, 1.6, 1.8, 2, 1.6]);
  const maxMonth = year === 2024 ? 8 : 12;
  const month = rng.int(1, maxMonth);
  return nextMonday(dayOf(`${year}-${String(month).padStart(2, '0')}-01`));
}

function nextMonday(day: number): number {
  let d = day;
  while (weekdayOf(d) !== 1) d++;
  return d;
}

function buildReps(seed: number): { reps: Rep[]; managers: Rep[] } {
  const rng = Rng.forStage(seed, 'reps');
  const planted = DEMO_PLANTED;
  const onLeave = new Set<string>(planted.notRankedReps);
  const hires = new Map<string, string>(planted.midYearHires.map((h) => [h.name, h.hireDate]));

  const reps: Rep[] = [];
  const managers: Rep[] = [];
  let employeeNo = 1001;
  for (const team of TEAMS) {
    managers.push({
      index: -1,
      employeeId: `E${employeeNo++}`,
      name: team.manager,
      team: team.team,
      region: team.region,
      manager: '',
      hireDay: nextMonday(dayOf(team.managerHire)),
      skill: 0,
      active: false,
      isNewHire: false,
      callsPerDay: 0,
      meetingsPerWeek: 0,
      visitsPerWeek: 0,
      emailsPerWeek: 0,
      abFocus: 1,
      breadth: 1,
    });
    for (const name of team.reps) {
      const hireIso = hires.get(name);
      reps.push({
        index: reps.length,
        employeeId: `E${employeeNo++}`,
        name,
        team: team.team,
        region: team.region,
        manager: team.manager,
        hireDay: hireIso ? dayOf(hireIso) : randomPastHireDay(rng),
        skill: 0,
        active: !onLeave.has(name),
        isNewHire: hireIso !== undefined,
        callsPerDay: 0,
        meetingsPerWeek: 0,
        visitsPerWeek: 0,
        emailsPerWeek: 0,
        abFocus: 1,
        breadth: 1,
      });
    }
  }

  // Stratified skill: one rep per equal-width slice of (0, 1), jittered inside the slice. With
  // only ~40 reps, iid draws can bunch up and blur the quartiles the demo is meant to show.
  const active = reps.filter((r) => r.active);
  const slots = rng.shuffle(active.map((_, i) => i));
  active.forEach((rep, i) => {
    rep.skill = (at(slots, i) + rng.range(0.15, 0.85)) / active.length;
  });

  const p = planted.practices;
  for (const rep of active) {
    const s = rep.skill;
    // Per-rep noise keeps the practice-skill link realistic: strong on average, never exact.
    rep.callsPerDay = clamp(lerpSkill(p.callsPerDay, s) + rng.normal(0, 0.12), 5, 6.5);
    rep.meetingsPerWeek = Math.max(1, lerpSkill(p.meetingsPerWeek, s) * rng.normal(1, 0.1));
    rep.visitsPerWeek = Math.max(0.2, lerpSkill(p.visitsPerWeek, s) * rng.normal(1, 0.15));
    rep.abFocus = Math.max(0.8, lerpSkill(p.tierABFocus, s) * rng.normal(1, 0.1));
    rep.breadth = clamp(rng.normal(1, 0.06), 0.85, 1.15);
  }

  // Email volume is assigned later (assignEmailRates), once results are known.
  return { reps, managers };
}

/**
 * Email volume, the planted non-difference. Every rep draws from the same uniform distribution,
 * independent of skill and results. The draw is stratified: reps are ordered by quota attainment,
 * the top and bottom quartiles and the middle are cut into blocks of 5, and each block gets one
 * level from each fifth of the range, in random order. With only ~10 reps per quartile, plain iid
 * draws can open an accidental 15-25% gap between quartile medians, which a correct app would then
 * (rightly) report as a difference; stratifying keeps the realised data faithful to the truth.
 */
function assignEmailRates(
  seed: number,
  reps: readonly Rep[],
  deals: readonly Deal[],
  quotas: readonly QuotaRow[],
): void {
  const rng = Rng.forStage(seed, 'emails');
  const won = new Map<number, number>();
  const quota = new Map<number, number>();
  for (const d of deals) {
    if (d.stage === 'Closed Won') won.set(d.rep, (won.get(d.rep) ?? 0) + d.amount);
  }
  for (const q of quotas) quota.set(q.rep, (quota.get(q.rep) ?? 0) + q.quota);
  const attainment = (r: Rep): number => (won.get(r.index) ?? 0) / (quota.get(r.index) ?? 1);
  const ranked = reps
    .filter((r) => r.active)
    .sort((a, b) => attainment(b) - attainment(a) || a.index - b.index);

  const n = ranked.length;
  const q = Math.round(n / 4);
  const blocks: Rep[][] = [];
  for (const group of [ranked.slice(0, q), ranked.slice(q, n - q), ranked.slice(n - q)]) {
    for (let i = 0; i < group.length; i += 5) blocks.push(group.slice(i, i + 5));
  }
  const { min, max } = DEMO_PLANTED.practices.emailsPerWeek;
  for (const block of blocks) {
    const order = rng.shuffle(block.map((_, i) => i));
    block.forEach((rep, i) => {
      const level = (at(order, i) + rng.range(0.1, 0.9)) / block.length;
      rep.emailsPerWeek = min + (max - min) * level;
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Accounts

type Tier = 'A' | 'B' | 'C' | 'D';

interface Account {
  index: number;
  id: string;
  name: string;
  industry: string;
  annualRevenue: number;
  tier: Tier;
  owner: number;
  country: string;
  /** Had bought before 2025; false means a prospect that can become a brand-new customer. */
  customerAtStart: boolean;
  /** Day the first deal was won in the data; prospects become customers on this day. */
  firstWonDay: number | null;
}

const INDUSTRY_NOUNS: Readonly<Record<string, readonly string[]>> = {
  Manufacturing: ['Manufacturing', 'Fabrication', 'Industries', 'Tooling', 'Plastics', 'Metalworks'],
  Healthcare: ['Medical Group', 'Health Partners', 'Clinics', 'Laboratories', 'Care Centers'],
  Retail: ['Retail Group', 'Outfitters', 'Markets', 'Home Stores', 'Trading'],
  'Food & Beverage': ['Foods', 'Bakeries', 'Beverage Co', 'Farms', 'Packing'],
  Logistics: ['Logistics', 'Freight', 'Distribution', 'Transport', 'Warehousing'],
  Construction: ['Builders', 'Construction', 'Contractors', 'Concrete', 'Roofing'],
  Energy: ['Energy', 'Power', 'Utilities', 'Solar', 'Pipeline Services'],
  Technology: ['Technologies', 'Systems', 'Electronics', 'Data Centers', 'Networks'],
  Education: ['Academy', 'College', 'School District', 'Learning Centers'],
  'Public Sector': ['County Services', 'Water Authority', 'Transit District', 'Public Works'],
};

const INDUSTRIES = Object.keys(INDUSTRY_NOUNS);

const NAME_STEMS: readonly string[] = [
  'Apex',
  'Summit',
  'Harbor',
  'Pioneer',
  'Evergreen',
  'Granite',
  'Silver Creek',
  'Blue Ridge',
  'Ironwood',
  'Lakeside',
  'Redwood',
  'Northstar',
  'Keystone',
  'Riverbend',
  'Cedar Point',
  'Falcon',
  'Prairie',
  'Atlas',
  'Beacon',
  'Crescent',
  'Sterling',
  'Maple Leaf',
  'Oakridge',
  'Pacific Rim',
  'Heritage',
  'Vanguard',
  'Horizon',
  'Liberty',
  'Bluewater',
  'Cobalt',
  'Copperline',
  'Eastgate',
  'Fairview',
  'Highland',
  'Juniper',
  'Kingsley',
  'Lighthouse',
  'Magnolia',
  'Orchard',
  'Pinecrest',
  'Rockport',
  'Stonebridge',
  'Tidewater',
  'Westfield',
  'Willow Bay',
  'Huaxin',
  'Jinlong',
  'Tianyu',
  'Hengtai',
  'Great Lakes',
  'Delta',
  'Gulf Coast',
  'Lone Star',
  'Peachtree',
  'Bayou',
  'Patriot',
  'Cardinal',
  'Sequoia',
  'Aspen',
  'Brightwater',
  "O'Malley",
  'Baker & Sons',
  'Hartley',
  'Whitmore',
];

/** Suffixes as CRM users type them; ", Inc." exercises CSV quoting in every file that names accounts. */
const NAME_SUFFIXES: readonly string[] = ['', '', '', '', '', '', '', ' LLC', ' Corp', ', Inc.'];

/** Annual revenue ranges (USD) by tier: the MAN "money" axis. */
const TIER_REVENUE: Readonly<Record<Tier, readonly [number, number]>> = {
  A: [250_000_000, 2_500_000_000],
  B: [60_000_000, 400_000_000],
  C: [12_000_000, 90_000_000],
  D: [1_000_000, 20_000_000],
};

/** How much a tier is worth chasing, before a rep's own A/B focus is applied. */
const TIER_VALUE: Readonly<Record<Tier, number>> = { A: 1.5, B: 1.3, C: 1.1, D: 1 };

const CUSTOMER_AT_START: Readonly<Record<Tier, number>> = { A: 0.8, B: 0.7, C: 0.6, D: 0.5 };

function isAB(tier: Tier): boolean {
  return tier === 'A' || tier === 'B';
}

/**
 * Tier weight as seen by one rep when choosing relationships, contacts and deals. The A/B focus
 * enters as a square root here because it already acted once, when the book was assigned.
 */
function tierWeight(tier: Tier, rep: Rep): number {
  return TIER_VALUE[tier] * (isAB(tier) ? Math.sqrt(rep.abFocus) : 1);
}

/** Splits `total` into integers proportional to `weights` (largest remainder, deterministic). */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const counts = raw.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => ({ i, frac: r - Math.floor(r) })).sort((a, b) => b.frac - a.frac);
  for (const { i } of order) {
    if (left <= 0) break;
    counts[i] = at(counts, i) + 1;
    left--;
  }
  return counts;
}

function buildAccounts(seed: number, reps: readonly Rep[]): Account[] {
  const rng = Rng.forStage(seed, 'accounts');
  const total = DEMO_PLANTED.counts.accounts;
  const mix = DEMO_PLANTED.accountTierMix;
  const tiers: Tier[] = [];
  for (const tier of ['A', 'B', 'C', 'D'] as const) {
    for (let i = 0; i < Math.round(total * mix[tier]); i++) tiers.push(tier);
  }

  // Books of business: stronger reps carry bigger books (they serve more customers), new hires
  // inherit a small book, and the rep on leave still owns a few unreassigned C/D accounts.
  const capacity = new Map<number, number>();
  const leaveBook = 6;
  const newHireBooks = [10, 8];
  let newHireSeen = 0;
  const regular = reps.filter((r) => r.active && !r.isNewHire);
  for (const rep of reps) {
    if (!rep.active) capacity.set(rep.index, leaveBook);
    else if (rep.isNewHire) capacity.set(rep.index, at(newHireBooks, newHireSeen++ % 2));
  }
  const reserved = [...capacity.values()].reduce((a, b) => a + b, 0);
  const owned = DEMO_PLANTED.results.ownedAccounts;
  const books = apportion(
    total - reserved,
    regular.map((r) => Math.max(6, lerpSkill(owned, r.skill) * rng.normal(1, 0.08))),
  );
  regular.forEach((rep, i) => capacity.set(rep.index, at(books, i)));

  // A first, D last: each account goes to a rep with spare capacity, weighted by that capacity and,
  // for A/B, by the rep's A/B focus, so the best reps end up holding the most valuable segment.
  const accounts: Account[] = [];
  const usedNames = new Set<string>();
  for (const tier of tiers) {
    const candidates = reps.filter((r) => (capacity.get(r.index) ?? 0) > 0);
    const eligible = candidates.filter((r) => r.active || !isAB(tier));
    const pool = eligible.length > 0 ? eligible : candidates;
    const weights = pool.map((r) => (capacity.get(r.index) ?? 0) * (isAB(tier) ? r.abFocus : 1));
    const owner = at(pool, rng.weightedIndex(weights));
    capacity.set(owner.index, (capacity.get(owner.index) ?? 0) - 1);

    const industry = rng.pick(INDUSTRIES);
    let name = '';
    do {
      const noun = rng.pick(INDUSTRY_NOUNS[industry] ?? ['Group']);
      name = `${rng.pick(NAME_STEMS)} ${noun}${rng.pick(NAME_SUFFIXES)}`;
    } while (usedNames.has(name));
    usedNames.add(name);

    const [lo, hi] = TIER_REVENUE[tier];
    // Log-uniform inside the tier band: company sizes are spread over orders of magnitude.
    const revenue = Math.exp(rng.range(Math.log(lo), Math.log(hi)));
    accounts.push({
      index: -1,
      id: '',
      name,
      industry,
      annualRevenue: Math.round(revenue / 10_000) * 10_000,
      tier,
      owner: owner.index,
      country: owner.region === 'North' && rng.chance(0.12) ? 'Canada' : 'United States',
      customerAtStart: rng.chance(CUSTOMER_AT_START[tier]),
      firstWonDay: null,
    });
  }
  // IDs are assigned after shuffling so the ID order does not leak the tier order.
  rng.shuffle(accounts);
  accounts.forEach((a, i) => {
    a.index = i;
    a.id = `ACC-${String(i + 1).padStart(5, '0')}`;
  });
  return accounts;
}

// ---------------------------------------------------------------------------------------------
// Relationships per quarter: which accounts a rep works deeply (>= 3 touches) and lightly (1-2).

interface QuarterBook {
  /** Active working days of this rep in the quarter (after the hire date). */
  days: number[];
  substantive: number[];
  peripheral: number[];
}

function buildBooks(seed: number, reps: readonly Rep[], accounts: readonly Account[]): QuarterBook[][] {
  const rng = Rng.forStage(seed, 'books');
  const p = DEMO_PLANTED.practices;
  const byOwner = new Map<number, Account[]>();
  for (const a of accounts) {
    const list = byOwner.get(a.owner) ?? [];
    list.push(a);
    byOwner.set(a.owner, list);
  }

  return reps.map((rep) => {
    const own = byOwner.get(rep.index) ?? [];
    if (!rep.active || own.length === 0) {
      return QUARTERS.map(() => ({ days: [], substantive: [], peripheral: [] }));
    }
    // Strength of each relationship persists across quarters, with some drift each quarter.
    const strength = new Map<number, number>();
    for (const a of own) {
      const prospectPull = a.customerAtStart ? 1 : 0.6 + 0.6 * rep.skill;
      strength.set(a.index, tierWeight(a.tier, rep) * prospectPull * Math.exp(rng.normal(0, 0.5)));
    }
    return QUARTERS.map((q) => {
      const days = workingDaysBetween(Math.max(q.start, rep.hireDay), q.end);
      if (days.length === 0) return { days, substantive: [], peripheral: [] };
      // A partial first quarter (new hire) has proportionally fewer relationships.
      const share = clamp(days.length / workingDaysBetween(q.start, q.end).length, 0.3, 1);
      for (const a of own)
        strength.set(a.index, (strength.get(a.index) ?? 1) * Math.exp(rng.normal(0, 0.25)));
      const ranked = [...own].sort((x, y) => (strength.get(y.index) ?? 0) - (strength.get(x.index) ?? 0));
      const nDeep = clamp(
        Math.round(
          lerpSkill(p.substantiveRelationships, rep.skill) * rep.breadth * share * rng.normal(1, 0.1),
        ),
        1,
        own.length - 1,
      );
      const lightTarget =
        lerpSkill(p.customersServed, rep.skill) - lerpSkill(p.substantiveRelationships, rep.skill);
      const nLight = clamp(Math.round(lightTarget * share * rng.normal(1, 0.25)), 0, own.length - nDeep);
      const substantive = ranked.slice(0, nDeep).map((a) => a.index);
      const rest = rng.shuffle(ranked.slice(nDeep).map((a) => a.index));
      return { days, substantive, peripheral: rest.slice(0, nLight) };
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Activities

type ActivityType = 'Call' | 'Meeting' | 'Visit' | 'Email';

interface ActivityDraft {
  rep: number;
  day: number;
  type: ActivityType;
  /** Account index, or -1 for a touch on a lead that is not (yet) an account. */
  account: number;
  seq: number;
}

const SUBJECTS: Readonly<Record<ActivityType, readonly string[]>> = {
  // Most logged calls keep Salesforce's default subject; it also keeps the file small.
  Call: ['Call', 'Call', 'Call', 'Call', 'Follow-up call', 'Order follow-up'],
  Meeting: ['Discovery meeting', 'Product demo', 'Business review', 'Pricing review', 'Kickoff'],
  Visit: ['Site visit', 'On-site training', 'Plant walk-through', 'Inventory review on site'],
  Email: [
    'Email: Follow-up',
    'Email: Quote',
    'Email: Meeting recap',
    'Email: Proposal',
    'Email: Order status',
  ],
};
const LEAD_SUBJECTS: Readonly<Record<'Call' | 'Email', readonly string[]>> = {
  Call: ['Call', 'Call', 'Prospecting call', 'Cold call'],
  Email: ['Email: Introduction', 'Email: Prospect follow-up'],
};

function buildActivityDrafts(
  seed: number,
  reps: readonly Rep[],
  accounts: readonly Account[],
  books: readonly QuarterBook[][],
): ActivityDraft[] {
  const rng = Rng.forStage(seed, 'activities');
  const linked = DEMO_PLANTED.accountLinkedShare;
  const emailShare = DEMO_PLANTED.practices.emailsPerWeek.loggedShare;
  const drafts: ActivityDraft[] = [];
  let seq = 0;
  for (const rep of reps) {
    if (!rep.active) continue;
    const repBooks = at(books, rep.index);
    let emailCarry = 0.5;
    // Quarter 0 is 2024-Q4, which only feeds deals: activities are exported for 2025 only.
    for (let qi = 1; qi < QUARTERS.length; qi++) {
      const book = at(repBooks, qi);
      const events: ActivityDraft[] = [];
      const add = (day: number, type: ActivityType, n: number): void => {
        for (let i = 0; i < n; i++) events.push({ rep: rep.index, day, type, account: -1, seq: seq++ });
      };
      for (const day of book.days) {
        const f = WEEKDAY_FACTOR[weekdayOf(day)] ?? 1;
        add(day, 'Call', rng.poisson(rep.callsPerDay * f));
        add(day, 'Meeting', rng.poisson((rep.meetingsPerWeek / 5) * f));
        add(day, 'Visit', rng.poisson((rep.visitsPerWeek / 5) * f));
      }
      // Logged emails: the exact expected count (carrying the rounding remainder across quarters)
      // spread over the days. Poisson counts here would add ~8% per-rep noise to the one practice
      // whose whole point is that it does not differ between tiers.
      const dayWeights = book.days.map((d) => WEEKDAY_FACTOR[weekdayOf(d)] ?? 1);
      const expected =
        (rep.emailsPerWeek / 5) * dayWeights.reduce((a, b) => a + b, 0) * emailShare + emailCarry;
      const emails = Math.floor(expected);
      emailCarry = expected - emails;
      for (let i = 0; i < emails && book.days.length > 0; i++) {
        add(at(book.days, rng.weightedIndex(dayWeights)), 'Email', 1);
      }
      assignAccounts(rng, rep, accounts, book, events, linked);
      for (const e of events) drafts.push(e);
    }
  }
  return drafts;
}

/**
 * Links a quarter's activities to accounts so that exactly the planned relationships emerge:
 * every substantive account gets at least 3 touches, every light one 1-2, and the remaining
 * account-linked touches go to substantive accounts weighted by tier (the A/B focus).
 */
function assignAccounts(
  rng: Rng,
  rep: Rep,
  accounts: readonly Account[],
  book: QuarterBook,
  events: ActivityDraft[],
  linked: typeof DEMO_PLANTED.accountLinkedShare,
): void {
  if (book.substantive.length === 0) return;
  const share: Record<ActivityType, number> = {
    Call: linked.calls,
    Meeting: linked.meetings,
    Visit: linked.visits,
    Email: linked.emails,
  };
  const pool = rng.shuffle(events.filter((e) => rng.chance(share[e.type])));
  const needed = book.substantive.length * 3 + book.peripheral.length * 2;
  // Tiny partial quarters may lack linked touches: borrow lead touches rather than break the plan.
  if (pool.length < needed) {
    const inPool = new Set(pool);
    const extra = events.filter((e) => !inPool.has(e));
    for (const e of extra.slice(0, needed - pool.length)) pool.push(e);
  }
  let cursor = 0;
  const take = (account: number, n: number): void => {
    for (let i = 0; i < n && cursor < pool.length; i++) at(pool, cursor++).account = account;
  };
  for (const account of book.substantive) take(account, 3);
  for (const account of book.peripheral) take(account, rng.chance(0.5) ? 1 : 2);

  const weights = book.substantive.map((i) => tierWeight(at(accounts, i).tier, rep) * rng.range(0.5, 1.5));
  for (; cursor < pool.length; cursor++) {
    at(pool, cursor).account = at(book.substantive, rng.weightedIndex(weights));
  }
  // Meetings and visits are always with an account: move any that stayed unlinked to one.
  for (const e of events) {
    if (e.account < 0 && (e.type === 'Meeting' || e.type === 'Visit')) {
      e.account = at(book.substantive, rng.weightedIndex(weights));
    }
  }
}

function activitiesCsv(
  seed: number,
  drafts: ActivityDraft[],
  reps: readonly Rep[],
  accounts: readonly Account[],
): string {
  const rng = Rng.forStage(seed, 'activity-rows');
  drafts.sort((a, b) => a.day - b.day || a.rep - b.rep || a.seq - b.seq);
  const rows: string[][] = [];
  drafts.forEach((e, i) => {
    const accountName = e.account >= 0 ? at(accounts, e.account).name : '';
    const isLead = e.account < 0 && (e.type === 'Call' || e.type === 'Email');
    const subject =
      isLead && (e.type === 'Call' || e.type === 'Email')
        ? rng.pick(LEAD_SUBJECTS[e.type])
        : rng.pick(SUBJECTS[e.type]);
    let result = '';
    let duration = '';
    if (e.type === 'Call') {
      // Known contacts pick up more often than cold leads.
      const connect = isLead ? 0.3 : 0.55;
      const r = rng.float();
      if (r < connect) {
        result = 'Connected';
        duration = String(Math.round(clamp(Math.exp(rng.normal(Math.log(8), 0.5)), 2, 45)));
      } else if (r < connect + (1 - connect) * 0.55) {
        result = 'Left Voicemail';
        duration = '1';
      } else {
        result = 'No Answer';
        duration = '0';
      }
    } else if (e.type === 'Meeting') {
      duration = String(rng.pick([30, 30, 45, 60, 60, 90]));
    } else if (e.type === 'Visit') {
      duration = String(rng.pick([60, 90, 120, 120, 180]));
    }
    rows.push([
      `ACT-${String(i + 1).padStart(7, '0')}`,
      at(reps, e.rep).name,
      e.type,
      subject,
      isoOf(e.day),
      accountName,
      result,
      duration,
    ]);
  });
  return toCsv(
    [
      'Activity ID',
      'Assigned To',
      'Activity Type',
      'Subject',
      'Activity Date',
      'Account Name',
      'Call Result',
      'Duration (min)',
    ],
    rows,
  );
}

// ---------------------------------------------------------------------------------------------
// Deals

type DealStage = 'Prospecting' | 'Qualification' | 'Proposal' | 'Negotiation' | 'Closed Won' | 'Closed Lost';

interface Deal {
  rep: number;
  account: number;
  name: string;
  stage: DealStage;
  amount: number;
  type: 'New Business' | 'Existing Business';
  createdDay: number;
  closeDay: number | null;
  leadSource: string;
}

/** Median deal size (USD) per tier: larger accounts buy larger contracts. */
const TIER_DEAL_MEDIAN: Readonly<Record<Tier, number>> = { A: 32_000, B: 18_000, C: 9_000, D: 5_000 };

/** Sales-cycle range in days per tier: key accounts take longer to close. */
const TIER_CYCLE: Readonly<Record<Tier, readonly [number, number]>> = {
  A: [45, 140],
  B: [30, 100],
  C: [18, 70],
  D: [10, 45],
};

const PRODUCTS_NEW: readonly string[] = [
  'Annual Supply Agreement',
  'Safety Equipment Rollout',
  'Warehouse Racking',
  'Maintenance Contract',
  '"Pilot" Program',
  'Fleet Tools Standardization',
];
const PRODUCTS_EXISTING: readonly string[] = [
  'Renewal',
  'Expansion',
  'Equipment Upgrade',
  'Service Plan Add-on',
  'Consumables Reorder',
  'Additional Site',
];

function buildDeals(
  seed: number,
  reps: readonly Rep[],
  accounts: Account[],
  books: readonly QuarterBook[][],
): Deal[] {
  const rng = Rng.forStage(seed, 'deals');
  const r = DEMO_PLANTED.results;
  const deals: Deal[] = [];
  const byOwner = new Map<number, Account[]>();
  for (const a of accounts) {
    const list = byOwner.get(a.owner) ?? [];
    list.push(a);
    byOwner.set(a.owner, list);
  }

  for (const rep of reps) {
    if (!rep.active) continue;
    const own = byOwner.get(rep.index) ?? [];
    const s = rep.skill;
    const dealsPerQuarter = lerpSkill(r.dealsCreatedPerQuarter, s);
    const winRate = lerpSkill(r.winRate, s);
    const sizeMultiplier = lerpSkill(r.dealSizeMultiplier, s);
    const newBizShare = lerpSkill(r.newBusinessShareOfDeals, s);
    // A rep-level luck factor: results quartiles should not be a pure function of skill.
    const luck = Math.exp(rng.normal(0, 0.05));

    QUARTERS.forEach((q, qi) => {
      const book = at(at(books, rep.index), qi);
      // New hires ramp: their pipeline starts two weeks after the hire date and runs at half pace.
      const days = book.days.filter((d) => !rep.isNewHire || d >= rep.hireDay + 14);
      if (days.length === 0 || book.substantive.length === 0) return;
      const share = days.length / workingDaysBetween(q.start, q.end).length;
      const ramp = rep.isNewHire ? 0.6 : 1;
      const n = rng.poisson(dealsPerQuarter * share * ramp);
      const created = Array.from({ length: n }, () => rng.pick(days)).sort((a, b) => a - b);
      const worked = [...book.substantive, ...book.peripheral];
      const workedWeights = worked.map(
        (i, k) => tierWeight(at(accounts, i).tier, rep) * (k < book.substantive.length ? 1 : 0.25),
      );

      for (const createdDay of created) {
        const isProspect = (a: Account): boolean =>
          !a.customerAtStart && (a.firstWonDay === null || a.firstWonDay >= createdDay);
        let account: Account;
        if (rng.chance(newBizShare)) {
          // Prospecting: prefer prospects the rep is working this quarter, else any prospect owned.
          const workedProspects = worked.map((i) => at(accounts, i)).filter(isProspect);
          const allProspects = own.filter(isProspect);
          const candidates = workedProspects.length > 0 ? workedProspects : allProspects;
          account =
            candidates.length > 0
              ? at(candidates, rng.weightedIndex(candidates.map((a) => tierWeight(a.tier, rep))))
              : at(accounts, at(worked, rng.weightedIndex(workedWeights)));
        } else {
          account = at(accounts, at(worked, rng.weightedIndex(workedWeights)));
        }
        const type = isProspect(account) ? 'New Business' : 'Existing Business';

        let p = winRate + (type === 'Existing Business' ? 0.08 : -0.06) + (account.tier === 'A' ? -0.04 : 0);
        p = clamp(p * luck, 0.05, 0.85);
        const won = rng.chance(p);
        const [cMin, cMax] = TIER_CYCLE[account.tier];
        const cycle = Math.round(rng.range(cMin, cMax));
        // Lost deals usually die before they would have closed.
        const plannedClose = nextWorkingDay(
          createdDay + (won ? cycle : Math.max(5, Math.round(cycle * rng.range(0.35, 1)))),
        );

        const baseAmount =
          TIER_DEAL_MEDIAN[account.tier] *
          sizeMultiplier *
          (type === 'Existing Business' ? 0.85 : 1) *
          Math.exp(rng.normal(0, 0.35));
        // Most amounts are quoted in round figures; some carry cents from line-item pricing.
        const amount = rng.chance(0.85)
          ? Math.max(250, Math.round(baseAmount / 50) * 50)
          : Math.round(baseAmount * 100) / 100;

        let stage: DealStage;
        let closeDay: number | null;
        if (plannedClose <= YEAR_END) {
          if (plannedClose < YEAR_START) continue; // closed in 2024: outside a 2025 export
          stage = won ? 'Closed Won' : 'Closed Lost';
          closeDay = plannedClose;
          if (won && account.firstWonDay === null) account.firstWonDay = plannedClose;
        } else {
          // Still open at year end: the stage reflects how far through its cycle the deal is.
          const progress = (YEAR_END - createdDay) / Math.max(1, plannedClose - createdDay);
          stage =
            progress < 0.2
              ? 'Prospecting'
              : progress < 0.45
                ? 'Qualification'
                : progress < 0.7
                  ? 'Proposal'
                  : 'Negotiation';
          closeDay = rng.chance(0.88) ? plannedClose : null;
        }

        const product = rng.pick(type === 'New Business' ? PRODUCTS_NEW : PRODUCTS_EXISTING);
        const leadSource =
          type === 'Existing Business'
            ? rng.chance(0.8)
              ? 'Existing Customer'
              : 'Referral'
            : at(
                ['Outbound', 'Web', 'Referral', 'Partner', 'Trade Show'],
                rng.weightedIndex([2 + 2 * s, 2, 1 + s, 1, 0.6]),
              );
        deals.push({
          rep: rep.index,
          account: account.index,
          name: `${account.name} - ${product}`,
          stage,
          amount,
          type,
          createdDay,
          closeDay,
          leadSource,
        });
      }
    });
  }
  return deals;
}

function formatAmount(amount: number): string {
  return Number.isInteger(amount) ? String(amount) : amount.toFixed(2);
}

function dealsCsv(deals: Deal[], reps: readonly Rep[], accounts: readonly Account[]): string {
  deals.sort((a, b) => a.createdDay - b.createdDay || a.rep - b.rep || a.account - b.account);
  const rows = deals.map((d, i) => [
    `OPP-${String(i + 1).padStart(6, '0')}`,
    d.name,
    at(reps, d.rep).name,
    at(accounts, d.account).name,
    d.stage,
    formatAmount(d.amount),
    'USD',
    d.type,
    isoOf(d.createdDay),
    d.closeDay === null ? '' : isoOf(d.closeDay),
    d.leadSource,
  ]);
  return toCsv(
    [
      'Opportunity ID',
      'Opportunity Name',
      'Opportunity Owner',
      'Account Name',
      'Stage',
      'Amount',
      'Currency',
      'Type',
      'Created Date',
      'Close Date',
      'Lead Source',
    ],
    rows,
  );
}

// ---------------------------------------------------------------------------------------------
// Quotas

interface QuotaRow {
  rep: number;
  quarter: Quarter;
  quota: number;
}

function buildQuotas(seed: number, reps: readonly Rep[], deals: readonly Deal[]): QuotaRow[] {
  const rng = Rng.forStage(seed, 'quotas');
  const quarters = QUARTERS.slice(1);
  // Quotas are set from what the company actually sells (the average full-time rep's won revenue),
  // not from skill, so attainment spreads out the way results do.
  const fullTime = reps.filter((r) => r.active && !r.isNewHire);
  const fullTimeIds = new Set(fullTime.map((r) => r.index));
  let won = 0;
  for (const d of deals) {
    if (d.stage === 'Closed Won' && fullTimeIds.has(d.rep)) won += d.amount;
  }
  const base = won / (fullTime.length * quarters.length);
  const season = [0.95, 1, 0.98, 1.07];
  const teamFactor = new Map(TEAMS.map((t) => [t.team, rng.range(0.96, 1.04)]));
  const roundQuota = (v: number): number =>
    v >= 20_000 ? Math.round(v / 5_000) * 5_000 : Math.round(v / 1_000) * 1_000;

  const rows: QuotaRow[] = [];
  for (const rep of reps) {
    if (!rep.active) continue; // on leave: quota relief, no rows
    const repFactor = rng.range(0.95, 1.05);
    quarters.forEach((q, qi) => {
      if (rep.hireDay > q.end) return;
      let factor = 1;
      if (rep.isNewHire) {
        // Prorated for the hire quarter, then a ramp quota while the new book builds.
        const share =
          workingDaysBetween(Math.max(q.start, rep.hireDay), q.end).length /
          workingDaysBetween(q.start, q.end).length;
        factor = rep.hireDay >= q.start ? share * 0.5 : 0.75;
      }
      const quota = roundQuota(base * (teamFactor.get(rep.team) ?? 1) * repFactor * at(season, qi) * factor);
      rows.push({ rep: rep.index, quarter: q, quota });
    });
  }
  return rows;
}

function quotasCsv(quotas: readonly QuotaRow[], reps: readonly Rep[]): string {
  const rows = quotas.map((q) => [
    at(reps, q.rep).name,
    isoOf(q.quarter.start),
    isoOf(q.quarter.end),
    String(q.quota),
    'USD',
  ]);
  return toCsv(['Sales Rep', 'Period Start', 'Period End', 'Quota', 'Currency'], rows);
}

// ---------------------------------------------------------------------------------------------
// CSV

/** RFC 4180: quote only fields that need it, double embedded quotes, LF line endings. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return `${lines.join('\n')}\n`;
}

function repsCsv(reps: readonly Rep[], managers: readonly Rep[]): string {
  const rows: string[][] = [];
  for (const team of TEAMS) {
    for (const m of managers.filter((x) => x.team === team.team)) {
      rows.push([
        m.employeeId,
        m.name,
        emailOf(m.name),
        m.team,
        '',
        m.region,
        DEMO_PLANTED.managerRole,
        isoOf(m.hireDay),
      ]);
    }
    for (const r of reps.filter((x) => x.team === team.team)) {
      rows.push([
        r.employeeId,
        r.name,
        emailOf(r.name),
        r.team,
        r.manager,
        r.region,
        DEMO_PLANTED.rankedRole,
        isoOf(r.hireDay),
      ]);
    }
  }
  return toCsv(['Employee ID', 'Sales Rep', 'Email', 'Team', 'Manager', 'Region', 'Role', 'Hire Date'], rows);
}

function accountsCsv(accounts: readonly Account[], reps: readonly Rep[]): string {
  const rows = accounts.map((a) => [
    a.id,
    a.name,
    a.industry,
    String(a.annualRevenue),
    a.tier,
    at(reps, a.owner).name,
    a.country,
  ]);
  return toCsv(
    ['Account ID', 'Account Name', 'Industry', 'Annual Revenue', 'Tier', 'Account Owner', 'Billing Country'],
    rows,
  );
}

// ---------------------------------------------------------------------------------------------

/** Builds the whole demo workspace. Same seed, same bytes. */
export function generateDemo(options: DemoOptions = {}): DemoFiles {
  const seed = options.seed ?? DEMO_DEFAULT_SEED;
  const { reps, managers } = buildReps(seed);
  const accounts = buildAccounts(seed, reps);
  const books = buildBooks(seed, reps, accounts);
  // Deals and quotas come before activities: the email draw is stratified by attainment.
  const deals = buildDeals(seed, reps, accounts, books);
  const quotas = buildQuotas(seed, reps, deals);
  assignEmailRates(seed, reps, deals, quotas);
  const drafts = buildActivityDrafts(seed, reps, accounts, books);
  return {
    'reps.csv': repsCsv(reps, managers),
    'accounts.csv': accountsCsv(accounts, reps),
    'deals.csv': dealsCsv(deals, reps, accounts),
    'activities.csv': activitiesCsv(seed, drafts, reps, accounts),
    'quotas.csv': quotasCsv(quotas, reps),
  };
}
