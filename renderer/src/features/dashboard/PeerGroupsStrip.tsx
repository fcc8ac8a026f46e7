import type { RankingView } from '../../../../shared/api/contract';
import { formatInteger } from '../../../../shared/format/format';
import { useI18n } from '../../i18n/i18n';
import { peerGroupName } from '../../i18n/domain-text';

/** The peer groups of this ranking, each with its ranked reps; groups under 8 carry "small group". */
export function PeerGroupsStrip({ view }: { view: RankingView }) {
  const { t, locale } = useI18n();
  const by = view.settings.peerGroup;
  const groups = [...view.peerGroups].sort((a, b) =>
    a.key === null ? 1 : b.key === null ? -1 : a.key.localeCompare(b.key, locale),
  );
  return (
    <div className="peer-strip" data-testid="peer-groups">
      <span className="peer-strip__label">
        {by === 'company' ? t('peer.company') : t('dash.peerGroupsBy', { kind: t(`peer.${by}`) })}
      </span>
      {groups.map((g) => (
        <span
          key={g.key ?? '\u0000none'}
          className={`peer-chip ${g.smallGroup ? 'peer-chip--small' : ''}`}
          data-testid="peer-group"
          data-key={g.key ?? ''}
          data-small={g.smallGroup ? 'true' : 'false'}
          title={g.smallGroup ? t('dash.smallGroupTitle') : undefined}
        >
          <strong>{by === 'company' ? t('peer.company') : peerGroupName(t, by, g.key)}</strong>{' '}
          {t('dash.peerRanked', {
            ranked: formatInteger(locale, g.ranked),
            reps: formatInteger(locale, g.reps),
          })}
          {g.smallGroup ? <span className="peer-chip__flag">{t('dash.smallGroup')}</span> : null}
        </span>
      ))}
    </div>
  );
}
