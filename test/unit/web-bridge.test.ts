import { describe, expect, it, vi } from 'vitest';
import { createWebBridge } from '../../renderer/src/api/web-bridge';

/** The browser host's bridge with a stand-in fetch: what it sends for a file to stage. */
function bridgeWith(fetch: typeof globalThis.fetch) {
  return createWebBridge({
    location: { search: '?token=secret', pathname: '/', hash: '' },
    history: { replaceState: vi.fn(), state: null },
    fetch,
    EventSource: vi.fn() as unknown as typeof EventSource,
    storage: { getItem: () => null, setItem: vi.fn() },
  });
}

describe('the browser host bridge', () => {
  it('posts the File itself as the body, so the browser streams it from disk', async () => {
    const fetch = vi.fn(() => Promise.resolve(Response.json({ ok: true, value: { stagedId: 's' } })));
    const file = new File(['a,b\n1,2\n'], 'Q1 deals & more.csv');
    const arrayBuffer = vi.spyOn(file, 'arrayBuffer');
    const r = await bridgeWith(fetch).stageFile(file);
    expect(r).toEqual({ ok: true, value: { stagedId: 's' } });
    const tokenHeader: unknown = expect.objectContaining({ 'X-QC-Token': 'secret' });
    expect(fetch).toHaveBeenCalledExactlyOnceWith(
      '/api/import.stage?fileName=Q1%20deals%20%26%20more.csv',
      expect.objectContaining({ method: 'POST', body: file, headers: tokenHeader }),
    );
    expect(arrayBuffer).not.toHaveBeenCalled();
  });

  it('answers a network failure as data', async () => {
    const fetch = vi.fn(() => Promise.reject(new TypeError('Failed to fetch')));
    const r = await bridgeWith(fetch).stageFile(new File(['x'], 'x.csv'));
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
