import { useEffect, useId, useState } from 'react';
import type { AnalysisSettings } from '../../../../shared/analysis/settings';
import type { TopBy } from '../../../../shared/coaching/types';
import type { Locale } from '../../../../shared/i18n/locale';
import type { AppError } from '../../../../shared/result';
import { useBridge } from '../../api/bridge-context';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useI18n } from '../../i18n/i18n';
import { previewRequest, printRequest, type PrintTarget } from './print-target';
import { usePrintJob } from './use-print-job';

interface Props {
  target: PrintTarget;
  period: string;
  settings: AnalysisSettings | null;
  topBy: TopBy;
  onClose: () => void;
}

const LANGUAGES: { locale: Locale; label: string }[] = [
  { locale: 'en', label: 'English' },
  { locale: 'zh-CN', label: '简体中文' },
];

const TITLE = {
  dossier: 'report.print.title.dossier',
  director: 'report.print.title.director',
  all: 'report.print.title.all',
} as const;

/**
 * The print panel: the language (the UI's by default), "anonymise" for the director's report,
 * the team for "print all", a preview that is the very HTML that prints, then the print job with
 * its progress and Cancel, and the PDFs to download or save.
 */
export function PrintPanel({ target, period, settings, topBy, onClose }: Props) {
  const { t, locale } = useI18n();
  const bridge = useBridge();
  const job = usePrintJob(bridge);
  const titleId = useId();
  const [lang, setLang] = useState<Locale>(locale);
  const [anonymise, setAnonymise] = useState(false);
  const [team, setTeam] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<AppError | null>(null);

  const base = { period, lang, topBy, ...(settings ? { settings } : {}) };
  const choice = { anonymise, team };
  const preview = previewRequest(target, base, choice);
  const previewUrl = preview ? bridge.reportPreviewUrl(preview.method, preview.request) : null;
  const printing = job.state.phase === 'printing';

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !printing) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose, printing]);

  const save = async (fileName: string) => setSaveError(await job.save(fileName));
  const [savedAll, setSavedAll] = useState<number | null>(null);
  const saveAll = async () => {
    setSaveError(null);
    setSavedAll(null);
    const result = await job.saveAll();
    if (result === null) return;
    if (result.ok) setSavedAll(result.value.saved);
    else setSaveError(result.error);
  };

  return (
    <div className="print-backdrop">
      <div
        className="print-panel card"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="print-panel"
        data-phase={job.state.phase}
      >
        <div className="print-panel__head">
          <h2 id={titleId} className="print-panel__title">
            {t(TITLE[target.kind], { rep: target.kind === 'dossier' ? target.rep : '' })}
          </h2>
          <button
            type="button"
            className="button button--small"
            onClick={onClose}
            disabled={printing}
            data-testid="print-close"
          >
            {t('report.print.close')}
          </button>
        </div>

        <div className="print-panel__options">
          <label className="field field--inline">
            <span className="field-label">{t('report.print.language')}</span>
            <select
              className="select"
              value={lang}
              disabled={printing}
              onChange={(e) => setLang(e.target.value as Locale)}
              data-testid="print-language"
            >
              {LANGUAGES.map((l) => (
                <option key={l.locale} value={l.locale} lang={l.locale}>
                  {l.label}
                </option>
              ))}
            </select>
          </label>
          {target.kind === 'director' ? (
            <label className="field field--inline">
              <input
                type="checkbox"
                checked={anonymise}
                disabled={printing}
                onChange={(e) => setAnonymise(e.target.checked)}
                data-testid="print-anonymise"
              />
              <span>{t('report.print.anonymise')}</span>
            </label>
          ) : null}
          {target.kind === 'all' ? (
            <label className="field field--inline">
              <span className="field-label">{t('report.print.team')}</span>
              <select
                className="select"
                value={team ?? ''}
                disabled={printing}
                onChange={(e) => setTeam(e.target.value === '' ? null : e.target.value)}
                data-testid="print-team"
              >
                <option value="">{t('report.print.team.all')}</option>
                {target.teams.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <span className="toolbar__spacer" />
          <button
            type="button"
            className="button button--primary"
            onClick={() => {
              setSaveError(null);
              job.start(printRequest(target, base, choice));
            }}
            disabled={printing}
            data-testid="print-start"
          >
            {t('report.print.start')}
          </button>
        </div>
        {target.kind === 'director' && anonymise ? (
          <p className="hint">{t('report.print.anonymise.hint')}</p>
        ) : null}
        {target.kind === 'all' ? <p className="hint">{t('report.print.all.hint')}</p> : null}

        <PrintStatus job={job} onSave={save} onSaveAll={saveAll} savedAll={savedAll} />
        {saveError ? (
          <ErrorMessage error={saveError} onDismiss={() => setSaveError(null)} testId="print-save-error" />
        ) : null}

        {preview ? (
          previewUrl ? (
            <iframe
              key={previewUrl}
              className="print-panel__preview"
              src={previewUrl}
              sandbox=""
              referrerPolicy="no-referrer"
              title={t('report.print.preview')}
              data-testid="print-preview"
            />
          ) : (
            <p className="hint" data-testid="print-preview-none">
              {t('report.print.preview.none')}
            </p>
          )
        ) : null}
      </div>
    </div>
  );
}

function PrintStatus({
  job,
  onSave,
  onSaveAll,
  savedAll,
}: {
  job: ReturnType<typeof usePrintJob>;
  onSave: (fileName: string) => Promise<void>;
  onSaveAll: () => Promise<void>;
  /** How many files the last "save all" saved (0: the folder dialog was cancelled). */
  savedAll: number | null;
}) {
  const { t, locale } = useI18n();
  const { state } = job;
  const number = new Intl.NumberFormat(locale);
  if (state.phase === 'printing') {
    const fraction = state.total > 0 ? state.done / state.total : 0;
    return (
      <div className="progress" data-testid="print-progress">
        <div className="progress__top">
          <span className="progress__label" role="status">
            {state.total > 0
              ? t('report.print.progress', {
                  done: number.format(state.done),
                  total: number.format(state.total),
                })
              : t('report.print.starting')}
          </span>
        </div>
        <div
          className="progress__track"
          role="progressbar"
          aria-label={t('report.print.progressLabel')}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(fraction * 100)}
        >
          <div className="progress__fill" style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
        </div>
        <button
          type="button"
          className="button button--small"
          onClick={job.cancel}
          disabled={state.cancelling}
          data-testid="print-cancel"
        >
          {state.cancelling ? t('report.print.cancelling') : t('common.cancel')}
        </button>
      </div>
    );
  }
  if (state.phase === 'cancelled')
    return (
      <p className="hint" role="status" data-testid="print-cancelled">
        {t('report.print.cancelled')}
      </p>
    );
  if (state.phase === 'failed') return <ErrorMessage error={state.error} testId="print-error" />;
  if (state.phase !== 'done') return null;
  return (
    <div className="print-files" data-testid="print-done">
      <p role="status">{t('report.print.done', { count: state.files.length })}</p>
      {state.files.length > 1 ? (
        <p className="print-files__all">
          <button
            type="button"
            className="button button--small"
            onClick={() => void onSaveAll()}
            data-testid="print-save-all"
          >
            {t('report.print.saveAll', { count: state.files.length })}
          </button>
          {savedAll !== null && savedAll > 0 ? (
            <span className="hint" role="status" data-testid="print-saved-all">
              {' '}
              {t('report.print.savedAll', { count: savedAll })}
            </span>
          ) : null}
        </p>
      ) : null}
      <ul className="print-files__list">
        {state.files.map((f) => (
          <li key={f.fileName} className="print-files__item" data-testid="print-file">
            <span className="print-files__name">{f.fileName}</span>
            <span className="hint">{t('report.print.pages', { pages: f.pages })}</span>
            <button
              type="button"
              className="button button--small"
              onClick={() => void onSave(f.fileName)}
              data-testid="print-save"
            >
              {t('report.print.save')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
