import type { Migration } from './migration';

/**
 * Stages: each deal's funnel stage (target market, prospect, target customer, signed; null when
 * its stage does not say), and the user's stage choices saved with the mapping of a header row.
 * Frozen: never edit once shipped.
 */
export const migration003: Migration = {
  version: 3,
  name: 'stage-choices',
  sql: `
ALTER TABLE deals ADD COLUMN funnel_stage TEXT
  CHECK (funnel_stage IN ('target_market', 'prospect', 'target_customer', 'signed'));
ALTER TABLE saved_mappings ADD COLUMN stage_map_json TEXT;
`,
};
