import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../engine/db/open-database';
import { MIGRATIONS } from '../../engine/db/migrations';
import { importPaths } from '../../engine/import/import-files';

const dir = mkdtempSync(join(tmpdir(), 'qc-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Imports `csv` into `db` in a child process and kills it once rows are being written. */
async function importKilled(
  db: string,
  csv: string,
  how?: 'exclusive' | 'large',
): Promise<{ signal: string; output: string }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      resolve(import.meta.dirname, 'helpers/import-child.ts'),
      db,
      csv,
      ...(how ? [how] : []),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  const signal = await new Promise<string>((done) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      // Wait until rows are being written inside the open transaction, then pull the plug.
      if (/progress [1-9]\d{4,}/.test(output) && child.exitCode === null) child.kill('SIGKILL');
    });
    child.on('exit', (_code, sig) => done(sig ?? 'exited'));
  });
  return { signal, output };
}

function bigFile(name: string): string {
  const big = join(dir, name);
  const lines = ['Activity ID,Assigned To,Activity Type,Activity Date'];
  for (let i = 0; i < 300_000; i++) lines.push(`A${i},Rep ${i % 97},Call,2024-0${(i % 9) + 1}-1${i % 10}`);
  writeFileSync(big, `${lines.join('\n')}\n`);
  return big;
}

describe('an import killed with SIGKILL', () => {
  it.each([
    ['in the WAL, as the app imports', undefined],
    ['under an exclusive lock with a rollback journal, as the CLI imports', 'exclusive' as const],
    ['held exclusively for the import alone, as the app imports a large file', 'large' as const],
  ])('leaves the workspace exactly as it was before (%s)', async (_label, how) => {
    const db = join(dir, `workspace-${how ?? 'wal'}.sqlite`);
    // A first, committed import that must survive.
    const small = join(dir, 'small.csv');
    writeFileSync(
      small,
      'Assigned To,Activity Type,Activity Date\nAnn,Call,2024-01-02\nBob,Meeting,2024-01-03\n',
    );
    const before = openDatabase(db);
    expect((await importPaths(before.sqlite, [small], '2026-01-01T00:00:00.000Z')).ok).toBe(true);
    before.close();
    const keyFile = readFileSync(`${db}.activity-keys`);
    const rowsFile = readFileSync(`${db}.activity-rows`);

    const big = bigFile(`big-${how ?? 'wal'}.csv`);

    const { signal, output } = await importKilled(db, big, how);
    expect(signal).toBe('SIGKILL');
    expect(output).not.toContain('finished');
    // Held exclusively, the kill left the journal that undoes the import.
    expect(existsSync(`${db}-journal`)).toBe(how !== undefined);

    const after = openDatabase(db);
    expect(after.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(after.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(after.sqlite.prepare('SELECT count(*) FROM activities').pluck().get()).toBe(2);
    expect(after.sqlite.prepare('SELECT count(*) FROM import_batches').pluck().get()).toBe(1);
    expect(after.sqlite.prepare('SELECT count(*) FROM reps').pluck().get()).toBe(2);
    // The workspace's key and rows files are the first import's: what the killed import wrote
    // stays in a temporary file, which the next import clears.
    expect(readFileSync(`${db}.activity-keys`).equals(keyFile)).toBe(true);
    expect(readFileSync(`${db}.activity-rows`).equals(rowsFile)).toBe(true);
    const temporaries = (): string[] =>
      readdirSync(dir).filter(
        (name) => name.startsWith(`workspace-${how ?? 'wal'}.`) && name.endsWith('.tmp'),
      );
    // The key file is extended in place only after a commit; the rows file's copy is made at
    // its first write, so the kill may have left it.
    expect(temporaries().length).toBeLessThanOrEqual(1);
    const again = await importPaths(after.sqlite, [big], '2026-01-01T00:00:00.000Z');
    expect(again.ok && again.value.map((s) => s.counts.added)).toEqual([300_000]);
    expect(temporaries()).toEqual([]);
    after.close();
  });

  it('leaves a workspace created for the import empty and whole (rollback journal, not the WAL)', async () => {
    const db = join(dir, 'created.sqlite');
    const big = bigFile('big-new.csv');
    const { signal, output } = await importKilled(db, big, 'exclusive');
    expect(signal).toBe('SIGKILL');
    expect(output).not.toContain('finished');
    // The kill left the journal that undoes the import: the next open rolls it back.
    expect(existsSync(`${db}-journal`)).toBe(true);
    const after = openDatabase(db);
    expect(after.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(after.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(after.sqlite.prepare('SELECT count(*) FROM activities').pluck().get()).toBe(0);
    expect(after.sqlite.prepare('SELECT count(*) FROM import_batches').pluck().get()).toBe(0);
    expect(after.sqlite.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)?.version);
    const again = await importPaths(after.sqlite, [big], '2026-01-01T00:00:00.000Z');
    expect(again.ok && again.value.map((s) => s.counts.added)).toEqual([300_000]);
    after.close();
  });
});
