import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The font the reports print in: Noto Sans SC (SIL Open Font License) from @fontsource, whose
 * WOFF2 files have TrueType (glyf) outlines. Chromium embeds such a font as a CID TrueType subset;
 * the Noto CJK fonts most systems have are CFF-based, and those Chromium embeds as Type 3 fonts,
 * which print shops and some viewers handle poorly. One face covers Latin and Chinese, so both
 * languages look alike and the PDF holds one family.
 *
 * The package ships the font cut in about a hundred slices by Unicode range (Google Fonts'
 * slicing). A report includes, as data URLs, only the slices that hold a character of its text:
 * the HTML stays self-contained (any Chromium prints it, nothing is fetched) and small, a few
 * hundred KB for a Chinese dossier instead of 7 MB for the whole font.
 */

const FAMILY = 'Noto Sans SC';
/** Regular for text, bold for headings and emphasis: the weights the style sheet uses. */
const WEIGHTS = [400, 700] as const;

interface Slice {
  weight: number;
  file: string;
  /** Inclusive code point ranges. */
  ranges: [number, number][];
}

let slices: Slice[] | null = null;
let fontDir: string | null = null;
const base64 = new Map<string, string>();

/** The folder of @fontsource/noto-sans-sc (QC_REPORT_FONT_DIR overrides it, for a packaged app). */
export function reportFontDir(): string {
  if (fontDir) return fontDir;
  const override = process.env.QC_REPORT_FONT_DIR;
  fontDir = override
    ? override
    : dirname(createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/package.json'));
  return fontDir;
}

/** `U+4e00-9fff,U+3000,U+30??` -> ranges. */
export function parseUnicodeRange(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const part of text.split(',')) {
    const m = /^\s*U\+([0-9a-f?]+)(?:-([0-9a-f]+))?\s*$/i.exec(part);
    if (!m) continue;
    const first = m[1]!;
    if (first.includes('?')) {
      out.push([parseInt(first.replace(/\?/g, '0'), 16), parseInt(first.replace(/\?/g, 'f'), 16)]);
    } else {
      const start = parseInt(first, 16);
      out.push([start, m[2] ? parseInt(m[2], 16) : start]);
    }
  }
  return out;
}

function loadSlices(): Slice[] {
  if (slices) return slices;
  const dir = reportFontDir();
  const found: Slice[] = [];
  for (const weight of WEIGHTS) {
    const css = readFileSync(join(dir, `${weight}.css`), 'utf8');
    for (const block of css.split('@font-face').slice(1)) {
      const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1];
      const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
      if (!file) continue;
      found.push({ weight, file, ranges: range ? parseUnicodeRange(range) : [[0, 0x10ffff]] });
    }
  }
  if (found.length === 0) throw new Error(`no @font-face rules in ${dir}`);
  slices = found;
  return found;
}

function dataUrl(file: string): string {
  let data = base64.get(file);
  if (data === undefined) {
    data = readFileSync(join(reportFontDir(), 'files', file)).toString('base64');
    base64.set(file, data);
  }
  return `data:font/woff2;base64,${data}`;
}

/** Code points that need a glyph: everything but ASCII controls. */
function codePoints(text: string): number[] {
  const seen = new Set<number>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x20) seen.add(cp);
  }
  return [...seen].sort((a, b) => a - b);
}

const inRanges = (ranges: readonly [number, number][], cp: number): boolean =>
  ranges.some(([a, b]) => cp >= a && cp <= b);

/**
 * The @font-face rules for the text, with each slice's unicode-range so Chromium picks the right
 * file per character. The slices overlap (punctuation such as "—" and "’" is in the Latin slice
 * and in several Chinese ones); where they do, the face declared last wins, as in the package's
 * own style sheet, so only slices that win at least one character of the text are included: an
 * English report needs two or three small files, not every Chinese slice that happens to hold a dash.
 */
/**
 * Where a printer serves the slices from (engine/reports/chromium.ts answers it from the font
 * folder): the `.invalid` top-level domain never resolves, so nothing can leave the machine.
 * Printing many documents in one page, the browser keeps a served font decoded across documents,
 * which a data URL in every document defeats (a Chinese dossier prints in a third of the time).
 */
export const REPORT_FONT_ORIGIN = 'http://report-fonts.invalid';

/** A slice's file, when `name` is one (a printer serves nothing else). */
export function reportFontFile(name: string): string | null {
  if (!/^[\w.-]+\.woff2$/.test(name) || !loadSlices().some((s) => s.file === name)) return null;
  return join(reportFontDir(), 'files', name);
}

/**
 * `inline`: data URLs, a self-contained document (the preview, any host's own printing);
 * `served`: URLs under REPORT_FONT_ORIGIN, for a printer that serves them.
 */
export type FontSource = 'inline' | 'served';

export function reportFontCss(text: string, source: FontSource = 'inline'): string {
  const points = codePoints(text);
  const all = loadSlices();
  const used = new Set<Slice>();
  for (const weight of WEIGHTS) {
    const faces = all.filter((s) => s.weight === weight);
    for (const cp of points) {
      // The last face that covers the character, as the browser picks it.
      const face = faces.findLast((s) => inRanges(s.ranges, cp));
      if (face) used.add(face);
    }
  }
  return all
    .filter((s) => used.has(s))
    .map(
      (s) =>
        `@font-face { font-family: '${FAMILY}'; font-style: normal; font-weight: ${s.weight}; font-display: block; src: url(${source === 'inline' ? dataUrl(s.file) : `${REPORT_FONT_ORIGIN}/${s.file}`}) format('woff2'); unicode-range: ${s.ranges.map(([a, b]) => (a === b ? `U+${a.toString(16)}` : `U+${a.toString(16)}-${b.toString(16)}`)).join(',')}; }`,
    )
    .join('\n');
}
