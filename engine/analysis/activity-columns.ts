import { emptyActivityFacts, type ActivityFacts } from '../../shared/analysis/activity-order';
import { ACTIVITY_CONNECTED, ACTIVITY_TYPES } from '../../shared/domain/types';
import { callConnected } from '../../shared/import/call-outcome';
import type { SqliteHandle } from '../db/open-database';
import { readIntegerColumns, WHOLE_TABLE, type IdRange } from './chunked-rows';

/** Activity days are stored offset by this in the packed load (1696-01-01 .. 2387). */
const DAY_OFFSET = 100_000;
const DAY_SPAN = 262_144;
const TWO_32 = 2 ** 32;

/**
 * The activities table as read for the working set, before rep and account ids are mapped to
 * positions: the largest part of opening a workspace, so it is plain typed arrays that a worker
 * thread can read and post back without copying (engine/analysis/activity-columns-worker.ts).
 */
export interface ActivityColumnsRead {
  /** Per row, ordered by id: rep id, type code, connected flag and day packed into one number. */
  codes: Float64Array<ArrayBuffer>;
  /** Per row: the account id, 0 for none. */
  accounts: Int32Array<ArrayBuffer>;
  /** How the calls' outcomes were classified (outcomeClasses): the cache checks it still holds. */
  outcomes: OutcomeClasses;
}

/** The workspace's distinct call outcomes and, per outcome, callConnected with no, 0 and 1 minute. */
export type OutcomeClasses = [outcome: string, unknownLength: boolean, zero: boolean, oneMinute: boolean][];

export function outcomeClasses(outcomes: readonly string[]): OutcomeClasses {
  return outcomes.map((o) => [o, callConnected(o, null), callConnected(o, 0), callConnected(o, 1)]);
}

/** Whether outcomes stored with their classes (a cache file's) are classified today as they were then. */
export function sameOutcomeClasses(stored: unknown): stored is OutcomeClasses {
  if (!Array.isArray(stored)) return false;
  const texts = stored.map((entry) => (Array.isArray(entry) ? (entry[0] as unknown) : null));
  if (!texts.every((t): t is string => typeof t === 'string')) return false;
  return JSON.stringify(outcomeClasses(texts)) === JSON.stringify(stored);
}

/**
 * When the read flags a call connected (callConnected, decided once per distinct outcome): an
 * outcome that connects whatever the length (`always`), one that connects from a minute on
 * (`fromAMinute`); a call without an outcome connects from a minute on when `noOutcomeFromAMinute`.
 * Shared by the table read below and the activity rows file (activity-rows-file.ts), so the two
 * give the same flags.
 */
export const connectsAlways = (outcome: string): boolean =>
  callConnected(outcome, null) && callConnected(outcome, 0);
export const connectsFromAMinute = (outcome: string): boolean =>
  !callConnected(outcome, 0) && callConnected(outcome, 1);
export const noOutcomeFromAMinute = (): boolean => callConnected(null, 1);

/**
 * One row as the read packs it: rep id (0 for none), type code (clamped to 0..7), the connected
 * flag and the day, in one number below 2^53 (reps fit in 20 bits). The SQL in readActivityColumns
 * computes the same expression.
 */
export function packActivity(repId: number, type: number, connected: boolean, day: number): number {
  const t = type < 0 ? 0 : type > 7 ? 7 : type;
  return ((repId * 8 + t) * 2 + (connected ? 1 : 0)) * DAY_SPAN + (day + DAY_OFFSET);
}

/**
 * Reads the activity columns in one read transaction, so the two come from the same snapshot.
 * Pure of the rest of the workspace (no rep or account lookup): it runs on the engine's
 * connection or on a worker's own read-only one.
 */
export function readActivityColumns(sqlite: SqliteHandle, range: IdRange = WHOLE_TABLE): ActivityColumnsRead {
  const call = ACTIVITY_TYPES.indexOf('call');
  // Raw prepared statements: this read is most of opening a workspace (npm run bench, "open").
  // An outcome is stored as text or as an activity_texts code (migration 011): the distinct pairs
  // are one or the other, and the codes' texts are looked up once.
  const distinct = sqlite
    .prepare(
      `SELECT DISTINCT outcome, outcome_code FROM activities
       WHERE type_code = ? AND (outcome IS NOT NULL OR outcome_code IS NOT NULL) AND id > ? AND id <= ?`,
    )
    .raw();
  const textsOf = sqlite.prepare(
    'SELECT id, text FROM activity_texts WHERE id IN (SELECT value FROM json_each(?))',
  );
  // Stored as numbers already (migration 004). SQLite packs each row's rep, type, connected flag
  // and day into one integer as packActivity does (days offset to stay positive), read as text
  // with the account id (engine/analysis/chunked-rows.ts).
  const packed = `((coalesce(rep_id, 0) * 8 + min(max(type_code, 0), 7)) * 2 +
    coalesce(type_code = :call AND (
      outcome IN (SELECT value FROM json_each(:connected))
      OR outcome_code IN (SELECT value FROM json_each(:connectedCodes))
      OR (duration_min >= 1 AND (
        outcome IN (SELECT value FROM json_each(:long))
        OR outcome_code IN (SELECT value FROM json_each(:longCodes))
        OR (outcome IS NULL AND outcome_code IS NULL AND :nullIfLong)))
    ), 0)) * ${DAY_SPAN} + (activity_day + ${DAY_OFFSET})`;
  // One read transaction, so the outcome classes and every chunk come from the same snapshot.
  return sqlite.transaction((): ActivityColumnsRead => {
    // Whether a call connected depends on its outcome text, of which a workspace has a handful of
    // distinct values: classify each once here, and let SQLite flag the rows.
    const pairs = distinct.all(call, range.after, range.upTo) as [string | null, number | null][];
    const stored = new Set<string>();
    const outcomeCodes: number[] = [];
    for (const [text, code] of pairs)
      if (text !== null) stored.add(text);
      else if (code !== null) outcomeCodes.push(code);
    const coded = textsOf.raw().all(JSON.stringify(outcomeCodes)) as [number, string][];
    // Each distinct text once, whichever form its rows store it in.
    const outcomes = [...new Set([...stored, ...coded.map(([, text]) => text)])];
    const codesWhere = (rule: (outcome: string) => boolean): string =>
      JSON.stringify(coded.filter(([, text]) => rule(text)).map(([id]) => id));
    const [codes, accounts] = readIntegerColumns(
      sqlite,
      'activities',
      [packed, 'coalesce(account_id, 0)'],
      {
        call,
        connected: JSON.stringify([...stored].filter(connectsAlways)),
        connectedCodes: codesWhere(connectsAlways),
        long: JSON.stringify([...stored].filter(connectsFromAMinute)),
        longCodes: codesWhere(connectsFromAMinute),
        nullIfLong: noOutcomeFromAMinute() ? 1 : 0,
      },
      range,
    ) as [Float64Array<ArrayBuffer>, Float64Array<ArrayBuffer>];
    return { codes, accounts: Int32Array.from(accounts), outcomes: outcomeClasses(outcomes) };
  })();
}

/**
 * Two reads of consecutive id ranges as one (`first` the lower ids): each part classified its own
 * outcomes, and an outcome's class never depends on the rows around it.
 */
export function joinActivityColumns(
  first: ActivityColumnsRead,
  second: ActivityColumnsRead,
): ActivityColumnsRead {
  const join = <T extends Float64Array<ArrayBuffer> | Int32Array<ArrayBuffer>>(a: T, b: T, out: T): T => {
    out.set(a);
    out.set(b, a.length);
    return out;
  };
  const n = first.codes.length + second.codes.length;
  const seen = new Set(first.outcomes.map(([outcome]) => outcome));
  return {
    codes: join(first.codes, second.codes, new Float64Array(n)),
    accounts: join(first.accounts, second.accounts, new Int32Array(n)),
    outcomes: [...first.outcomes, ...second.outcomes.filter(([outcome]) => !seen.has(outcome))],
  };
}

/**
 * Unpacks the read into activity facts, rep and account ids mapped to positions through the
 * lookups (index by id -> position, -1 for none) the rest of the working set was loaded with.
 */
export function decodeActivityColumns(
  read: ActivityColumnsRead,
  repLookup: Int32Array,
  accountLookup: Int32Array,
): ActivityFacts {
  const { codes, accounts } = read;
  const otherType = ACTIVITY_TYPES.indexOf('other');
  const n = codes.length;
  const facts = emptyActivityFacts(n);
  for (let k = 0; k < n; k++) {
    const code = codes[k] as number;
    let dayPart: number;
    let flag: number;
    let type: number;
    let repId: number;
    if (code >= 0) {
      // The low 32 bits hold the day (18 bits), the flag, the type (3) and the rep's low 10 bits:
      // integer operations on them, not four floating-point remainders (0.7 s at 10M rows).
      const high = Math.floor(code / TWO_32);
      const low = code - high * TWO_32;
      dayPart = low & (DAY_SPAN - 1);
      flag = (low >>> 18) & 1;
      type = (low >>> 19) & 7;
      repId = (low >>> 22) + high * 1024;
    } else {
      // Only a day before 1696 with no rep makes a negative code; decoded as it always was.
      dayPart = code % DAY_SPAN;
      const rest = (code - dayPart) / DAY_SPAN;
      flag = rest % 2;
      const typeAndRep = (rest - flag) / 2;
      type = typeAndRep % 8;
      repId = (typeAndRep - type) / 8;
    }
    facts.rep[k] = repId < repLookup.length ? (repLookup[repId] as number) : -1;
    facts.type[k] = type < ACTIVITY_TYPES.length ? type : otherType;
    facts.day[k] = dayPart - DAY_OFFSET;
    facts.flags[k] = flag ? ACTIVITY_CONNECTED : 0;
    const accountId = accounts[k] as number;
    facts.account[k] = accountId < accountLookup.length ? (accountLookup[accountId] as number) : -1;
  }
  return facts;
}
