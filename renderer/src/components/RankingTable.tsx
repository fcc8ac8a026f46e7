import type { RankingView } from '../../../shared/api/contract';
import { formatInteger, formatKpiValue, formatScore } from '../../../shared/format/format';
import { DEFAULT_WEIGHTS, type KpiDefinition, type KpiGroup } from '../../../shared/kpi/kpi-definitions';
import { useI18n } from '../i18n/i18n';
import { kpiFormula, kpiName } from '../i18n/domain-text';
import type { RankedRow, SortKey, SortState } from '../state/ranking-model';
import { BandBadge } from './BandBadge';

interface Props {
  view: RankingView;
  rows: readonly RankedRow[];
  columns: readonly KpiDefinition[];
  sort: SortState;
  onSort: (key: SortKey) => void;
  caption: string;
}

const DIRECTION_MARK = { higher: '↑', lower: '↓', none: '' } as const;

interface HeaderProps {
  sortKey: SortKey;
  sort: SortState;
  onSort: (key: SortKey) => void;
  label: string;
  title?: string;
  mark?: string;
  numeric?: boolean;
  className?: string;
}

function SortHeader({ sortKey, sort, onSort, label, title, mark, numeric, className }: HeaderProps) {
  const { t } = useI18n();
  const active = sort.key === sortKey;
  const ariaSort = active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <th
      scope="col"
      aria-sort={ariaSort}
      className={`${numeric ? 'num' : ''} ${active ? 'is-sorted' : ''} ${className ?? ''}`.trim()}
      title={title}
      data-testid={`col-${sortKey}`}
    >
      <button
        type="button"
        className="th-button"
        onClick={() => onSort(sortKey)}
        aria-label={`${t('rank.sortBy', { column: label })}${title ? `. ${title}` : ''}`}
      >
        <span className="th-button__label">{label}</span>
        {mark ? (
          <span className="th-button__direction" aria-hidden="true">
            {mark}
          </span>
        ) : null}
        {active ? (
          <span className="th-button__sort" aria-hidden="true">
            {sort.dir === 'asc' ? '▲' : '▼'}
          </span>
        ) : null}
      </button>
    </th>
  );
}

/** The ranked reps: rank, band, score and one column per KPI, sortable by any header. */
export function RankingTable({ view, rows, columns, sort, onSort, caption }: Props) {
  const { t, locale } = useI18n();
  const compositeTitle = t('rank.col.compositeTitle', {
    results: DEFAULT_WEIGHTS.groups.results,
    activity: DEFAULT_WEIGHTS.groups.activity,
  });
  // A header row naming the KPI groups (results / activity) over their columns.
  const groups: { group: KpiGroup; count: number }[] = [];
  const groupStarts = new Set<string>();
  for (const def of columns) {
    const last = groups[groups.length - 1];
    if (last?.group === def.group) last.count++;
    else {
      groups.push({ group: def.group, count: 1 });
      groupStarts.add(def.id);
    }
  }
  const directionText = (def: KpiDefinition): string =>
    def.direction === 'higher'
      ? t('rank.higherBetter')
      : def.direction === 'lower'
        ? t('rank.lowerBetter')
        : t('rank.notRankedKpi');

  return (
    <div className="table-scroll table-scroll--ranking" tabIndex={0}>
      <table className="table ranking" data-testid="ranking-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          {groups.length > 0 ? (
            <tr className="ranking__groups">
              <td colSpan={5} />
              {groups.map((g) => (
                <th key={g.group} scope="colgroup" colSpan={g.count} className="ranking__group">
                  {g.group === 'results' ? t('how.groupResults') : t('how.groupActivity')}{' '}
                  <span>· {DEFAULT_WEIGHTS.groups[g.group]}%</span>
                </th>
              ))}
            </tr>
          ) : null}
          <tr>
            <SortHeader
              sortKey="rank"
              sort={sort}
              onSort={onSort}
              label={t('rank.col.rank')}
              title={t('rank.col.rankTitle')}
              numeric
              className="ranking__rank"
            />
            <SortHeader
              sortKey="rep"
              sort={sort}
              onSort={onSort}
              label={t('rank.col.rep')}
              className="ranking__rep"
            />
            <SortHeader sortKey="team" sort={sort} onSort={onSort} label={t('rank.col.team')} />
            <SortHeader sortKey="band" sort={sort} onSort={onSort} label={t('rank.col.band')} />
            <SortHeader
              sortKey="composite"
              sort={sort}
              onSort={onSort}
              label={t('rank.col.composite')}
              title={compositeTitle}
              mark="↑"
              className="ranking__score-col"
            />
            {columns.map((def) => (
              <SortHeader
                key={def.id}
                sortKey={def.id}
                sort={sort}
                onSort={onSort}
                label={kpiName(locale, def.id)}
                title={`${kpiFormula(locale, def)} ${directionText(def)}`}
                mark={DIRECTION_MARK[def.direction]}
                numeric
                className={`kpi ${groupStarts.has(def.id) ? 'group-start' : ''} ${def.direction === 'none' ? 'is-context' : ''}`}
              />
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.repId} data-testid="ranking-row" data-band={row.band} data-rep={row.rep}>
              <td className="num ranking__rank">{formatInteger(locale, row.rank)}</td>
              <th scope="row" className="ranking__rep">
                {row.rep}
              </th>
              <td className="ranking__team">
                {row.team ?? <span className="muted">{t('rank.noTeam')}</span>}
              </td>
              <td>
                <BandBadge band={row.band} />
              </td>
              <td className="ranking__score">
                <span className="score">
                  <span className="score__value">{formatScore(locale, row.composite)}</span>
                  <span className="score__track" aria-hidden="true">
                    <span
                      className={`score__fill score__fill--${row.band}`}
                      style={{ width: `${Math.max(0, Math.min(100, row.composite ?? 0)).toFixed(1)}%` }}
                    />
                  </span>
                </span>
              </td>
              {columns.map((def) => {
                if (!view.kpiAvailable[def.id]) {
                  return (
                    <td
                      key={def.id}
                      className={`num muted ${groupStarts.has(def.id) ? 'group-start' : ''}`}
                      title={t('common.naTitle')}
                    >
                      {t('common.na')}
                    </td>
                  );
                }
                const value = row.values[def.id];
                const missing = value === null || value === undefined;
                return (
                  <td
                    key={def.id}
                    className={`num ${missing ? 'muted' : ''} ${def.direction === 'none' ? 'is-context' : ''} ${groupStarts.has(def.id) ? 'group-start' : ''}`}
                    title={missing ? t('common.noValueTitle') : undefined}
                  >
                    {formatKpiValue(locale, def.unit, value, view.currency)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
