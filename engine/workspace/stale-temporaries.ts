import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as another user.
    return (e as { code?: unknown }).code === 'EPERM';
  }
}

/**
 * Removes what a killed process left of its temporary copies of `target` (files named
 * `<target>.<pid>[-<suffix>].tmp`, written beside the workspace and renamed into place when
 * whole): a kill during a 10M-row import would otherwise leave 200 MB behind for good. Files of
 * processes still running, this one included, are left alone; any failure only leaves the file.
 */
export function removeStaleTemporaries(target: string): void {
  const prefix = `${basename(target)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(target));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = Number(/^(\d+)(?:-[0-9a-f]+)?\.tmp$/.exec(name.slice(prefix.length))?.[1]);
    if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid || isRunning(pid)) continue;
    rmSync(join(dirname(target), name), { force: true });
  }
}
