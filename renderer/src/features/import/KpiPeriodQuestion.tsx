import type { ColumnMapping, StagedFile } from '../../../../shared/api/contract';
import { formatInteger, formatPeriodLabel } from '../../../../shared/format/format';
import { kpiLayout, shiftMonth } from '../../../../shared/import/rep-kpis';
import { useI18n } from '../../i18n/i18n';

interface Props {
  itemKey: string;
  staged: StagedFile;
  mapping: ColumnMapping;
  /** The month the user chose, `YYYY-MM`, or null. */
  value: string | null;
  disabled: boolean;
  onChange: (month: string | null) => void;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * A rep KPI summary's columns, and, when neither the rows nor the headers say which month the
 * figures are for ("Outbound Calls (last month)"), the month they are for: a required answer,
 * since the file's name is never read for a date. For relative labels every label is shown with
 * the month it then stands for.
 */
export function KpiPeriodQuestion({ itemKey, staged, mapping, value, disabled, onChange }: Props) {
  const { t, locale } = useI18n();
  const layout = kpiLayout(staged.headers, mapping, staged.previewRows);
  const custom = layout.columns.filter((c) => c.metric.startsWith('custom:')).length;
  const question = layout.question;
  const inputId = `kpi-month-${itemKey}`;
  const chosen = value !== null && MONTH.test(value) ? value : null;
  // Each relative label ("last month", "month before last") with the month it stands for.
  const phrases = new Map<string, number>();
  for (const c of layout.columns) {
    if (c.when.type === 'relative' && !phrases.has(c.when.phrase)) phrases.set(c.when.phrase, c.when.offset);
  }
  const monthOf = (offset: number): string =>
    chosen
      ? formatPeriodLabel(locale, shiftMonth(`${chosen}-01`, offset - layout.anchorOffset).start.slice(0, 7))
      : '—';
  return (
    <fieldset
      className={question && chosen === null ? 'date-order date-order--open' : 'date-order'}
      data-testid="kpi-period"
      data-answered={chosen ?? undefined}
      aria-describedby={question ? `${inputId}-hint` : undefined}
    >
      {question ? (
        <legend className="date-order__title">
          {question.type === 'relative'
            ? t('import.kpiPeriod.titleRelative', { phrase: question.phrase })
            : t('import.kpiPeriod.titleSheet')}
        </legend>
      ) : null}
      <p className="hint" data-testid="kpi-columns">
        {t('import.kpiPeriod.columns', {
          count: formatInteger(locale, layout.columns.length),
          custom: formatInteger(locale, custom),
        })}
      </p>
      {question ? (
        <>
          <p id={`${inputId}-hint`} className="hint">
            {t('import.kpiPeriod.hint')}
          </p>
          <div className="import-card__kind">
            <label htmlFor={inputId} className="field-label">
              {t('import.kpiPeriod.month')}
            </label>
            <input
              id={inputId}
              className="input"
              type="month"
              required
              value={chosen ?? ''}
              disabled={disabled}
              aria-invalid={chosen === null || undefined}
              onChange={(e) => onChange(MONTH.test(e.target.value) ? e.target.value : null)}
              data-testid="kpi-period-month"
            />
          </div>
          {phrases.size > 0 ? (
            <ul className="hint" data-testid="kpi-period-columns">
              {[...phrases].map(([phrase, offset]) => (
                <li key={phrase}>{t('import.kpiPeriod.column', { phrase, month: monthOf(offset) })}</li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </fieldset>
  );
}
