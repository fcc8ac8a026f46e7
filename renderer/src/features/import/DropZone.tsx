import { useRef } from 'react';
import { useI18n } from '../../i18n/i18n';

interface Props {
  host: 'electron' | 'web';
  dragging: boolean;
  onFiles: (files: File[]) => void;
}

/**
 * The drop target and file picker. Drops are caught on the whole window (see App); this zone
 * only shows where to aim and lights up while files are dragged over the window.
 */
export function DropZone({ host, dragging, onFiles }: Props) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className={`dropzone ${dragging ? 'dropzone--active' : ''}`} data-testid="drop-zone">
      <svg
        className="dropzone__icon"
        viewBox="0 0 48 48"
        width="44"
        height="44"
        aria-hidden="true"
        fill="none"
      >
        <path
          d="M14 34h-2a8 8 0 0 1-1-15.9A12 12 0 0 1 34 16a9 9 0 0 1 2 17.8"
          stroke="currentColor"
          strokeWidth="2.5"
          strokeLinecap="round"
        />
        <path
          d="M24 40V24m0 0-6 6m6-6 6 6"
          stroke="currentColor"
          strokeWidth="2.5"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      <p className="dropzone__title">{t('import.dropHere')}</p>
      <p className="dropzone__sub">
        {host === 'electron' ? t('import.dropAnywhereWindow') : t('import.dropAnywherePage')}
      </p>
      <label className="button button--primary dropzone__pick">
        {t('import.chooseFiles')}
        <input
          ref={input}
          className="visually-hidden"
          type="file"
          multiple
          accept=".csv,.txt,.tsv,.xlsx"
          aria-label={t('import.fileInputLabel')}
          data-testid="file-input"
          onChange={(e) => {
            const files = Array.from(e.currentTarget.files ?? []);
            if (files.length > 0) onFiles(files);
            // Let the same file be picked again after a fix in the CRM.
            if (input.current) input.current.value = '';
          }}
        />
      </label>
      <p className="dropzone__hint">{t('import.accepted')}</p>
    </div>
  );
}
