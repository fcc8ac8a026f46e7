import { MAX_TOKEN_CHARS, XlsxError } from './xlsx-limits';

/**
 * A minimal streaming XML tokenizer for SpreadsheetML parts: text arrives in chunks of any size
 * and only the unfinished tail (at most one tag or text node) is kept between chunks, so a sheet
 * of any length is read in constant memory.
 *
 * It reports local names (`x:row` → `row`: some writers prefix the main namespace) and leaves
 * attribute parsing to the handler, which only needs it for a few elements. It does not expand
 * custom entities or read DTDs: OOXML forbids DTDs, so a document with one is refused outright.
 */
export interface XmlHandler {
  open(name: string, attributes: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Text between tags, entities not yet decoded (`cdata` text has none to decode). */
  text(raw: string, cdata: boolean): void;
}

const LT = 60; // <
const GT = 62; // >
const QUOTE = 34;
const APOS = 39;
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const COLON = 58;

export class XmlScanner {
  private buffer = '';
  /** Set by a handler that has seen all it needs; the scanner then ignores the rest. */
  stopped = false;

  constructor(
    private readonly handler: XmlHandler,
    private readonly label: string,
  ) {}

  push(text: string): void {
    if (this.stopped) return;
    this.buffer = this.buffer.length === 0 ? text : this.buffer + text;
    const consumed = this.scan();
    this.buffer = consumed === this.buffer.length ? '' : this.buffer.slice(consumed);
    if (this.buffer.length > MAX_TOKEN_CHARS) {
      throw new XlsxError(
        'not_a_table',
        'too_large_token',
        `"${this.label}" contains a single cell or XML element longer than ${MAX_TOKEN_CHARS.toLocaleString('en-US')} ` +
          'characters; the app does not read it.',
      );
    }
  }

  /** Whatever is left at the end is an unfinished tag or trailing text, neither of which matters. */
  end(): void {
    this.buffer = '';
  }

  /** Tokenizes as far as the buffer allows; returns how many characters were consumed. */
  private scan(): number {
    const b = this.buffer;
    const h = this.handler;
    let pos = 0;
    while (!this.stopped) {
      const lt = b.indexOf('<', pos);
      if (lt === -1) return pos;
      if (lt > pos) h.text(b.slice(pos, lt), false);
      pos = lt;
      const next = b.charCodeAt(lt + 1);
      if (Number.isNaN(next)) return pos;
      if (next === BANG) {
        if (b.startsWith('<!--', lt)) {
          const close = b.indexOf('-->', lt + 4);
          if (close === -1) return pos;
          pos = close + 3;
        } else if (b.startsWith('<![CDATA[', lt)) {
          const close = b.indexOf(']]>', lt + 9);
          if (close === -1) return pos;
          h.text(b.slice(lt + 9, close), true);
          pos = close + 3;
        } else if (b.length - lt < 9) {
          return pos;
        } else {
          throw new XlsxError(
            'not_a_table',
            'dtd',
            `"${this.label}" contains a document type declaration, which Excel never writes; the app does not read it.`,
          );
        }
        continue;
      }
      if (next === QUESTION) {
        const close = b.indexOf('?>', lt + 2);
        if (close === -1) return pos;
        pos = close + 2;
        continue;
      }
      const gt = findTagEnd(b, lt + 1);
      if (gt === -1) return pos;
      if (gt === -2) {
        throw new XlsxError(
          'not_a_table',
          'corrupt',
          `"${this.label}" is damaged: its XML is malformed. Open it in Excel, save it again, and retry.`,
        );
      }
      // Names are read in place, without slicing the tag first: this loop runs for every cell.
      if (next === SLASH) {
        let i = lt + 2;
        let start = i;
        for (let c = b.charCodeAt(i); i < gt && c > 32; c = b.charCodeAt(++i)) if (c === COLON) start = i + 1;
        h.close(b.slice(start, i));
      } else {
        const selfClosing = b.charCodeAt(gt - 1) === SLASH;
        const end = selfClosing ? gt - 1 : gt;
        let i = lt + 1;
        let start = i;
        for (let c = b.charCodeAt(i); i < end && c > 32; c = b.charCodeAt(++i))
          if (c === COLON) start = i + 1;
        const name = b.slice(start, i);
        h.open(name, i < end ? b.slice(i, end) : '', selfClosing);
        if (selfClosing && !this.stopped) h.close(name);
      }
      pos = gt + 1;
    }
    return b.length;
  }
}

/**
 * The `>` that ends a tag, skipping any inside quoted attribute values (`formatCode="[>=100]0"`);
 * -1 when the buffer ends first, -2 when a `<` shows the tag is malformed.
 */
function findTagEnd(b: string, from: number): number {
  let quote = 0;
  for (let i = from; i < b.length; i++) {
    const c = b.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === QUOTE || c === APOS) quote = c;
    else if (c === GT) return i;
    else if (c === LT) return -2;
  }
  return -1;
}

const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Attributes by qualified name (`r`, `r:id`), values with entities decoded. */
export function parseAttributes(raw: string): Map<string, string> {
  const out = new Map<string, string>();
  if (raw.length === 0) return out;
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(raw); m !== null; m = ATTRIBUTE.exec(raw)) {
    out.set(m[1] as string, decodeEntities(m[2] ?? m[3] ?? ''));
  }
  return out;
}

/** The value of an attribute whose local name is `name`, whatever its prefix (`r:id`, `ns0:id`). */
export function attributeByLocalName(attributes: Map<string, string>, name: string): string | undefined {
  const direct = attributes.get(name);
  if (direct !== undefined) return direct;
  for (const [key, value] of attributes) if (key.endsWith(`:${name}`)) return value;
  return undefined;
}

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (s.indexOf('&') === -1) return s;
  return s.replace(ENTITY, (whole, body: string) => {
    if (body.charCodeAt(0) !== 35) return NAMED[body] ?? whole;
    const code = body.charCodeAt(1) === 120 ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/**
 * OOXML string escapes: Excel writes characters XML cannot carry as `_xHHHH_` (`_x000D_` for a
 * carriage return) and a literal `_x` sequence as `_x005F_x…`.
 */
export function decodeOoxmlEscapes(s: string): string {
  if (s.indexOf('_x') === -1) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
