import type { ExpressionBuilder } from 'kysely';
import type { SqliteHandle } from '../db/open-database';
import type { Database } from '../db/schema';
import { execute, query, selectAll } from '../db/sync-query';
import { readSetting, writeSetting } from './settings-table';

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
  const row = readSetting(sqlite, KEY);
  if (row === undefined) return null;
  try {
    const v: unknown = JSON.parse(row);
    if (typeof v !== 'object' || v === null || !('code' in v)) return null;
    if (typeof v.code !== 'string' || !/^[A-Z]{3}$/.test(v.code)) return null;
    const batches =
      'assumedBatches' in v && Array.isArray(v.assumedBatches)
        ? v.assumedBatches.filter((b): b is number => Number.isInteger(b))
        : [];
    return { code: v.code, assumedBatches: batches };
  } catch {
    return null;
  }
}

function write(sqlite: SqliteHandle, stored: Stored): void {
  writeSetting(sqlite, KEY, JSON.stringify(stored));
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
    const assumed = previous?.assumedBatches ?? [];
    const touched = new Set<number>(assumed);
    for (const table of ['deals', 'quotas'] as const) {
      // Amounts with no currency, and those that took the previous workspace currency.
      const relabelled = (eb: ExpressionBuilder<Database, typeof table>) =>
        previous && assumed.length > 0
          ? eb.or([
              eb('currency', 'is', null),
              eb.and([eb('currency', '=', previous.code), eb('batch_id', 'in', assumed)]),
            ])
          : eb('currency', 'is', null);
      const batches = selectAll(
        sqlite,
        query.selectFrom(table).select('batch_id').distinct().where(relabelled),
      );
      for (const b of batches) touched.add(b.batch_id);
      execute(sqlite, query.updateTable(table).set({ currency: code }).where(relabelled));
    }
    write(sqlite, { code, assumedBatches: [...touched].sort((a, b) => a - b) });
  });
  relabel();
}
