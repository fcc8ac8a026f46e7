import type { SqliteHandle } from '../db/open-database';

/**
 * The workspace's currency (settings table, key `currency`): asked once, on the mapping screen,
 * for the first file whose amounts say no currency, and changed in Settings. It also lists the
 * import batches whose deals and quotas took it because their file said none, so that changing
 * it relabels those amounts and never one whose file named its currency.
 */
const KEY = 'currency';

interface Stored {
  code: string;
  /** Batches that stored amounts in this currency only because it was the workspace's. */
  assumedBatches: number[];
}

function read(sqlite: SqliteHandle): Stored | null {
  const row = sqlite.prepare('SELECT value_json FROM settings WHERE key = ?').pluck().get(KEY) as
    string | undefined;
  if (row === undefined) return null;
  try {
    const v = JSON.parse(row) as Partial<Stored>;
    if (typeof v.code !== 'string' || !/^[A-Z]{3}$/.test(v.code)) return null;
    const batches = Array.isArray(v.assumedBatches)
      ? v.assumedBatches.filter((b): b is number => Number.isInteger(b))
      : [];
    return { code: v.code, assumedBatches: batches };
  } catch {
    return null;
  }
}

function write(sqlite: SqliteHandle, stored: Stored): void {
  sqlite
    .prepare(
      'INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json',
    )
    .run(KEY, JSON.stringify(stored));
}

export function loadWorkspaceCurrency(sqlite: SqliteHandle): string | null {
  return read(sqlite)?.code ?? null;
}

/** Records that a batch stored amounts in the workspace currency (inside the import's transaction). */
export function markCurrencyAssumed(sqlite: SqliteHandle, batchId: number): void {
  const stored = read(sqlite);
  if (!stored || stored.assumedBatches.includes(batchId)) return;
  write(sqlite, { ...stored, assumedBatches: [...stored.assumedBatches, batchId] });
}

/**
 * Sets the workspace currency. Deals and quotas with no currency at all, and those that took the
 * previous workspace currency, take the new one; amounts whose file named a currency keep it.
 */
export function setWorkspaceCurrency(sqlite: SqliteHandle, code: string): void {
  const relabel = sqlite.transaction(() => {
    const previous = read(sqlite);
    const assumed = JSON.stringify(previous?.assumedBatches ?? []);
    const touched = new Set<number>(previous?.assumedBatches ?? []);
    for (const table of ['deals', 'quotas']) {
      const where = `currency IS NULL OR (currency = ? AND batch_id IN (SELECT value FROM json_each(?)))`;
      const batches = sqlite
        .prepare(`SELECT DISTINCT batch_id FROM ${table} WHERE ${where}`)
        .pluck()
        .all(previous?.code ?? null, assumed) as number[];
      for (const b of batches) touched.add(b);
      sqlite
        .prepare(`UPDATE ${table} SET currency = ? WHERE ${where}`)
        .run(code, previous?.code ?? null, assumed);
    }
    write(sqlite, { code, assumedBatches: [...touched].sort((a, b) => a - b) });
  });
  relabel();
}
