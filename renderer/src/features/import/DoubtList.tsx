import type { StagedFile } from '../../../../shared/api/contract';
import { ACTIVITY_TYPES, type ActivityType, type FileKind } from '../../../../shared/domain/types';
import { doubtKey } from '../../../../shared/import/doubtful-fields';
import { kindSpec } from '../../../../shared/import/field-catalog';
import { useI18n } from '../../i18n/i18n';
import { fieldLabel } from '../../i18n/domain-text';

interface Props {
  itemKey: string;
  staged: StagedFile;
  kind: FileKind;
  /** Keys (doubtKey) of the doubts the user kept as they are. */
  confirmed: readonly string[];
  disabled: boolean;
  onConfirm: (key: string, kept: boolean) => void;
}

/**
 * Mappings to check before importing (issue #12): a header that names the field only sometimes,
 * or a column whose values are implausible for it. Each is kept with its checkbox or changed in
 * the mapping table above (which clears it); Import waits until every one is settled.
 */
export function DoubtList({ itemKey, staged, kind, confirmed, disabled, onConfirm }: Props) {
  const { t, locale } = useI18n();
  const doubts = staged.doubtful ?? [];
  if (doubts.length === 0) return null;
  const label = (id: string): string => {
    const spec = kindSpec(kind).fields.find((f) => f.id === id);
    return spec ? fieldLabel(locale, spec) : id;
  };
  const typeName = (type: string | number | undefined): string =>
    (ACTIVITY_TYPES as readonly unknown[]).includes(type)
      ? t(`import.doubts.type.${type as ActivityType}`)
      : String(type ?? '');
  return (
    <section className="import-card__section doubts" data-testid="doubts">
      <h4 className="subheading">{t('import.doubts.title')}</h4>
      <p className="hint">{t('import.doubts.hint')}</p>
      <ul className="doubts__list">
        {doubts.map((d, i) => {
          const key = doubtKey(d);
          const id = `doubt-${itemKey}-${i}`;
          const params = {
            ...d.params,
            field: label(d.field),
            ...(d.column === null ? {} : { column: d.column }),
            ...(d.reason === 'not_mapped' ? { type: typeName(d.params.type) } : {}),
          };
          return (
            <li
              key={key}
              className="doubts__item hint hint--warning"
              data-testid="doubt"
              data-field={d.field}
              data-reason={d.reason}
            >
              <span id={`${id}-text`}>{t(`notice.doubt_${d.reason}`, params)}</span>{' '}
              <label className="doubts__keep">
                <input
                  type="checkbox"
                  checked={confirmed.includes(key)}
                  disabled={disabled}
                  aria-describedby={`${id}-text`}
                  data-testid="doubt-keep"
                  onChange={(e) => onConfirm(key, e.target.checked)}
                />{' '}
                {d.column === null ? t('import.doubts.keepUnmapped') : t('import.doubts.keep')}
              </label>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
