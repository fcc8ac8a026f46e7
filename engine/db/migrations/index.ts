import { migration001 } from './001-initial';
import { migration002 } from './002-rep-aliases';
import { migration003 } from './003-stage-choices';
import { migration004 } from './004-activity-row-hash';
import { migration005 } from './005-saved-date-order';
import { migration006 } from './006-rep-kpi-values';
import { migration007 } from './007-deal-probability-account-scores';
import { migration008 } from './008-deal-snapshots';
import { migration009 } from './009-coaching';
import { migration010 } from './010-team-scenarios';
import { migration011 } from './011-activity-texts';
import type { Migration } from './migration';

/** Every migration, listed explicitly in order: no directory scanning, no surprises in a bundle. */
export const MIGRATIONS: readonly Migration[] = Object.freeze([
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
]);
