import { useState } from 'react';
import { SETTINGS_LIMITS } from '../../../../shared/analysis/settings';
import { formatDate, formatInteger } from '../../../../shared/format/format';
import { isValidIsoDate } from '../../../../shared/period/period';
import { useI18n } from '../../i18n/i18n';
import type { SettingsEdit } from './settings-edit';
import { splitDates } from './settings-validation';

/** The text typed into the holidays box and why it was refused; kept by the Settings screen. */
export interface HolidayInput {
  text: string;
  setText: (text: string) => void;
  error: string | null;
  setError: (error: string | null) => void;
}

/** The holiday box's state, held by the screen so typed dates outlive a reload of the settings. */
export function useHolidayInput(): HolidayInput {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  return { text, setText, error, setError };
}

interface Props {
  holidays: readonly string[];
  set: SettingsEdit['set'];
  input: HolidayInput;
}

/** Holidays (not working days): dates typed or pasted, added in order, removed one by one. */
export function HolidaysField({ holidays, set, input }: Props) {
  const { t, locale } = useI18n();
  const {
    text: holidayText,
    setText: setHolidayText,
    error: holidayError,
    setError: setHolidayError,
  } = input;

  const addHolidays = () => {
    const dates = splitDates(holidayText);
    if (dates.length === 0) return;
    const wrong = dates.filter((d) => !isValidIsoDate(d));
    if (wrong.length > 0) {
      setHolidayError(t('settings.error.holiday', { value: wrong[0]! }));
      return;
    }
    const next = [...new Set([...holidays, ...dates])].sort();
    if (next.length > SETTINGS_LIMITS.holidays) {
      setHolidayError(
        t('settings.error.holidayCount', { max: formatInteger(locale, SETTINGS_LIMITS.holidays) }),
      );
      return;
    }
    set('holidays', next);
    setHolidayText('');
    setHolidayError(null);
  };

  return (
    <div className="holidays" data-testid="holidays">
      <span className="field-label">{t('settings.holidays')}</span>
      <form
        className="holidays__add"
        onSubmit={(e) => {
          e.preventDefault();
          addHolidays();
        }}
      >
        <input
          className="input"
          value={holidayText}
          placeholder="2025-12-25"
          aria-label={t('settings.holidayInput')}
          aria-invalid={holidayError ? true : undefined}
          onChange={(e) => {
            setHolidayText(e.target.value);
            setHolidayError(null);
          }}
          data-testid="holiday-input"
        />
        <button type="submit" className="button" data-testid="holiday-add">
          {t('settings.holidayAdd')}
        </button>
      </form>
      {holidayError ? (
        <span className="field-error" role="alert" data-testid="holiday-error">
          {holidayError}
        </span>
      ) : (
        <span className="field-hint">{t('settings.holidaysHint')}</span>
      )}
      {holidays.length > 0 ? (
        <ul className="holidays__list">
          {holidays.map((d) => (
            <li key={d} className="chip holidays__item" data-testid="holiday-item" data-date={d}>
              {formatDate(locale, d)}
              <button
                type="button"
                className="chip__remove"
                aria-label={t('settings.holidayRemove', { date: formatDate(locale, d) })}
                onClick={() =>
                  set(
                    'holidays',
                    holidays.filter((h) => h !== d),
                  )
                }
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted holidays__none">{t('settings.noHolidays')}</p>
      )}
    </div>
  );
}
