import { execFileSync } from 'node:child_process';

/**
 * What poppler says about a PDF (poppler-utils; .ci/run installs it): the reports are checked
 * as a reader and a print shop see them, not through our own code.
 */

const run = (tool: string, args: string[]): string =>
  execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

/** Every page's size in points, from pdfinfo. */
export function pageSizes(pdf: string): { width: number; height: number; name: string }[] {
  const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [pdf]))?.[1] ?? 0);
  const text = run('pdfinfo', ['-f', '1', '-l', String(pages), pdf]);
  return [...text.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts(?: \(([^)]+)\))?/g)].map((m) => ({
    width: Number(m[1]),
    height: Number(m[2]),
    name: m[3] ?? '',
  }));
}

/** A4 in either orientation: 595.28 x 841.89 pt (Chromium writes 594.96 x 841.92). */
export function isA4(
  size: { width: number; height: number },
  orientation: 'portrait' | 'landscape',
): boolean {
  const [w, h] = orientation === 'portrait' ? [size.width, size.height] : [size.height, size.width];
  return Math.abs(w - 595.28) < 1.5 && Math.abs(h - 841.89) < 1.5;
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
}

/** pdffonts' table: name, type, and whether the font is embedded. */
export function fonts(pdf: string): PdfFont[] {
  const lines = run('pdffonts', [pdf])
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '');
  return lines.map((line) => {
    // name, type (may hold a space: "CID TrueType", "Type 3"), encoding, emb, sub, uni, object, ID
    const m = /^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(line);
    if (!m) throw new Error(`unreadable pdffonts line: ${line}`);
    return { name: m[1]!, type: m[2]!, embedded: m[4] === 'yes' };
  });
}

/** The text of the PDF, whitespace (line breaks inside table cells too) collapsed to single spaces. */
export function text(pdf: string): string {
  return run('pdftotext', ['-enc', 'UTF-8', pdf, '-']).replace(/\s+/g, ' ');
}

/** The text with no whitespace at all: Chinese has no spaces, and poppler sometimes adds some. */
export function compactText(pdf: string): string {
  return text(pdf).replace(/\s+/g, '');
}

export interface PdfImage {
  page: number;
  width: number;
  height: number;
}

/** Raster images on each page, from pdfimages -list (the logo; charts are vector graphics). */
export function images(pdf: string): PdfImage[] {
  return run('pdfimages', ['-list', pdf])
    .split('\n')
    .slice(2)
    .map((line) => line.trim().split(/\s+/))
    .filter((cells) => cells.length > 4 && cells[2] === 'image')
    .map((cells) => ({ page: Number(cells[0]), width: Number(cells[3]), height: Number(cells[4]) }));
}
