/**
 * A message produced by the engine for a person to read. It travels as a code plus values and
 * is translated where it is shown, so the same notice reads right in zh-CN and in en.
 */
export interface Notice {
  /** A key of the message catalogs under `notice.`. */
  code: NoticeCode;
  params?: Record<string, string | number>;
}

export type NoticeCode =
  | 'mixed_currencies'
  | 'no_currency'
  | 'title_rows_skipped'
  | 'footer_rows_skipped'
  | 'rows_rejected'
  | 'small_group'
  | 'small_peer_groups'
  | 'tiers_unavailable'
  | 'quota_scale_suspect'
  | 'quota_currency_mismatch'
  | 'partial_period'
  /** The period's data does not support a ranking (docs/ranking.md §1a). */
  | 'period_not_ranked'
  /** No movement: the previous period was not ranked. */
  | 'no_comparison_previous_not_ranked'
  /** No movement: the previous period was ranked on KPIs too different to compare bands. */
  | 'no_comparison_different_kpis'
  /** The data starts inside the period: no sale before it, so no customer can be "existing". */
  | 'no_customer_history'
  | 'missing_amount'
  | 'missing_close_date'
  | 'close_date_from_expected'
  | 'unknown_stage'
  | 'missing_owner'
  | 'missing_required'
  | 'invalid_date'
  | 'invalid_number'
  /** Activities whose duration cell is not a number ("05:30"): imported without a duration. */
  | 'duration_unreadable'
  /** A row with more filled cells than the header has columns (issue #13). */
  | 'extra_cells'
  /** Data rows with fewer cells than the header, read with the missing cells empty (issue #13). */
  | 'short_rows'
  | 'reps_without_deals'
  | 'deals_before_hire'
  | 'dates_assumed_month_first'
  | 'kpi_values_stored'
  | 'kpi_total_row'
  | 'kpi_duplicate_rep'
  /** A row whose CRM id an earlier row of the same file already gave: rejected, the first kept. */
  | 'repeated_id'
  /** A second quota for the same rep and period in one file: rejected, the first kept. */
  | 'repeated_quota'
  | 'kpi_row_period_not_month'
  | 'snapshots_unmatched'
  /** A mapping to check (shared/import/doubtful-fields.ts), reported by the CLI, which asks nobody. */
  | 'doubt_not_mapped'
  | 'doubt_one_value_per_row'
  | 'doubt_values_not_recognised'
  | 'doubt_weak_header'
  /** Team plan: the top band has fewer reps than teams, so some leaders come from below it. */
  | 'teams_leaders_below_top'
  /** Team plan: no practice separates the top performers here, so placements keep current teams. */
  | 'teams_no_separating_practice'
  /** Team plan: the search for the best placement under the "keep apart" pairs was cut short. */
  | 'teams_search_cut'
  /** Team plan: with a move budget, the plan is the best found for a penalty per move, not proven best. */
  | 'teams_budget_penalty'
  /** A scenario names reps or leaders the data no longer has. */
  | 'teams_scenario_stale';
