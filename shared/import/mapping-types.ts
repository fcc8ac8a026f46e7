import type { DealStatus, FunnelStage } from '../domain/types';

/**
 * How a file's columns and stage values are mapped (the import's domain types); declared here,
 * beside the code that detects and applies them, and re-exported by shared/api/contract.ts.
 */

/** Field id (see shared/import/field-catalog) -> source column header, or null when unmapped. */
export type ColumnMapping = Record<string, string | null>;

/** The user's outcome and funnel stage for one raw stage (or status) value of a deals file. */
export interface StageChoice {
  status: DealStatus;
  funnel: FunnelStage | null;
}

/** Raw stage text -> the user's choice; overrides the built-in defaults. */
export type StageMap = Record<string, StageChoice>;
