import type { Generated } from 'kysely';
import type { FileKind } from '../../shared/domain/types';

/**
 * The single source of table types. Rows are storage, not domain objects: analytics read them
 * into typed arrays (engine/analysis/working-set.ts); handlers map them to contract types.
 * Must match the migrations in ./migrations exactly (test/db/migrations.test.ts checks it).
 */
export interface ImportBatchesTable {
  id: Generated<number>;
  file_name: string;
  file_sha256: string;
  /** CHECKed against the file kinds (migrations 001, 006, 008). */
  kind: FileKind;
  preset: string | null;
  mapping_json: string;
  encoding: string;
  delimiter: string;
  rows_read: number;
  rows_added: number;
  rows_updated: number;
  rows_unchanged: number;
  rows_rejected: number;
  imported_at: string;
}

export interface TeamsTable {
  id: Generated<number>;
  name: string;
  name_key: string;
  region: string | null;
  manager_name: string | null;
}

export interface RepsTable {
  id: Generated<number>;
  name: string;
  name_key: string;
  external_id: string | null;
  email: string | null;
  team_id: number | null;
  region: string | null;
  manager_name: string | null;
  role: string | null;
  hire_date: string | null;
  /** 1 when some file listed the rep in its org chart, not just as an owner of records. */
  in_roster: number;
  /** The import that created the rep (null for older rows); undoing it removes the rep if unused. */
  batch_id: number | null;
}

export interface AccountsTable {
  id: Generated<number>;
  name: string;
  name_key: string;
  external_id: string | null;
  industry: string | null;
  tier: string | null;
  annual_revenue: number | null;
  owner_rep_id: number | null;
  /** The import that created the account; undoing it removes the account if unused. */
  batch_id: number | null;
  /** Number of employees (migration 7). */
  employees: number | null;
  /** Decision authority 0..1 (migration 7; shared/import/parse-level.ts parseLevel). */
  authority: number | null;
  /** Strength of need or interest 0..1 (migration 7; Salesforce Rating Hot 1, Warm 0.5, Cold 0). */
  need: number | null;
}

export interface DealsTable {
  id: Generated<number>;
  record_key: string;
  external_id: string | null;
  rep_id: number | null;
  account_id: number | null;
  name: string | null;
  stage: string | null;
  status: 'open' | 'won' | 'lost';
  amount: number | null;
  currency: string | null;
  created_date: string | null;
  close_date: string | null;
  product: string | null;
  deal_type: string | null;
  content_hash: string;
  batch_id: number;
  expected_close_date: string | null;
  funnel_stage: 'target_market' | 'prospect' | 'target_customer' | 'signed' | null;
  /** Win probability 0..1 as the export gave it (migration 7; 60% is 0.6); null for none. */
  probability: number | null;
}

export interface ActivitiesTable {
  id: Generated<number>;
  batch_id: number;
  /** Fingerprint of the row's content (shared/import/activity-row.ts); read with safeIntegers. */
  row_hash: bigint;
  external_id: string | null;
  rep_id: number | null;
  account_id: number | null;
  /** Index into ACTIVITY_TYPES (the activity_types table names them). */
  type_code: number;
  type_raw: string | null;
  /** Days since 1970-01-01 (shared/period dayNumber). */
  activity_day: number;
  subject: string | null;
  outcome: string | null;
  duration_min: number | null;
  /**
   * The same three texts as activity_texts ids (migration 011): a row keeps each text in one form
   * or the other. Read them through activity_rows, which shows the text either way.
   */
  type_raw_code: number | null;
  subject_code: number | null;
  outcome_code: number | null;
}

/** Repeated activity texts, each stored once (migration 011). */
export interface ActivityTextsTable {
  id: Generated<number>;
  text: string;
  /** The import that added the text; NULL once that import is undone and the text still named. */
  batch_id: number | null;
}

export interface ActivityTypesTable {
  code: number;
  name: string;
}

/** The view activity_rows: activities with the type and date as text. */
export interface ActivityRowsView {
  id: number;
  batch_id: number;
  row_hash: bigint;
  external_id: string | null;
  rep_id: number | null;
  account_id: number | null;
  type: string;
  type_raw: string | null;
  activity_date: string;
  subject: string | null;
  outcome: string | null;
  duration_min: number | null;
}

export interface QuotasTable {
  id: Generated<number>;
  record_key: string;
  rep_id: number;
  period_start: string;
  period_end: string;
  amount: number;
  currency: string | null;
  content_hash: string;
  batch_id: number;
}

/** One value of a rep KPI summary (file kind `rep_kpis`) for one rep, period and metric. */
export interface RepKpiValuesTable {
  id: Generated<number>;
  batch_id: number;
  rep_id: number;
  period_start: string;
  period_end: string;
  /** A known activity metric (shared/import/field-catalog REP_KPI_METRICS) or `custom:<header>`. */
  metric: string;
  /** The column's header as the file wrote it, without its period: "Outbound Calls". */
  metric_label: string;
  value: number;
  /** `k:<rep id>:<start>:<end>:<metric>`. */
  record_key: string;
  content_hash: string;
}

/** How one deal stood on one past day (file kind `deal_history`, migration 8). */
export interface DealSnapshotsTable {
  id: Generated<number>;
  batch_id: number;
  /** `id:<history row id>` or `row:<content>#<n>`, like deals. */
  record_key: string;
  content_hash: string;
  /** The deal named by the row, when the workspace had it at import; null otherwise. */
  deal_id: number | null;
  deal_external_id: string | null;
  deal_name: string | null;
  /** ISO date the snapshot was recorded. */
  snapshot_date: string;
  stage: string | null;
  status: 'open' | 'won' | 'lost';
  funnel_stage: 'target_market' | 'prospect' | 'target_customer' | 'signed' | null;
  amount: number | null;
  currency: string | null;
  expected_close_date: string | null;
  /** 0..1. */
  probability: number | null;
  forecast_category: string | null;
}

export interface RejectedRowsTable {
  id: Generated<number>;
  batch_id: number;
  row_number: number;
  reason_code: string;
  reason_params_json: string | null;
  raw_json: string;
}

export interface RepAliasesTable {
  /** An id as files write it, a lower-cased email, or the name key of another spelling. */
  alias: string;
  rep_id: number;
  source: 'id' | 'email' | 'name';
}

export interface SavedMappingsTable {
  header_signature: string;
  kind: string;
  mapping_json: string;
  updated_at: string;
  /** The user's stage choices (raw stage -> status and funnel stage), JSON; null for none. */
  stage_map_json: string | null;
  /** The day/month order of the header row's slash dates: the user's answer or a file's proof. */
  date_order: 'mdy' | 'dmy' | null;
}

/** A director's dated note on a rep (migration 9); the user's writing, never imported. */
export interface CoachingNotesTable {
  note_id: Generated<number>;
  rep_id: number;
  /** ISO date-time from the engine's clock. */
  created_at: string;
  /** The period the director was looking at (`2025-Q3`); null when none. */
  period: string | null;
  text: string;
}

/** A coaching plan the director saved (migration 9). */
export interface CoachingPlansTable {
  plan_id: Generated<number>;
  rep_id: number;
  /** The period the plan was made from. */
  period: string;
  saved_at: string;
  /** SavedGoal[] (shared/coaching/types.ts) as JSON. */
  goals_json: string;
}

/** A team scenario the director saved (migration 10); ids of reps live inside its JSON. */
export interface TeamScenariosTable {
  scenario_id: Generated<number>;
  name: string;
  /** The period the plan was made for, normalised (`2025-Q3`). */
  period: string;
  top_by: 'results' | 'composite';
  /** Partial<TeamConstraints> (shared/teams/types.ts) as asked, JSON. */
  constraints_json: string;
  /** Assignment[] as edited, JSON. */
  assignment_json: string;
  /** {teams, benefit, moves, placed, movedRepIds} as the engine scored the assignment when saved, JSON. */
  summary_json: string;
  saved_at: string;
}

export interface SettingsTable {
  key: string;
  value_json: string;
}

export interface Database {
  import_batches: ImportBatchesTable;
  teams: TeamsTable;
  reps: RepsTable;
  accounts: AccountsTable;
  deals: DealsTable;
  activities: ActivitiesTable;
  activity_types: ActivityTypesTable;
  activity_texts: ActivityTextsTable;
  activity_rows: ActivityRowsView;
  quotas: QuotasTable;
  rep_kpi_values: RepKpiValuesTable;
  deal_snapshots: DealSnapshotsTable;
  rejected_rows: RejectedRowsTable;
  rep_aliases: RepAliasesTable;
  saved_mappings: SavedMappingsTable;
  settings: SettingsTable;
  coaching_notes: CoachingNotesTable;
  coaching_plans: CoachingPlansTable;
  team_scenarios: TeamScenariosTable;
}
