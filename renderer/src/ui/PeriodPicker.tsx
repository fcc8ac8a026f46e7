import { useState } from 'react';
import type { WorkspaceInfo } from '../../../shared/api/contract';
import { formatPeriodLabel } from '../../../shared/format/format';
import { isValidIsoDate } from '../../../shared/period/period';
import { useI18n } from '../i18n/i18n';
import { periodOptions } from './period-options';

const CUSTOM = '__custom__';
const RANGE = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;

interface Props {
  info: WorkspaceInfo;
  value: string;
  onChange: (periodId: string) => void;
}

function isListed(info: WorkspaceInfo, id: string): boolean {
  return (
    info.periods.year.includes(id) || info.periods.quarter.includes(id) || info.periods.month.includes(id)
  );
}

/** Year / quarter / month from the data, or a custom `from..to` range. */
export function PeriodPicker({ info, value, onChange }: Props) {
  const { t, locale } = useI18n();
  const valueIsRange = RANGE.exec(value);
  const [customOpen, setCustomOpen] = useState(false);
  const showCustom = customOpen || (!!valueIsRange && !isListed(info, value));
  const [from, setFrom] = useState(valueIsRange?.[1] ?? info.dataRange?.min.slice(0, 10) ?? '');
  const [to, setTo] = useState(valueIsRange?.[2] ?? info.dataRange?.max.slice(0, 10) ?? '');
  const rangeValid = isValidIsoDate(from) && isValidIsoDate(to) && from <= to;

  // Years, then the quarters and months of the chosen year only: a short list after years of data.
  const options = periodOptions(info.periods, valueIsRange?.[1] ?? value);
  const year = formatPeriodLabel(locale, (valueIsRange?.[1] ?? value).slice(0, 4));
  const groups: { key: 'year' | 'quarter' | 'month'; label: string }[] = [
    { key: 'year', label: t('rank.periodYears') },
    { key: 'quarter', label: t('rank.periodQuartersOf', { year }) },
    { key: 'month', label: t('rank.periodMonthsOf', { year }) },
  ];

  return (
    <div className="period-picker">
      <label className="field">
        <span className="field-label">{t('rank.period')}</span>
        <select
          className="select select--period"
          value={showCustom ? CUSTOM : value}
          data-testid="period-select"
          onChange={(e) => {
            if (e.target.value === CUSTOM) {
              setCustomOpen(true);
              return;
            }
            setCustomOpen(false);
            onChange(e.target.value);
          }}
        >
          {groups.map((g) =>
            options[g.key].length > 0 ? (
              <optgroup key={g.key} label={g.label}>
                {options[g.key].map((id) => (
                  <option key={id} value={id}>
                    {formatPeriodLabel(locale, id)}
                  </option>
                ))}
              </optgroup>
            ) : null,
          )}
          <option value={CUSTOM}>{t('rank.periodCustom')}</option>
        </select>
      </label>
      {showCustom ? (
        <form
          className="period-picker__range"
          data-testid="period-range"
          onSubmit={(e) => {
            e.preventDefault();
            if (rangeValid) onChange(`${from}..${to}`);
          }}
        >
          <label className="field">
            <span className="field-label">{t('rank.rangeFrom')}</span>
            <input
              type="date"
              className="input"
              value={from}
              max={to || undefined}
              onChange={(e) => setFrom(e.target.value)}
              data-testid="period-from"
            />
          </label>
          <label className="field">
            <span className="field-label">{t('rank.rangeTo')}</span>
            <input
              type="date"
              className="input"
              value={to}
              min={from || undefined}
              onChange={(e) => setTo(e.target.value)}
              data-testid="period-to"
            />
          </label>
          <button type="submit" className="button" disabled={!rangeValid} data-testid="period-apply">
            {t('rank.apply')}
          </button>
        </form>
      ) : null}
    </div>
  );
}
