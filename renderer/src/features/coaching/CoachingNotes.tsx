import { useState } from 'react';
import type { CoachingNote } from '../../../../shared/coaching/types';
import { formatDateTime, formatPeriodLabel } from '../../../../shared/format/format';
import type { AppError } from '../../../../shared/result';
import { useI18n } from '../../i18n/i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';

interface Props {
  notes: readonly CoachingNote[];
  onAdd: (text: string) => Promise<AppError | null>;
  onDelete: (noteId: number) => Promise<AppError | null>;
}

/** The director's dated notes on the rep, newest first; stored in the workspace by the engine. */
export function CoachingNotes({ notes, onAdd, onDelete }: Props) {
  const { t, locale } = useI18n();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const sorted = [...notes].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.noteId - a.noteId);

  const add = async () => {
    const trimmed = text.trim();
    if (!trimmed) return;
    setBusy(true);
    const failure = await onAdd(trimmed);
    setBusy(false);
    setError(failure);
    if (!failure) setText('');
  };

  const remove = async (noteId: number) => {
    setBusy(true);
    const failure = await onDelete(noteId);
    setBusy(false);
    setError(failure);
  };

  return (
    <section className="card" aria-labelledby="notes-title" data-testid="coaching-notes">
      <header className="card__header">
        <h2 id="notes-title" className="card__title">
          {t('coaching.notes.title')}
        </h2>
        <span className="muted">{t('coaching.notes.local')}</span>
      </header>
      <form
        className="notes__form"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <label className="field notes__field">
          <span className="field-label">{t('coaching.notes.new')}</span>
          <textarea
            className="input textarea"
            rows={2}
            value={text}
            maxLength={4000}
            placeholder={t('coaching.notes.placeholder')}
            data-testid="note-text"
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <button
          type="submit"
          className="button button--primary"
          disabled={busy || text.trim() === ''}
          data-testid="note-add"
        >
          {t('coaching.notes.add')}
        </button>
      </form>
      {error ? <ErrorMessage error={error} onDismiss={() => setError(null)} testId="notes-error" /> : null}
      {sorted.length === 0 ? (
        <p className="empty">{t('coaching.notes.empty')}</p>
      ) : (
        <ul className="notes">
          {sorted.map((note) => (
            <li key={note.noteId} className="note" data-testid="note" data-note={note.noteId}>
              <p className="note__meta">
                <time dateTime={note.createdAt}>{formatDateTime(locale, note.createdAt)}</time>
                {note.period ? (
                  <span className="muted"> · {formatPeriodLabel(locale, note.period)}</span>
                ) : null}
              </p>
              <p className="note__text">{note.text}</p>
              <button
                type="button"
                className="button button--small button--ghost note__delete"
                disabled={busy}
                onClick={() => void remove(note.noteId)}
                aria-label={t('coaching.notes.deleteLabel', { date: formatDateTime(locale, note.createdAt) })}
                data-testid="note-delete"
              >
                {t('coaching.notes.delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
