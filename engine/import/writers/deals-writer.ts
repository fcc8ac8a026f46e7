import { dealOutcome, type StageOverrides } from '../../../shared/import/stages';
import type { Notice } from '../../../shared/i18n/notice';
import type { SqliteHandle } from '../../db/open-database';
import { contentHash } from '../hash';
import { AccountResolver, RepResolver } from '../resolvers';
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

type DealValues = [
  string | null, // external_id
  number, // rep_id
  number | null, // account_id
  string | null, // name
  string | null, // stage
  string, // status
  number | null, // amount
  string | null, // currency
  string | null, // created_date
  string | null, // close_date
  string | null, // product
  string | null, // deal_type
  string | null, // expected_close_date
  string | null, // funnel_stage
  number | null, // probability
];

const COLUMNS = [
  'external_id',
  'rep_id',
  'account_id',
  'name',
  'stage',
  'status',
  'amount',
  'currency',
  'created_date',
  'close_date',
  'product',
  'deal_type',
  'expected_close_date',
  'funnel_stage',
  'probability',
] as const;

export class DealsWriter implements RowWriter {
  private readonly upserter: KeyedUpserter<DealValues>;
  private readonly reps: RepResolver;
  private readonly accounts: AccountResolver;
  private readonly occurrences = new OccurrenceCounter();
  /** Rows with a CRM id: a second row for one id is rejected (FileRecords). */
  private readonly fileRecords = new FileRecords();
  private readonly tally = new NoticeTally();
  private readonly currencies = new Set<string>();

  constructor(
    sqlite: SqliteHandle,
    private readonly batchId: number,
    private readonly conventions: ColumnConventions,
    /** The user's stage choices, over the defaults. */
    private readonly stageChoices: StageOverrides = new Map(),
  ) {
    this.upserter = new KeyedUpserter<DealValues>(sqlite, 'deals', COLUMNS);
    this.reps = new RepResolver(sqlite, batchId);
    this.accounts = new AccountResolver(sqlite, batchId);
  }

  write(read: FieldReader, record: number): RowOutcome {
    const owner = read('owner');
    if (owner === null) return { rejected: { code: 'missing_owner' } };
    // The stage, or where the stage is empty (only filled while a deal is open) the status.
    const stageText = read('stage') ?? read('status');
    const { headers } = this.conventions;
    // Without a stage or status column the file is an order or invoice export: every row is a sale.
    const stage =
      headers.stage || headers.status
        ? dealOutcome(read('stage'), read('status'), this.stageChoices)
        : { status: 'won' as const, funnel: 'signed' as const, unknown: null };
    if (stage.unknown !== null) this.tally.add('unknown_stage', stage.unknown);
    const amount = readAmount(read('amount'), 'amount', this.conventions);
    if (!amount.ok) return { rejected: amount.notice };
    const created = readDate(read('created_date'), 'created_date', this.conventions);
    if (!created.ok) return { rejected: created.notice };
    const closed = readDate(read('close_date'), 'close_date', this.conventions);
    if (!closed.ok) return { rejected: closed.notice };
    const expected = readDate(read('expected_close_date'), 'expected_close_date', this.conventions);
    if (!expected.ok) return { rejected: expected.notice };
    const won = readDate(read('won_date'), 'won_date', this.conventions);
    if (!won.ok) return { rejected: won.notice };
    const lost = readDate(read('lost_date'), 'lost_date', this.conventions);
    if (!lost.ok) return { rejected: lost.notice };
    const statusChanged = readDate(read('status_changed_date'), 'status_changed_date', this.conventions);
    if (!statusChanged.ok) return { rejected: statusChanged.notice };
    const probabilityRead = readProbability(read('probability'), this.conventions);
    if (!probabilityRead.ok) return { rejected: probabilityRead.notice };
    const probability = probabilityRead.value;
    // A closed deal's date: its close date, else the date of its own outcome (CRMs like
    // Pipedrive keep won and lost deals' dates in two columns), else when its status changed. A
    // lost deal must never fall out of every period because its date is in the column won
    // deals leave empty.
    let closeDate =
      stage.status === 'open'
        ? closed.value
        : (closed.value ?? (stage.status === 'won' ? won.value : lost.value) ?? statusChanged.value);
    if (stage.status !== 'open' && closeDate === null) {
      // A closed deal exported without its close date: the expected date is the best evidence of
      // when it closed, and the user is told how many deals were dated that way.
      closeDate = expected.value;
      this.tally.add(closeDate === null ? 'missing_close_date' : 'close_date_from_expected');
    }
    // The file's (or workspace's) currency only labels an amount: a deal without one takes none.
    const fallback = amount.value.value === null ? null : this.conventions.currency;
    const currency = (read('currency')?.toUpperCase() ?? amount.value.currency ?? fallback) || null;
    if (currency) this.currencies.add(currency);
    else if (amount.value.value !== null) this.tally.add('no_currency');
    const externalId = read('external_id');
    const values: DealValues = [
      externalId,
      this.reps.resolve(owner),
      this.accounts.resolve(read('account') ?? '', true),
      read('name'),
      stageText,
      stage.status,
      amount.value.value,
      currency,
      created.value,
      closeDate,
      read('product'),
      read('deal_type'),
      expected.value,
      stage.funnel,
      probability,
    ];
    // For rows without a CRM id the record key hashes the row as written: the owner as written,
    // not the rep id, so merging reps never makes rows look new; and the stage text, not the
    // status and funnel stage read from it, so changing a stage choice updates the deal in place.
    // The content hash adds what was read, so such a change counts as an update. The probability
    // is in the content, not the key (next month's export with a new probability updates the
    // deal), and only when the row has one, so the hashes of files without it stay as they were.
    const written = contentHash([owner, ...values.slice(2, 5), ...values.slice(6, 13)]);
    const key = externalId !== null ? `id:${externalId}` : this.occurrences.key(written);
    const content = contentHash(
      probability === null
        ? [written, stage.status, stage.funnel]
        : [written, stage.status, stage.funnel, probability],
    );
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
    const unknown = this.tally.distinct('unknown_stage');
    for (const value of unknown.slice(0, 10)) notices.push({ code: 'unknown_stage', params: { value } });
    // Amounts with no unit: the file said none and the workspace has none yet (the CLI asks nobody).
    if (this.tally.count('no_currency') > 0) notices.push({ code: 'no_currency' });
    const missingClose = this.tally.count('missing_close_date');
    if (missingClose > 0) notices.push({ code: 'missing_close_date', params: { count: missingClose } });
    const fromExpected = this.tally.count('close_date_from_expected');
    if (fromExpected > 0) notices.push({ code: 'close_date_from_expected', params: { count: fromExpected } });
    return notices;
  }
}
