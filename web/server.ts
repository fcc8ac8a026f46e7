import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { homedir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { MAX_IMPORT_FILE_BYTES, type ApiEvent, type ApiMethod } from '../shared/api/contract';
import { isApiMethod, validateRequest } from '../shared/api/validate';
import { err, ok, type Result } from '../shared/result';
import { EngineClient } from '../engine/host/engine-client';
import { fileTooLarge } from '../engine/import/source-file';
import { serveReportFile, serveReportPreview } from './report-routes';
import { CONTENT_SECURITY_POLICY, hostAllowed, tokensMatch } from './security';

/**
 * The browser host: the same renderer and the same engine as the desktop app, served on
 * 127.0.0.1 only, with a per-run secret token on every API call. End-to-end tests drive the
 * real UI through it; `npm run web` starts it for a person.
 */
const repoRoot = resolve(import.meta.dirname, '..');
/** Every request but an upload is a small JSON object (the largest, import.run, is a few KB). */
const MAX_JSON_BODY = 8 * 1024 * 1024;
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface WebHostOptions {
  dataDir: string;
  port: number;
  staticDir: string;
  resourcesDir: string;
  token?: string;
  /** The largest upload accepted (MAX_IMPORT_FILE_BYTES unless a test sets less). */
  maxUploadBytes?: number;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  type = 'application/json; charset=utf-8',
): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  });
  res.end(body);
}

function sendResult(res: ServerResponse, result: Result<unknown>): void {
  send(res, 200, JSON.stringify(result));
}

/**
 * The body, or null when it is larger than `limit`. Past the limit the rest is read and dropped,
 * never stored: leaving the loop early would destroy the request, and a client still sending its
 * body then gets a connection reset instead of the answer (issue #13), as with uploads.
 */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= limit) chunks.push(chunk as Buffer);
  }
  return size > limit ? null : Buffer.concat(chunks);
}

/** A URL path decoded, or null when it is not valid percent-encoded UTF-8 or names a NUL. */
function decodePath(path: string): string | null {
  try {
    const decoded = decodeURIComponent(path);
    return decoded.includes('\0') ? null : decoded;
  } catch {
    return null;
  }
}

/**
 * Streams a request body into `path` (created, never overwritten), counting as it goes: memory
 * holds a chunk or two at a time, whatever the size. Past `limit` the rest is read and dropped,
 * not stored, and the partial file removed; answering before the body is read could reset the
 * connection under the browser's feet before it sees the answer. A body the client aborts leaves
 * nothing behind either.
 */
async function saveUpload(
  req: IncomingMessage,
  path: string,
  fileName: string,
  limit: number,
): Promise<Result<number>> {
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > limit) done();
      else done(null, chunk);
    },
  });
  try {
    await pipeline(req, counter, createWriteStream(path, { flags: 'wx' }));
  } catch (e) {
    await rm(path, { force: true });
    const detail = e instanceof Error ? e.message : String(e);
    return err('io_error', `The upload of "${fileName}" did not complete: ${detail}`, {
      file: fileName,
      detail,
    });
  }
  if (size > limit) {
    await rm(path, { force: true });
    return fileTooLarge(fileName, limit);
  }
  return ok(size);
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const workerFile = new URL('../engine/host/engine-worker-tsx.mjs', import.meta.url);
  const engine = new EngineClient(workerFile, {
    dataDir: options.dataDir,
    resourcesDir: options.resourcesDir,
  });
  const maxUpload = options.maxUploadBytes ?? MAX_IMPORT_FILE_BYTES;
  // Uploads are streamed here, then staged from their path like a file dropped on the desktop
  // app. Not the engine's staging folder: the engine empties that when its worker starts, which
  // may be during the first upload. On disk, not in os.tmpdir(), which may be memory (tmpfs).
  const uploadDir = join(options.dataDir, 'uploads');
  rmSync(uploadDir, { recursive: true, force: true });
  mkdirSync(uploadDir, { recursive: true });

  /** `import.stage` in the browser host: the body is the file, saved to disk in a stream, then staged by path. */
  async function stageUpload(req: IncomingMessage, fileName: string): Promise<Result<unknown>> {
    const path = join(uploadDir, `${randomUUID()}.upload`);
    const request = validateRequest('import.stagePath', { path, fileName });
    // Answered without reading the body: Node reads and drops it after the answer.
    if (!request.ok) return request;
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxUpload) return fileTooLarge(fileName, maxUpload);
    const saved = await saveUpload(req, path, fileName, maxUpload);
    if (!saved.ok) return saved;
    try {
      return await engine.call('import.stagePath', request.value);
    } finally {
      // The engine has its own copy in its staging folder now (or refused the file).
      await rm(path, { force: true });
    }
  }

  const streams = new Set<ServerResponse>();
  engine.onEvent((event: ApiEvent) => {
    for (const res of streams) res.write(`data: ${JSON.stringify(event)}\n\n`);
  });
  let port = 0;

  const server = createServer((req, res) => {
    void (async () => {
      if (!hostAllowed(req.headers.host, port)) return send(res, 403, 'forbidden', 'text/plain');
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      if (url.pathname === '/api/events') {
        if (!tokensMatch(token, url.searchParams.get('token')))
          return send(res, 401, 'unauthorized', 'text/plain');
        res.writeHead(200, {
          'Content-Type': 'text/event-stream',
          'Cache-Control': 'no-store',
          Connection: 'keep-alive',
        });
        res.write(': connected\n\n');
        streams.add(res);
        req.on('close', () => streams.delete(res));
        return;
      }
      if (url.pathname === '/api/reports.file' || url.pathname === '/api/reports.preview') {
        // GETs a navigation or a frame makes (no header): the token is in the query, as for events.
        if (req.method !== 'GET') return send(res, 405, 'method not allowed', 'text/plain');
        if (!tokensMatch(token, url.searchParams.get('token')))
          return send(res, 401, 'unauthorized', 'text/plain');
        const call = (method: string, request: unknown) => engine.call(method as ApiMethod, request);
        const serve = url.pathname === '/api/reports.file' ? serveReportFile : serveReportPreview;
        return serve(call, url, res);
      }
      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST') return send(res, 405, 'method not allowed', 'text/plain');
        if (!tokensMatch(token, req.headers['x-qc-token'] as string | undefined))
          return send(res, 401, 'unauthorized', 'text/plain');
        const method = url.pathname.slice('/api/'.length);
        if (!isApiMethod(method)) return sendResult(res, err('unknown_method', `Unknown method ${method}`));
        if (method === 'import.stage')
          return sendResult(res, await stageUpload(req, url.searchParams.get('fileName') ?? ''));
        const body = await readBody(req, MAX_JSON_BODY);
        if (body === null) return sendResult(res, err('invalid_request', 'The request body is too large.'));
        let payload: unknown;
        try {
          payload = body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as unknown);
        } catch {
          return sendResult(res, err('invalid_request', 'The request body is not JSON.'));
        }
        const valid = validateRequest(method, payload);
        if (!valid.ok) return sendResult(res, valid);
        return sendResult(res, await engine.call(method, valid.value));
      }
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return send(res, 405, 'method not allowed', 'text/plain');
      const relative = url.pathname === '/' ? 'index.html' : decodePath(url.pathname.slice(1));
      // A malformed path (`/%E0%A4%A`, `/%`) is the client's error, not the host's.
      if (relative === null) return send(res, 400, 'bad request', 'text/plain');
      const file = normalize(join(options.staticDir, relative));
      if (!file.startsWith(options.staticDir + sep) || !existsSync(file) || !statSync(file).isFile()) {
        return send(res, 404, 'not found', 'text/plain');
      }
      return send(res, 200, readFileSync(file), MIME[extname(file)] ?? 'application/octet-stream');
    })().catch((e: unknown) => {
      if (!res.headersSent)
        sendResult(
          res,
          err('internal', `Host error: ${(e as Error).message}`, { detail: (e as Error).message }),
        );
    });
  });

  await new Promise<void>((ready) => server.listen(options.port, '127.0.0.1', ready));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      for (const res of streams) res.end();
      await new Promise<void>((done) => server.close(() => done()));
      await engine.close();
      rmSync(uploadDir, { recursive: true, force: true });
    },
  };
}

async function cli(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'print-url': { type: 'boolean' },
    },
  });
  const staticDir = join(repoRoot, 'dist', 'web');
  if (!existsSync(join(staticDir, 'index.html'))) {
    process.stderr.write('quartile-coach web: the renderer is not built. Run `npm run build:web` first.\n');
    process.exit(1);
  }
  const host = await startWebHost({
    dataDir: resolve(values['data-dir'] ?? join(homedir(), '.quartile-coach', 'web')),
    port: Number(values.port ?? 0),
    staticDir,
    resourcesDir: join(repoRoot, 'resources'),
  });
  if (values['print-url']) process.stdout.write(`${host.url}\n`);
  else
    process.stdout.write(
      `Quartile Coach is running at ${host.url}\n(only this machine can reach it; press Ctrl+C to stop)\n`,
    );
  const stop = (): void => {
    void host.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('web/server.ts'))
  await cli();
