import type { Migration } from './migration';

/**
 * The day/month order of a header row's slash dates (3/4/2024), saved with its mapping: the
 * user's answer, or the order an imported file proved. Next month's export of the same report
 * then comes with the question answered (the user may still change it), and the CLI reads it
 * the same way instead of assuming month-first. Null for none.
 * Frozen: never edit once shipped.
 */
export const migration005: Migration = {
  version: 5,
  name: 'saved-date-order',
  sql: `
ALTER TABLE saved_mappings ADD COLUMN date_order TEXT CHECK (date_order IN ('mdy', 'dmy'));
`,
};
