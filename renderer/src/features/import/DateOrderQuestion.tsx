import type { DayMonthOrder, StagedFile } from '../../../../shared/api/contract';
import { formatList } from '../../../../shared/format/format';
import type { Locale } from '../../../../shared/i18n/locale';
import { parseDate } from '../../../../shared/import/parse-date';
import { useI18n } from '../../i18n/i18n';

interface Props {
  itemKey: string;
  staged: StagedFile;
  value: DayMonthOrder | null;
  disabled: boolean;
  onChange: (order: DayMonthOrder) => void;
}

const AMBIGUOUS = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})\b/;

/** A value of the columns that reads as two different days, from the preview; else a made-up one. */
function example(staged: StagedFile): string {
  for (const header of staged.dateOrder.ambiguousColumns) {
    const index = staged.headers.indexOf(header);
    if (index < 0) continue;
    for (const row of staged.previewRows) {
      const v = (row[index] ?? '').trim();
      const m = AMBIGUOUS.exec(v);
      if (m && m[1] !== m[2]) return m[0];
    }
  }
  return '03/04/2024';
}

/** "March 4, 2024" month first, "3 April 2024" day first: each answer written the way it reads. */
function longDate(locale: Locale, iso: string, order: DayMonthOrder): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const tag = locale === 'zh-CN' ? 'zh-CN' : order === 'dmy' ? 'en-GB' : 'en-US';
  return new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
}

/**
 * Asked when a date column's values fit both orders (3/4/2024) and no other column decides: a
 * required choice, so a day-first file is never read month-first without the user knowing. The
 * order saved with the mapping for these headers comes pre-answered, and says so.
 */
export function DateOrderQuestion({ itemKey, staged, value, disabled, onChange }: Props) {
  const { t, locale } = useI18n();
  const columns = staged.dateOrder.ambiguousColumns;
  if (columns.length === 0) return null;
  const sample = example(staged);
  const name = `date-order-${itemKey}`;
  const read = (order: DayMonthOrder): string => {
    const iso = parseDate(sample, { order });
    return iso ? longDate(locale, iso, order) : sample;
  };
  return (
    <fieldset
      className={value === null ? 'date-order date-order--open' : 'date-order'}
      data-testid="date-order"
      data-answered={value ?? undefined}
      aria-describedby={`${name}-hint`}
    >
      <legend className="date-order__title">
        {t('import.dateOrder.title', { example: sample, columns: formatList(locale, columns) })}
      </legend>
      <p id={`${name}-hint`} className="hint">
        {t('import.dateOrder.hint')}
      </p>
      {value !== null && value === staged.savedDateOrder ? (
        <p className="hint hint--info" data-testid="date-order-saved">
          {t('import.dateOrder.saved')}
        </p>
      ) : null}
      <div className="date-order__options" role="radiogroup">
        {(['mdy', 'dmy'] as const).map((order) => (
          <label key={order} className="date-order__option" data-order={order}>
            <input
              type="radio"
              name={name}
              value={order}
              checked={value === order}
              disabled={disabled}
              required
              onChange={() => onChange(order)}
              data-testid={`date-order-${order}`}
            />
            <span>{t(`import.dateOrder.${order}`, { date: read(order) })}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
