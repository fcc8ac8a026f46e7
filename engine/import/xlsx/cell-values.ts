/**
 * Turning SpreadsheetML cell values into the text a CSV export of the same sheet would hold:
 * numbers as plain decimals, date-formatted numbers as ISO dates, booleans as TRUE/FALSE.
 * Pure functions, tested on their own in test/unit/xlsx-cell-values.test.ts.
 */

/**
 * Zero-based column of a cell reference (`A1` → 0, `XFD7` → 16383, `$B$2` → 1); -1 when the
 * reference has no letters. Letters beyond the reasonable are reported as a huge column so the
 * caller's column limit rejects them.
 */
export function columnIndex(ref: string): number {
  let col = 0;
  let letters = 0;
  for (let i = 0; i < ref.length; i++) {
    let c = ref.charCodeAt(i);
    if (c === 36) continue; // $
    if (c >= 97 && c <= 122) c -= 32;
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
    if (++letters > 7) return Number.MAX_SAFE_INTEGER;
  }
  return letters === 0 ? -1 : col - 1;
}

/** `0` → `A`, `16383` → `XFD`: for messages. */
export function columnName(index: number): string {
  let n = index + 1;
  let name = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    name = String.fromCharCode(65 + r) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

/**
 * A number cell's `<v>` as plain decimal text. Excel stores doubles and writes up to 17
 * significant digits (`52.370216000000001`, `1.5E-3`); the shortest text that reads back as the
 * same double is what Excel shows and what its CSV export holds, so that is what is written, without
 * an exponent unless the magnitude is extreme. Plain integers are kept digit for digit, since a
 * non-Excel writer may store a long id that no double could hold.
 */
export function plainNumber(raw: string): string {
  if (isPlainDecimal(raw)) return raw;
  const t = raw.trim();
  if (/^[+-]?\d+$/.test(t)) {
    const negative = t.startsWith('-');
    const digits = t.replace(/^[+-]/, '').replace(/^0+(?=\d)/, '');
    return negative && digits !== '0' ? `-${digits}` : digits;
  }
  const n = Number(t);
  if (t === '' || !Number.isFinite(n)) return t;
  if (n === 0) return '0';
  return expandExponent(String(n));
}

/**
 * The common case, checked without a regular expression: `833`, `-3.25`: no `+`, exponent,
 * leading zero (other than `0.x`) or trailing zero after the point, and at most 15 digits when
 * there is a point. Any two decimals of 15 digits are different doubles, so such text is already
 * the shortest that reads back as its value.
 */
function isPlainDecimal(s: string): boolean {
  const n = s.length;
  let i = s.charCodeAt(0) === 45 ? 1 : 0;
  if (i >= n) return false;
  const first = s.charCodeAt(i);
  if (first < 48 || first > 57) return false;
  if (first === 48 && i + 1 < n && s.charCodeAt(i + 1) !== 46) return false;
  let point = -1;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 && point === -1) point = i;
    else if (c < 48 || c > 57) return false;
  }
  if (point === -1) return s !== '-0';
  return point < n - 1 && s.charCodeAt(n - 1) !== 48 && n - (s.charCodeAt(0) === 45 ? 2 : 1) <= 15;
}

/** `1.5e-7` → `0.00000015`, `1.2e+21` → `1200000000000000000000`; extreme exponents are left alone. */
function expandExponent(s: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const exponent = Number(m[4]);
  if (Math.abs(exponent) > 30) return s;
  const sign = m[1] as string;
  const int = m[2] as string;
  const digits = int + (m[3] ?? '');
  const point = int.length + exponent;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Built-in number formats that show a date or time (ECMA-376 §18.8.30, plus the CJK ids). */
function isBuiltInDateFormat(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/**
 * A custom number format shows a date or time when, outside quoted literals, `[...]` sections
 * (colours, conditions, locales; the elapsed `[h]` is judged by the rest of the code), escaped
 * characters and the `_x` / `*x` padding directives, it has a d, m, y, h or s.
 */
export function isDateFormatCode(code: string): boolean {
  const stripped = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '');
  return /[dmyhs]/i.test(stripped);
}

export function isDateFormat(numFmtId: number, customCodes: ReadonlyMap<number, string>): boolean {
  const code = customCodes.get(numFmtId);
  return code !== undefined ? isDateFormatCode(code) : isBuiltInDateFormat(numFmtId);
}

const DAY_MS = 86_400_000;
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The last day Excel can show, 9999-12-31, as a 1900-system serial. */
const MAX_SERIAL = 2_958_465;

/**
 * An Excel date serial as `YYYY-MM-DD`, or `YYYY-MM-DD HH:MM:SS` when it has a time of day
 * (rounded to the second, as Excel displays it). A value below 1 is a time without a date and is
 * written `HH:MM:SS`. Null when the number cannot be a date (negative, past year 9999).
 *
 * The 1900 system counts 1900-01-01 as day 1 and keeps Lotus 1-2-3's phantom 1900-02-29 (day 60),
 * so days from 61 on are one more than the calendar says; the 1904 system counts from 1904-01-01.
 */
export function serialToIso(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial >= MAX_SERIAL + 1 - (date1904 ? 1462 : 0)) return null;
  const totalSeconds = Math.round(serial * 86_400);
  const days = Math.floor(totalSeconds / 86_400);
  const seconds = totalSeconds - days * 86_400;
  const time = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
  if (days === 0 && serial < 1) return time;
  let date: string;
  if (!date1904 && days === 60) date = '1900-02-29';
  else {
    const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, days < 60 ? 31 : 30);
    const d = new Date(epoch + days * DAY_MS);
    date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  }
  return seconds === 0 ? date : `${date} ${time}`;
}

/** A `t="d"` cell (ISO 8601 text, written by some non-Excel tools) in the same shape. */
export function isoDateCell(raw: string): string {
  const m = /^\s*(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(raw);
  if (!m) return raw.trim();
  const [hh = '00', mm = '00', ss = '00'] = [m[2], m[3], m[4]];
  return hh === '00' && mm === '00' && ss === '00' ? (m[1] as string) : `${m[1]} ${hh}:${mm}:${ss}`;
}

/**
 * Text fit for the CSV importer. Line breaks become `\n`, because the importer decides the file's
 * line break from the first one it sees and a `\r\n` inside a header cell would mislead it.
 * Control characters other than tab and line feed are dropped: they carry no meaning in CRM data
 * and the importer's sniffer takes a sample with them for a binary file.
 */
export function cleanText(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[\x00-\x08\x0b-\x1f\x7f]/.test(s)) return s;
  // eslint-disable-next-line no-control-regex
  return s.replace(/\r\n?/g, '\n').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
}

/**
 * One CSV field. RFC 4180 needs quotes for `,`, `"` and line breaks; fields holding `;`, tab or
 * `|` are quoted too, because the importer sniffs the delimiter by counting those characters
 * outside quotes, and a column of addresses full of semicolons must not win that vote.
 */
export function csvField(value: string): string {
  return /[",\n;\t|]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
