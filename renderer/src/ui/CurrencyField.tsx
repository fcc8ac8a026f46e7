import { useState } from 'react';
import { useI18n } from '../i18n/i18n';

/** Currencies offered first; any other ISO code can be typed. */
const COMMON = ['USD', 'EUR', 'GBP', 'CNY', 'JPY', 'CHF', 'CAD', 'AUD', 'INR', 'HKD', 'SGD', 'SEK'];

interface Props {
  id: string;
  value: string | null;
  disabled?: boolean;
  onChange: (code: string) => void;
  testId: string;
}

/**
 * An ISO currency code: a list of common ones, or another typed in (three letters). Used by the
 * mapping screen's question and by Settings.
 */
export function CurrencyField({ id, value, disabled = false, onChange, testId }: Props) {
  const { t } = useI18n();
  const [typing, setTyping] = useState(value !== null && !COMMON.includes(value));
  const [other, setOther] = useState(typing && value !== null ? value : '');
  return (
    <span className="currency-field">
      <select
        id={id}
        className="select"
        value={typing ? 'other' : (value ?? '')}
        disabled={disabled}
        data-testid={testId}
        onChange={(e) => {
          const v = e.target.value;
          setTyping(v === 'other');
          if (v !== '' && v !== 'other') onChange(v);
          else if (v === 'other' && /^[A-Z]{3}$/.test(other)) onChange(other);
        }}
      >
        {value === null && !typing ? <option value="">{t('currency.choose')}</option> : null}
        {COMMON.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
        <option value="other">{t('currency.other')}</option>
      </select>
      {typing ? (
        <input
          className="input currency-field__code"
          aria-label={t('currency.code')}
          value={other}
          maxLength={3}
          disabled={disabled}
          onChange={(e) => {
            const code = e.target.value.toUpperCase().replace(/[^A-Z]/g, '');
            setOther(code);
            if (code.length === 3) onChange(code);
          }}
        />
      ) : null}
    </span>
  );
}
