import { useI18n } from '../../i18n/i18n';

interface Props {
  headers: readonly string[];
  rows: readonly (readonly string[])[];
  highlight?: ReadonlySet<string>;
}

/** The first rows of a staged file as the engine read them. */
export function PreviewTable({ headers, rows, highlight }: Props) {
  const { t } = useI18n();
  return (
    <div className="table-scroll table-scroll--preview" tabIndex={0} data-testid="preview-table">
      <table className="table table--compact">
        <caption className="visually-hidden">{t('import.preview', { count: rows.length })}</caption>
        <thead>
          <tr>
            {headers.map((h, i) => (
              <th key={i} scope="col" className={highlight?.has(h) ? 'is-mapped' : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              {headers.map((_, c) => (
                <td key={c}>{row[c] ?? ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
