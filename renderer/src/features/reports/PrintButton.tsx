import { useState } from 'react';
import type { AnalysisSettings } from '../../../../shared/analysis/settings';
import type { TopBy } from '../../../../shared/coaching/types';
import { useI18n } from '../../i18n/i18n';
import { PrintPanel } from './PrintPanel';
import type { PrintTarget } from './print-target';

interface Props {
  target: PrintTarget;
  period: string;
  settings?: AnalysisSettings | null;
  topBy?: TopBy;
  disabled?: boolean;
}

const LABEL = {
  dossier: 'report.print.button.dossier',
  director: 'report.print.button.director',
  all: 'report.print.button.all',
} as const;

/** A screen's print action: a button that opens the print panel for its target. */
export function PrintButton({ target, period, settings, topBy, disabled }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button button--small"
        onClick={() => setOpen(true)}
        disabled={disabled === true}
        aria-haspopup="dialog"
        data-testid={`print-${target.kind}`}
      >
        {t(LABEL[target.kind])}
      </button>
      {open ? (
        <PrintPanel
          target={target}
          period={period}
          settings={settings ?? null}
          topBy={topBy ?? 'results'}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </>
  );
}
