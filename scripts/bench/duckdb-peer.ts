import { rmSync } from 'node:fs';
import type * as DuckDb from '@duckdb/node-api';

/**
 * The peer a data-savvy director would otherwise use (issue #14): DuckDB reading the same CSV files
 * into a persistent database file, then one SQL pass computing per-rep KPIs for the year from the
 * activities and the deals (counts by type, connected calls, distinct accounts, active days; won,
 * lost, won revenue, win rate, average deal). Our KPI pass computes more (percentiles, bands, every
 * registered KPI), so the ratio is a bound, not a like-for-like race. Null when DuckDB is not
 * installed (it is a dev dependency of the bench only).
 */

export interface DuckDbPeer {
  importMs: number;
  kpiMs: number;
  reps: number;
}

const quote = (path: string): string => `'${path.replace(/'/g, "''")}'`;

export async function duckdbPeer(
  dbFile: string,
  activitiesCsv: string,
  dealsCsv: string,
  year: number,
): Promise<DuckDbPeer | null> {
  let api: typeof DuckDb;
  try {
    api = await import('@duckdb/node-api');
  } catch {
    return null;
  }
  rmSync(dbFile, { force: true });
  rmSync(`${dbFile}.wal`, { force: true });
  const instance = await api.DuckDBInstance.create(dbFile);
  const db = await instance.connect();
  try {
    // The activity file alone, as our import line measures: typed columns, header read.
    const t0 = performance.now();
    await db.run(
      `CREATE TABLE activities AS SELECT * FROM read_csv(${quote(activitiesCsv)}, header = true, columns = {
        'activity_id': 'VARCHAR', 'assigned_to': 'VARCHAR', 'activity_type': 'VARCHAR', 'subject': 'VARCHAR',
        'activity_date': 'DATE', 'account': 'VARCHAR', 'call_result': 'VARCHAR', 'duration': 'DOUBLE'})`,
    );
    await db.run('CHECKPOINT');
    const importMs = performance.now() - t0;
    await db.run(
      `CREATE TABLE deals AS SELECT * FROM read_csv(${quote(dealsCsv)}, header = true, columns = {
        'id': 'VARCHAR', 'owner': 'VARCHAR', 'account': 'VARCHAR', 'stage': 'VARCHAR', 'amount': 'DOUBLE',
        'created': 'DATE', 'closed': 'DATE'})`,
    );
    await db.run('CHECKPOINT');
    const from = `DATE '${year}-01-01'`;
    const to = `DATE '${year}-12-31'`;
    const t1 = performance.now();
    const result = await db.runAndReadAll(
      `WITH a AS (
         SELECT assigned_to AS rep,
                count(*) FILTER (WHERE activity_type = 'Call') AS calls,
                count(*) FILTER (WHERE activity_type = 'Call' AND call_result = 'Connected') AS connected,
                count(*) FILTER (WHERE activity_type IN ('Meeting', 'Visit')) AS meetings,
                count(*) FILTER (WHERE activity_type = 'Email') AS emails,
                count(DISTINCT account) AS accounts,
                count(DISTINCT activity_date) AS active_days
         FROM activities WHERE activity_date BETWEEN ${from} AND ${to} GROUP BY assigned_to),
       d AS (
         SELECT owner AS rep,
                count(*) FILTER (WHERE stage = 'Closed Won') AS won,
                count(*) FILTER (WHERE stage = 'Closed Lost') AS lost,
                sum(amount) FILTER (WHERE stage = 'Closed Won') AS won_revenue
         FROM deals WHERE closed BETWEEN ${from} AND ${to} GROUP BY owner)
       SELECT coalesce(a.rep, d.rep) AS rep, calls, connected, meetings, emails, accounts, active_days,
              won, lost, won_revenue, won / nullif(won + lost, 0) AS win_rate, won_revenue / nullif(won, 0) AS avg_deal,
              calls / nullif(active_days, 0) AS calls_per_day
       FROM a FULL JOIN d ON a.rep = d.rep`,
    );
    const kpiMs = performance.now() - t1;
    return { importMs, kpiMs, reps: result.currentRowCount };
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}
