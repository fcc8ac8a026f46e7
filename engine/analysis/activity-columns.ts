import type { ActivityFacts } from '../../shared/analysis/activity-order';
import { ACTIVITY_CONNECTED, ACTIVITY_TYPES } from '../../shared/domain/types';
import { callConnected } from '../../shared/import/call-outcome';
import type { SqliteHandle } from '../db/open-database';

/** Activity days are stored offset by this in the packed load (1696-01-01 .. 2387). */
const DAY_OFFSET = 100_000;
const DAY_SPAN = 262_144;

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
}

/**
 * Reads the activity columns in one read transaction, so the two come from the same snapshot.
 * Pure of the rest of the workspace (no rep or account lookup): it runs on the engine's
 * connection or on a worker's own read-only one.
 */
export function readActivityColumns(sqlite: SqliteHandle): ActivityColumnsRead {
  const call = ACTIVITY_TYPES.indexOf('call');
  const distinct = sqlite
    .prepare('SELECT DISTINCT outcome FROM activities WHERE type_code = ? AND outcome IS NOT NULL')
    .pluck();
  // Stored as numbers already (migration 004). SQLite packs each row's rep, type, connected flag
  // and day into one integer (days offset to stay positive; reps fit in 20 bits), and joins it
  // with the account id into text, a chunk of rows per string: a million single-row reads cost
  // a call into SQLite and a JS value each, which took twice as long as the reading itself.
  // The subquery scans by rowid in id order and the aggregate takes its rows in that order.
  const chunk = sqlite
    .prepare(
      `SELECT group_concat(row, ','), max(id), count(row) FROM (
         SELECT id, (((coalesce(rep_id, 0) * 8 + min(max(type_code, 0), 7)) * 2 +
           coalesce(type_code = :call AND (
             outcome IN (SELECT value FROM json_each(:connected))
             OR (duration_min >= 1 AND (outcome IN (SELECT value FROM json_each(:long)) OR (outcome IS NULL AND :nullIfLong)))
           ), 0)) * ${DAY_SPAN} + (activity_day + ${DAY_OFFSET})) || ',' || coalesce(account_id, 0) AS row
         FROM activities WHERE id > :after ORDER BY id LIMIT ${CHUNK_ROWS})`,
    )
    .raw();
  // One read transaction: every chunk from the same snapshot.
  return sqlite.transaction((): ActivityColumnsRead => {
    // Whether a call connected depends on its outcome text, of which a workspace has a handful of
    // distinct values: classify each once here, and let SQLite flag the rows.
    const outcomes = distinct.all(call) as string[];
    const params = {
      call,
      connected: JSON.stringify(outcomes.filter((o) => callConnected(o, null) && callConnected(o, 0))),
      long: JSON.stringify(outcomes.filter((o) => !callConnected(o, 0) && callConnected(o, 1))),
      nullIfLong: callConnected(null, 1) ? 1 : 0,
    };
    const texts: string[] = [];
    // Sized from the rows read (no count(*) first: on a million rows that is another full scan).
    let n = 0;
    for (let after = Number.MIN_SAFE_INTEGER; ;) {
      const [text, last, rows] = chunk.get({ ...params, after }) as [string | null, number | null, number];
      if (rows === 0 || text === null || last === null) break;
      texts.push(text);
      n += rows;
      after = last;
    }
    const codes = new Float64Array(n);
    const accounts = new Int32Array(n);
    let k = 0;
    for (const text of texts) k = parseRows(text, codes, accounts, k);
    return { codes, accounts };
  })();
}

/** Rows (ids) per chunk of text: about a megabyte of text each. */
const CHUNK_ROWS = 65_536;

/** Parses "code,account,code,account..." (non-negative integers) from row `at` on; returns the next row. */
function parseRows(text: string, codes: Float64Array, accounts: Int32Array, at: number): number {
  let k = at;
  let value = 0;
  let account = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 44) value = value * 10 + (c - 48);
    else {
      if (account) accounts[k++] = value;
      else codes[k] = value;
      account = !account;
      value = 0;
    }
  }
  accounts[k++] = value;
  return k;
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
  const facts: ActivityFacts = {
    length: n,
    rep: new Int32Array(n),
    type: new Uint8Array(n),
    day: new Int32Array(n),
    account: new Int32Array(n),
    flags: new Uint8Array(n),
  };
  for (let k = 0; k < n; k++) {
    const code = codes[k] as number;
    const dayPart = code % DAY_SPAN;
    const rest = (code - dayPart) / DAY_SPAN;
    const flag = rest % 2;
    const typeAndRep = (rest - flag) / 2;
    const type = typeAndRep % 8;
    const repId = (typeAndRep - type) / 8;
    facts.rep[k] = repId < repLookup.length ? (repLookup[repId] as number) : -1;
    facts.type[k] = type < ACTIVITY_TYPES.length ? type : otherType;
    facts.day[k] = dayPart - DAY_OFFSET;
    facts.flags[k] = flag ? ACTIVITY_CONNECTED : 0;
    const accountId = accounts[k] as number;
    facts.account[k] = accountId < accountLookup.length ? (accountLookup[accountId] as number) : -1;
  }
  return facts;
}
