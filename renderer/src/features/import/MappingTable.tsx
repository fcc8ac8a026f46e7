import type { ColumnMapping, StagedFile } from '../../../../shared/api/contract';
import type { FileKind } from '../../../../shared/domain/types';
import { kindSpec } from '../../../../shared/import/field-catalog';
import { useI18n } from '../../i18n/i18n';
import { fieldLabel } from '../../i18n/domain-text';

interface Props {
  itemKey: string;
  staged: StagedFile;
  kind: FileKind;
  mapping: ColumnMapping;
  disabled: boolean;
  onChange: (fieldId: string, header: string | null) => void;
}

const NOT_MAPPED = '';

/** Up to three distinct non-empty sample values of a column from the preview. */
function samples(staged: StagedFile, header: string | null): string[] {
  if (!header) return [];
  const index = staged.headers.indexOf(header);
  if (index < 0) return [];
  const out: string[] = [];
  for (const row of staged.previewRows) {
    const v = (row[index] ?? '').trim();
    if (v && !out.includes(v)) out.push(v);
    if (out.length === 3) break;
  }
  return out;
}

/** One row per field of the kind: which column of the file feeds it, with sample values. */
export function MappingTable({ itemKey, staged, kind, mapping, disabled, onChange }: Props) {
  const { t, locale } = useI18n();
  const fields = kindSpec(kind).fields;
  return (
    <div className="table-scroll">
      <table className="table mapping" data-testid="mapping-table">
        <thead>
          <tr>
            <th scope="col">{t('import.field')}</th>
            <th scope="col">{t('import.column')}</th>
            <th scope="col">{t('import.sample')}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((field) => {
            const header = mapping[field.id] ?? null;
            const missing = field.required && !header;
            const selectId = `map-${itemKey}-${field.id}`;
            const values = samples(staged, header);
            // Only while the column is still the one staging guessed from its values.
            const guessed =
              header !== null &&
              header === staged.mapping[field.id] &&
              (staged.guessedFromValues ?? []).includes(field.id);
            return (
              <tr
                key={field.id}
                className={missing ? 'mapping__row mapping__row--missing' : 'mapping__row'}
                data-testid="mapping-row"
                data-field={field.id}
                data-missing={missing ? 'true' : undefined}
              >
                <th scope="row" className="mapping__field">
                  <label htmlFor={selectId}>
                    {fieldLabel(locale, field)}
                    {field.required ? (
                      <span className="mapping__required" title={t('import.required')}>
                        {' '}
                        *<span className="visually-hidden">{t('import.required')}</span>
                      </span>
                    ) : null}
                  </label>
                </th>
                <td className="mapping__select">
                  <select
                    id={selectId}
                    className="select"
                    value={header ?? NOT_MAPPED}
                    disabled={disabled}
                    aria-invalid={missing || undefined}
                    aria-describedby={
                      missing ? `${selectId}-missing` : guessed ? `${selectId}-guessed` : undefined
                    }
                    onChange={(e) =>
                      onChange(field.id, e.target.value === NOT_MAPPED ? null : e.target.value)
                    }
                  >
                    <option value={NOT_MAPPED}>{t('import.notMapped')}</option>
                    {staged.headers.map((h, i) =>
                      h && staged.headers.indexOf(h) === i ? (
                        <option key={i} value={h}>
                          {h}
                        </option>
                      ) : null,
                    )}
                  </select>
                  {missing ? (
                    <span id={`${selectId}-missing`} className="mapping__missing">
                      {t('import.requiredMissing')}
                    </span>
                  ) : null}
                  {guessed ? (
                    <span
                      id={`${selectId}-guessed`}
                      className="mapping__guessed"
                      title={t('import.guessedFromValuesHint')}
                      data-testid="mapping-guessed"
                    >
                      {t('import.guessedFromValues')}
                    </span>
                  ) : null}
                </td>
                <td className="mapping__samples">
                  {values.map((v, i) => (
                    <span key={i} className="chip" title={v}>
                      {v}
                    </span>
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
