import type { SqliteHandle } from '../db/open-database';
import { iterate, query, selectFirst } from '../db/sync-query';
import { nameKey } from './name-key';

/**
 * Finds or creates reps, teams and accounts by name within one import transaction, with caches
 * so a million activity rows do not mean a million look-ups.
 */
export class RepResolver {
  /** Owner cell as written -> rep id: most files repeat a few hundred names a million times. */
  private readonly byCell = new Map<string, number>();
  private readonly cache = new Map<string, number>();
  private readonly find;
  private readonly findExternal;
  private readonly insert;

  constructor(
    sqlite: SqliteHandle,
    private readonly batchId: number,
  ) {
    // Raw prepared statements: run for each new owner cell of an import, prepared once (npm run
    // bench, the activity import line); Kysely would build and prepare the query each time.
    // Another spelling the user merged into a rep is a 'name' alias keyed like name_key.
    this.find = sqlite.prepare<[{ key: string }], { id: number }>(
      `SELECT id FROM reps WHERE name_key = @key
       UNION ALL SELECT rep_id FROM rep_aliases WHERE alias = @key AND source = 'name' LIMIT 1`,
    );
    this.findExternal = sqlite.prepare<[string], { id: number }>(
      'SELECT rep_id AS id FROM rep_aliases WHERE alias = ?',
    );
    this.insert = sqlite.prepare<[string, string, number]>(
      'INSERT INTO reps (name, name_key, batch_id) VALUES (?, ?, ?)',
    );
  }

  /** Resolves an owner cell: an employee id known from a roster, else a name. */
  resolve(owner: string): number {
    const seen = this.byCell.get(owner);
    if (seen !== undefined) return seen;
    const trimmed = owner.trim();
    // An id or email some roster gave this rep; emails are stored lower-cased.
    const external = this.findExternal.get(trimmed.includes('@') ? trimmed.toLowerCase() : trimmed);
    let id: number;
    if (external) id = external.id;
    else {
      const key = nameKey(trimmed);
      const cached = this.cache.get(key);
      const row = cached === undefined ? this.find.get({ key }) : undefined;
      id =
        cached ??
        row?.id ??
        Number(this.insert.run(trimmed.replace(/\s+/g, ' '), key, this.batchId).lastInsertRowid);
      this.cache.set(key, id);
    }
    this.byCell.set(owner, id);
    return id;
  }
}

/** Workspaces with up to this many accounts have them loaded once per import instead of queried. */
const PRELOAD_ACCOUNTS = 200_000;

export class AccountResolver {
  private readonly cache = new Map<string, number | null>();
  private readonly find;
  private readonly findDeal;
  private readonly insert;
  private readonly findExternal;
  /** The accounts table in memory (name key -> id, external id -> first id), when small enough. */
  private readonly byKey: Map<string, number> | null = null;
  private readonly byExternal: Map<string, number> | null = null;
  /** False when no deal can name an account: the import's deals are fixed and none has one. */
  private readonly dealsMayMatch: boolean;

  constructor(
    sqlite: SqliteHandle,
    private readonly batchId: number,
    options: {
      /** The caller adds no deals while resolving (an activities import). */
      dealsFixed?: boolean;
      /** Load the accounts table when it has at most this many rows (tests use 0 to query). */
      preloadUpTo?: number;
    } = {},
  ) {
    // Raw prepared statements: run for each new account name of an import, prepared once (npm run
    // bench, the activity import line); Kysely would build and prepare the query each time.
    this.find = sqlite.prepare<[string], { id: number }>('SELECT id FROM accounts WHERE name_key = ?');
    // Deals that name the customer by its CRM id (ResellerKey, AccountId) join on the account's id.
    this.findExternal = sqlite.prepare<[string], { id: number }>(
      'SELECT id FROM accounts WHERE external_id = ? ORDER BY id LIMIT 1',
    );
    // Salesforce activities point at an opportunity (WhatId), not an account: follow the deal.
    this.findDeal = sqlite.prepare<[string], { account_id: number | null }>(
      'SELECT account_id FROM deals WHERE name = ? AND account_id IS NOT NULL LIMIT 1',
    );
    this.insert = sqlite.prepare<[string, string, number]>(
      'INSERT INTO accounts (name, name_key, batch_id) VALUES (?, ?, ?)',
    );
    // An activities file names thousands of accounts; one query for all of them beats four
    // per name.
    const count =
      selectFirst(
        sqlite,
        query.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')),
      )?.n ?? 0;
    if (count <= (options.preloadUpTo ?? PRELOAD_ACCOUNTS)) {
      this.byKey = new Map();
      this.byExternal = new Map();
      for (const { id, name_key: key, external_id: external } of iterate(
        sqlite,
        query.selectFrom('accounts').select(['id', 'name_key', 'external_id']).orderBy('id'),
      )) {
        this.byKey.set(key, id);
        if (external !== null && !this.byExternal.has(external)) this.byExternal.set(external, id);
      }
    }
    this.dealsMayMatch =
      !options.dealsFixed ||
      selectFirst(
        sqlite,
        query.selectFrom('deals').select('id').where('account_id', 'is not', null).limit(1),
      ) !== undefined;
  }

  resolve(name: string, createMissing: boolean): number | null {
    const trimmed = name.trim();
    if (trimmed === '') return null;
    if (this.cache.has(trimmed)) return this.cache.get(trimmed) ?? null;
    const key = nameKey(trimmed);
    let id: number | null =
      this.byKey && this.byExternal
        ? (this.byExternal.get(trimmed) ?? this.byKey.get(key) ?? null)
        : (this.findExternal.get(trimmed)?.id ?? this.find.get(key)?.id ?? null);
    if (id === null && this.dealsMayMatch) id = this.findDeal.get(trimmed)?.account_id ?? null;
    if (id === null && createMissing) {
      id = Number(this.insert.run(trimmed.replace(/\s+/g, ' '), key, this.batchId).lastInsertRowid);
      this.byKey?.set(key, id);
    }
    this.cache.set(trimmed, id);
    return id;
  }
}

export class TeamResolver {
  private readonly find;
  private readonly insert;
  private readonly update;

  constructor(sqlite: SqliteHandle) {
    // Raw prepared statements: run for each row of an org file (the reps writer's rows), prepared once.
    this.find = sqlite.prepare<[string], { id: number }>('SELECT id FROM teams WHERE name_key = ?');
    this.insert = sqlite.prepare<[string, string, string | null, string | null]>(
      'INSERT INTO teams (name, name_key, region, manager_name) VALUES (?, ?, ?, ?)',
    );
    this.update = sqlite.prepare<[string | null, string | null, number]>(
      'UPDATE teams SET region = COALESCE(?, region), manager_name = COALESCE(?, manager_name) WHERE id = ?',
    );
  }

  resolve(name: string, region: string | null, manager: string | null): number {
    const key = nameKey(name);
    const row = this.find.get(key);
    if (row) {
      this.update.run(region, manager, row.id);
      return row.id;
    }
    return Number(this.insert.run(name.trim(), key, region, manager).lastInsertRowid);
  }
}
