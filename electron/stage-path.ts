import { randomBytes, randomInt } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { ApiRequest } from '../shared/api/contract';
import { validateRequest } from '../shared/api/validate';
import { err, ok, type Result } from '../shared/result';
import { checkSourceFile } from '../engine/import/source-file';

/**
 * Staging a file the user dropped or picked, by its path, in two steps that both go through the
 * preload's `stageFile` (the page never sees a path or a token):
 *
 * 1. `qc:import.choosePath { path, fileName, size }`: the preload read the path and size from the
 *    File. Main checks the file on disk (an absolute path to a regular file of that size, within
 *    the limit) and answers a **one-time token** for it and a few byte ranges to prove with.
 * 2. `qc:import.stagePath { token, sample }`: the preload reads those ranges from the File (the
 *    browser process lets a renderer read only the files the user dropped or picked) and sends
 *    them back; main takes the token (it works once, for a minute), compares the bytes with the
 *    file on disk and only then asks the engine to copy the path.
 *
 * So naming a path is not enough: a renderer compromised even below its JavaScript must also
 * produce the file's bytes, first and last 64 KB and windows at offsets main picks at random,
 * which it cannot read from a file the user did not give it. Nothing in this file imports
 * electron: it is unit-tested under Node (test/unit/electron-stage-path.test.ts).
 */
export const SAMPLE_EDGE_BYTES = 64 * 1024;
export const SAMPLE_WINDOW_BYTES = 4 * 1024;
export const SAMPLE_WINDOWS = 4;
export const CHOICE_TTL_MS = 60_000;
export const MAX_PENDING_CHOICES = 64;

/** `[start, end)` byte offsets. */
export type ByteRange = readonly [start: number, end: number];

export interface ChosenPath {
  readonly token: string;
  readonly ranges: readonly ByteRange[];
}

/**
 * The byte ranges of a file of `size` bytes the preload must send back: the whole file when it is
 * small, else its first and last 64 KB and 4 windows of 4 KB at random offsets in between.
 */
export function sampleRanges(size: number, random: (max: number) => number = randomInt): ByteRange[] {
  if (size <= 2 * SAMPLE_EDGE_BYTES + SAMPLE_WINDOWS * SAMPLE_WINDOW_BYTES)
    return size === 0 ? [] : [[0, size]];
  const middle: ByteRange[] = [];
  const span = size - 2 * SAMPLE_EDGE_BYTES - SAMPLE_WINDOW_BYTES;
  for (let i = 0; i < SAMPLE_WINDOWS; i++) {
    const start = SAMPLE_EDGE_BYTES + random(span + 1);
    middle.push([start, start + SAMPLE_WINDOW_BYTES]);
  }
  middle.sort((a, b) => a[0] - b[0]);
  return [[0, SAMPLE_EDGE_BYTES], ...middle, [size - SAMPLE_EDGE_BYTES, size]];
}

export function sampleLength(ranges: readonly ByteRange[]): number {
  return ranges.reduce((n, [start, end]) => n + end - start, 0);
}

/** The bytes of `ranges` of the file at `path`, one after the other. */
export async function readRanges(path: string, ranges: readonly ByteRange[]): Promise<Uint8Array> {
  const out = new Uint8Array(sampleLength(ranges));
  const handle = await open(path, 'r');
  try {
    let at = 0;
    for (const [start, end] of ranges) {
      let pos = start;
      while (pos < end) {
        const { bytesRead } = await handle.read(out, at, end - pos, pos);
        if (bytesRead === 0) throw new Error('the file is shorter than it was');
        pos += bytesRead;
        at += bytesRead;
      }
    }
  } finally {
    await handle.close();
  }
  return out;
}

interface Pending {
  readonly path: string;
  readonly fileName: string;
  readonly size: number;
  readonly ranges: readonly ByteRange[];
  readonly expires: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function changed<T>(fileName: string): Result<T> {
  const detail = 'it changed after it was chosen; drop or pick it again';
  return err('io_error', `"${fileName}" could not be read: ${detail}`, { file: fileName, detail });
}

/** The files chosen in this window and not staged yet, by one-time token (main process state). */
export class ChosenFiles {
  private readonly pending = new Map<string, Pending>();
  private readonly now: () => number;
  private readonly random: (max: number) => number;
  private readonly newToken: () => string;

  constructor(options: { now?: () => number; random?: (max: number) => number; token?: () => string } = {}) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? randomInt;
    this.newToken = options.token ?? (() => randomBytes(24).toString('base64url'));
  }

  get size(): number {
    return this.pending.size;
  }

  /** Step 1: `{ path, fileName, size }` from the preload; a token and the ranges to prove with. */
  async choose(payload: unknown): Promise<Result<ChosenPath>> {
    if (!isRecord(payload)) return err('invalid_request', 'Invalid request: expected a chosen file.');
    const request = validateRequest('import.stagePath', { path: payload.path, fileName: payload.fileName });
    if (!request.ok) return request;
    const { size } = payload;
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0)
      return err('invalid_request', 'Invalid request: size (a whole number of bytes is expected)', {
        detail: 'size',
      });
    const { path, fileName } = request.value;
    const file = await checkSourceFile(path, fileName);
    if (!file.ok) return file;
    if (file.value.size !== size) return changed(fileName);
    this.prune();
    while (this.pending.size >= MAX_PENDING_CHOICES) {
      const oldest = this.pending.keys().next().value as string;
      this.pending.delete(oldest);
    }
    const token = this.newToken();
    const ranges = sampleRanges(size, this.random);
    this.pending.set(token, { path, fileName, size, ranges, expires: this.now() + CHOICE_TTL_MS });
    return ok({ token, ranges });
  }

  /**
   * Step 2: `{ token, sample }`. The token is used up whatever the outcome; the sample must be
   * the file's bytes in the ranges given; the engine then gets `{ path, fileName }` only.
   */
  async stage(
    payload: unknown,
    call: (request: ApiRequest<'import.stagePath'>) => Promise<Result<unknown>>,
  ): Promise<Result<unknown>> {
    this.prune();
    const token = isRecord(payload) ? payload.token : undefined;
    const chosen = typeof token === 'string' ? this.pending.get(token) : undefined;
    if (typeof token !== 'string' || chosen === undefined)
      return err('invalid_request', 'Invalid request: this file was not chosen, or was already staged.', {
        detail: 'token',
      });
    this.pending.delete(token);
    const sample = (payload as Record<string, unknown>).sample;
    if (!(sample instanceof Uint8Array) || sample.byteLength !== sampleLength(chosen.ranges))
      return err('invalid_request', 'Invalid request: sample (the chosen bytes of the file are expected)', {
        detail: 'sample',
      });
    const file = await checkSourceFile(chosen.path, chosen.fileName);
    if (!file.ok) return file;
    if (file.value.size !== chosen.size) return changed(chosen.fileName);
    let onDisk: Uint8Array;
    try {
      onDisk = await readRanges(chosen.path, chosen.ranges);
    } catch {
      return changed(chosen.fileName);
    }
    if (!Buffer.from(onDisk).equals(Buffer.from(sample.buffer, sample.byteOffset, sample.byteLength)))
      return changed(chosen.fileName);
    return call({ path: chosen.path, fileName: chosen.fileName });
  }

  private prune(): void {
    const now = this.now();
    for (const [token, chosen] of this.pending) if (chosen.expires <= now) this.pending.delete(token);
  }
}
