import { err, ok, type Result } from '../result';

/**
 * The logo printed in a report's running header (Settings). It crosses the API as a data URL so
 * every bridge (Electron's IPC, the browser host's JSON) carries it alike, and is stored in the
 * workspace. Only PNG and JPEG, recognised by their bytes, not by what the data URL says: an SVG
 * could carry script and external references, and a report page loads nothing it does not hold.
 */

export type LogoMime = 'image/png' | 'image/jpeg';

/** 512 KB of image: a header logo is a few KB; more is a photo, which would bloat every PDF. */
export const MAX_LOGO_BYTES = 512 * 1024;

export interface ReportLogo {
  mime: LogoMime;
  /** The image's bytes as base64, without the data URL's prefix. */
  base64: string;
  /** Decoded size in bytes. */
  bytes: number;
  /** Pixel size, from the image's header: the page header lays the logo out by its aspect. */
  width: number;
  height: number;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Base64 to bytes without Buffer or atob: shared/ stays free of any platform's globals. */
export function decodeBase64(base64: string): Uint8Array {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((base64.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < base64.length; i += 4) {
    let v = 0;
    for (let k = 0; k < 4; k++) {
      const c = base64.charAt(i + k);
      v = (v << 6) | (c === '=' ? 0 : ALPHABET.indexOf(c));
    }
    for (const byte of [(v >> 16) & 255, (v >> 8) & 255, v & 255]) if (o < out.length) out[o++] = byte;
  }
  return out;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const be16 = (b: Uint8Array, i: number): number => (b[i]! << 8) | b[i + 1]!;
const be32 = (b: Uint8Array, i: number): number => be16(b, i) * 65536 + be16(b, i + 2);

/** PNG: the IHDR chunk, which must come first, holds the size. */
function pngSize(b: Uint8Array): { width: number; height: number } | null {
  if (b.length < 24 || !PNG_SIGNATURE.every((x, i) => b[i] === x)) return null;
  if (String.fromCharCode(b[12]!, b[13]!, b[14]!, b[15]!) !== 'IHDR') return null;
  return { width: be32(b, 16), height: be32(b, 20) };
}

/** JPEG: walk the marker segments to the first start-of-frame, which holds the size. */
function jpegSize(b: Uint8Array): { width: number; height: number } | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null;
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    // SOF0-SOF15 but DHT (C4), JPG (C8) and DAC (CC), which share the range.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return { height: be16(b, i + 5), width: be16(b, i + 7) };
    if (marker === 0xd9 || marker === 0xda) return null; // end of image, or scan data with no frame
    i += 2 + be16(b, i + 2);
  }
  return null;
}

/**
 * Reads a logo from a data URL (`data:image/png;base64,…`). Refused, with the reason a person can
 * act on: not a PNG or JPEG by its bytes, damaged (bad base64, no size in its header), or larger
 * than the limit.
 */
export function parseReportLogo(dataUrl: string): Result<ReportLogo> {
  const notImage = err('logo_not_image', 'The logo must be a PNG or JPEG image.');
  const match = /^data:([\w.+-]+\/[\w.+-]+)?(?:;[\w=.+-]+)*;base64,(.*)$/s.exec(dataUrl);
  if (!match) return notImage;
  const base64 = match[2]!.replace(/\s+/g, '');
  const damaged = err('logo_damaged', 'The logo file is damaged: its data could not be read.');
  if (base64.length === 0 || base64.length % 4 !== 0 || !BASE64.test(base64)) return damaged;
  const bytes = (base64.length / 4) * 3 - (base64.match(/=+$/)?.[0].length ?? 0);
  if (bytes > MAX_LOGO_BYTES)
    return err(
      'logo_too_large',
      `The logo is ${Math.ceil(bytes / 1024)} KB; a logo may be at most ${MAX_LOGO_BYTES / 1024} KB. Save a smaller PNG or JPEG.`,
      { size: Math.ceil(bytes / 1024), limit: MAX_LOGO_BYTES / 1024 },
    );
  const data = decodeBase64(base64);
  const isPng = PNG_SIGNATURE.every((x, i) => data[i] === x);
  const isJpeg = data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff;
  if (!isPng && !isJpeg) return notImage;
  const size = isPng ? pngSize(data) : jpegSize(data);
  if (!size || size.width < 1 || size.height < 1) return damaged;
  return ok({ mime: isPng ? 'image/png' : 'image/jpeg', base64, bytes, ...size });
}

export function logoDataUrl(logo: Pick<ReportLogo, 'mime' | 'base64'>): string {
  return `data:${logo.mime};base64,${logo.base64}`;
}

/** The header's logo box: 7 mm high, and at most 40 mm wide (a very wide logo is shrunk). */
export function logoBoxMm(width: number, height: number): { width: number; height: number } {
  const h = 7;
  const w = (h * width) / height;
  if (w <= 40) return { width: Math.round(w * 10) / 10, height: h };
  return { width: 40, height: Math.round(((40 * height) / width) * 10) / 10 };
}
