import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBase64, logoBoxMm, MAX_LOGO_BYTES, parseReportLogo } from '../../shared/format/report-logo';
import { logoCss } from '../../reports/report-css';

/**
 * The report logo (issue #11, Settings): a PNG or JPEG recognised by its bytes, its pixel size
 * read from its header, refused with a reason a person can act on, and written into the print
 * style sheet only as checked base64.
 */
const fixture = (name: string): Buffer =>
  readFileSync(resolve(import.meta.dirname, '../fixtures/reports', name));
const dataUrl = (bytes: Uint8Array, mime = 'image/png'): string =>
  `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;

describe('reading a logo', () => {
  it('reads a PNG and its size', () => {
    const logo = parseReportLogo(dataUrl(fixture('logo.png')));
    expect(logo.ok && { mime: logo.value.mime, w: logo.value.width, h: logo.value.height }).toEqual({
      mime: 'image/png',
      w: 360,
      h: 100,
    });
  });

  it('reads a JPEG and its size from its frame header, whatever the data URL calls it', () => {
    const logo = parseReportLogo(dataUrl(fixture('logo.jpg'), 'application/octet-stream'));
    expect(logo.ok && { mime: logo.value.mime, w: logo.value.width, h: logo.value.height }).toEqual({
      mime: 'image/jpeg',
      w: 360,
      h: 100,
    });
  });

  it('decodes base64 as Buffer does', () => {
    for (const bytes of [fixture('logo.png'), Buffer.from([1]), Buffer.from([1, 2]), Buffer.from([])])
      expect(Buffer.from(decodeBase64(bytes.toString('base64')))).toEqual(bytes);
  });

  it('refuses what is not a PNG or JPEG by its bytes: SVG, GIF, text', () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00', 'latin1');
    for (const url of [
      dataUrl(svg, 'image/png'),
      dataUrl(gif, 'image/png'),
      'https://example.com/logo.png',
      '',
    ])
      expect(parseReportLogo(url)).toMatchObject({ ok: false, error: { code: 'logo_not_image' } });
  });

  it('refuses damaged data: bad base64, a PNG with no header chunk, a JPEG with no frame', () => {
    const png = fixture('logo.png');
    const noHeader = Buffer.concat([png.subarray(0, 8), Buffer.from('0000JUNK0000000000000000')]);
    const jpegNoFrame = Buffer.from([0xff, 0xd8, 0xff, 0xd9, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(parseReportLogo('data:image/png;base64,iVBOR%%%')).toMatchObject({
      error: { code: 'logo_damaged' },
    });
    expect(parseReportLogo(dataUrl(noHeader))).toMatchObject({ error: { code: 'logo_damaged' } });
    expect(parseReportLogo(dataUrl(jpegNoFrame, 'image/jpeg'))).toMatchObject({
      error: { code: 'logo_damaged' },
    });
  });

  it('refuses a logo over the limit, saying both sizes', () => {
    const big = new Uint8Array(MAX_LOGO_BYTES + 1);
    big.set(fixture('logo.png').subarray(0, 64));
    expect(parseReportLogo(dataUrl(big))).toMatchObject({
      ok: false,
      error: { code: 'logo_too_large', params: { size: 513, limit: 512 } },
    });
    const atLimit = new Uint8Array(MAX_LOGO_BYTES);
    atLimit.set(fixture('logo.png').subarray(0, 64));
    expect(parseReportLogo(dataUrl(atLimit)).ok).toBe(true);
  });
});

describe('the logo in the page header', () => {
  it('is 7 mm high, at most 40 mm wide', () => {
    expect(logoBoxMm(360, 100)).toEqual({ width: 25.2, height: 7 });
    expect(logoBoxMm(100, 100)).toEqual({ width: 7, height: 7 });
    expect(logoBoxMm(1000, 100)).toEqual({ width: 40, height: 4 });
  });

  it('sits left of the header text, which moves right by its width', () => {
    const logo = parseReportLogo(dataUrl(fixture('logo.png')));
    if (!logo.ok) throw new Error(logo.error.message);
    const css = logoCss(logo.value);
    expect(css).toContain(`url("data:image/png;base64,${logo.value.base64}")`);
    expect(css).toContain('background-size: 25.2mm 7mm');
    expect(css).toContain('padding-left: 28.2mm');
  });

  it('writes nothing for no logo, or for one whose data could end the url()', () => {
    expect(logoCss(null)).toBe('');
    expect(logoCss({ mime: 'image/png', base64: 'AAAA"); x: url(', bytes: 3, width: 1, height: 1 })).toBe('');
  });
});
