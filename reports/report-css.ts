import { logoBoxMm, logoDataUrl, type ReportLogo } from '../shared/format/report-logo';
import type { ReportPart } from './types';

/**
 * The print style sheet of both documents. A4 portrait with margins wide enough for the running
 * header and the page numbers, which are CSS margin boxes: they are laid out with the document's
 * own fonts (Chromium's header and footer templates are a separate document without them, and
 * fall back to system fonts that print as Type 3), and the same CSS works in every Chromium that
 * prints it (playwright's, Electron's printToPDF). The ranking table may use landscape pages: a
 * named page (`<part>-wide`). Rows and figures never split across pages; table headers repeat.
 */

/** A CSS string literal: quotes, backslashes, line breaks and `<` escaped (it sits inside <style>). */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"<>\n\r]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

/**
 * `Page {page} of {pages}` as margin-box content: the template's text as strings around the
 * page counters, so "第 {page} 页 / 共 {pages} 页" keeps its words in place.
 */
export function pageNumberContent(template: string): string {
  const out: string[] = [];
  const pattern = /\{(page|pages)\}/g;
  let last = 0;
  for (let m = pattern.exec(template); m !== null; m = pattern.exec(template)) {
    if (m.index > last) out.push(cssString(template.slice(last, m.index)));
    out.push(m[1] === 'page' ? 'counter(page)' : 'counter(pages)');
    last = m.index + m[0].length;
  }
  if (last < template.length) out.push(cssString(template.slice(last)));
  return out.join(' ');
}

const MARGIN_TEXT = `font-family: 'Noto Sans SC', sans-serif; font-size: 7.5pt; color: #4a5668;`;

/**
 * The logo left of the header's text, bottom-aligned with it, sized by its aspect
 * (shared/format/report-logo.ts). Only a PNG or JPEG data URL of base64 is written into the
 * style sheet, so nothing in it can end the url() or load anything.
 */
export function logoCss(logo: ReportLogo | null | undefined): string {
  if (!logo || !/^[A-Za-z0-9+/]+={0,2}$/.test(logo.base64)) return '';
  if (logo.mime !== 'image/png' && logo.mime !== 'image/jpeg') return '';
  const box = logoBoxMm(logo.width, logo.height);
  return `background-image: url("${logoDataUrl(logo)}"); background-repeat: no-repeat; background-origin: padding-box; background-position: left 0 bottom 3mm; background-size: ${box.width}mm ${box.height}mm; padding-left: ${box.width + 3}mm; `;
}

/** The page rules: numbers on every page, each part's running header on its own (named) pages. */
export function pageCss(parts: readonly ReportPart[], pageNumberTemplate: string): string {
  const rules = [
    `@page { size: A4; margin: 17mm 14mm 16mm 14mm;
  @bottom-center { content: ${pageNumberContent(pageNumberTemplate)}; ${MARGIN_TEXT} }
}`,
  ];
  for (const part of parts) {
    const header = `@top-left { content: ${cssString(part.header.left)}; ${MARGIN_TEXT} vertical-align: bottom; padding-bottom: 3mm; ${logoCss(part.header.logo)}}
  @top-right { content: ${cssString(part.header.right)}; ${MARGIN_TEXT} vertical-align: bottom; padding-bottom: 3mm; text-align: right; }`;
    rules.push(`@page ${part.pageName} { ${header} }`);
    rules.push(`@page ${part.pageName}-wide { size: A4 landscape; ${header} }`);
    rules.push(`.part--${part.pageName} { page: ${part.pageName}; }`);
    rules.push(`.part--${part.pageName} .wide { page: ${part.pageName}-wide; }`);
  }
  return rules.join('\n');
}

export const REPORT_CSS = `
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0;
  font-family: 'Noto Sans SC', sans-serif;
  font-size: 8.6pt;
  line-height: 1.4;
  color: #1c2433;
}
/* The CJK font's quotes and apostrophes are full width; proportional ones read right in English. */
html[lang='en'] body { font-feature-settings: 'palt'; }
.part + .part { break-before: page; }
.document__head { border-bottom: 1.5pt solid #2d5bd0; padding-bottom: 2.5mm; margin-bottom: 3mm; }
.document__kind { margin: 0; color: #2d5bd0; font-weight: 700; font-size: 9pt; letter-spacing: 0.02em; }
h1 { margin: 0.5mm 0 1.5mm; font-size: 17pt; line-height: 1.2; font-weight: 700; }
h2 {
  margin: 0 0 1.2mm;
  font-size: 11pt;
  font-weight: 700;
  color: #16325c;
  break-after: avoid;
}
h3 { margin: 2.5mm 0 1mm; font-size: 9.4pt; font-weight: 700; break-after: avoid; }
p { margin: 0 0 1.2mm; }
.section { margin: 0 0 4.2mm; }
.section--break { break-before: page; }
.lead { color: #4a5668; font-size: 8pt; break-after: avoid; }
.note { color: #4a5668; font-size: 7.8pt; }
.missing {
  border-left: 2pt solid #e0a52c;
  background: #fdf6e7;
  padding: 1.2mm 2mm;
  font-size: 8pt;
  break-inside: avoid;
}
.finding { font-size: 8.4pt; }
.status { display: inline-block; padding: 0.6mm 2mm; border-radius: 2mm; font-weight: 700; font-size: 8pt; }
.status--saved { background: #e3f4ec; color: #146b49; }
.status--proposed { background: #e8eefb; color: #23479f; }
.status--warning { background: #fbe9db; color: #9a4a0f; }
.section--warning h2 { color: #9a4a0f; }
.facts { display: flex; flex-wrap: wrap; gap: 1mm 6mm; margin: 0 0 1.5mm; }
.facts div { display: flex; gap: 1.5mm; }
.facts dt { color: #4a5668; }
.facts dt::after { content: ':'; }
.facts dd { margin: 0; font-weight: 700; }
.marker { color: #2d5bd0; font-weight: 400; font-size: 7pt; }
.nowrap { white-space: nowrap; }
.columns { display: flex; gap: 6mm; align-items: flex-start; }
.columns > * { flex: 1 1 0; min-width: 0; }

table { width: 100%; border-collapse: collapse; margin: 0 0 2mm; }
thead { display: table-header-group; }
tfoot { display: table-footer-group; }
tr, figure, .signature, .team h3, .saved-plan .subheading { break-inside: avoid; }
th, td { padding: 0.9mm 1.5mm; text-align: left; vertical-align: top; border-bottom: 0.5pt solid #d9e0e8; }
thead th { font-weight: 700; font-size: 7.6pt; color: #4a5668; border-bottom: 1pt solid #9aa8b8; vertical-align: bottom; }
tbody th { font-weight: 400; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.table--compact th, .table--compact td { padding: 0.6mm 1.4mm; }
.behind { color: #b4540f; }
.band { display: inline-block; padding: 0.2mm 1.6mm; border-radius: 1.5mm; font-size: 7.6pt; font-weight: 700; white-space: nowrap; }
.band--top { background: #dff3ea; color: #146b49; }
.band--middle { background: #e9eef3; color: #3e4c5e; }
.band--bottom { background: #fbe7d8; color: #9a4a0f; }
.band--unranked { background: #eef1f4; color: #6b7789; }
.check { font-weight: 700; }
.check--met { color: #146b49; }
.check--progressing { color: #23479f; }
.check--missed { color: #9a4a0f; }
.check--pending { color: #6b7789; }

figure { margin: 1mm 0 2mm; }
.figure__svg svg { display: block; max-width: 100%; height: auto; }
figcaption { color: #4a5668; font-size: 7.6pt; }

.goal-texts { margin: 0 0 1.5mm; padding-left: 5mm; }
.goal-texts li { margin-bottom: 1mm; break-inside: avoid; }
.target { font-size: 9pt; }
.notes { list-style: none; margin: 0; padding: 0; }
.notes li { border-left: 2pt solid #c9d3df; padding: 0.5mm 0 0.5mm 2.5mm; margin-bottom: 1.8mm; break-inside: avoid; }
.notes__meta { color: #4a5668; font-size: 7.6pt; margin: 0; }
.notes__text { white-space: pre-wrap; margin: 0; }

.signatures { margin-top: 6mm; break-inside: avoid; }
.signatures__row { display: flex; gap: 12mm; }
.signature { flex: 1 1 0; }
.signature__line { border-bottom: 0.8pt solid #1c2433; height: 12mm; }
.signature__line--date { height: 8mm; width: 45%; }
.signature p { margin: 0.8mm 0 0; color: #4a5668; font-size: 7.8pt; }

.matrix { table-layout: fixed; }
.matrix th:first-child { width: 17%; }
.matrix__cell { font-size: 7.6pt; }
.matrix__count { font-weight: 700; font-size: 9pt; margin: 0; }
.matrix__reading { color: #4a5668; margin: 0 0 0.6mm; }
.matrix__names { margin: 0; }
.matrix__cell--top-top, .matrix__cell--top-middle, .matrix__cell--middle-top { background: #f1f9f5; }
.matrix__cell--bottom-bottom, .matrix__cell--bottom-middle, .matrix__cell--middle-bottom { background: #fdf4ec; }

.wide { break-before: page; break-after: page; }
.table--ranking { font-size: 7.4pt; }
.table--ranking th, .table--ranking td { padding: 0.5mm 1.1mm; }
.table--ranking thead th.kpi-col { max-width: 22mm; }
.reason { font-size: 7.6pt; }
.team { margin-bottom: 3mm; }
`;
