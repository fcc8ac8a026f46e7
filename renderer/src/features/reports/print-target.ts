import type { ApiRequest, ReportPrintRequest, ReportRequest } from '../../../../shared/api/contract';

/** What a print button prints: one rep's dossier, the director's report, or every rep's dossier. */
export type PrintTarget =
  | { kind: 'dossier'; repId: number; rep: string }
  | { kind: 'director' }
  | { kind: 'all'; teams: readonly string[] };

/** The panel's choices. */
export interface PrintChoice {
  anonymise: boolean;
  /** For `all`: one team, or null for the whole company. */
  team: string | null;
}

/** The print request of a target (without its job id). */
export function printRequest(
  target: PrintTarget,
  base: ReportRequest,
  choice: PrintChoice,
): Omit<ReportPrintRequest, 'jobId'> {
  switch (target.kind) {
    case 'dossier':
      return { ...base, repIds: [target.repId] };
    case 'director':
      return { ...base, director: true, anonymise: choice.anonymise };
    case 'all':
      return {
        ...base,
        allReps: true,
        combined: true,
        ...(choice.team !== null ? { team: choice.team } : {}),
      };
  }
}

/** The preview of a target: the method and request whose HTML is exactly what prints; null for `all`. */
export function previewRequest(
  target: PrintTarget,
  base: ReportRequest,
  choice: PrintChoice,
):
  | { method: 'reports.dossier'; request: ApiRequest<'reports.dossier'> }
  | { method: 'reports.director'; request: ApiRequest<'reports.director'> }
  | null {
  switch (target.kind) {
    case 'dossier':
      return { method: 'reports.dossier', request: { ...base, repId: target.repId } };
    case 'director':
      return { method: 'reports.director', request: { ...base, anonymise: choice.anonymise } };
    case 'all':
      return null;
  }
}
