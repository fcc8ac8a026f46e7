/**
 * Child process for the browser host's memory test: runs the host in a process of its own, so the
 * memory measured is the server's alone (engine worker included), not the test's. It samples its
 * memory every few milliseconds and answers over the IPC channel:
 * - sent `{ ready }` with the port and token once listening;
 * - `'mark'`: starts a new measurement from the current memory;
 * - `'peak'`: answers the largest growth since the mark (bytes) in RSS, heap and array buffers,
 *   and the kernel's high-water mark of RSS;
 * - `'close'`: closes the host and exits.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startWebHost } from '../../../web/server';

const [dataDir, maxUpload] = process.argv.slice(2) as [string, string | undefined];
const staticDir = join(dataDir, 'static');
mkdirSync(staticDir, { recursive: true });
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
const host = await startWebHost({
  dataDir: join(dataDir, 'data'),
  port: 0,
  staticDir,
  resourcesDir: resolve(import.meta.dirname, '../../../resources'),
  ...(maxUpload ? { maxUploadBytes: Number(maxUpload) } : {}),
});

interface Sample {
  rss: number;
  heapUsed: number;
  arrayBuffers: number;
}
const sample = (): Sample => {
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers };
};
/** Kernel-tracked peak RSS of the process so far, in bytes. */
const maxRss = (): number => process.resourceUsage().maxRSS * 1024;

let base = sample();
let baseMaxRss = maxRss();
let peak = { ...base };
const timer = setInterval(() => {
  const now = sample();
  peak = {
    rss: Math.max(peak.rss, now.rss),
    heapUsed: Math.max(peak.heapUsed, now.heapUsed),
    arrayBuffers: Math.max(peak.arrayBuffers, now.arrayBuffers),
  };
}, 2);

process.on('message', (message: unknown) => {
  if (message === 'mark') {
    base = sample();
    baseMaxRss = maxRss();
    peak = { ...base };
    process.send?.({ marked: base });
  } else if (message === 'peak') {
    process.send?.({
      peak: {
        rss: peak.rss - base.rss,
        heapUsed: peak.heapUsed - base.heapUsed,
        arrayBuffers: peak.arrayBuffers - base.arrayBuffers,
        maxRss: maxRss() - baseMaxRss,
      },
      base,
    });
  } else if (message === 'close') {
    clearInterval(timer);
    void host.close().then(() => process.exit(0));
  }
});
process.send?.({ ready: { port: host.port, token: host.token } });
