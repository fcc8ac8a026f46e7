import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * The desktop window loads the app from `app://quartile/`, a privileged custom scheme served by
 * the main process from the built renderer folder only, instead of `file://` (which would give
 * the page's origin the run of the whole disk). Plain functions, no `electron`, so they are
 * unit-tested under Node (test/unit/electron-protocol.test.ts).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'quartile';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_PAGE_URL = `${APP_ORIGIN}/index.html`;

/**
 * `standard`: URLs resolve like https (relative paths, an origin for CSP `'self'` and storage);
 * `secure`: a secure context, like https; `supportFetchAPI` for the page's own module scripts and
 * fonts; `codeCache` for V8's cache. Deliberately not `corsEnabled` (nothing cross-origin may read
 * it), `bypassCSP`, `allowServiceWorkers` or `stream`.
 */
export const APP_SCHEME_PRIVILEGES = Object.freeze({
  standard: true,
  secure: true,
  supportFetchAPI: true,
  codeCache: true,
});

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `root` that an `app://quartile/...` URL names, or null when the URL is not the
 * app's (another scheme or host, credentials, a port) or would leave `root`: an encoded `..`
 * (`%2e%2e`, `%2f`), a backslash, a NUL byte, a malformed escape. `/` is `index.html`; the query
 * and fragment are ignored.
 */
export function resolveAppAsset(url: string, root: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.hostname !== APP_HOST) return null;
  if (u.username !== '' || u.password !== '' || u.port !== '') return null;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  const segments = path.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '.' || s === '..' || /^[a-zA-Z]:/.test(s))) return null;
  if (segments.length === 0) segments.push('index.html');
  const base = resolve(root);
  const file = resolve(base, ...segments);
  return isInside(file, base) ? file : null;
}

function isInside(file: string, root: string): boolean {
  const rel = relative(root, file);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/**
 * Answers one request to the app scheme: the file's bytes with its type, the CSP and nosniff, or
 * 404 for anything that is not a regular file inside `root` (a symbolic link is followed and
 * must still land inside `root`), 405 for anything but GET and HEAD.
 */
export async function serveAppRequest(
  request: { url: string; method?: string },
  root: string,
  contentSecurityPolicy: string,
): Promise<Response> {
  const method = (request.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') return new Response(null, { status: 405 });
  const file = resolveAppAsset(request.url, root);
  if (file === null) return notFound();
  try {
    const [realFile, realRoot] = await Promise.all([realpath(file), realpath(root)]);
    if (!isInside(realFile, realRoot) || !(await stat(realFile)).isFile()) return notFound();
    const body = method === 'HEAD' ? null : await readFile(realFile);
    return new Response(body, {
      status: 200,
      headers: {
        'Content-Type': contentTypeFor(realFile),
        'Content-Security-Policy': contentSecurityPolicy,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      },
    });
  } catch {
    return notFound();
  }
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
