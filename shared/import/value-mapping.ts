import type { ColumnMapping } from './mapping-types';
import type { FileKind } from '../domain/types';
import { classifyActivityType } from './activity-types';
import { bestKind, detectKinds, mappingFor, type KindDetection } from './detect-mapping';
import { kindSpec, missingFields, type FieldSpec } from './field-catalog';
import { parseDate } from './parse-date';
import { parseAmount } from './parse-number';
import { classifyStage } from './stages';

/**
 * Maps columns by what their values look like, after the headers have had their say: a deals
 * export whose rep column is headed "Person" or "Column 7", or whose headers are in a language
 * we have no synonyms for. The rule (docs/decisions.md, "Columns guessed from their values"):
 *
 * - only fields the headers left unmapped, only columns no header claimed: a header match is
 *   never overridden;
 * - each column gets at most one value role from its sample (date, amount, id, stage, …), and
 *   a field takes a column only when exactly one free column has the field's role; two
 *   candidates mean the field stays unmapped, never a coin toss;
 * - a role needs clear evidence: at least MIN_VALUES non-empty sample values of which
 *   VALUE_SHARE (80%) or more fit.
 *
 * The user sees which fields were guessed (StagedFile.guessedFromValues) and confirms them by
 * importing; nothing is remembered before that.
 */

/** Share of a column's non-empty sample values that must fit a role. */
export const VALUE_SHARE = 0.8;
/** Fewer non-empty sample values than this are no evidence at all. */
export const MIN_VALUES = 5;
/** An id column must be unique and filled in at least this many sample rows. */
export const MIN_ID_VALUES = 10;
/** Company names often lack a legal suffix: half of them carrying one is enough. */
export const COMPANY_SHARE = 0.5;

export type ValueRole =
  | 'date'
  | 'email'
  | 'amount'
  | 'id'
  | 'stage'
  | 'activity_type'
  /** Person names, few of them, each on many rows: the rep who owns the records. */
  | 'person_repeated'
  /** Person names, one per row: a list of people. */
  | 'person_unique'
  | 'company';

/** The value type (field-catalog) a field must declare to be guessed through a role. */
const ROLE_VALUE_TYPE: Record<ValueRole, FieldSpec['valueType']> = {
  date: 'date',
  email: 'text',
  amount: 'number',
  id: 'id',
  stage: 'text',
  activity_type: 'text',
  person_repeated: 'text',
  person_unique: 'text',
  company: 'text',
};

/**
 * The fields that may be guessed, per kind, and the role that feeds each. One date field per
 * kind: a column of dates says it is a date, not which one (created, expected, closed).
 */
const FIELD_ROLES: Partial<Record<FileKind, Readonly<Record<string, ValueRole>>>> = {
  deals: {
    external_id: 'id',
    owner: 'person_repeated',
    stage: 'stage',
    amount: 'amount',
    close_date: 'date',
    account: 'company',
  },
  activities: {
    external_id: 'id',
    owner: 'person_repeated',
    activity_type: 'activity_type',
    activity_date: 'date',
    account: 'company',
  },
  reps: { external_id: 'id', rep: 'person_unique', email: 'email' },
  accounts: { external_id: 'id', account: 'company' },
};

/** The field -> role pairs that apply to a kind, only where the catalog's valueType agrees. */
export function guessableFields(kind: FileKind): { field: string; role: ValueRole }[] {
  const roles = FIELD_ROLES[kind] ?? {};
  return kindSpec(kind).fields.flatMap((f) => {
    const role = roles[f.id];
    return role !== undefined && ROLE_VALUE_TYPE[role] === f.valueType ? [{ field: f.id, role }] : [];
  });
}

/** `hits` is at least `share` of `count`, in whole percents (0.8 * 15 is not 12 in floating point). */
function atLeast(hits: number, count: number, share: number): boolean {
  return hits * 100 >= Math.round(share * 100) * count;
}

const MISSING = new Set(['', '-', '--', '—', 'null', 'n/a', 'na', 'none', '#n/a', 'nan']);

function isDate(value: string): boolean {
  const iso = parseDate(value);
  if (iso === null) return false;
  const year = Number(iso.slice(0, 4));
  return year >= 1970 && year <= 2100;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function amountOf(value: string): number | null {
  const { value: n } = parseAmount(value);
  return n !== null && Number.isFinite(n) ? n : null;
}

const PLAIN_INTEGER = /^\d+$/;

/**
 * Numbers are amounts unless they look like something else: a sequence of unique integers is an
 * id (1001, 1002, …), four-digit integers 1900-2100 are years, values all within 0-100 are
 * probabilities, plain integers all below 1,000 are counts, quantities or minutes. Unique
 * integers that are neither round nor a sequence could be either ids or amounts: no role.
 */
function numericRole(values: readonly string[], total: number): 'amount' | 'id' | null {
  const numbers = values.map(amountOf).filter((n): n is number => n !== null);
  if (numbers.every((n) => n >= 0 && n <= 100)) return null;
  const plain = values.every((v) => PLAIN_INTEGER.test(v));
  if (plain && numbers.every((n) => n < 1000)) return null;
  if (plain && numbers.every((n) => n >= 1900 && n <= 2100) && values.every((v) => v.length === 4)) {
    return null;
  }
  if (plain && new Set(numbers).size === numbers.length) {
    const span = Math.max(...numbers) - Math.min(...numbers);
    if (numbers.length >= MIN_ID_VALUES && numbers.length === total && span < 10 * numbers.length)
      return 'id';
    const round = numbers.filter((n) => n % 100 === 0).length;
    return atLeast(round, numbers.length, VALUE_SHARE) ? 'amount' : null;
  }
  return 'amount';
}

/** Code-like: one token with a digit, as CRM ids are (006Dn00000AbCdE, OPP-0042, D-17). */
const CODE = /^[A-Za-z0-9][A-Za-z0-9_\-.:#/]*$/;

function isCode(value: string): boolean {
  return CODE.test(value) && /\d/.test(value) && value.length <= 40;
}

const NAME_PARTICLES = new Set([
  'van',
  'von',
  'de',
  'der',
  'den',
  'da',
  'das',
  'di',
  'do',
  'dos',
  'du',
  'del',
  'della',
  'la',
  'le',
  'bin',
  'ibn',
  'al',
  'el',
  'ter',
  'ten',
  'zu',
]);

/** Legal forms and words that end company names ("Acme Corp.", "Globex Holdings"). */
const COMPANY_SUFFIXES = new Set([
  'inc',
  'incorporated',
  'ltd',
  'limited',
  'llc',
  'llp',
  'lp',
  'corp',
  'corporation',
  'co',
  'company',
  'gmbh',
  'ag',
  'kg',
  'se',
  'plc',
  'sa',
  'sas',
  'sarl',
  'srl',
  'spa',
  'bv',
  'nv',
  'oy',
  'ab',
  'as',
  'asa',
  'aps',
  'kk',
  'pty',
  'pte',
  'bhd',
  'group',
  'holding',
  'holdings',
  'partners',
  'industries',
  'technologies',
  'technology',
  'solutions',
  'systems',
  'labs',
  'laboratories',
  'bank',
  'university',
  'hospital',
  'foundation',
  'enterprises',
  'international',
  'ventures',
  'consulting',
  'services',
]);

/**
 * Words of two-word values that are places, teams or CRM vocabulary, not people ("North
 * America", "Left Voicemail", "Not Started"). Whole words only: "Joe Fields" is a person.
 */
const NOT_NAME_WORDS = new Set([
  ...COMPANY_SUFFIXES,
  'no',
  'yes',
  'not',
  'left',
  'answer',
  'answered',
  'voicemail',
  'busy',
  'connected',
  'won',
  'lost',
  'closed',
  'open',
  'pending',
  'started',
  'completed',
  'deferred',
  'progress',
  'call',
  'meeting',
  'email',
  'task',
  'visit',
  'demo',
  'follow',
  'up',
  'business',
  'existing',
  'customer',
  'partner',
  'normal',
  'qualified',
  'proposal',
  'negotiation',
  'prospecting',
  'inbound',
  'outbound',
  'referral',
  'online',
  'default',
  'pipeline',
  'other',
  'unknown',
  'north',
  'south',
  'east',
  'west',
  'central',
  'northeast',
  'northwest',
  'southeast',
  'southwest',
  'america',
  'americas',
  'europe',
  'asia',
  'pacific',
  'region',
  'team',
  'sales',
  'new',
  'city',
  'street',
  'road',
  'avenue',
  'the',
  'and',
  'of',
  'for',
]);

const COMPANY_HAN =
  /(公司|集团|有限|股份|企业|银行|医院|大学|学院|研究院|研究所|中心|工厂|厂|事务所|商行|商店|超市|酒店)$/;

/** The hundred most common Chinese surnames (about 85% of people) and common compound ones. */
const HAN_SURNAMES = new Set(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
);
const HAN_COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '令狐',
  '慕容',
  '司徒',
  '尉迟',
];

function isHanName(value: string): boolean {
  if (!/^[\u3400-\u9fff]{2,4}$/.test(value) || COMPANY_HAN.test(value)) return false;
  if (HAN_COMPOUND_SURNAMES.some((s) => value.startsWith(s))) return value.length >= 3;
  return value.length <= 3 && HAN_SURNAMES.has(value.charAt(0));
}

const NAME_WORD = /^\p{Lu}[\p{L}\p{M}'’.-]*$/u;
const INITIAL = /^\p{Lu}\.$/u;

/** "Anna Berg", "Berg, Anna", "José Müller", "Ludwig van Beethoven", 张伟, 欧阳娜娜. */
export function isPersonName(value: string): boolean {
  if (isHanName(value)) return true;
  const commas = value.split(',').length - 1;
  if (commas > 1) return false;
  const words = value.replace(/\s*,\s*/, ' ').split(/\s+/);
  if (words.length < 2 || words.length > 4) return false;
  return words.every((word, i) => {
    const lower = word.toLowerCase().replace(/[.'’]+$/, '');
    if (NOT_NAME_WORDS.has(lower)) return false;
    if (NAME_PARTICLES.has(lower)) return i > 0 && i < words.length - 1;
    return INITIAL.test(word) || (NAME_WORD.test(word) && /\p{Ll}/u.test(word));
  });
}

/** "Acme Corp.", "Globex, Inc.", "Initech GmbH", 上海某某科技有限公司. */
export function isCompanyName(value: string): boolean {
  if (/[\u3400-\u9fff]/.test(value))
    return value.length >= 3 && COMPANY_HAN.test(value.replace(/[)）]$/, ''));
  const words = value
    .toLowerCase()
    .split(/[\s,]+/)
    .map((w) => w.replace(/[.()]/g, ''))
    .filter((w) => w !== '');
  return words.length >= 2 && COMPANY_SUFFIXES.has(words[words.length - 1] as string);
}

/**
 * The key a person's name is matched on against the workspace's reps: case, width and spacing
 * do not matter (engine/import/name-key.ts keys stored reps the same way).
 */
export function personKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Names (and ids, e-mails) of the reps the workspace already knows, as personKey keys. */
export type KnownPeople = ReadonlySet<string>;

export interface ColumnProfile {
  /** Non-empty sample values (missing markers like `-` and `NULL` do not count). */
  count: number;
  distinct: number;
  /** The one role the values show clearly, or null (none, or more than one). */
  role: ValueRole | null;
}

/**
 * The role a column's sample values show. Checked in a fixed order, each needing its own clear
 * evidence: dates, e-mails, numbers (amount or id), stage or activity-type vocabulary, code-like
 * unique ids, person names, company names.
 */
export function profileColumn(rawValues: readonly string[], known?: KnownPeople): ColumnProfile {
  const values = rawValues.map((v) => v.trim()).filter((v) => !MISSING.has(v.toLowerCase()));
  const count = values.length;
  const distinct = new Set(values).size;
  const result = (role: ValueRole | null): ColumnProfile => ({ count, distinct, role });
  if (count < MIN_VALUES) return result(null);
  // Stops at the first miss too many: most columns fail most tests within a few values.
  const allowedMisses = count - Math.ceil((count * Math.round(VALUE_SHARE * 100)) / 100);
  const fits = (test: (v: string) => boolean): boolean => {
    let misses = 0;
    for (const v of values) if (!test(v) && ++misses > allowedMisses) return false;
    return true;
  };

  // The names (or ids) of reps the workspace knows are the strongest evidence there is of a
  // person column, whatever they look like ("ANN LEE", "alee", "285"): checked first.
  if (known && known.size > 0 && fits((v) => known.has(personKey(v)))) {
    if (distinct <= count / 2) return result('person_repeated');
    return result(distinct === count ? 'person_unique' : null);
  }
  if (fits(isDate)) return result('date');
  if (fits((v) => EMAIL.test(v))) return result('email');
  // A column of numbers is never read as names or stages, whatever role it gets.
  if (fits((v) => amountOf(v) !== null)) return result(numericRole(values, rawValues.length));

  // Vocabularies repeat: a stage or type column has few distinct values on many rows.
  const repeated = distinct <= count / 2;
  const stage = repeated && distinct <= 50 && fits((v) => classifyStage(v).known);
  const activity = repeated && distinct <= 50 && fits((v) => classifyActivityType(v, 'other') !== 'other');
  if (stage && activity) return result(null);
  if (stage) return result('stage');
  if (activity) return result('activity_type');

  if (distinct === count && count >= MIN_ID_VALUES && count === rawValues.length && values.every(isCode)) {
    return result('id');
  }
  if (fits(isPersonName)) {
    if (repeated) return result('person_repeated');
    return result(distinct === count ? 'person_unique' : null);
  }
  const enoughCompanies = distinct >= Math.max(3, Math.min(20, Math.ceil(count / 4)));
  if (enoughCompanies && atLeast(values.filter(isCompanyName).length, count, COMPANY_SHARE)) {
    return result('company');
  }
  return result(null);
}

/** Each column's role, profiled the first time it is asked for. */
export function columnRoles(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  known?: KnownPeople,
): (header: string) => ValueRole | null {
  const roles = new Map<string, ValueRole | null>();
  return (header) => {
    if (!roles.has(header)) {
      const index = headers.indexOf(header);
      roles.set(
        header,
        index < 0
          ? null
          : profileColumn(
              rows.map((r) => r[index] ?? ''),
              known,
            ).role,
      );
    }
    return roles.get(header) ?? null;
  };
}

/** Field id -> header of the columns guessed from their values. */
export type ValueGuesses = Record<string, string>;

/**
 * Fills the fields of `kind` that `mapping` leaves unmapped from the free columns' values.
 * Returns only the guesses; `mapping` is never changed and none of its columns is reused.
 */
export function guessFromValues(
  kind: FileKind,
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  mapping: ColumnMapping,
  roleOf: (header: string) => ValueRole | null = columnRoles(headers, rows),
): ValueGuesses {
  const spec = kindSpec(kind);
  const used = new Set(Object.values(mapping).filter((h): h is string => h !== null));
  const free = headers.filter((h) => !used.has(h));
  const picks: [string, string][] = [];
  for (const { field, role } of guessableFields(kind)) {
    if (mapping[field]) continue;
    // A name split over two columns (Owner First Name / Last Name) is already there.
    const parts = spec.nameParts?.[field];
    if (parts && mapping[parts[1]]) continue;
    const candidates = free.filter((h) => roleOf(h) === role);
    if (candidates.length === 1) picks.push([field, candidates[0] as string]);
  }
  // A column feeds one field at most: a column two fields want feeds neither.
  return Object.fromEntries(picks.filter(([, h]) => picks.filter(([, other]) => other === h).length === 1));
}

export interface ValueDetection extends KindDetection {
  /** The part of `mapping` guessed from values (field id -> header). */
  guessed: ValueGuesses;
  /** True when the headers alone could not tell the kind and the values did. */
  kindFromValues: boolean;
}

function withGuesses(
  detection: KindDetection,
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  roleOf: (header: string) => ValueRole | null,
): ValueDetection {
  const guessed = guessFromValues(detection.kind, headers, rows, detection.mapping, roleOf);
  const mapping = { ...detection.mapping, ...guessed };
  return {
    ...detection,
    mapping,
    missingRequired: missingFields(kindSpec(detection.kind), mapping),
    guessed,
    kindFromValues: false,
  };
}

/**
 * Kinds the values may decide, each with the fields one of which must be mapped as proof: a
 * deals file shows stages, an activities file activity types. Amounts and dates are no proof:
 * an activities file has dates and durations too.
 */
const VALUE_KINDS: readonly { kind: FileKind; evidence: readonly string[] }[] = [
  { kind: 'deals', evidence: ['stage', 'status'] },
  { kind: 'activities', evidence: ['activity_type'] },
];

/**
 * Kind and mapping from headers first, then values: the forced kind, else the kind the headers
 * tell, else deals or activities when the values complete exactly one of them (both or neither:
 * no kind, the user chooses). Guesses only fill what the headers left unmapped.
 */
export function detectWithValues(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  forcedKind?: FileKind,
  /** The workspace's reps: a column of their names is an owner column, whatever its header. */
  known?: KnownPeople,
): { detections: KindDetection[]; best: ValueDetection | null } {
  const detections = detectKinds(headers);
  const roleOf = columnRoles(headers, rows, known);
  if (forcedKind) {
    return { detections, best: withGuesses(mappingFor(forcedKind, headers), headers, rows, roleOf) };
  }
  const byHeaders = bestKind(detections);
  if (byHeaders) return { detections, best: withGuesses(byHeaders, headers, rows, roleOf) };
  const viable = VALUE_KINDS.map(({ kind, evidence }) => {
    const d = withGuesses(mappingFor(kind, headers), headers, rows, roleOf);
    const proven = Object.keys(d.guessed).length > 0 && d.missingRequired.length === 0;
    return proven && evidence.some((f) => Boolean(d.mapping[f])) ? d : null;
  }).filter((d): d is ValueDetection => d !== null);
  const only = viable.length === 1 ? (viable[0] ?? null) : null;
  return { detections, best: only ? { ...only, kindFromValues: true } : null };
}
