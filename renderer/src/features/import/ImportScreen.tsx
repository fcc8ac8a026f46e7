import { formatInteger } from '../../../../shared/format/format';
import { DropZone } from './DropZone';
import { ImportCard } from './ImportCard';
import { useI18n } from '../../i18n/i18n';
import { canImport, type ImportSession } from './use-import-session';

interface Props {
  host: 'electron' | 'web';
  session: ImportSession;
  /** The demo was open when files were added: the user's workspace was opened for them. */
  switchedFromDemo?: boolean;
  dragging: boolean;
  onGoToRankings: () => void;
}

export function ImportScreen({ host, session, switchedFromDemo = false, dragging, onGoToRankings }: Props) {
  const { t, locale } = useI18n();
  const { items } = session;
  const ready = items.filter(canImport);
  const blocked = items.filter((it) => it.status === 'ready' && !canImport(it));
  const importing = items.some((it) => it.status === 'importing');
  const anyImported = items.some((it) => it.status === 'imported');

  return (
    <section className="screen" aria-labelledby="import-title" data-testid="import-screen">
      <header className="screen__header">
        <div>
          <h1 id="import-title" className="screen__title">
            {t('import.title')}
          </h1>
          <p className="screen__lead">{t('import.lead')}</p>
        </div>
      </header>

      {switchedFromDemo ? (
        <p className="alert alert--info" role="status" data-testid="switched-from-demo">
          {t('workspace.switchedForImport')}
        </p>
      ) : null}

      <DropZone host={host} dragging={dragging} onFiles={session.addFiles} />

      {items.length > 0 ? (
        <>
          <div className="toolbar toolbar--sticky">
            <h2 className="toolbar__title">
              {t('import.stagedTitle', { count: formatInteger(locale, items.length) })}
            </h2>
            <div className="toolbar__spacer" />
            {blocked.length > 0 && ready.length > 0 ? (
              <span className="hint hint--warning">
                {t('import.runAllBlocked', { count: formatInteger(locale, blocked.length) })}
              </span>
            ) : null}
            {anyImported ? (
              <>
                <button type="button" className="button button--ghost" onClick={session.clearFinished}>
                  {t('import.clearFinished')}
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={onGoToRankings}
                  disabled={importing}
                  data-testid="go-to-rankings"
                >
                  {t('import.goToRankings')}
                </button>
              </>
            ) : null}
            {ready.length + blocked.length > 1 ? (
              <button
                type="button"
                className="button button--primary"
                disabled={ready.length === 0 || blocked.length > 0 || importing}
                onClick={() => void session.runAll()}
                data-testid="import-all"
              >
                {t('import.runAll', { count: formatInteger(locale, ready.length) })}
              </button>
            ) : null}
          </div>
          <div className="import-list">
            {items.map((item) => (
              <ImportCard key={item.key} item={item} session={session} />
            ))}
          </div>
        </>
      ) : null}
    </section>
  );
}
