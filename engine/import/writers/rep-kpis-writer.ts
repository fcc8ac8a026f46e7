import type { ColumnMapping } from '../../../shared/api/contract';
import { normalizeHeader } from '../../../shared/import/field-catalog';
import { detectDecimalStyle, type DecimalStyle } from '../../../shared/import/parse-number';
import {
  isCalendarMonth,
  kpiImportMapping,
  kpiLayout,
  parseKpiKey,
  readKpiValue,
  readPeriodCell,
  shiftMonth,
  splitKpiHeader,
  type DateSpan,
  type KpiColumnPeriod,
} from '../../../shared/import/rep-kpis';
import type { Notice } from '../../../shared/i18n/notice';
import type { Result } from '../../../shared/result';
import type { SqliteHandle } from '../../db/open-database';
import type { RepKpiValuesTable } from '../../db/schema';
import { contentHash } from '../hash';
import { RepResolver } from '../resolvers';
import type { StagedTable } from '../stage-file';
import { readDate, type ColumnConventions } from './parse-context';
import type { FieldReader, RowOutcome, RowWriter } from './row-writer';

/**
 * The mapping a staged rep KPI summary is imported with: the user's fields plus one entry per KPI
 * column naming the period its values go to (shared/import/rep-kpis.ts). Refuses, with a message
 * that says why, a file that does not date its values when no period was given. Both hosts call
 * this before runImport: the app with the month asked on the mapping screen, the CLI with --period.
 */
export function repKpiImportMapping(
  staged: Pick<StagedTable, 'info' | 'sampleRows'>,
  mapping: ColumnMapping,
  period: DateSpan | undefined,
): Result<ColumnMapping> {
  return kpiImportMapping(staged.info.fileName, staged.info.headers, mapping, staged.sampleRows, period);
}

interface Column {
  key: string;
  header: string;
  metric: string;
  label: string;
  period: KpiColumnPeriod;
  style: DecimalStyle | undefined;
}

type KpiValues = [number, string, string, string, string, number];

/** A rep cell that is the sheet's total line, not a person. */
const TOTAL_ROW = /^(grand\s+)?totals?:?$|^(sum|overall|all reps|all users|合计|总计|汇总|小计|全部)$/i;

function periodText(span: DateSpan): string {
  return isCalendarMonth(span) ? span.start.slice(0, 7) : `${span.start}..${span.end}`;
}

/**
 * Rep KPI summaries (one row per rep, one column per activity count for a period): one row
 * becomes one value per KPI column, keyed on rep, period and metric, so re-importing the file
 * changes nothing and a newer export of the same month updates the values. The mapping must come
 * from repKpiImportMapping: its `kpi:` entries say which column goes to which period.
 */
export class RepKpisWriter implements RowWriter {
  private readonly reps: RepResolver;
  private readonly columns: Column[];
  private readonly insert;
  private readonly update;
  /** Record keys written by this import: a second row for the same rep and period is refused. */
  private readonly written = new Set<string>();
  private readonly metrics = new Set<string>();
  private readonly periods = new Set<string>();

  constructor(
    sqlite: SqliteHandle,
    private readonly batchId: number,
    private readonly conventions: ColumnConventions,
    staged: Pick<StagedTable, 'info' | 'sampleRows'>,
    private readonly mapping: ColumnMapping,
  ) {
    this.reps = new RepResolver(sqlite, batchId);
    const headers = staged.info.headers;
    const layout = new Map(kpiLayout(headers, mapping, staged.sampleRows).columns.map((c) => [c.index, c]));
    this.columns = Object.entries(mapping).flatMap(([key, header]): Column[] => {
      const parsed = parseKpiKey(key);
      if (!parsed || header === null) return [];
      const known = layout.get(parsed.index);
      const split = splitKpiHeader(header);
      const values = staged.sampleRows.map((r) => r[parsed.index] ?? '');
      return [
        {
          key,
          header,
          metric: known?.metric ?? `custom:${normalizeHeader(split.label)}`,
          label: known?.label ?? split.label,
          period: parsed.period,
          style: detectDecimalStyle(values),
        },
      ];
    });
    const columns = [
      'record_key',
      'content_hash',
      'batch_id',
      'rep_id',
      'period_start',
      'period_end',
      'metric',
      'metric_label',
      'value',
    ] as const satisfies readonly (keyof RepKpiValuesTable)[];
    // Raw prepared statements: run for each value of each row, prepared once; Kysely would build and
    // prepare each query per value (the import writers' hot path, docs/architecture.md).
    this.insert = sqlite.prepare(
      `INSERT OR IGNORE INTO rep_kpi_values (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    this.update = sqlite.prepare(
      `UPDATE rep_kpi_values SET content_hash = ?, batch_id = ?, rep_id = ?, period_start = ?, period_end = ?,
         metric = ?, metric_label = ?, value = ? WHERE record_key = ? AND content_hash != ?`,
    );
  }

  private header(field: string): string {
    return this.conventions.headers[field] ?? this.mapping[field] ?? field;
  }

  /** The row's own period, when its columns need one: a month column, or start and end dates. */
  private rowPeriod(read: FieldReader): { ok: true; value: DateSpan | null } | { ok: false; notice: Notice } {
    if (!this.columns.some((c) => c.period.type === 'row')) return { ok: true, value: null };
    const missing = (field: string): { ok: false; notice: Notice } => ({
      ok: false,
      notice: { code: 'missing_required', params: { field: this.header(field) } },
    });
    if (this.mapping.period) {
      const raw = read('period');
      if (raw === null) return missing('period');
      const span = readPeriodCell(raw);
      return span
        ? { ok: true, value: span }
        : {
            ok: false,
            notice: { code: 'invalid_date', params: { value: raw, field: this.header('period') } },
          };
    }
    const start = readDate(read('period_start'), 'period_start', this.conventions);
    if (!start.ok) return start;
    const end = readDate(read('period_end'), 'period_end', this.conventions);
    if (!end.ok) return end;
    if (start.value === null) return missing('period_start');
    if (end.value === null) return missing('period_end');
    return { ok: true, value: { start: start.value, end: end.value } };
  }

  write(read: FieldReader): RowOutcome {
    const rep = read('rep') ?? read('rep_id');
    if (rep === null) return { rejected: { code: 'missing_owner' } };
    if (TOTAL_ROW.test(rep)) return { rejected: { code: 'kpi_total_row', params: { value: rep } } };
    const row = this.rowPeriod(read);
    if (!row.ok) return { rejected: row.notice };
    // The whole row is read before anything is written: a rejected row leaves nothing behind.
    const values: { column: Column; span: DateSpan; value: number }[] = [];
    for (const column of this.columns) {
      const raw = read(column.key);
      if (raw === null) continue;
      const value = readKpiValue(raw, column.style);
      if (value === null) continue;
      if (Number.isNaN(value)) {
        return { rejected: { code: 'invalid_number', params: { value: raw, field: column.header } } };
      }
      let span: DateSpan;
      if (column.period.type === 'fixed') span = { start: column.period.start, end: column.period.end };
      else {
        const own = row.value as DateSpan;
        if (column.period.delta === 0) span = own;
        else if (!isCalendarMonth(own)) {
          return { rejected: { code: 'kpi_row_period_not_month', params: { value: periodText(own) } } };
        } else span = shiftMonth(own.start, column.period.delta);
      }
      values.push({ column, span, value });
    }
    const repId = this.reps.resolve(rep);
    const keyed = values.map((v) => ({
      ...v,
      recordKey: `k:${repId}:${v.span.start}:${v.span.end}:${v.column.metric}`,
    }));
    const repeated = keyed.find((v) => this.written.has(v.recordKey));
    if (repeated) {
      return { rejected: { code: 'kpi_duplicate_rep', params: { rep, period: periodText(repeated.span) } } };
    }
    let outcome: 'added' | 'updated' | 'unchanged' = 'unchanged';
    for (const v of keyed) {
      this.written.add(v.recordKey);
      this.metrics.add(v.column.metric);
      this.periods.add(periodText(v.span));
      const row: KpiValues = [repId, v.span.start, v.span.end, v.column.metric, v.column.label, v.value];
      const hash = contentHash(row);
      if (this.insert.run(v.recordKey, hash, this.batchId, ...row).changes === 1) outcome = 'added';
      else if (this.update.run(hash, this.batchId, ...row, v.recordKey, hash).changes === 1) {
        if (outcome !== 'added') outcome = 'updated';
      }
    }
    return outcome;
  }

  finish(): Notice[] {
    if (this.written.size === 0) return [];
    return [
      {
        code: 'kpi_values_stored',
        params: {
          count: this.written.size,
          metrics: this.metrics.size,
          periods: [...this.periods].sort().join(', '),
        },
      },
    ];
  }
}
