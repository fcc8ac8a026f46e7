import { ACTIVITY_TYPES, type ActivityType } from '../../../shared/domain/types';
import { combine64Into, hash64Into, hash64LatinInto } from '../../../shared/hash/hash64';
import {
  ACTIVITY_ROW_FIELDS,
  activityFieldHashInto,
  activityIdKeyText,
} from '../../../shared/import/activity-row';
import { classifyActivityType } from '../../../shared/import/activity-types';
import { durationSource } from '../../../shared/import/activity-defaults';
import { kindSpec } from '../../../shared/import/field-catalog';
import { dayNumber } from '../../../shared/period/period';
import { parseAmount } from '../../../shared/import/parse-number';
import type { Notice } from '../../../shared/i18n/notice';
import { fieldReaderFor } from '../field-reader';
import { readDate, type ColumnConventions } from '../writers/parse-context';
import { detached, IdColumnEncoder, TextColumnEncoder, type ActivityBatch } from './activity-batch';
import { decodeRecord, trimCell } from './byte-cells';
import { ByteCache } from './byte-cache';
import type { ByteRecords } from './utf8-records';

export interface ActivityReadOptions {
  /** Mapped field -> column index. */
  columns: [string, number][];
  conventions: ColumnConventions;
  /** Type for rows without a type column: a Salesforce Event export is meetings, telephony calls. */
  defaultType: ActivityType;
}

/** Distinct values a text column's dictionary keeps: types, outcomes and dates repeat, subjects may not. */
const DICTIONARY_CAP = 50_000;
/** Owners and accounts are resolved once per distinct name on the importing side. */
const NAME_DICTIONARY_CAP = 1_000_000;
/** Parsed dates and types are cached per raw text up to this many distinct values. */
const CACHE_CAP = 100_000;

const TYPE_CODE = new Map<ActivityType, number>(ACTIVITY_TYPES.map((t, i) => [t, i]));
const DEFAULT_TYPE = Object.fromEntries(ACTIVITY_TYPES.map((t, i) => [t, i])) as Record<ActivityType, number>;
const TYPE_HASH = new Uint32Array(2 * ACTIVITY_TYPES.length);
ACTIVITY_TYPES.forEach((t, i) => activityFieldHashInto(t, TYPE_HASH, i));

/** Field positions in the row fingerprint (ActivityRowContent order). */
const F_OWNER = 0;
const F_ACCOUNT = 1;
const F_TYPE = 2;
const F_TYPE_RAW = 3;
const F_DATE = 4;
const F_SUBJECT = 5;
const F_OUTCOME = 6;
const F_DURATION = 7;

/** A cell's trimmed text, null when empty or unmapped (same rule as fieldReaderFor). */
function cell(cells: readonly string[], index: number): string | null {
  if (index < 0) return null;
  const raw = cells[index];
  if (raw === undefined || raw === '') return null;
  const v = raw.trim();
  return v === '' ? null : v;
}

/** What activityIdKeyText puts before the id. */
const ID_KEY_PREFIX = activityIdKeyText('');

function isAscii(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if ((bytes[i] as number) >= 0x80) return false;
  return true;
}

type DateRead = { ok: true; value: string | null } | { ok: false; notice: Notice };
/** A raw date cell, read once: the parsed value and its dictionary code. */
type CachedDate = {
  read: DateRead;
  /** Days since 1970-01-01, what is stored; -1 when unreadable. */
  day: number;
  /** Fingerprint of the ISO date text, what the row hash covers. */
  hashLo: number;
  hashHi: number;
};
/** A raw type cell, read once: the activity type and the raw text's dictionary code. */
type CachedType = { type: number; code: number };
/**
 * A raw duration cell, read once: the minutes (null when empty or unreadable), their fingerprint,
 * and whether the cell held something that is not a number ("05:30"), which the import reports.
 */
type CachedDuration = { minutes: number | null; hashLo: number; hashHi: number; unreadable: boolean };

/**
 * Turns an activities file's rows into ActivityBatch columns: reads and checks every field,
 * rejects what cannot be read (with the reason), and fingerprints each row and CRM id. Runs in
 * the reader worker and never touches the database, so the importing thread's per-row work is
 * the record key look-up and the insert.
 */
export class ActivityBatcher {
  /** The owner's column; -1 when the owner comes as first and last name columns. */
  private readonly ownerCol: number;
  /** The owner, which may come as first and last name columns (the general reader joins them). */
  private readonly readOwner: (cells: readonly string[]) => string | null;
  /** Column index per field, -1 when unmapped: read directly, this runs a million times. */
  private readonly col: Record<
    'activity_date' | 'activity_type' | 'duration' | 'external_id' | 'account' | 'subject' | 'outcome',
    number
  >;
  private readonly dates = new Map<string, CachedDate>();
  private readonly types = new Map<string, CachedType>();
  private readonly fields = new Uint32Array(2 * ACTIVITY_ROW_FIELDS);
  /** Per column, what a cell's bytes were read as (UTF-8 bytes; see addBytes). */
  private readonly ownerBytes = new ByteCache<number>(NAME_DICTIONARY_CAP);
  private readonly accountBytes = new ByteCache<number>(NAME_DICTIONARY_CAP);
  private readonly typeBytes = new ByteCache<CachedType>(CACHE_CAP);
  private readonly dateBytes = new ByteCache<CachedDate>(CACHE_CAP);
  private readonly subjectBytes = new ByteCache<number>(DICTIONARY_CAP);
  private readonly outcomeBytes = new ByteCache<number>(DICTIONARY_CAP);
  private readonly durationBytes = new ByteCache<CachedDuration>(CACHE_CAP);
  /** The fingerprint of an empty duration, and the same for a cell that is not a number. */
  private readonly noDuration: CachedDuration;
  private readonly unreadableDuration: CachedDuration;
  /** Rows of this batch whose duration is not a number, and the first such cell. */
  private unreadableDurations = 0;
  private unreadableDurationText: string | null = null;
  /** What the duration column counts per minute: 1 (minutes) or 60 (a column of seconds). */
  private readonly durationUnitsPerMinute: number;
  private readonly range = new Int32Array(2);
  /** Trimmed cell ranges of the row being read by addBytes, two per column. */
  private rowRanges = new Int32Array(64);
  private readonly owner = new TextColumnEncoder(NAME_DICTIONARY_CAP, 4096);
  private readonly account = new TextColumnEncoder(NAME_DICTIONARY_CAP, 4096);
  private readonly externalId = new IdColumnEncoder();
  private readonly typeRaw = new TextColumnEncoder(DICTIONARY_CAP, 4096);
  private readonly subject = new TextColumnEncoder(DICTIONARY_CAP, 4096);
  private readonly outcome = new TextColumnEncoder(DICTIONARY_CAP, 4096);
  private capacity = 4096;
  private record = new Int32Array(this.capacity);
  private hasId = new Uint8Array(this.capacity);
  private idKey = new Uint32Array(2 * this.capacity);
  private rowHash = new Uint32Array(2 * this.capacity);
  private activityType = new Uint8Array(this.capacity);
  private duration = new Float64Array(this.capacity);
  private day = new Int32Array(this.capacity);
  private readonly dateHash = new Uint32Array(2);
  private rejected: ActivityBatch['rejected'] = [];
  private count = 0;
  private rowsRead = 0;

  constructor(
    private readonly options: ActivityReadOptions,
    /** The header's cell count: a record with filled cells past it is rejected (RowSieve). */
    private readonly width: number,
  ) {
    this.noDuration = this.durationOf(null);
    this.unreadableDuration = { ...this.noDuration, unreadable: true };
    const columns = new Map(options.columns);
    const reader = fieldReaderFor(kindSpec('activities'), columns);
    this.readOwner = (cells) => reader(cells)('owner');
    const at = (field: string): number => columns.get(field) ?? -1;
    this.ownerCol = at('owner');
    const duration = durationSource((field) => columns.has(field));
    this.durationUnitsPerMinute = duration?.perMinute ?? 1;
    this.col = {
      activity_date: at('activity_date'),
      activity_type: at('activity_type'),
      duration: duration ? at(duration.field) : -1,
      external_id: at('external_id'),
      account: at('account'),
      subject: at('subject'),
      outcome: at('outcome'),
    };
  }

  private grow(): void {
    const size = this.capacity * 2;
    const record = new Int32Array(size);
    record.set(this.record);
    const hasId = new Uint8Array(size);
    hasId.set(this.hasId);
    const idKey = new Uint32Array(2 * size);
    idKey.set(this.idKey);
    const rowHash = new Uint32Array(2 * size);
    rowHash.set(this.rowHash);
    const activityType = new Uint8Array(size);
    activityType.set(this.activityType);
    const duration = new Float64Array(size);
    duration.set(this.duration);
    const day = new Int32Array(size);
    day.set(this.day);
    Object.assign(this, {
      record,
      hasId,
      idKey,
      rowHash,
      activityType,
      duration,
      day,
      capacity: size,
    });
  }

  /** A filled duration cell, read: minutes, nothing (a "n/a", "-"), or unreadable. */
  private readDuration(text: string): CachedDuration {
    const value = parseAmount(text).value;
    if (value === null) return this.noDuration;
    return Number.isFinite(value)
      ? this.durationOf(value / this.durationUnitsPerMinute)
      : this.unreadableDuration;
  }

  /** Counts a row whose duration cell is not a number; the batch keeps the first such text. */
  private countUnreadableDuration(text: () => string): void {
    if (this.unreadableDurations++ === 0) this.unreadableDurationText = text();
  }

  private durationOf(minutes: number | null): CachedDuration {
    const words = this.dateHash;
    activityFieldHashInto(minutes === null ? null : String(minutes), words, 0);
    return { minutes, hashLo: words[0] as number, hashHi: words[1] as number, unreadable: false };
  }

  private readDate(raw: string): CachedDate {
    let cached = this.dates.get(raw);
    if (cached === undefined) {
      const read = readDate(raw, 'activity_date', this.options.conventions);
      const valid = read.ok && read.value !== null;
      const words = this.dateHash;
      if (valid) activityFieldHashInto(read.value, words, 0);
      cached = {
        read,
        day: valid ? dayNumber(read.value as string) : -1,
        hashLo: words[0] as number,
        hashHi: words[1] as number,
      };
      if (this.dates.size >= CACHE_CAP) this.dates.clear();
      this.dates.set(detached(raw), cached);
    }
    return cached;
  }

  private readType(raw: string): CachedType {
    let cached = this.types.get(raw);
    if (cached === undefined) {
      cached = {
        type: TYPE_CODE.get(classifyActivityType(raw, this.options.defaultType)) as number,
        code: this.typeRaw.intern(raw),
      };
      if (this.types.size >= CACHE_CAP) this.types.clear();
      this.types.set(detached(raw), cached);
    }
    return cached;
  }

  /** A data row rejected before its fields were read (RowSieve: more filled cells than the header). */
  reject(record: number, cells: string[], reason: Notice): void {
    this.rowsRead++;
    this.rejected.push({ record, cells, reason });
  }

  /** Reads one data row: accepted into the batch, or rejected with its reason. */
  add(record: number, cells: string[]): void {
    this.rowsRead++;
    const col = this.col;
    const owner = this.readOwner(cells);
    if (owner === null) {
      this.rejected.push({ record, cells, reason: { code: 'missing_owner' } });
      return;
    }
    const rawDate = cell(cells, col.activity_date);
    const cachedDate = rawDate === null ? null : this.readDate(rawDate);
    const date: DateRead = cachedDate?.read ?? { ok: true, value: null };
    if (!date.ok || date.value === null) {
      const reason: Notice = date.ok
        ? {
            code: 'invalid_date',
            params: { value: '', field: this.options.conventions.headers.activity_date ?? '' },
          }
        : date.notice;
      this.rejected.push({ record, cells, reason });
      return;
    }
    if (this.count === this.capacity) this.grow();
    const i = this.count++;
    this.record[i] = record;
    const fields = this.fields;
    const typeRaw = cell(cells, col.activity_type);
    const cachedType = typeRaw === null ? null : this.readType(typeRaw);
    const type = cachedType?.type ?? DEFAULT_TYPE[this.options.defaultType];
    const durationText = cell(cells, col.duration);
    const duration = durationText === null ? this.noDuration : this.readDuration(durationText);
    if (duration.unreadable) this.countUnreadableDuration(() => durationText as string);
    const durationMin = duration.minutes;
    const externalId = cell(cells, col.external_id);

    this.owner.push(owner, fields, F_OWNER);
    this.account.push(cell(cells, col.account), fields, F_ACCOUNT);
    fields[2 * F_TYPE] = TYPE_HASH[2 * type] as number;
    fields[2 * F_TYPE + 1] = TYPE_HASH[2 * type + 1] as number;
    if (cachedType === null) this.typeRaw.push(null, fields, F_TYPE_RAW);
    else this.typeRaw.pushCode(cachedType.code, typeRaw as string, fields, F_TYPE_RAW);
    this.pushDate(i, cachedDate as CachedDate);
    this.subject.push(cell(cells, col.subject), fields, F_SUBJECT);
    this.outcome.push(cell(cells, col.outcome), fields, F_OUTCOME);
    fields[2 * F_DURATION] = duration.hashLo;
    fields[2 * F_DURATION + 1] = duration.hashHi;
    combine64Into(fields, ACTIVITY_ROW_FIELDS, this.rowHash, i);
    if (externalId === null) this.externalId.pushNull();
    else {
      this.externalId.pushString(externalId);
      hash64Into(activityIdKeyText(externalId), this.idKey, i);
    }
    this.finishRow(i, externalId !== null, type, durationMin);
  }

  /** The plain columns, once the row's fields and id are pushed. */
  private finishRow(i: number, hasId: boolean, type: number, durationMin: number | null): void {
    this.hasId[i] = hasId ? 1 : 0;
    this.activityType[i] = type;
    this.duration[i] = durationMin ?? Number.NaN;
  }

  /**
   * Reads one record from UTF-8 bytes (a UTF-8 file's own, or the decoded copy of a file in another
   * encoding: activity-reader-worker.ts), like add() reads it from text, but looking
   * values up by their bytes; only values not seen before become strings. A record it cannot be
   * sure about (a doubled quote, an edge that is a non-ASCII space, a rejection, the last rows
   * that may be a footer, filled cells past the header's) is decoded and goes through `text`
   * (RowSieve, then add() or its rejection).
   */
  addBytes(
    record: number,
    text: Buffer,
    records: ByteRecords,
    r: number,
    asText: (record: number, cells: string[]) => void,
    beforeData: () => void,
  ): void {
    const first = records.cellOf[r] as number;
    const n = (records.cellOf[r + 1] as number) - first;
    if (this.rowRanges.length < 2 * n) this.rowRanges = new Int32Array(4 * n);
    const ranges = this.rowRanges;
    const range = this.range;
    let filled = 0;
    let extra = false;
    for (let k = 0; k < n; k++) {
      const c = first + k;
      if (
        records.escaped[c] === 1 ||
        !trimCell(text, records.start[c] as number, records.end[c] as number, range)
      ) {
        asText(record, decodeRecord(text, records, r));
        return;
      }
      ranges[2 * k] = range[0] as number;
      ranges[2 * k + 1] = range[1] as number;
      if (range[0] !== range[1]) {
        filled++;
        if (k >= this.width) extra = true;
      }
    }
    const col = this.col;
    const ownerCol = this.ownerCol;
    // Fewer than three filled cells may be blank or a report footer, a filled cell past the
    // header's makes a rejected row, and fewer cells than the header a row RowSieve counts (its
    // shortRows): RowSieve decides.
    if (
      extra ||
      n < this.width ||
      filled < 3 ||
      ownerCol < 0 ||
      ownerCol >= n ||
      col.activity_date < 0 ||
      col.activity_date >= n
    ) {
      asText(record, decodeRecord(text, records, r));
      return;
    }
    const ownerStart = ranges[2 * ownerCol] as number;
    const ownerEnd = ranges[2 * ownerCol + 1] as number;
    const dateStart = ranges[2 * col.activity_date] as number;
    const dateEnd = ranges[2 * col.activity_date + 1] as number;
    if (ownerStart === ownerEnd || dateStart === dateEnd) {
      asText(record, decodeRecord(text, records, r));
      return;
    }
    let cachedDate = this.dateBytes.get(text, dateStart, dateEnd);
    if (cachedDate === undefined) {
      cachedDate = this.readDate(text.toString('utf8', dateStart, dateEnd));
      this.dateBytes.set(text, dateStart, dateEnd, cachedDate);
    }
    const date = cachedDate.read;
    if (!date.ok || date.value === null) {
      asText(record, decodeRecord(text, records, r)); // rejected there, with its cells
      return;
    }
    beforeData();
    this.rowsRead++;
    if (this.count === this.capacity) this.grow();
    const i = this.count++;
    this.record[i] = record;
    const fields = this.fields;
    this.pushBytes(this.ownerBytes, this.owner, text, ownerStart, ownerEnd, F_OWNER);
    const account = col.account < n ? col.account : -1;
    if (account < 0) this.account.push(null, fields, F_ACCOUNT);
    else
      this.pushBytes(
        this.accountBytes,
        this.account,
        text,
        ranges[2 * account] as number,
        ranges[2 * account + 1] as number,
        F_ACCOUNT,
      );

    const typeCol = col.activity_type < n ? col.activity_type : -1;
    const typeStart = typeCol < 0 ? 0 : (ranges[2 * typeCol] as number);
    const typeEnd = typeCol < 0 ? 0 : (ranges[2 * typeCol + 1] as number);
    let type = DEFAULT_TYPE[this.options.defaultType];
    if (typeStart === typeEnd) this.typeRaw.push(null, fields, F_TYPE_RAW);
    else {
      let cachedType = this.typeBytes.get(text, typeStart, typeEnd);
      let raw = '';
      if (cachedType === undefined) {
        raw = text.toString('utf8', typeStart, typeEnd);
        cachedType = this.readType(raw);
        this.typeBytes.set(text, typeStart, typeEnd, cachedType);
      } else if (cachedType.code < 0) raw = text.toString('utf8', typeStart, typeEnd);
      type = cachedType.type;
      this.typeRaw.pushCode(cachedType.code, raw, fields, F_TYPE_RAW);
    }
    fields[2 * F_TYPE] = TYPE_HASH[2 * type] as number;
    fields[2 * F_TYPE + 1] = TYPE_HASH[2 * type + 1] as number;
    this.pushDate(i, cachedDate);
    const subject = col.subject < n ? col.subject : -1;
    if (subject < 0) this.subject.push(null, fields, F_SUBJECT);
    else
      this.pushBytes(
        this.subjectBytes,
        this.subject,
        text,
        ranges[2 * subject] as number,
        ranges[2 * subject + 1] as number,
        F_SUBJECT,
      );
    const outcome = col.outcome < n ? col.outcome : -1;
    if (outcome < 0) this.outcome.push(null, fields, F_OUTCOME);
    else
      this.pushBytes(
        this.outcomeBytes,
        this.outcome,
        text,
        ranges[2 * outcome] as number,
        ranges[2 * outcome + 1] as number,
        F_OUTCOME,
      );

    // A duration's minutes and fingerprint are cached by its bytes: formatting the number and
    // hashing the text for every row cost a tenth of the reader's time.
    let duration = this.noDuration;
    const durationCol = col.duration < n ? col.duration : -1;
    if (durationCol >= 0 && ranges[2 * durationCol] !== ranges[2 * durationCol + 1]) {
      const s0 = ranges[2 * durationCol] as number;
      const e0 = ranges[2 * durationCol + 1] as number;
      const cached = this.durationBytes.get(text, s0, e0);
      if (cached === undefined) {
        duration = this.readDuration(text.toString('utf8', s0, e0));
        this.durationBytes.set(text, s0, e0, duration);
      } else duration = cached;
      if (duration.unreadable) this.countUnreadableDuration(() => text.toString('utf8', s0, e0));
    }
    const durationMin = duration.minutes;
    fields[2 * F_DURATION] = duration.hashLo;
    fields[2 * F_DURATION + 1] = duration.hashHi;
    combine64Into(fields, ACTIVITY_ROW_FIELDS, this.rowHash, i);

    const idCol = col.external_id < n ? col.external_id : -1;
    const idStart = idCol < 0 ? 0 : (ranges[2 * idCol] as number);
    const idEnd = idCol < 0 ? 0 : (ranges[2 * idCol + 1] as number);
    if (idStart === idEnd) this.externalId.pushNull();
    else if (isAscii(text, idStart, idEnd)) {
      this.externalId.pushAsciiBytes(text, idStart, idEnd);
      hash64LatinInto(ID_KEY_PREFIX, text, idStart, idEnd, this.idKey, i);
    } else {
      const externalId = text.toString('utf8', idStart, idEnd);
      this.externalId.pushString(externalId);
      hash64Into(activityIdKeyText(externalId), this.idKey, i);
    }
    this.finishRow(i, idStart !== idEnd, type, durationMin);
  }

  /** A dictionary column's cell by its bytes: the cached code, or the text interned once. */
  private pushBytes(
    cache: ByteCache<number>,
    encoder: TextColumnEncoder,
    text: Buffer,
    start: number,
    end: number,
    field: number,
  ): void {
    if (start === end) {
      encoder.push(null, this.fields, field);
      return;
    }
    const code = cache.get(text, start, end);
    if (code !== undefined) {
      encoder.pushCode(code, '', this.fields, field);
      return;
    }
    const value = text.toString('utf8', start, end);
    const interned = encoder.intern(value);
    if (interned >= 0) cache.set(text, start, end, interned);
    encoder.pushCode(interned, value, this.fields, field);
  }

  /** The row's day, and its date's fingerprint for the row hash. */
  private pushDate(i: number, date: CachedDate): void {
    this.day[i] = date.day;
    this.fields[2 * F_DATE] = date.hashLo;
    this.fields[2 * F_DATE + 1] = date.hashHi;
  }

  /** The rows read since the last call, as one batch (its arrays are the caller's to transfer). */
  take(bytesRead: number, bytesTotal: number): ActivityBatch {
    const n = this.count;
    const batch: ActivityBatch = {
      type: 'batch',
      count: n,
      rowsRead: this.rowsRead,
      record: this.record.slice(0, n),
      hasId: this.hasId.slice(0, n),
      idKey: this.idKey.slice(0, 2 * n),
      rowHash: this.rowHash.slice(0, 2 * n),
      owner: this.owner.take(),
      account: this.account.take(),
      activityType: this.activityType.slice(0, n),
      duration: this.duration.slice(0, n),
      externalId: this.externalId.take(),
      typeRaw: this.typeRaw.take(),
      day: this.day.slice(0, n),
      subject: this.subject.take(),
      outcome: this.outcome.take(),
      rejected: this.rejected,
      unreadableDurations: this.unreadableDurations,
      unreadableDuration: this.unreadableDurationText,
      bytesRead,
      bytesTotal,
    };
    this.count = 0;
    this.rowsRead = 0;
    this.rejected = [];
    this.unreadableDurations = 0;
    this.unreadableDurationText = null;
    return batch;
  }
}
