import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteHandle } from '../../engine/db/open-database';
import { importPaths } from '../../engine/import/import-files';
import { runImport } from '../../engine/import/run-import';
import { inspectTable } from '../../engine/import/stage-file';
import type { FileKind } from '../../shared/domain/types';
import { mulberry32 } from '../../shared/random/mulberry32';
import { FUZZ, writeFigures } from './scale';

/**
 * The kill campaign of issue #13: a child process imports a file and undoes it, again and again,
 * and is killed with SIGKILL at a random moment (staging, reading, inserting, committing,
 * undoing, between). After each kill the workspace must open, pass `PRAGMA integrity_check` and
 * `foreign_key_check`, and hold exactly the rows it held before the import or after it complete:
 * never anything in between. Both CSV routes are killed: activities (UTF-8, read from bytes by
 * the reader worker) and deals (CRLF with quoted cells, papaparse on the importing thread).
 */

const CHILD = path.resolve(import.meta.dirname, 'helpers/kill-child.ts');
const dir = mkdtempSync(path.join(tmpdir(), 'qc-kill-campaign-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TABLES_SQL =
  "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";

/** Rows per table: which of the allowed states a workspace is in. */
function counts(sqlite: SqliteHandle): string {
  const tables = sqlite.prepare(TABLES_SQL).pluck().all() as string[];
  return tables
    .map((t) => `${t}=${String(sqlite.prepare(`SELECT count(*) FROM "${t}"`).pluck().get())}`)
    .join(' ');
}

function removeWorkspace(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
}

interface Target {
  file: string;
  kind: FileKind;
  /** Table counts before the import, and after it complete. */
  before: string;
  after: string;
  /** One import-and-undo cycle, measured, in ms. */
  cycleMs: number;
}

function activitiesFile(file: string, rows: number): void {
  const lines = ['Activity ID,Assigned To,Activity Type,Activity Date,Subject,Account'];
  for (let i = 0; i < rows; i++)
    lines.push(
      `KA-${i},Rep ${i % 41},${i % 3 === 0 ? 'Call' : 'Email'},2024-0${(i % 9) + 1}-1${i % 10},Follow-up ${i % 17},Acct ${i % 211}`,
    );
  writeFileSync(file, `${lines.join('\n')}\n`);
}

function dealsFile(file: string, rows: number): void {
  const lines = ['Opportunity ID,Opportunity Owner,Account Name,Opportunity Name,Stage,Amount,Close Date'];
  for (let i = 0; i < rows; i++)
    lines.push(
      `KD-${i},Rep ${i % 37},"Acct ${i % 199}, Inc","Deal ""${i}""\r\nsecond line",Closed ${i % 4 === 0 ? 'Lost' : 'Won'},${100 + i},2024-0${(i % 9) + 1}-2${i % 8}`,
    );
  writeFileSync(file, `${lines.join('\r\n')}\r\n`);
}

interface Kill {
  phase: string;
  state: 'before' | 'after' | 'corrupt';
  detail: string;
}

/** Runs the child on a fresh copy of the base workspace; kills it after `delayMs` (or after one cycle). */
async function killOnce(
  base: string,
  target: Target,
  delayMs: number | 'after-cycle',
): Promise<Kill & { ms: number }> {
  const ws = path.join(dir, 'killed.sqlite');
  removeWorkspace(ws);
  copyFileSync(base, ws);
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ws, target.file, target.kind], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  let readyAt = 0;
  let timer: NodeJS.Timeout | undefined;
  const exited = new Promise<string>((resolve) => {
    child.on('exit', (code, signal) => resolve(signal ?? `exit ${String(code)}`));
  });
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (readyAt === 0 && output.includes('ready\n')) {
      readyAt = performance.now();
      if (delayMs !== 'after-cycle') timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    }
    if (delayMs === 'after-cycle' && output.includes('undone\n')) child.kill('SIGKILL');
  });
  const how = await exited;
  clearTimeout(timer);
  const ms = performance.now() - readyAt;
  if (how !== 'SIGKILL') throw new Error(`the child ended by itself (${how}): ${errors}`);
  const lines = output.trim().split('\n');
  const phase = lines.at(-1) ?? 'starting';
  let state: Kill['state'] = 'corrupt';
  let detail = '';
  try {
    const opened = openDatabase(ws);
    try {
      const integrity = opened.sqlite.pragma('integrity_check', { simple: true });
      const foreign = opened.sqlite.pragma('foreign_key_check') as unknown[];
      const now = counts(opened.sqlite);
      if (integrity !== 'ok') detail = `integrity_check: ${String(integrity)}`;
      else if (foreign.length > 0) detail = `foreign_key_check: ${foreign.length} rows`;
      else if (now === target.before) state = 'before';
      else if (now === target.after) state = 'after';
      else detail = `in between: ${now}`;
    } finally {
      opened.close();
    }
  } catch (e) {
    detail = `does not open: ${e instanceof Error ? e.message : String(e)}`;
  }
  return { phase, state, detail, ms };
}

describe('kill campaign: SIGKILL during imports and undos (issue #13)', () => {
  const base = path.join(dir, 'base.sqlite');
  const targets: Target[] = [];

  beforeAll(async () => {
    // A workspace with committed data that every kill must leave alone.
    const small = path.join(dir, 'small.csv');
    writeFileSync(
      small,
      'Assigned To,Activity Type,Activity Date\nAnn,Call,2024-01-02\nBob,Meeting,2024-01-03\n',
    );
    const ws = openDatabase(base);
    const r = await importPaths(ws.sqlite, [small], '2026-01-01T00:00:00.000Z');
    if (!r.ok) throw new Error(r.error.message);
    ws.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    ws.close();
    expect(existsSync(`${base}-wal`)).toBe(false);
    const files: [string, FileKind, (f: string, n: number) => void, number][] = [
      [path.join(dir, 'activities.csv'), 'activities', activitiesFile, FUZZ.full ? 120_000 : 40_000],
      [path.join(dir, 'deals.csv'), 'deals', dealsFile, FUZZ.full ? 20_000 : 8_000],
    ];
    for (const [file, kind, write, rows] of files) {
      write(file, rows);
      const copy = path.join(dir, `complete-${kind}.sqlite`);
      copyFileSync(base, copy);
      const opened = openDatabase(copy);
      const before = counts(opened.sqlite);
      // As the child imports it (no mapping saved).
      const staged = await inspectTable(file, path.basename(file), 'complete', statSync(file).size, kind);
      if (!staged.ok) throw new Error(staged.error.message);
      const done = await runImport(opened.sqlite, {
        staged: staged.value,
        kind,
        mapping: staged.value.info.mapping,
        now: '2026-01-01T00:00:00.000Z',
        rememberMapping: false,
      });
      if (!done.ok) throw new Error(done.error.message);
      const after = counts(opened.sqlite);
      opened.close();
      expect(after).not.toBe(before);
      targets.push({ file, kind, before, after, cycleMs: 0 });
    }
  }, 300_000);

  it(`${FUZZ.kills} kills at random moments: 0 corrupt workspaces, none left in between`, async () => {
    const started = performance.now();
    const rand = mulberry32(FUZZ.seed + 2);
    const kills: (Kill & { kind: FileKind })[] = [];
    // First a full cycle of each file, to know how long one takes (and a kill right after it).
    for (const target of targets) {
      const k = await killOnce(base, target, 'after-cycle');
      target.cycleMs = k.ms;
      kills.push({ ...k, kind: target.kind });
    }
    while (kills.length < FUZZ.kills) {
      const target = targets[kills.length % targets.length] as Target;
      // Uniform over a little more than one cycle: every phase, and the next cycle's start.
      const k = await killOnce(base, target, Math.floor(rand() * 1.2 * target.cycleMs));
      kills.push({ ...k, kind: target.kind });
    }
    const corrupt = kills.filter((k) => k.state === 'corrupt');
    const byPhase: Record<string, number> = {};
    for (const k of kills) byPhase[`${k.kind}:${k.phase}`] = (byPhase[`${k.kind}:${k.phase}`] ?? 0) + 1;
    const figures = {
      campaign: 'kill',
      seed: FUZZ.seed,
      kills: kills.length,
      before: kills.filter((k) => k.state === 'before').length,
      complete: kills.filter((k) => k.state === 'after').length,
      corrupt: corrupt.length,
      cycleMs: Object.fromEntries(targets.map((t) => [t.kind, Math.round(t.cycleMs)])),
      seconds: Math.round((performance.now() - started) / 1000),
      byPhase,
    };
    console.log(JSON.stringify(figures));
    if (FUZZ.full) writeFigures('kill', { ...figures, failures: corrupt.slice(0, 20) });
    expect(corrupt).toEqual([]);
    if (FUZZ.full) {
      // The kills landed in reading, committing and undoing, not only between cycles.
      expect(Object.keys(byPhase).some((p) => p.endsWith(':importing'))).toBe(true);
      expect(Object.keys(byPhase).some((p) => p.endsWith(':undoing'))).toBe(true);
    }
  });
});
