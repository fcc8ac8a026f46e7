/**
 * Errors cross every boundary (worker, IPC, HTTP, CLI) as data, never as thrown exceptions,
 * so a host can always render them and a renderer never sees a raw stack trace.
 */
export interface AppError {
  /** Stable machine code; the renderer translates it via the i18n catalog (`error.<code>`). */
  code: ErrorCode;
  /** English fallback text, also what the CLI prints. */
  message: string;
  /** Values interpolated into the translated message. */
  params?: Record<string, string | number>;
}

export type ErrorCode =
  | 'invalid_request'
  | 'unknown_method'
  | 'not_found'
  | 'empty_file'
  | 'not_a_table'
  /** A CSV whose quoted cell from params.row on never ends (issue #13). */
  | 'broken_quotes'
  /** A CSV whose quoted cell at params.row swallows the rows after it (a stray quote, issue #13). */
  | 'stray_quote'
  /** A CSV row (params.row) past params.limit MB, mostly one cell / a quoted cell still open / many cells. */
  | 'cell_too_large'
  | 'quoted_cell_too_large'
  | 'row_too_large'
  | 'workbook_unreadable'
  | 'binary_file'
  | 'header_only'
  | 'unknown_file_kind'
  /** An import asked of the demo workspace, which takes none (issue #12). */
  | 'demo_workspace'
  | 'missing_columns'
  | 'too_many_rejected'
  | 'cancelled'
  | 'invalid_period'
  /** Analysis settings (weights, tiers, thresholds) out of range or of the wrong shape. */
  | 'invalid_settings'
  /** A weights file (CLI --weights) that is not the expected JSON. */
  | 'invalid_weights'
  /** A rep KPI summary whose columns are all the rep (nothing numeric to store). */
  | 'no_kpi_columns'
  /** A rep KPI summary that does not say which month it covers, and no month was given. */
  | 'kpi_period_required'
  /** A rep KPI summary counting by month ("last month") was given a period that is not one month. */
  | 'kpi_period_not_month'
  | 'no_data'
  /** A path that names a folder, a device or anything else that is not a regular file. */
  | 'not_a_file'
  /** A file past MAX_IMPORT_FILE_BYTES (or the browser host's upload limit). */
  | 'file_too_large'
  | 'io_error'
  /** Another program (a second window, the CLI) is writing to the workspace right now. */
  | 'workspace_busy'
  /** Team plan constraints that no placement can meet (params.constraint names which). */
  | 'infeasible_plan'
  /** Printed reports: no Chrome, Chromium or Edge to print with (set QC_CHROMIUM). */
  | 'no_browser'
  /** Printed reports: nobody to print (an unknown rep, a period without data). */
  | 'nothing_to_print'
  /** Printed reports: the browser failed while printing. */
  | 'print_failed'
  /** A report logo (Settings) that is not a PNG or JPEG by its bytes. */
  | 'logo_not_image'
  /** A report logo over MAX_LOGO_BYTES (params.size and params.limit in KB). */
  | 'logo_too_large'
  /** A report logo whose base64 data cannot be read. */
  | 'logo_damaged'
  | 'internal';

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err<T = never>(
  code: ErrorCode,
  message: string,
  params?: Record<string, string | number>,
): Result<T> {
  return params === undefined
    ? { ok: false, error: { code, message } }
    : { ok: false, error: { code, message, params } };
}
