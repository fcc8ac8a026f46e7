import type { Migration } from './migration';

/**
 * Fields the KPI engine weighs deals and accounts by, imported when the export has them (null
 * when it has not; rows imported before this migration have none until their file is imported
 * again):
 * - deals.probability: the win probability the CRM gave the deal, 0..1 (Salesforce `Probability`
 *   10 is stored as 0.1).
 * - accounts.employees: number of employees (purchasing power when revenue is unknown).
 * - accounts.authority: how much decision authority the contact has, 0..1.
 * - accounts.need: how strong the account's need or interest is, 0..1 (Salesforce Rating: Hot 1,
 *   Warm 0.5, Cold 0).
 * shared/import/parse-level.ts reads the values; the CHECKs keep the unit unambiguous (a
 * probability of 60 is refused, not stored as 60 times certain). Columns are added, nothing is
 * rebuilt.
 * Frozen: never edit once shipped.
 */
export const migration007: Migration = {
  version: 7,
  name: 'deal-probability-account-scores',
  sql: `
ALTER TABLE deals ADD COLUMN probability REAL CHECK (probability BETWEEN 0 AND 1);
ALTER TABLE accounts ADD COLUMN employees REAL CHECK (employees >= 0);
ALTER TABLE accounts ADD COLUMN authority REAL CHECK (authority BETWEEN 0 AND 1);
ALTER TABLE accounts ADD COLUMN need REAL CHECK (need BETWEEN 0 AND 1);
`,
};
