import { PEER_GROUPS, type PeerGroupBy } from '../../../shared/analysis/settings';
import { useI18n } from '../i18n/i18n';

interface Props {
  value: PeerGroupBy | null;
  onChange: (peerGroup: PeerGroupBy) => void;
}

/** Who each rep is compared with; saved with the settings, shared by Dashboard and Rankings. */
export function PeerGroupPicker({ value, onChange }: Props) {
  const { t } = useI18n();
  return (
    <label className="field" title={t('peer.hint')}>
      <span className="field-label">{t('peer.label')}</span>
      <select
        className="select"
        value={value ?? 'company'}
        disabled={value === null}
        data-testid="peer-group-select"
        onChange={(e) => onChange(e.target.value as PeerGroupBy)}
      >
        {PEER_GROUPS.map((g) => (
          <option key={g} value={g}>
            {t(`peer.${g}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
