import { useI18n } from '../../i18n/i18n';
import { NumberField } from './NumberField';

interface Props {
  /** The tiers whose lower bounds are set, e.g. A and B (C takes the rest). */
  tiers: readonly string[];
  values: readonly number[];
  label: (tier: string) => string;
  onChange: (index: number, value: number) => void;
  /** The shared validator refuses the cutoffs. */
  refused: boolean;
  hint: string;
  /** `revenue` or `score`: names the test ids. */
  kind: string;
}

/** The percentage cutoffs between customer tiers, one field a tier. */
export function CutoffsField({ tiers, values, label, onChange, refused, hint, kind }: Props) {
  const { t } = useI18n();
  return (
    <div className="cutoffs" data-testid={`${kind}-cutoffs`}>
      <span className="field-label">{t('settings.cutoffs')}</span>
      <div className="cutoffs__row">
        {tiers.map((tier, i) => (
          <NumberField
            key={tier}
            label={label(tier)}
            value={values[i] ?? Number.NaN}
            onChange={(v) => onChange(i, v)}
            error={null}
            min={1}
            max={99}
            suffix="%"
            testId={`${kind}-cutoff-${i}`}
          />
        ))}
      </div>
      {refused ? (
        <span className="field-error" role="alert">
          {t('settings.error.cutoffs')}
        </span>
      ) : (
        <span className="field-hint">{hint}</span>
      )}
    </div>
  );
}
