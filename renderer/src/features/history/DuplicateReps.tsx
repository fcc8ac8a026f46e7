import { useEffect, useState } from 'react';
import type { RepDuplicate, RepSummary } from '../../../../shared/api/contract';
import type { AppError } from '../../../../shared/result';
import { useBridge } from '../../api/bridge-context';
import { useI18n } from '../../i18n/i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';

interface Props {
  /** Changes whenever the workspace data changes, so the list is read again. */
  revision: number;
  /** Called after a merge: rankings and history must refresh. */
  onChanged: () => void;
}

/**
 * Reps whose names are so alike they may be one person ("Doroth" / "Dorothy Gardner"). The app
 * never merges them by itself: the director merges, or says they are two people.
 */
export function DuplicateReps({ revision, onChanged }: Props) {
  const bridge = useBridge();
  const { t } = useI18n();
  const [pairs, setPairs] = useState<RepDuplicate[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    void bridge.invoke('reps.duplicates', {}).then((r) => {
      if (!live) return;
      if (r.ok) setPairs(r.value);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [bridge, revision, reload]);

  async function merge(pair: RepDuplicate): Promise<void> {
    setBusy(true);
    const r = await bridge.invoke('reps.merge', { fromId: pair.merge.repId, intoId: pair.keep.repId });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setDone(t('duplicates.merged', { from: pair.merge.name, into: pair.keep.name }));
    setReload((n) => n + 1);
    onChanged();
  }

  async function dismiss(pair: RepDuplicate): Promise<void> {
    setBusy(true);
    const r = await bridge.invoke('reps.dismissDuplicate', { repIds: [pair.keep.repId, pair.merge.repId] });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setReload((n) => n + 1);
  }

  if (pairs.length === 0 && !done && !error) return null;
  const who = (r: RepSummary) => (
    <span className="duplicates__rep">
      <strong>{r.name}</strong>{' '}
      <span className="muted">
        {t('duplicates.records', { deals: r.deals, activities: r.activities })}
        {r.inRoster ? ` · ${t('duplicates.inRoster')}` : ''}
      </span>
    </span>
  );
  return (
    <div className="card duplicates" data-testid="duplicates">
      <h2 className="card__title">{t('duplicates.title')}</h2>
      <p className="screen__lead">{t('duplicates.lead')}</p>
      {error ? <ErrorMessage error={error} onDismiss={() => setError(null)} /> : null}
      {done ? (
        <p className="alert alert--info" role="status" data-testid="duplicates-done">
          <span className="alert__text">{done}</span>
        </p>
      ) : null}
      <ul className="duplicates__list">
        {pairs.map((pair) => (
          <li
            key={`${pair.keep.repId}:${pair.merge.repId}`}
            className="duplicates__item"
            data-testid="duplicate-pair"
          >
            <div className="duplicates__names">
              {who(pair.merge)}
              <span aria-hidden="true"> → </span>
              {who(pair.keep)}
              <span className="duplicates__reason">{t(`duplicates.reason.${pair.reason}`)}</span>
            </div>
            <div className="duplicates__actions">
              <button
                type="button"
                className="button button--small button--primary"
                disabled={busy}
                onClick={() => void merge(pair)}
                data-testid="duplicate-merge"
              >
                {t('duplicates.merge', { name: pair.keep.name })}
              </button>
              <button
                type="button"
                className="button button--small button--ghost"
                disabled={busy}
                onClick={() => void dismiss(pair)}
                data-testid="duplicate-dismiss"
              >
                {t('duplicates.different')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
