import type { ColumnMapping } from './mapping-types';
import { daysInMonth, isValidIsoDate, monthPeriod, parsePeriod } from '../period/period';
import { err, ok, type Result } from '../result';
import { normalizeHeader, REP_KPI_METRICS } from './field-catalog';
import { parseDate } from './parse-date';
import { parseAmount, type DecimalStyle } from './parse-number';

/**
 * Rep KPI summaries: one row per rep, one column per activity count for a period, as some tools
 * export them already aggregated ("Outbound Calls (last month)", "Outbound Calls (month before
 * last)"). This module reads the layout from the headers (and the sample's values) and turns the
 * mapping plus the period the user gave into the import plan the writer follows. The rule
 * (docs/decisions.md, "Rep KPI summaries"):
 *
 * - every column that is not the rep, its id or a period column, and whose sample values are
 *   numbers, is a KPI column; the metric fields of the mapping (calls, meetings, ...) name the
 *   known ones, and a metric field claims its column's siblings for other months too; any other
 *   numeric column is kept under its header text;
 * - a header may carry its period: relative ("(last month)", "上月") or its own ("(2024-05)");
 * - the rows may carry it (a month column, or start and end columns); otherwise the user says
 *   which month the newest relative label means ("last month" = 2024-12), or which month the
 *   whole sheet covers. The file's name is never read for a date.
 */

/** A period as two inclusive ISO dates. */
export interface DateSpan {
  start: string;
  end: string;
}

/** When a KPI column's values happened, as its header tells. */
export type KpiWhen =
  /** Nothing in the header: the sheet's (or the row's) period. */
  | { type: 'sheet' }
  /** `offset` months from now as the export saw it: 0 this month, -1 last month, -2 the month before. */
  | { type: 'relative'; offset: number; phrase: string }
  /** The header names its own period: "Calls (2024-05)". */
  | ({ type: 'fixed' } & DateSpan);

export interface KpiColumn {
  header: string;
  /** Column index in the file's headers. */
  index: number;
  /** A known metric (REP_KPI_METRICS) or `custom:<normalised header text>`. */
  metric: string;
  /** The header without its period, as written: "Outbound Calls". */
  label: string;
  when: KpiWhen;
}

/** What the user must say before the file can be imported. */
export type KpiPeriodQuestion =
  /** Which month does this label ("last month") mean? Always one calendar month. */
  | { type: 'relative'; phrase: string }
  /** Which month (or period) does the whole sheet cover? */
  | { type: 'sheet' };

export interface KpiLayout {
  columns: KpiColumn[];
  /** The rows carry their period: a month column, or start and end date columns. */
  rowPeriod: 'period' | 'start_end' | null;
  /** The newest relative offset among the columns (what the question names), 0 when none. */
  anchorOffset: number;
  question: KpiPeriodQuestion | null;
}

/** Fields of the kind that are not metrics: their columns are never KPI columns. */
const NON_METRIC_FIELDS = [
  'rep',
  'rep_id',
  'period',
  'period_start',
  'period_end',
  'given_name',
  'family_name',
];

const KPI_KEY_PREFIX = 'kpi:';

const RELATIVE_PHRASES: { offset: number; phrases: string[] }[] = [
  { offset: 0, phrases: ['this month', 'current month', 'month to date', 'mtd', '本月', '当月', '这个月'] },
  {
    offset: -1,
    phrases: ['last month', 'previous month', 'prior month', 'prev month', '上月', '上个月', '上一个月'],
  },
  {
    offset: -2,
    phrases: ['month before last', '2 months ago', 'two months ago', '上上月', '上上个月', '前两个月'],
  },
];

function relativeOf(text: string): { offset: number; phrase: string } | null {
  const n = normalizeHeader(text);
  for (const { offset, phrases } of RELATIVE_PHRASES) {
    if (phrases.some((p) => normalizeHeader(p) === n)) return { offset, phrase: text.trim() };
  }
  return null;
}

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** `Jan`, `Jan.`, `January`, `Sept` -> 1..12; null for anything else. */
function monthNumber(name: string): number | null {
  const n = name.toLowerCase().replace(/\.$/, '');
  const i = MONTH_NAMES.findIndex(
    (m) => n === m || n === m.slice(0, 3) || (m === 'september' && n === 'sept'),
  );
  return i < 0 ? null : i + 1;
}

function month(year: number, m: number): DateSpan | null {
  if (m < 1 || m > 12 || year < 1900 || year > 2200) return null;
  const p = monthPeriod(year, m);
  return { start: p.start, end: p.end };
}

/**
 * A period written as text: `2024`, `2024-Q2`, `2024-05`, `2024-05-01..2024-05-31` (the app's
 * period syntax), `2024/05`, `2024年5月`, `05/2024`, `May 2024`, `2024 May`. Null otherwise.
 */
export function readPeriodText(input: string): DateSpan | null {
  const text = input.trim();
  const parsed = parsePeriod(text);
  if (parsed.ok) return { start: parsed.value.start, end: parsed.value.end };
  let m = /^(\d{4})\s*[/.年]\s*(\d{1,2})\s*月?$/.exec(text);
  if (m) return month(Number(m[1]), Number(m[2]));
  m = /^(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(text);
  if (m) return month(Number(m[2]), Number(m[1]));
  m = /^([A-Za-z]{3,9}\.?)[\s,'-]*(\d{4})$/.exec(text);
  if (m) {
    const n = monthNumber(m[1] as string);
    return n === null ? null : month(Number(m[2]), n);
  }
  m = /^(\d{4})[\s,-]*([A-Za-z]{3,9})$/.exec(text);
  if (m) {
    const n = monthNumber(m[2] as string);
    return n === null ? null : month(Number(m[1]), n);
  }
  return null;
}

/**
 * A row's period cell: a period as text (readPeriodText), or a date, which stands for its
 * calendar month (a "Month" column holding 2024-05-01 or 5/31/2024).
 */
export function readPeriodCell(input: string): DateSpan | null {
  const period = readPeriodText(input);
  if (period) return period;
  const day = parseDate(input, { allowExcelSerial: true });
  return day === null ? null : month(Number(day.slice(0, 4)), Number(day.slice(5, 7)));
}

const SEPARATORS = String.raw`[\s_\-–—:：|,/]`;

function phraseRegex(phrase: string): string {
  return phrase
    .split(' ')
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join(String.raw`[\s_-]+`);
}

const ALL_PHRASES = RELATIVE_PHRASES.flatMap((r) => r.phrases).sort((a, b) => b.length - a.length);
const SUFFIX = new RegExp(`^(.+?)${SEPARATORS}+(${ALL_PHRASES.map(phraseRegex).join('|')})$`, 'i');
const CJK_SUFFIX = new RegExp(
  `^(.+?)${SEPARATORS}*(${ALL_PHRASES.filter((p) => /[^\x20-\x7e]/.test(p)).join('|')})$`,
);
const PREFIX = new RegExp(`^(${ALL_PHRASES.map(phraseRegex).join('|')})${SEPARATORS}+(.+)$`, 'i');
const CJK_PREFIX = new RegExp(
  `^(${ALL_PHRASES.filter((p) => /[^\x20-\x7e]/.test(p)).join('|')})${SEPARATORS}*(.+)$`,
);
const BRACKETED = /^(.*?)\s*[(（[【]\s*([^()（）[\]【】]+?)\s*[)）\]】]\s*$/;
const DATED_SUFFIX = new RegExp(`^(.+?)${SEPARATORS}+(\\d{4}(?:[-/.年]\\S+)?|[A-Za-z]{3,9}\\.?\\s+\\d{4})$`);

/** A header's text without its period, and the period it names. */
export function splitKpiHeader(header: string): { label: string; when: KpiWhen } {
  const text = header.trim();
  const named = (label: string, when: string): { label: string; when: KpiWhen } | null => {
    const l = label.trim();
    if (l === '') return null;
    const relative = relativeOf(when);
    if (relative) return { label: l, when: { type: 'relative', ...relative } };
    const period = readPeriodText(when);
    return period ? { label: l, when: { type: 'fixed', ...period } } : null;
  };
  for (const pattern of [BRACKETED, SUFFIX, CJK_SUFFIX, DATED_SUFFIX]) {
    const m = pattern.exec(text);
    const found = m ? named(m[1] as string, m[2] as string) : null;
    if (found) return found;
  }
  for (const pattern of [PREFIX, CJK_PREFIX]) {
    const m = pattern.exec(text);
    const found = m ? named(m[2] as string, m[1] as string) : null;
    if (found) return found;
  }
  return { label: text, when: { type: 'sheet' } };
}

/** The number in a KPI cell, as written (`12`, `1,054`, `12.5%` -> 12.5); null when empty, NaN when unreadable. */
export function readKpiValue(raw: string, style?: DecimalStyle): number | null {
  const text = raw.trim();
  const percent = /^(.*\d)\s*%$/.exec(text);
  const { value } = parseAmount(percent ? (percent[1] as string) : text, style);
  return value;
}

function isNumericColumn(values: readonly string[]): boolean {
  let seen = 0;
  for (const v of values) {
    const n = readKpiValue(v);
    if (n === null) continue;
    if (Number.isNaN(n)) return false;
    seen++;
  }
  return seen > 0;
}

const whenKey = (w: KpiWhen): string =>
  w.type === 'fixed' ? `${w.start}..${w.end}` : w.type === 'relative' ? `r${w.offset}` : 'sheet';

/**
 * The KPI columns of a file under a mapping, and what must be asked before it can be imported.
 * `rows` are sample rows (staged sample or preview): a column is a KPI column when its values
 * there are numbers, or when a metric field names it.
 */
export function kpiLayout(
  headers: readonly string[],
  mapping: ColumnMapping,
  rows: readonly (readonly string[])[],
): KpiLayout {
  const reserved = new Set(
    NON_METRIC_FIELDS.map((f) => mapping[f]).filter((h): h is string => typeof h === 'string' && h !== ''),
  );
  // A metric field names a column; columns with the same text for other months are that metric too.
  const claims = new Map<string, string>();
  for (const metric of REP_KPI_METRICS) {
    const header = mapping[metric];
    if (!header || reserved.has(header) || !headers.includes(header)) continue;
    const label = normalizeHeader(splitKpiHeader(header).label);
    if (!claims.has(label)) claims.set(label, metric);
  }
  const columns: KpiColumn[] = [];
  const taken = new Set<string>();
  headers.forEach((header, index) => {
    // Unnamed columns ("Column 7", named by staging) hold nothing a header can say.
    if (reserved.has(header) || /^Column \d+$/.test(header)) return;
    const { label, when } = splitKpiHeader(header);
    const key = normalizeHeader(label);
    const claimed = claims.get(key);
    if (!claimed && !isNumericColumn(rows.map((r) => r[index] ?? ''))) return;
    // One value per metric and period: a second column that would repeat one is kept apart.
    let metric = claimed ?? `custom:${key}`;
    if (taken.has(`${metric}|${whenKey(when)}`)) metric = `custom:${normalizeHeader(header)}`;
    if (taken.has(`${metric}|${whenKey(when)}`)) return;
    taken.add(`${metric}|${whenKey(when)}`);
    columns.push({ header, index, metric, label, when });
  });
  const rowPeriod = mapping.period
    ? 'period'
    : mapping.period_start && mapping.period_end
      ? 'start_end'
      : null;
  const relative = columns.flatMap((c) => (c.when.type === 'relative' ? [c.when] : []));
  const newest = relative.reduce<{ offset: number; phrase: string } | null>(
    (best, w) => (best === null || w.offset > best.offset ? w : best),
    null,
  );
  let question: KpiPeriodQuestion | null = null;
  if (rowPeriod === null && columns.some((c) => c.when.type !== 'fixed')) {
    question = newest ? { type: 'relative', phrase: newest.phrase } : { type: 'sheet' };
  }
  return { columns, rowPeriod, anchorOffset: newest?.offset ?? 0, question };
}

/** The calendar month `delta` months after the month starting at `start`. */
export function shiftMonth(start: string, delta: number): DateSpan {
  const index = Number(start.slice(0, 4)) * 12 + Number(start.slice(5, 7)) - 1 + delta;
  return month(Math.floor(index / 12), (index % 12) + 1) as DateSpan;
}

/** True when the span is exactly one calendar month. */
export function isCalendarMonth(span: DateSpan): boolean {
  if (!isValidIsoDate(span.start) || !isValidIsoDate(span.end) || !span.start.endsWith('-01')) return false;
  const y = Number(span.start.slice(0, 4));
  const m = Number(span.start.slice(5, 7));
  return span.end === `${span.start.slice(0, 8)}${String(daysInMonth(y, m)).padStart(2, '0')}`;
}

/** Where a KPI column's period comes from at import: its own, or the row's shifted by months. */
export type KpiColumnPeriod = ({ type: 'fixed' } & DateSpan) | { type: 'row'; delta: number };

/** `kpi:<column index>:<start>..<end>` or `kpi:<column index>:row<delta>`. */
export function kpiKey(index: number, period: KpiColumnPeriod): string {
  return `${KPI_KEY_PREFIX}${index}:${period.type === 'fixed' ? `${period.start}..${period.end}` : `row${period.delta}`}`;
}

export function parseKpiKey(key: string): { index: number; period: KpiColumnPeriod } | null {
  const m = /^kpi:(\d+):(?:(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})|row(-?\d+))$/.exec(key);
  if (!m) return null;
  const index = Number(m[1]);
  if (m[4] !== undefined) return { index, period: { type: 'row', delta: Number(m[4]) } };
  return { index, period: { type: 'fixed', start: m[2] as string, end: m[3] as string } };
}

/**
 * The mapping a rep KPI summary is imported with: the user's fields plus one `kpi:` entry per
 * KPI column naming the period its values go to, so the plan is stored with the import batch.
 * `period` is the user's answer to the layout's question (required when there is one).
 */
export function kpiImportMapping(
  fileName: string,
  headers: readonly string[],
  mapping: ColumnMapping,
  rows: readonly (readonly string[])[],
  period: DateSpan | undefined,
): Result<ColumnMapping> {
  const layout = kpiLayout(headers, mapping, rows);
  if (layout.columns.length === 0) {
    return err('no_kpi_columns', `"${fileName}" has no numeric KPI columns besides the rep.`, {
      file: fileName,
    });
  }
  const q = layout.question;
  if (q && !period) {
    const what = q.type === 'relative' ? `which month "${q.phrase}" is` : 'which month it covers';
    return err(
      'kpi_period_required',
      `"${fileName}" is a rep KPI summary that does not say ${what}; give the month.`,
      { file: fileName, phrase: q.type === 'relative' ? q.phrase : '' },
    );
  }
  if (period && (!isValidIsoDate(period.start) || !isValidIsoDate(period.end) || period.start > period.end)) {
    return err('invalid_period', `"${period.start}..${period.end}" is not a period.`, {
      period: `${period.start}..${period.end}`,
    });
  }
  const relative = layout.columns.some((c) => c.when.type === 'relative');
  if (q && period && relative && !isCalendarMonth(period)) {
    return err(
      'kpi_period_not_month',
      `"${fileName}" counts by month ("${q.type === 'relative' ? q.phrase : ''}"): give one calendar month, like 2024-05.`,
      { file: fileName, period: `${period.start}..${period.end}` },
    );
  }
  const out: ColumnMapping = {};
  for (const [field, header] of Object.entries(mapping)) {
    if (!field.startsWith(KPI_KEY_PREFIX)) out[field] = header;
  }
  for (const c of layout.columns) {
    const delta = c.when.type === 'relative' ? c.when.offset - layout.anchorOffset : 0;
    let target: KpiColumnPeriod;
    if (c.when.type === 'fixed') target = { type: 'fixed', start: c.when.start, end: c.when.end };
    else if (layout.rowPeriod !== null) target = { type: 'row', delta };
    else {
      const answer = period as DateSpan;
      target = { type: 'fixed', ...(delta === 0 ? answer : shiftMonth(answer.start, delta)) };
    }
    out[kpiKey(c.index, target)] = c.header;
  }
  return ok(out);
}
