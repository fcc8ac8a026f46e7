import { useMemo } from 'react';
import type { RankingView } from '../../../../shared/api/contract';
import { PrintButton } from './PrintButton';

interface Props {
  period: string;
  /** The period's ranking: nothing to print until it is there, and the teams to print all of. */
  view: RankingView | null;
  /** Also "Print all dossiers" (Rankings), besides the director's report. */
  withAll?: boolean;
}

/** The Dashboard's and Rankings' print actions: the director's report, and every rep's dossier. */
export function ReportButtons({ period, view, withAll }: Props) {
  // The settings the screen's ranking was computed with, so the report shows the same figures.
  const settings = view?.settings ?? null;
  const teams = useMemo(
    () =>
      [...new Set((view?.rows ?? []).map((r) => r.team).filter((t): t is string => t !== null))].sort(
        (a, b) => a.localeCompare(b),
      ),
    [view],
  );
  const disabled = view === null || view.rows.length === 0;
  return (
    <div className="report-buttons" data-testid="report-buttons">
      <PrintButton target={{ kind: 'director' }} period={period} settings={settings} disabled={disabled} />
      {withAll === true ? (
        <PrintButton
          target={{ kind: 'all', teams }}
          period={period}
          settings={settings}
          disabled={disabled}
        />
      ) : null}
    </div>
  );
}
