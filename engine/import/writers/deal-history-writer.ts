import { dealOutcome, type StageOverrides } from '../../../shared/import/stages';
import type { Notice } from '../../../shared/i18n/notice';
import type { SqliteHandle } from '../../db/open-database';
import { contentHash } from '../hash';
import { readAmount, readDate, readProbability, type ColumnConventions } from './parse-context';
import {
  KeyedUpserter,
  NoticeTally,
  FileRecords,
  OccurrenceCounter,
  type FieldReader,
  type RowOutcome,
  type RowWriter,
} from './row-writer';

type SnapshotValues = [
  number | null, // deal_id
  string | null, // deal_external_id
  string | null, // deal_name
  string, // snapshot_date
  string | null, // stage
  string, // status
  string | null, // funnel_stage
  number | null, // amount
  string | null, // currency
  string | null, // expected_close_date
  number | null, // probability
  string | null, // forecast_category
];

const COLUMNS = [
  'deal_id',
  'deal_external_id',
  'deal_name',
  'snapshot_date',
  'stage',
  'status',
  'funnel_stage',
  'amount',
  'currency',
  'expected_close_date',
  'probability',
  'forecast_category',
] as const;

/**
 * Finds the deal a history row names: by CRM id first (ids are unique), else by name when exactly
 * one deal has it; a name two deals share could be either, so it stays unresolved.
 */
export class DealRefResolver {
  private readonly byId;
  private readonly byName;
  private readonly cache = new Map<string, number | null>();

  constructor(sqlite: SqliteHandle) {
    // A deal imported with a CRM id has the record key `id:<id>` (unique, indexed).
    this.byId = sqlite.prepare<[string]>('SELECT id FROM deals WHERE record_key = ?').pluck();
    this.byName = sqlite.prepare<[string]>('SELECT id FROM deals WHERE name = ? LIMIT 2').pluck();
  }

  resolve(externalId: string | null, name: string | null): number | null {
    const key = `${externalId ?? ''}\u0000${name ?? ''}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    let id: number | null = null;
    if (externalId !== null) id = (this.byId.get(`id:${externalId}`) as number | undefined) ?? null;
    if (id === null && name !== null) {
      const ids = this.byName.all(name) as number[];
      if (ids.length === 1) id = ids[0] as number;
    }
    this.cache.set(key, id);
    return id;
  }
}

/**
 * Deal history rows (OpportunityHistory): one snapshot of a deal on one day. Keyed like deals: a
 * history row id when the file has one, else the row as written and its occurrence, so the same
 * file imported again is all unchanged. A row without a deal reference or a date cannot be placed
 * in time and is rejected.
 */
export class DealHistoryWriter implements RowWriter {
  private readonly upserter: KeyedUpserter<SnapshotValues>;
  private readonly deals: DealRefResolver;
  private readonly occurrences = new OccurrenceCounter();
  /** Rows with a CRM id: a second row for one id is rejected (FileRecords). */
  private readonly fileRecords = new FileRecords();
  private readonly tally = new NoticeTally();
  private readonly currencies = new Set<string>();

  constructor(
    sqlite: SqliteHandle,
    private readonly batchId: number,
    private readonly conventions: ColumnConventions,
    private readonly stageChoices: StageOverrides = new Map(),
  ) {
    this.upserter = new KeyedUpserter<SnapshotValues>(sqlite, 'deal_snapshots', COLUMNS);
    this.deals = new DealRefResolver(sqlite);
  }

  write(read: FieldReader, record: number): RowOutcome {
    const { headers } = this.conventions;
    const dealId = read('deal_id');
    const dealName = read('deal_name');
    if (dealId === null && dealName === null) {
      const field = headers.deal_name ?? headers.deal_id ?? 'deal';
      return { rejected: { code: 'missing_required', params: { field } } };
    }
    // A history column when the file has one, else the history row's created date.
    const dateField = headers.snapshot_date ? 'snapshot_date' : 'created_date';
    const snapshot = readDate(read(dateField), dateField, this.conventions);
    if (!snapshot.ok) return { rejected: snapshot.notice };
    if (snapshot.value === null) {
      return { rejected: { code: 'missing_required', params: { field: headers[dateField] ?? dateField } } };
    }
    const stageText = read('stage');
    const stage = dealOutcome(stageText, null, this.stageChoices);
    if (stage.unknown !== null) this.tally.add('unknown_stage', stage.unknown);
    const amount = readAmount(read('amount'), 'amount', this.conventions);
    if (!amount.ok) return { rejected: amount.notice };
    const expected = readDate(read('expected_close_date'), 'expected_close_date', this.conventions);
    if (!expected.ok) return { rejected: expected.notice };
    const probabilityRead = readProbability(read('probability'), this.conventions);
    if (!probabilityRead.ok) return { rejected: probabilityRead.notice };
    const probability = probabilityRead.value;
    const currency = (read('currency')?.toUpperCase() ?? amount.value.currency) || null;
    if (currency) this.currencies.add(currency);
    const deal = this.deals.resolve(dealId, dealName);
    if (deal === null) this.tally.add('unmatched');
    const values: SnapshotValues = [
      deal,
      dealId,
      dealName,
      snapshot.value,
      stageText,
      stage.status,
      stage.funnel,
      amount.value.value,
      currency,
      expected.value,
      probability,
      read('forecast_category'),
    ];
    // The key hashes the row as written (the stage text, not what it was read as, and not the
    // resolved deal, which a later deals import may supply); the content adds what was read, so
    // a changed stage choice updates the snapshot in place.
    const written = contentHash([...values.slice(1, 5), ...values.slice(7)]);
    const externalId = read('external_id');
    const key = externalId !== null ? `id:${externalId}` : this.occurrences.key(written);
    const content = contentHash([written, deal, stage.status, stage.funnel]);
    const earlier = externalId === null ? undefined : this.fileRecords.claim(key, record);
    if (earlier !== undefined)
      return { rejected: { code: 'repeated_id', params: { id: externalId ?? '', row: earlier } } };
    return this.upserter.upsert(key, content, this.batchId, values);
  }

  finish(): Notice[] {
    const notices: Notice[] = [];
    if (this.currencies.size > 1) {
      notices.push({
        code: 'mixed_currencies',
        params: { currencies: [...this.currencies].sort().join(', ') },
      });
    }
    for (const value of this.tally.distinct('unknown_stage').slice(0, 10)) {
      notices.push({ code: 'unknown_stage', params: { value } });
    }
    const unmatched = this.tally.count('unmatched');
    if (unmatched > 0) notices.push({ code: 'snapshots_unmatched', params: { count: unmatched } });
    return notices;
  }
}
