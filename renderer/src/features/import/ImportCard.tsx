import { FILE_KINDS, type FileKind } from '../../../../shared/domain/types';
import { kindSpec } from '../../../../shared/import/field-catalog';
import { formatBytes, formatInteger, formatList, formatPercent } from '../../../../shared/format/format';
import { useI18n } from '../../i18n/i18n';
import { fieldLabel, kindName } from '../../i18n/domain-text';
import {
  missingRequired,
  needsDateOrder,
  needsDoubtCheck,
  needsKpiPeriod,
  stageChoices,
  type ImportItem,
  type ImportSession,
} from './use-import-session';
import { DateOrderQuestion } from './DateOrderQuestion';
import { CurrencyField } from '../../ui/CurrencyField';
import { DoubtList } from './DoubtList';
import { KpiPeriodQuestion } from './KpiPeriodQuestion';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { ImportResult } from './ImportResult';
import { MappingTable } from './MappingTable';
import { NoticeList } from '../../ui/NoticeList';
import { PreviewTable } from './PreviewTable';
import { StageTable } from './StageTable';
import type { Locale } from '../../../../shared/i18n/locale';
import type { MessageKey } from '../../../../shared/i18n/messages-en';

const DELIMITER_KEYS: Record<string, MessageKey> = {
  ',': 'import.delimiter.comma',
  ';': 'import.delimiter.semicolon',
  '\t': 'import.delimiter.tab',
  '|': 'import.delimiter.pipe',
};

const PREVIEW_ROWS = 5;

interface Props {
  item: ImportItem;
  session: ImportSession;
}

function StatusPill({ item }: { item: ImportItem }) {
  const { t } = useI18n();
  if (item.status === 'imported') return <span className="pill pill--success">{t('import.done')}</span>;
  if (item.status === 'stage-failed') return <span className="pill pill--error">{t('import.failed')}</span>;
  return null;
}

/** Field ids of a kind as their labels, listed in the locale's way ("Owner (rep) and Stage"). */
function fieldList(locale: Locale, kind: FileKind, ids: readonly string[]): string {
  return formatList(
    locale,
    ids.map((id) => {
      const spec = kindSpec(kind).fields.find((f) => f.id === id);
      return spec ? fieldLabel(locale, spec) : id;
    }),
  );
}

/**
 * The currency of the file's amounts: where it comes from, or the question when nothing says it
 * and the workspace has none yet (issue #12: asked once per workspace).
 */
function CurrencyQuestion({
  item,
  disabled,
  onChange,
}: {
  item: ImportItem;
  disabled: boolean;
  onChange: (code: string) => void;
}) {
  const { t } = useI18n();
  const staged = item.staged;
  if (!staged) return null;
  const found = staged.currency ?? null;
  if (found) {
    const column = found.source === 'column' ? item.mapping.currency : item.mapping.amount;
    return (
      <p className="hint" data-testid="currency-source" data-source={found.source} data-code={found.code}>
        {t(`import.currency.from.${found.source}`, { code: found.code, column: column ?? '' })}
      </p>
    );
  }
  if (!staged.currencyNeeded) return null;
  const id = `currency-${item.key}`;
  return (
    <div className="currency-question" data-testid="currency-question">
      <label htmlFor={id}>{t('import.currency.question')}</label>{' '}
      <CurrencyField
        id={id}
        value={item.currency}
        disabled={disabled}
        onChange={onChange}
        testId="currency-select"
      />
      <p className="hint">{t('import.currency.hint')}</p>
    </div>
  );
}

/** One staged file: what it is, how it maps, its preview, and then its import. */
export function ImportCard({ item, session }: Props) {
  const { t, locale } = useI18n();
  const staged = item.staged;
  const busy = item.status === 'importing' || item.status === 'redetecting';
  const missing = missingRequired(item);
  const best = staged?.kindScores[0]?.kind ?? null;
  const selectId = `kind-${item.key}`;
  const mappedHeaders = new Set(Object.values(item.mapping).filter((h): h is string => !!h));

  return (
    <article
      className={`card import-card import-card--${item.status}`}
      data-testid="staged-file"
      data-file-name={item.fileName}
      data-status={item.status}
      aria-labelledby={`${selectId}-title`}
    >
      <header className="import-card__header">
        <div className="import-card__file">
          <svg
            className="import-card__icon"
            viewBox="0 0 24 24"
            width="22"
            height="22"
            aria-hidden="true"
            fill="none"
          >
            <path d="M6 3h8l5 5v13H6z" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" />
            <path d="M14 3v5h5M9 13h7M9 17h7" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
          </svg>
          <div>
            <h3 id={`${selectId}-title`} className="import-card__name">
              {item.fileName}
            </h3>
            <p className="import-card__meta">
              {formatBytes(locale, item.sizeBytes)}
              {staged ? (
                <>
                  {staged.sheets.length === 0 ? (
                    <>
                      {' · '}
                      {t('import.encoding')}: {staged.encoding}
                      {' · '}
                      {t('import.delimiter')}:{' '}
                      {DELIMITER_KEYS[staged.delimiter]
                        ? t(DELIMITER_KEYS[staged.delimiter]!)
                        : `"${staged.delimiter}"`}
                    </>
                  ) : null}
                  {' · '}
                  {t('import.columns', { count: formatInteger(locale, staged.headers.length) })}
                  {staged.headerLine > 1 ? (
                    <> · {t('import.headerLine', { line: staged.headerLine })}</>
                  ) : null}
                </>
              ) : null}
            </p>
          </div>
        </div>
        <div className="import-card__head-actions">
          <StatusPill item={item} />
          {item.status !== 'importing' ? (
            <button
              type="button"
              className="button button--ghost button--small"
              onClick={() => session.remove(item.key)}
              data-testid="remove-file"
            >
              {t('common.remove')}
            </button>
          ) : null}
        </div>
      </header>

      {item.status === 'staging' ? (
        <p className="import-card__staging" role="status">
          <span className="spinner" aria-hidden="true" /> {t('import.staging')}
        </p>
      ) : null}

      {item.error ? <ErrorMessage error={item.error} /> : null}

      {staged && item.status !== 'imported' ? (
        <>
          <div className="import-card__kind">
            <label htmlFor={selectId} className="field-label">
              {t('import.kind')}
            </label>
            <select
              id={selectId}
              className="select select--kind"
              value={item.kind ?? ''}
              disabled={busy}
              data-testid="kind-select"
              onChange={(e) => {
                const kind = e.target.value as FileKind;
                if ((FILE_KINDS as readonly string[]).includes(kind)) session.setKind(item.key, kind);
              }}
            >
              {item.kind === null ? <option value="">{t('import.kindChoose')}</option> : null}
              {FILE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k === best ? t('import.kindBest', { kind: kindName(locale, k) }) : kindName(locale, k)}
                </option>
              ))}
            </select>
            {staged.sheets.length > 1 ? (
              <>
                <label htmlFor={`${selectId}-sheet`} className="field-label import-card__sheet-label">
                  {t('import.sheet')}
                </label>
                <select
                  id={`${selectId}-sheet`}
                  className="select"
                  value={staged.sheet ?? ''}
                  disabled={busy}
                  data-testid="sheet-select"
                  onChange={(e) => session.setSheet(item.key, e.target.value)}
                >
                  {staged.sheets.map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </select>
              </>
            ) : null}
            {item.status === 'redetecting' ? <span className="spinner" aria-hidden="true" /> : null}
            {item.kind === null ? (
              <span className="hint hint--warning" data-testid="kind-undetected">
                {staged.closestKind
                  ? t('import.kindClosest', {
                      kind: kindName(locale, staged.closestKind.kind),
                      fields: fieldList(locale, staged.closestKind.kind, staged.closestKind.missing),
                    })
                  : t('import.kindUndetected')}
              </span>
            ) : null}
          </div>

          <NoticeList notices={staged.warnings} testId="stage-warnings" />

          {item.kind ? (
            <section className="import-card__section">
              <h4 className="subheading">{t('import.mapping')}</h4>
              <p className="hint">{t('import.mappingHint')}</p>
              {staged.mappingSource === 'saved' ? (
                <p className="hint hint--info" data-testid="mapping-saved">
                  {t('import.mappingSaved')}
                </p>
              ) : null}
              <MappingTable
                itemKey={item.key}
                staged={staged}
                kind={item.kind}
                mapping={item.mapping}
                disabled={busy}
                onChange={(fieldId, header) => session.setMapping(item.key, fieldId, header)}
              />
              <DateOrderQuestion
                itemKey={item.key}
                staged={staged}
                value={item.dateOrder}
                disabled={busy}
                onChange={(order) => session.setDateOrder(item.key, order)}
              />
              <CurrencyQuestion
                item={item}
                disabled={busy}
                onChange={(c) => session.setCurrency(item.key, c)}
              />
              <DoubtList
                itemKey={item.key}
                staged={staged}
                kind={item.kind}
                confirmed={item.keptDoubts}
                disabled={busy}
                onConfirm={(doubt, kept) => session.keepDoubt(item.key, doubt, kept)}
              />
              {item.kind === 'rep_kpis' ? (
                <KpiPeriodQuestion
                  itemKey={item.key}
                  staged={staged}
                  mapping={item.mapping}
                  value={item.kpiMonth}
                  disabled={busy}
                  onChange={(month) => session.setKpiMonth(item.key, month)}
                />
              ) : null}
            </section>
          ) : null}

          {item.kind === 'deals' ? (
            <StageTable
              itemKey={item.key}
              staged={staged}
              choices={stageChoices(item)}
              edits={item.stageEdits}
              disabled={busy}
              onChange={(value, choice) => session.setStage(item.key, value, choice)}
            />
          ) : null}

          <details className="import-card__section disclosure" open={item.kind === null}>
            <summary className="disclosure__summary">
              {t('import.preview', { count: Math.min(PREVIEW_ROWS, staged.previewRows.length) })}
            </summary>
            <PreviewTable
              headers={staged.headers}
              rows={staged.previewRows.slice(0, PREVIEW_ROWS)}
              highlight={mappedHeaders}
            />
          </details>

          <footer className="import-card__footer">
            {item.status === 'importing' ? (
              <ImportProgressBar item={item} onCancel={() => session.cancel(item.key)} />
            ) : (
              <>
                {missing.length > 0 && item.kind ? (
                  <p className="hint hint--error" data-testid="missing-required">
                    {t('import.missingRequired', { fields: fieldList(locale, item.kind, missing) })}
                  </p>
                ) : needsDateOrder(item) ? (
                  <p className="hint hint--error" data-testid="date-order-required">
                    {t('import.dateOrder.required')}
                  </p>
                ) : needsKpiPeriod(item) ? (
                  <p className="hint hint--error" data-testid="kpi-period-required">
                    {t('import.kpiPeriod.required')}
                  </p>
                ) : needsDoubtCheck(item) ? (
                  <p className="hint hint--error" data-testid="doubts-required">
                    {t('import.doubts.required')}
                  </p>
                ) : (
                  <span />
                )}
                <button
                  type="button"
                  className="button button--primary"
                  disabled={
                    busy ||
                    item.kind === null ||
                    missing.length > 0 ||
                    needsDateOrder(item) ||
                    needsKpiPeriod(item) ||
                    needsDoubtCheck(item)
                  }
                  onClick={() => void session.run(item.key)}
                  data-testid="import-button"
                >
                  {item.error?.code === 'cancelled' ? t('import.rerun') : t('import.run')}
                </button>
              </>
            )}
          </footer>
        </>
      ) : null}

      {item.summary ? <ImportResult summary={item.summary} /> : null}
    </article>
  );
}

function ImportProgressBar({ item, onCancel }: { item: ImportItem; onCancel: () => void }) {
  const { t, locale } = useI18n();
  const p = item.progress;
  const fraction = p ? Math.max(0, Math.min(1, p.fraction)) : 0;
  const rows = formatInteger(locale, p?.rowsRead ?? 0);
  const label = !p
    ? t('import.progress.starting')
    : p.phase === 'reading'
      ? t('import.progress.reading', { rows })
      : p.phase === 'committing'
        ? t('import.progress.committing', { rows })
        : t('import.progress.done');
  return (
    <div className="progress" data-testid="import-progress" data-phase={p?.phase ?? 'starting'}>
      <div className="progress__top">
        <span className="progress__label" role="status">
          {label}
        </span>
        <span className="progress__pct">{formatPercent(locale, fraction, 0)}</span>
      </div>
      <div
        className="progress__track"
        role="progressbar"
        aria-label={t('import.progressLabel', { file: item.fileName })}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fraction * 100)}
      >
        <div className="progress__fill" style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
      </div>
      <button
        type="button"
        className="button button--small"
        onClick={onCancel}
        disabled={item.cancelling}
        data-testid="cancel-import"
      >
        {item.cancelling ? t('import.cancelling') : t('common.cancel')}
      </button>
    </div>
  );
}
