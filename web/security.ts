import { timingSafeEqual } from 'node:crypto';

/** The same policy the page declares in its meta tag, also sent as a header. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'; frame-src 'self'; frame-ancestors 'none'";

export function tokensMatch(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Only requests addressed to this host by its loopback name are served: a web page elsewhere
 * that points its own domain at 127.0.0.1 (DNS rebinding) sends its own Host header and is refused.
 */
export function hostAllowed(hostHeader: string | undefined, port: number): boolean {
  return hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}`;
}
