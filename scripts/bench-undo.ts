/**
 * `npx tsx scripts/bench-undo.ts`: what an undo of a 1M-row import takes, and what each index an
 * undo could have used would cost the activity import (issue #13, item 6; figures in
 * docs/decisions.md, "Undo at scale").
 *
 * The workspace holds 100,000 other activities (their own 5,000 accounts, the same 500 reps)
 * before the timed import of the 1,000,000 rows `npm run bench` imports (20,000 accounts the
 * import creates). For each set of activity indexes (none, as shipped; batch; batch + rep; batch
 * + rep + account), created before the imports, the import and the `sqlite3 .import` reference
 * alternate as in `npm run bench` and the medians are compared, in wall time and in CPU time
 * (which a busy shared host moves far less); then the undo of the 1M-row import is timed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../engine/db/open-database';
import { prewarmActivityReader } from '../engine/import/activities/activity-reader';
import { runImport } from '../engine/import/run-import';
import { inspectTable } from '../engine/import/stage-file';
import { undoImport } from '../engine/import/undo-import';
import { mulberry32 } from '../shared/random/mulberry32';
import { writeCsv } from './bench/write-csv';

const HEADER =
  'Activity ID,Assigned To,Activity Type,Subject,Activity Date,Account Name,Call Result,Duration (min)';

const ROWS = Number(process.env.BENCH_ACTIVITIES ?? 1_000_000);
const OTHER_ROWS = Number(process.env.BENCH_OTHER_ACTIVITIES ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const REPS = 500;
const INDEXES: Record<string, string> = {
  activities_batch: 'CREATE INDEX activities_batch ON activities(batch_id)',
  activities_rep: 'CREATE INDEX activities_rep ON activities(rep_id)',
  activities_account: 'CREATE INDEX activities_account ON activities(account_id)',
};
const VARIANTS: { name: string; keep: readonly string[] }[] = [
  { name: 'no activity index', keep: [] },
  { name: 'batch_id', keep: ['activities_batch'] },
  { name: 'batch_id + rep_id', keep: ['activities_batch', 'activities_rep'] },
  {
    name: 'batch_id + rep_id + account_id',
    keep: ['activities_batch', 'activities_rep', 'activities_account'],
  },
];

const dir = mkdtempSync(join(tmpdir(), 'qc-bench-undo-'));
const day = (n: number): string => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

function settleDisk(): void {
  try {
    execFileSync('sync');
  } catch {
    // No sync(1): the runs are merely noisier.
  }
}

async function importInto(
  sqlite: ReturnType<typeof openDatabase>['sqlite'],
  file: string,
): Promise<{ ms: number; cpu: number; batchId: number }> {
  const staged = await inspectTable(file, file, 'bench', statSync(file).size);
  if (!staged.ok || !staged.value.info.kind) throw new Error(`not recognised: ${JSON.stringify(staged)}`);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const result = await runImport(sqlite, {
    staged: staged.value,
    kind: staged.value.info.kind,
    mapping: staged.value.info.mapping,
    now: '2026-01-01T00:00:00.000Z',
  });
  const ms = performance.now() - t0;
  // Both threads' CPU time (the process's): on a shared host it moves far less than wall time.
  const used = process.cpuUsage(cpu0);
  if (!result.ok) throw new Error(result.error.message);
  return { ms, cpu: (used.user + used.system) / 1000, batchId: result.value.batchId };
}

function sqliteCliImport(file: string): { ms: number; cpu: number } {
  const db = join(dir, 'reference.sqlite');
  rmSync(db, { force: true });
  const sql = `CREATE TABLE activities (activity_id TEXT, assigned_to TEXT, activity_type TEXT, subject TEXT, activity_date TEXT, account TEXT, call_result TEXT, duration REAL);
.mode csv
.import --skip 1 ${file} activities`;
  const t0 = performance.now();
  const run = spawnSync('/usr/bin/time', ['-f', '%U %S', 'sqlite3', db], { input: sql, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (run.status !== 0) throw new Error(`sqlite3: ${run.stderr}`);
  const [user, system] = run.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  return { ms, cpu: ((user ?? 0) + (system ?? 0)) * 1000 };
}

async function main(): Promise<void> {
  const rand = mulberry32(42);
  const reps = Array.from({ length: REPS }, (_, i) => `Rep ${String(i + 1).padStart(3, '0')}`);
  const types = ['Call', 'Call', 'Call', 'Meeting', 'Visit', 'Email'];
  const row = (prefix: string, account: string) => (i: number) => {
    const type = types[Math.floor(rand() * types.length)]!;
    return `${prefix}-${i},${reps[Math.floor(rand() * REPS)]},${type},Follow-up on proposal and next steps,${day(Math.floor(rand() * 365))},${account} ${Math.floor(rand() * (account === 'Account' ? 20000 : 5000))},${type === 'Call' ? 'Connected' : ''},${Math.floor(rand() * 60)}`;
  };
  const big = join(dir, 'activities.csv');
  const other = join(dir, 'other.csv');
  await writeCsv(big, HEADER, ROWS, row('ACT', 'Account'));
  await writeCsv(other, HEADER, OTHER_ROWS, row('OTH', 'Client'));
  await prewarmActivityReader();

  const lines: string[] = [];
  for (const variant of VARIANTS) {
    const ours: number[] = [];
    const oursCpu: number[] = [];
    const theirs: number[] = [];
    const theirsCpu: number[] = [];
    const undos: number[] = [];
    const undosCpu: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const file = join(dir, `workspace-${round}.sqlite`);
      rmSync(file, { force: true });
      const database = openDatabase(file);
      const { sqlite } = database;
      for (const index of variant.keep) sqlite.exec(INDEXES[index]!);
      await importInto(sqlite, other);
      const timed = async (): Promise<number> => {
        settleDisk();
        const { ms, cpu, batchId } = await importInto(sqlite, big);
        ours.push(ms);
        oursCpu.push(cpu);
        return batchId;
      };
      const referenceRun = (): void => {
        settleDisk();
        const reference = sqliteCliImport(big);
        theirs.push(reference.ms);
        theirsCpu.push(reference.cpu);
      };
      let batchId: number;
      if (round % 2 === 0) {
        batchId = await timed();
        referenceRun();
      } else {
        referenceRun();
        batchId = await timed();
      }
      // The undo of the timed import.
      settleDisk();
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const counts = undoImport(sqlite, batchId);
      undos.push(performance.now() - t0);
      const used = process.cpuUsage(cpu0);
      undosCpu.push((used.user + used.system) / 1000);
      if (counts === null || counts.activities !== ROWS)
        throw new Error(`undo removed ${JSON.stringify(counts)}`);
      const left = sqlite.prepare('SELECT count(*) FROM activities').pluck().get() as number;
      if (left !== OTHER_ROWS) throw new Error(`undo left ${left} activities`);
      database.close();
      rmSync(file, { force: true });
    }
    const ms = median(ours);
    const ref = median(theirs);
    const undo =
      undos.length > 0
        ? `; undo ${(median(undos) / 1000).toFixed(2)} s (${undos.map((u) => (u / 1000).toFixed(2)).join(', ')}), ` +
          `CPU ${(median(undosCpu) / 1000).toFixed(2)} s`
        : '';
    lines.push(
      `${variant.name}: import ${(ms / 1000).toFixed(2)} s (${ours.map((o) => (o / 1000).toFixed(2)).join(', ')}), ` +
        `sqlite3 .import ${(ref / 1000).toFixed(2)} s, ratio ${(ms / ref).toFixed(2)}x; ` +
        `CPU ${(median(oursCpu) / 1000).toFixed(2)} s against ${(median(theirsCpu) / 1000).toFixed(2)} s, ` +
        `ratio ${(median(oursCpu) / median(theirsCpu)).toFixed(2)}x${undo}`,
    );
    process.stdout.write(`${lines.at(-1)}\n`);
  }
  rmSync(dir, { recursive: true, force: true });
}

await main();
process.exit(0);
