import { TOP_BY, type TopBy } from '../../../shared/coaching/types';
import type { MessageKey } from '../../../shared/i18n/messages-en';
import { useI18n } from '../i18n/i18n';

interface Props {
  value: TopBy;
  onChange: (topBy: TopBy) => void;
  /** The control's label: who counts as the top quartile (Coaching) or who leads (Teams). */
  label: MessageKey;
  /** Prefix of the label's id and of each button's test id (`<prefix>-results`). */
  idPrefix: string;
}

/** Who the top quartile is: the results ranking or the composite score. */
export function TopByPicker({ value, onChange, label, idPrefix }: Props) {
  const { t } = useI18n();
  const labelId = `${idPrefix}-label`;
  return (
    <div className="field field--inline" title={t('coaching.topBy.hint')}>
      <span className="field-label" id={labelId}>
        {t(label)}
      </span>
      <div className="segmented segmented--small" role="group" aria-labelledby={labelId}>
        {TOP_BY.map((by) => (
          <button
            key={by}
            type="button"
            className="segmented__option"
            aria-pressed={value === by}
            onClick={() => onChange(by)}
            data-testid={`${idPrefix}-${by}`}
          >
            {t(`coaching.topBy.${by}`)}
          </button>
        ))}
      </div>
    </div>
  );
}
