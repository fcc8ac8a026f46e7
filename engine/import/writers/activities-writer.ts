import { classifyActivityType } from '../../../shared/import/activity-types';
import { parseAmount } from '../../../shared/import/parse-number';
import type { ActivityType } from '../../../shared/domain/types';
import type { Notice } from '../../../shared/i18n/notice';
import type { SqliteHandle } from '../../db/open-database';
import { contentHash } from '../hash';
import { AccountResolver, RepResolver } from '../resolvers';
import { readDate, type ColumnConventions } from './parse-context';
import {
  KeyedUpserter,
  OccurrenceCounter,
  type FieldReader,
  type RowOutcome,
  type RowWriter,
} from './row-writer';

type ActivityValues = [
  string | null, // external_id
  number, // rep_id
  number | null, // account_id
  string, // type
  string | null, // type_raw
  string, // activity_date
  string | null, // subject
  string | null, // outcome
  number | null, // duration_min
];

const COLUMNS = [
  'external_id',
  'rep_id',
  'account_id',
  'type',
  'type_raw',
  'activity_date',
  'subject',
  'outcome',
  'duration_min',
] as const;

export interface ActivitiesWriterOptions {
  /** Type for rows without a type column: a Salesforce Event export is meetings, telephony calls. */
  defaultType: ActivityType;
  /** False when the account column names related records (WhatId), not companies to create. */
  createAccounts: boolean;
}

export class ActivitiesWriter implements RowWriter {
  private readonly upserter: KeyedUpserter<ActivityValues>;
  private readonly reps: RepResolver;
  private readonly accounts: AccountResolver;
  private readonly occurrences = new OccurrenceCounter();

  constructor(
    sqlite: SqliteHandle,
    private readonly batchId: number,
    private readonly conventions: ColumnConventions,
    private readonly options: ActivitiesWriterOptions,
  ) {
    this.upserter = new KeyedUpserter<ActivityValues>(sqlite, 'activities', COLUMNS);
    this.reps = new RepResolver(sqlite, batchId);
    this.accounts = new AccountResolver(sqlite, batchId);
  }

  write(read: FieldReader): RowOutcome {
    const owner = read('owner');
    if (owner === null) return { rejected: { code: 'missing_owner' } };
    const date = readDate(read('activity_date'), 'activity_date', this.conventions);
    if (!date.ok) return { rejected: date.notice };
    if (date.value === null) {
      return {
        rejected: {
          code: 'invalid_date',
          params: { value: '', field: this.conventions.headers.activity_date ?? '' },
        },
      };
    }
    const typeRaw = read('activity_type');
    const duration = read('duration');
    const minutes = duration === null ? null : parseAmount(duration).value;
    const externalId = read('external_id');
    const values: ActivityValues = [
      externalId,
      this.reps.resolve(owner),
      this.accounts.resolve(read('account') ?? '', this.options.createAccounts),
      classifyActivityType(typeRaw, this.options.defaultType),
      typeRaw,
      date.value,
      read('subject'),
      read('outcome'),
      minutes !== null && Number.isFinite(minutes) ? minutes : null,
    ];
    // One hash serves as the content hash and, for rows without a CRM id, as the record key. It
    // covers the owner as written, not the rep id, so merging reps never makes rows look new.
    const hash = contentHash([owner, ...values.slice(2)]);
    const key = externalId !== null ? `id:${externalId}` : this.occurrences.key(hash);
    return this.upserter.upsert(key, hash, this.batchId, values);
  }

  finish(): Notice[] {
    return [];
  }
}
