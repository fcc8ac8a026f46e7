import { useState } from 'react';
import type { ImportCounts, ImportSummary } from '../../../../shared/api/contract';
import type { AppError } from '../../../../shared/result';
import { formatInteger } from '../../../../shared/format/format';
import { useBridge } from '../../api/bridge-context';
import { useI18n } from '../../i18n/i18n';
import { downloadText } from '../../util/download';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { NoticeList } from '../../ui/NoticeList';

const COUNT_KEYS = [
  'read',
  'added',
  'updated',
  'unchanged',
  'rejected',
] as const satisfies readonly (keyof ImportCounts)[];

export function CountsGrid({ counts }: { counts: ImportCounts }) {
  const { t, locale } = useI18n();
  return (
    <dl className="counts">
      {COUNT_KEYS.map((k) => (
        <div
          key={k}
          className={`counts__item counts__item--${k} ${k === 'rejected' && counts.rejected > 0 ? 'is-warning' : ''}`}
          data-testid={`count-${k}`}
          data-value={counts[k]}
        >
          <dt>{t(`import.counts.${k}`)}</dt>
          <dd>{formatInteger(locale, counts[k])}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Fetches every rejected row of a batch as CSV and hands it to the browser as a download. */
export function useRejectedExport(): {
  exporting: number | null;
  error: AppError | null;
  exportRejected: (batchId: number) => Promise<void>;
  clearError: () => void;
} {
  const bridge = useBridge();
  const [exporting, setExporting] = useState<number | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  return {
    exporting,
    error,
    clearError: () => setError(null),
    exportRejected: async (batchId: number) => {
      setExporting(batchId);
      setError(null);
      const result = await bridge.invoke('import.rejectedCsv', { batchId });
      setExporting(null);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      downloadText(result.value.fileName, result.value.csv);
    },
  };
}

/** What an import did: counts, notices, a sample of the rejected rows and their CSV export. */
export function ImportResult({ summary }: { summary: ImportSummary }) {
  const { t, locale, notice } = useI18n();
  const { exporting, error, exportRejected, clearError } = useRejectedExport();
  const sample = summary.rejectedSample;
  return (
    <div className="import-result" data-testid="import-summary" data-kind={summary.kind}>
      <CountsGrid counts={summary.counts} />
      <NoticeList notices={summary.warnings} testId="import-warnings" />
      {sample.length > 0 ? (
        <div className="import-result__rejected">
          <h4 className="subheading">
            {t('import.rejectedTitle', {
              count: formatInteger(locale, sample.length),
              total: formatInteger(locale, summary.counts.rejected),
            })}
          </h4>
          <div className="table-scroll table-scroll--short" tabIndex={0}>
            <table className="table table--compact" data-testid="rejected-table">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('import.row')}
                  </th>
                  <th scope="col">{t('import.reason')}</th>
                  <th scope="col">{t('import.values')}</th>
                </tr>
              </thead>
              <tbody>
                {sample.map((r) => (
                  <tr key={r.rowNumber}>
                    <td className="num">{formatInteger(locale, r.rowNumber)}</td>
                    <td>{notice(r.reason)}</td>
                    <td className="raw">{r.raw.join(' · ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
      {summary.counts.rejected > 0 ? (
        <div className="import-result__actions">
          <button
            type="button"
            className="button"
            disabled={exporting !== null}
            data-testid="export-rejected"
            onClick={() => void exportRejected(summary.batchId)}
          >
            {t('import.exportRejected')}
          </button>
        </div>
      ) : null}
      {error ? <ErrorMessage error={error} onDismiss={clearError} /> : null}
    </div>
  );
}
