import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../engine/db/open-database';
import { AccountResolver } from '../../engine/import/resolvers';

/**
 * Small workspaces have their accounts loaded once per import; large ones are queried per name.
 * Both must find the same accounts.
 */
describe.each([
  ['accounts loaded in memory', undefined],
  ['accounts queried per name', -1],
])('AccountResolver, %s', (_label, preloadUpTo) => {
  it('matches by CRM id, then name key, then a deal of that name, and creates the rest once', () => {
    const database = openDatabase(':memory:');
    const { sqlite } = database;
    sqlite.exec(`
      INSERT INTO import_batches (id, file_name, file_sha256, kind, mapping_json, encoding, delimiter, imported_at)
        VALUES (1, 'a.csv', 'x', 'accounts', '{}', 'utf-8', ',', '2025-01-01');
      INSERT INTO accounts (id, name, name_key, external_id) VALUES
        (1, 'Acme Inc', 'acme inc', 'ACC-1'), (2, 'Beta Ltd', 'beta ltd', 'ACC-2'), (3, 'Beta Two', 'beta two', 'ACC-2');
      INSERT INTO deals (record_key, name, status, content_hash, batch_id, account_id)
        VALUES ('d1', 'Opportunity for Beta', 'open', 'h', 1, 2);
    `);
    const resolver = new AccountResolver(sqlite, 1, {
      dealsFixed: true,
      ...(preloadUpTo === undefined ? {} : { preloadUpTo }),
    });
    expect(resolver.resolve('ACC-1', true)).toBe(1);
    expect(resolver.resolve('ACC-2', true)).toBe(2); // the first account with that id
    expect(resolver.resolve('  ACME   inc ', true)).toBe(1);
    expect(resolver.resolve('Opportunity for Beta', false)).toBe(2);
    // Within one import the choice to create is the same for every row.
    expect(new AccountResolver(sqlite, 1).resolve('Delta AG', false)).toBeNull();
    const gamma = resolver.resolve('Gamma GmbH ', true);
    expect(gamma).toBe(4);
    expect(resolver.resolve('GAMMA gmbh', true)).toBe(4);
    expect(resolver.resolve('', true)).toBeNull();
    expect(sqlite.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(4);
    database.close();
  });
});
