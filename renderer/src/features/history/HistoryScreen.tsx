import { useEffect, useState } from 'react';
import type { ImportBatchInfo } from '../../../../shared/api/contract';
import { formatDateTime, formatInteger } from '../../../../shared/format/format';
import type { AppError } from '../../../../shared/result';
import { useBridge } from '../../api/bridge-context';
import { DuplicateReps } from './DuplicateReps';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useRejectedExport } from '../import/ImportResult';
import { useI18n } from '../../i18n/i18n';
import { kindName } from '../../i18n/domain-text';

type Loaded =
  { key: string; batches: ImportBatchInfo[]; error: null } | { key: string; batches: null; error: AppError };

/**
 * Every import batch of the open workspace, with the export of its rejected rows and an undo;
 * above them, reps that may be one person spelled two ways.
 */
export function HistoryScreen({ revision }: { revision: number }) {
  const bridge = useBridge();
  const { t, locale } = useI18n();
  const [reload, setReload] = useState(0);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [undoing, setUndoing] = useState(false);
  const [undone, setUndone] = useState<string | null>(null);
  const [undoError, setUndoError] = useState<AppError | null>(null);

  async function undo(batch: ImportBatchInfo): Promise<void> {
    setUndoing(true);
    const r = await bridge.invoke('import.undo', { batchId: batch.batchId });
    setUndoing(false);
    setConfirming(null);
    if (!r.ok) return setUndoError(r.error);
    setUndone(
      t(
        batch.kind === 'rep_kpis'
          ? 'history.undoneKpis'
          : batch.kind === 'deal_history'
            ? 'history.undoneSnapshots'
            : 'history.undone',
        {
          file: batch.fileName,
          ...r.value,
        },
      ),
    );
    setReload((n) => n + 1);
  }
  const key = `${revision}:${reload}`;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const { exporting, error: exportError, exportRejected, clearError } = useRejectedExport();

  useEffect(() => {
    let live = true;
    void bridge.invoke('import.history', {}).then((result) => {
      if (!live) return;
      setLoaded(
        result.ok
          ? {
              key,
              batches: [...result.value].sort(
                (a, b) => b.importedAt.localeCompare(a.importedAt) || b.batchId - a.batchId,
              ),
              error: null,
            }
          : { key, batches: null, error: result.error },
      );
    });
    return () => {
      live = false;
    };
  }, [bridge, key]);

  const loading = loaded?.key !== key;
  const batches = loaded?.batches ?? null;

  return (
    <section
      className="screen"
      aria-labelledby="history-title"
      data-testid="history-screen"
      aria-busy={loading}
    >
      <header className="screen__header">
        <div>
          <h1 id="history-title" className="screen__title">
            {t('history.title')}
          </h1>
          <p className="screen__lead">{t('history.lead')}</p>
        </div>
        <button type="button" className="button" onClick={() => setReload((n) => n + 1)} disabled={loading}>
          {t('common.refresh')}
        </button>
      </header>

      {loaded?.error ? <ErrorMessage error={loaded.error} onRetry={() => setReload((n) => n + 1)} /> : null}
      {exportError ? <ErrorMessage error={exportError} onDismiss={clearError} /> : null}
      {undoError ? <ErrorMessage error={undoError} onDismiss={() => setUndoError(null)} /> : null}
      {undone ? (
        <p className="alert alert--info" role="status" data-testid="history-undone">
          <span className="alert__text">{undone}</span>
        </p>
      ) : null}
      <DuplicateReps revision={revision + reload} onChanged={() => setReload((n) => n + 1)} />
      {loading && !batches ? <p className="empty">{t('common.loading')}</p> : null}

      {batches && batches.length === 0 ? (
        <p className="empty card" data-testid="history-empty">
          {t('history.empty')}
        </p>
      ) : null}

      {batches && batches.length > 0 ? (
        <div className="card card--flush">
          <div className="table-scroll">
            <table className="table" data-testid="history-table">
              <thead>
                <tr>
                  <th scope="col">{t('history.file')}</th>
                  <th scope="col">{t('history.kind')}</th>
                  <th scope="col">{t('history.importedAt')}</th>
                  <th scope="col" className="num">
                    {t('import.counts.read')}
                  </th>
                  <th scope="col" className="num">
                    {t('import.counts.added')}
                  </th>
                  <th scope="col" className="num">
                    {t('import.counts.updated')}
                  </th>
                  <th scope="col" className="num">
                    {t('import.counts.unchanged')}
                  </th>
                  <th scope="col" className="num">
                    {t('import.counts.rejected')}
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">{t('history.export')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {batches.map((b) => (
                  <tr key={b.batchId} data-testid="history-row">
                    <th scope="row" className="history__file">
                      {b.fileName}
                    </th>
                    <td>{kindName(locale, b.kind)}</td>
                    <td className="nowrap">{formatDateTime(locale, b.importedAt)}</td>
                    <td className="num">{formatInteger(locale, b.counts.read)}</td>
                    <td className="num">{formatInteger(locale, b.counts.added)}</td>
                    <td className="num">{formatInteger(locale, b.counts.updated)}</td>
                    <td className="num">{formatInteger(locale, b.counts.unchanged)}</td>
                    <td className={`num ${b.counts.rejected > 0 ? 'text-warning' : ''}`}>
                      {formatInteger(locale, b.counts.rejected)}
                    </td>
                    <td className="actions">
                      {confirming === b.batchId ? (
                        <span className="history__confirm" role="group" aria-label={t('history.undoConfirm')}>
                          <span>{t('history.undoConfirm')}</span>
                          <button
                            type="button"
                            className="button button--small button--primary"
                            disabled={undoing}
                            onClick={() => void undo(b)}
                            data-testid="history-undo-confirm"
                          >
                            {t('history.undoYes')}
                          </button>
                          <button
                            type="button"
                            className="button button--small button--ghost"
                            onClick={() => setConfirming(null)}
                          >
                            {t('common.cancel')}
                          </button>
                        </span>
                      ) : (
                        <button
                          type="button"
                          className="button button--small button--ghost"
                          onClick={() => setConfirming(b.batchId)}
                          data-testid="history-undo"
                        >
                          {t('history.undo')}
                        </button>
                      )}
                      {b.counts.rejected > 0 ? (
                        <button
                          type="button"
                          className="button button--small"
                          disabled={exporting !== null}
                          onClick={() => void exportRejected(b.batchId)}
                          data-testid="history-export"
                        >
                          {t('history.export')}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
    </section>
  );
}
