import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  CHOICE_TTL_MS,
  ChosenFiles,
  MAX_PENDING_CHOICES,
  readRanges,
  SAMPLE_EDGE_BYTES,
  SAMPLE_WINDOW_BYTES,
  SAMPLE_WINDOWS,
  sampleLength,
  sampleRanges,
  type ByteRange,
} from '../../electron/stage-path';

/**
 * Staging by path in the main process (electron/stage-path.ts), under Node: a path is copied only
 * for a one-time token, fresh, whose file the renderer proved it could read.
 */
const dir = mkdtempSync(join(tmpdir(), 'qc-stage-path-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Chosen = { ok: true; value: { token: string; ranges: ByteRange[] } };
const bytesOf = (content: Uint8Array, ranges: readonly ByteRange[]) =>
  new Uint8Array(Buffer.concat(ranges.map(([a, b]) => content.subarray(a, b))));

function fileWith(name: string, size: number): { path: string; content: Uint8Array } {
  const content = new Uint8Array(size);
  for (let i = 0; i < size; i++) content[i] = (i * 7919) % 251;
  const path = join(dir, name);
  writeFileSync(path, content);
  return { path, content };
}

describe('sample ranges', () => {
  it('cover a small file whole', () => {
    expect(sampleRanges(0)).toEqual([]);
    expect(sampleRanges(10)).toEqual([[0, 10]]);
    const small = 2 * SAMPLE_EDGE_BYTES + SAMPLE_WINDOWS * SAMPLE_WINDOW_BYTES;
    expect(sampleRanges(small)).toEqual([[0, small]]);
  });

  it('take the first and last 64 KB of a large file and windows at random offsets between', () => {
    const size = 10_000_000;
    const ranges = sampleRanges(size);
    expect(ranges[0]).toEqual([0, SAMPLE_EDGE_BYTES]);
    expect(ranges.at(-1)).toEqual([size - SAMPLE_EDGE_BYTES, size]);
    expect(ranges).toHaveLength(SAMPLE_WINDOWS + 2);
    for (const [start, end] of ranges.slice(1, -1)) {
      expect(end - start).toBe(SAMPLE_WINDOW_BYTES);
      expect(start).toBeGreaterThanOrEqual(SAMPLE_EDGE_BYTES);
      expect(end).toBeLessThanOrEqual(size - SAMPLE_EDGE_BYTES);
    }
    // The extremes of the random source stay in bounds.
    const low = sampleRanges(size, () => 0);
    const high = sampleRanges(size, (max) => max - 1);
    expect(low[1]).toEqual([SAMPLE_EDGE_BYTES, SAMPLE_EDGE_BYTES + SAMPLE_WINDOW_BYTES]);
    expect(high.at(-2)).toEqual([size - SAMPLE_EDGE_BYTES - SAMPLE_WINDOW_BYTES, size - SAMPLE_EDGE_BYTES]);
    expect(sampleLength(ranges)).toBe(2 * SAMPLE_EDGE_BYTES + SAMPLE_WINDOWS * SAMPLE_WINDOW_BYTES);
  });

  it('are read from disk in order', async () => {
    const { path, content } = fileWith('ranges.bin', 300_000);
    const ranges = sampleRanges(content.byteLength);
    expect(await readRanges(path, ranges)).toEqual(bytesOf(content, ranges));
    await expect(readRanges(path, [[299_990, 300_010]])).rejects.toThrow();
  });
});

describe('chosen files', () => {
  const engine = () => vi.fn((request: unknown) => Promise.resolve({ ok: true as const, value: request }));

  it('stage a large file whose sampled bytes match, once', async () => {
    const chosen = new ChosenFiles();
    const { path, content } = fileWith('large.csv', 1_000_000);
    const c = (await chosen.choose({ path, fileName: 'large.csv', size: content.byteLength })) as Chosen;
    expect(c.ok).toBe(true);
    expect(c.value.token).toMatch(/^[\w-]{32}$/);
    const call = engine();
    const sample = bytesOf(content, c.value.ranges);
    expect(await chosen.stage({ token: c.value.token, sample }, call)).toEqual({
      ok: true,
      value: { path, fileName: 'large.csv' },
    });
    expect(await chosen.stage({ token: c.value.token, sample }, call)).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    expect(call).toHaveBeenCalledTimes(1);
    expect(chosen.size).toBe(0);
  });

  it('refuse a sample that differs in one byte, is short, or is not bytes, and use the token up', async () => {
    const { path, content } = fileWith('one-byte.csv', 500_000);
    const call = engine();
    for (const bad of [
      (s: Uint8Array) => {
        s[s.length - 1] = s[s.length - 1]! ^ 1;
        return s;
      },
      (s: Uint8Array) => s.subarray(1),
      (s: Uint8Array) => Array.from(s),
      () => undefined,
    ]) {
      const chosen = new ChosenFiles();
      const c = (await chosen.choose({ path, fileName: 'one-byte.csv', size: content.byteLength })) as Chosen;
      const r = await chosen.stage(
        { token: c.value.token, sample: bad(bytesOf(content, c.value.ranges)) },
        call,
      );
      expect(r.ok).toBe(false);
      expect(chosen.size).toBe(0);
    }
    expect(call).not.toHaveBeenCalled();
  });

  it('refuse a file that changed between choosing and staging', async () => {
    const chosen = new ChosenFiles();
    const { path, content } = fileWith('changing.csv', 1000);
    const c = (await chosen.choose({ path, fileName: 'changing.csv', size: 1000 })) as Chosen;
    writeFileSync(path, new Uint8Array(1001));
    const call = engine();
    expect(
      await chosen.stage({ token: c.value.token, sample: bytesOf(content, c.value.ranges) }, call),
    ).toMatchObject({ ok: false, error: { code: 'io_error' } });
    expect(call).not.toHaveBeenCalled();
  });

  it('let a token expire after a minute and keep at most 64 waiting', async () => {
    let now = 1_000;
    let n = 0;
    const chosen = new ChosenFiles({ now: () => now, token: () => `t${n++}` });
    const { path, content } = fileWith('expiring.csv', 100);
    const first = (await chosen.choose({ path, fileName: 'expiring.csv', size: 100 })) as Chosen;
    now += CHOICE_TTL_MS;
    const call = engine();
    expect(
      await chosen.stage({ token: first.value.token, sample: bytesOf(content, first.value.ranges) }, call),
    ).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    for (let i = 0; i < MAX_PENDING_CHOICES + 10; i++)
      await chosen.choose({ path, fileName: 'expiring.csv', size: 100 });
    expect(chosen.size).toBe(MAX_PENDING_CHOICES);
    // The oldest went first; the newest still stages.
    expect(await chosen.stage({ token: 't1', sample: content }, call)).toMatchObject({ ok: false });
    expect(await chosen.stage({ token: `t${n - 1}`, sample: content }, call)).toMatchObject({ ok: true });
  });

  it('refuse a token that is not a string or was never given, and inherited keys', async () => {
    const chosen = new ChosenFiles();
    const call = engine();
    for (const payload of [
      null,
      'x',
      {},
      { token: 1 },
      { token: 'nope' },
      { token: 'constructor' },
      { token: '__proto__' },
    ])
      expect(await chosen.stage(payload, call), JSON.stringify(payload)).toMatchObject({
        ok: false,
        error: { code: 'invalid_request' },
      });
    expect(call).not.toHaveBeenCalled();
  });
});
