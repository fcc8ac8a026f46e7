import { Fragment } from 'react';
import type { PeerGroupInfo, RankingView } from '../../../../shared/api/contract';
import type { Band } from '../../../../shared/domain/types';
import {
  formatInteger,
  formatKpiValue,
  formatPercent,
  formatPeriodLabel,
  formatScore,
} from '../../../../shared/format/format';
import type { KpiDefinition, KpiGroup } from '../../../../shared/kpi/kpi-definitions';
import { useI18n } from '../../i18n/i18n';
import { bandName, kpiHeaderTitle, kpiName, peerGroupName } from '../../i18n/domain-text';
import { movementOf, type RankedRow, type SortKey, type SortState } from '../../analysis/ranking-model';
import { BandBadge, BandDot } from '../../ui/BandBadge';
import { MovementMark } from '../../ui/MovementMark';

interface Props {
  view: RankingView;
  /** Sorted and filtered; with `grouped`, split into peer groups in this order. */
  groups: readonly { key: string | null; rows: readonly RankedRow[] }[];
  grouped: boolean;
  columns: readonly KpiDefinition[];
  sort: SortState;
  onSort: (key: SortKey) => void;
  caption: string;
  /** Opens the rep's coaching view; the rep's name becomes a link when given. */
  onOpenRep?: (repId: number) => void;
}

const DIRECTION_MARK = { higher: '↑', lower: '↓', none: '' } as const;

interface HeaderProps {
  sortKey: SortKey;
  sort: SortState;
  onSort: (key: SortKey) => void;
  label: string;
  title?: string;
  mark?: string;
  markTitle?: string;
  numeric?: boolean;
  className?: string;
}

function SortHeader({
  sortKey,
  sort,
  onSort,
  label,
  title,
  mark,
  markTitle,
  numeric,
  className,
}: HeaderProps) {
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
          <span
            className={`th-button__direction ${mark === '↓' ? 'th-button__direction--lower' : ''}`}
            aria-hidden="true"
            title={markTitle}
          >
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

/** The compact band of one group score: a coloured dot and a short name. */
function GroupBand({ band }: { band: Band }) {
  return <BandDot band={band} />;
}

/**
 * The ranked reps: rank, band, score, the results and activity bands, the move since the previous
 * period and one column per KPI, sortable by any header. Every header explains its figure on hover
 * (name, formula, unit, direction, weight); every value shows the rep's percentile in their peer group.
 */
export function RankingTable({ view, groups, grouped, columns, sort, onSort, caption, onOpenRep }: Props) {
  const { t, locale } = useI18n();
  const settings = view.settings;
  const peerBy = settings.peerGroup;
  const showPeer = peerBy !== 'company' && peerBy !== 'team';
  const groupWeights = settings.weights.groups;
  const groupTotal = groupWeights.results + groupWeights.activity;
  const groupShare = (group: KpiGroup): number => (groupTotal > 0 ? groupWeights[group] / groupTotal : 0);
  const compositeTitle = t('rank.col.compositeTitle', {
    results: formatPercent(locale, groupShare('results'), 0),
    activity: formatPercent(locale, groupShare('activity'), 0),
  });
  const peerInfo = new Map<string | null, PeerGroupInfo>(view.peerGroups.map((g) => [g.key, g]));
  const peerLabel = (key: string | null): string => peerGroupName(t, peerBy, key);

  // A header row naming the KPI groups (results / activity) over their columns.
  const kpiGroups: { group: KpiGroup; count: number }[] = [];
  const groupStarts = new Set<string>();
  for (const def of columns) {
    const last = kpiGroups[kpiGroups.length - 1];
    if (last?.group === def.group) last.count++;
    else {
      kpiGroups.push({ group: def.group, count: 1 });
      groupStarts.add(def.id);
    }
  }
  // Without any team in the data (a single-team export), a column of "No team" says nothing.
  const showTeam = groups.some((g) => g.rows.some((r) => r.team !== null));
  const fixedColumns = 7 + (showTeam ? 1 : 0) + (showPeer ? 1 : 0);
  const totalColumns = fixedColumns + columns.length;

  const percentileTitle = (row: RankedRow, def: KpiDefinition): string | undefined => {
    const p = row.percentiles[def.id];
    if (p === undefined) return def.direction === 'none' ? t('rank.notRankedKpi') : t('rank.noPercentile');
    return t('rank.percentileTitle', {
      percentile: formatPercent(locale, p, 0),
      group: peerBy === 'company' ? t('peer.company') : peerLabel(row.peerGroup),
    });
  };

  const renderRow = (row: RankedRow) => {
    const movement = movementOf(row);
    return (
      <tr
        key={row.repId}
        data-testid="ranking-row"
        data-band={row.band}
        data-rep={row.rep}
        data-peer-group={row.peerGroup ?? ''}
      >
        <td className="num ranking__rank">{formatInteger(locale, row.rank)}</td>
        <th scope="row" className="ranking__rep">
          {onOpenRep ? (
            <button
              type="button"
              className="link-button"
              title={t('coaching.openRep', { rep: row.rep })}
              onClick={() => onOpenRep(row.repId)}
              data-testid="open-coaching"
            >
              {row.rep}
            </button>
          ) : (
            row.rep
          )}
        </th>
        {showTeam ? (
          <td className="ranking__team">{row.team ?? <span className="muted">{t('rank.noTeam')}</span>}</td>
        ) : null}
        {showPeer ? (
          <td className="ranking__team" data-testid="peer-cell">
            {row.peerGroup ?? <span className="muted">{peerLabel(null)}</span>}
          </td>
        ) : null}
        <td>
          <BandBadge band={row.band} />
          {row.cutoffTie ? (
            <span
              className="tie-mark"
              data-testid="cutoff-tie"
              data-broken-by={row.cutoffTie.brokenBy ?? ''}
              title={
                row.cutoffTie.brokenBy
                  ? t('rank.cutoffTie.broken', { kpi: kpiName(locale, row.cutoffTie.brokenBy) })
                  : t('rank.cutoffTie.unbroken')
              }
              aria-label={
                row.cutoffTie.brokenBy
                  ? t('rank.cutoffTie.broken', { kpi: kpiName(locale, row.cutoffTie.brokenBy) })
                  : t('rank.cutoffTie.unbroken')
              }
            >
              {' ≈'}
            </span>
          ) : null}
        </td>
        <td className="ranking__score">
          <span
            className="score"
            title={t('rank.scoreParts', {
              results: formatScore(locale, row.resultsScore),
              activity: formatScore(locale, row.activityScore),
            })}
          >
            <span className="score__value">{formatScore(locale, row.composite)}</span>
            <span className="score__track" aria-hidden="true">
              <span
                className={`score__fill score__fill--${row.band}`}
                style={{ width: `${Math.max(0, Math.min(100, row.composite ?? 0)).toFixed(1)}%` }}
              />
            </span>
          </span>
        </td>
        <td data-testid="results-band" data-band={row.resultsBand}>
          <GroupBand band={row.resultsBand} />
        </td>
        <td data-testid="activity-band" data-band={row.activityBand}>
          <GroupBand band={row.activityBand} />
        </td>
        <td className="ranking__move" data-testid="movement" data-movement={movement ?? ''}>
          <MovementMark
            movement={movement}
            title={
              !view.comparison.available
                ? t(`rank.noComparison.${view.comparison.reason ?? 'not_ranked'}`, {
                    period: formatPeriodLabel(locale, view.previousPeriod.id),
                  })
                : row.previousBand && row.previousBand !== 'unranked'
                  ? t('rank.previousBand', {
                      period: formatPeriodLabel(locale, view.previousPeriod.id),
                      band: bandName(locale, row.previousBand),
                    })
                  : t('rank.previousNone')
            }
          />
        </td>
        {columns.map((def) => {
          const value = row.values[def.id];
          const missing = value === null || value === undefined;
          return (
            <td
              key={def.id}
              className={`num ${missing ? 'muted' : ''} ${def.direction === 'none' ? 'is-context' : ''} ${groupStarts.has(def.id) ? 'group-start' : ''}`}
              title={missing ? t('common.noValueTitle') : percentileTitle(row, def)}
              data-kpi={def.id}
            >
              {formatKpiValue(locale, def.unit, value, view.currency)}
            </td>
          );
        })}
      </tr>
    );
  };

  return (
    <div className="table-scroll table-scroll--ranking" tabIndex={0}>
      <table className="table ranking" data-testid="ranking-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          {kpiGroups.length > 0 ? (
            <tr className="ranking__groups">
              <td colSpan={fixedColumns} />
              {kpiGroups.map((g) => (
                <th key={g.group} scope="colgroup" colSpan={g.count} className="ranking__group">
                  {g.group === 'results' ? t('how.groupResults') : t('how.groupActivity')}{' '}
                  <span>· {formatPercent(locale, groupShare(g.group), 0)}</span>
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
              title={peerBy === 'company' ? t('rank.col.rankTitle') : t('rank.col.rankInGroupTitle')}
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
            {showTeam ? (
              <SortHeader
                sortKey="team"
                sort={sort}
                onSort={onSort}
                label={t('rank.col.team')}
                title={peerBy === 'team' ? t('rank.col.peerTitle', { kind: t('peer.team') }) : undefined}
              />
            ) : null}
            {showPeer ? (
              <SortHeader
                sortKey="peer"
                sort={sort}
                onSort={onSort}
                label={t(`peer.${peerBy}`)}
                title={t('rank.col.peerTitle', { kind: t(`peer.${peerBy}`) })}
              />
            ) : null}
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
            <SortHeader
              sortKey="resultsBand"
              sort={sort}
              onSort={onSort}
              label={t('rank.col.resultsBand')}
              title={t('rank.col.resultsBandTitle')}
            />
            <SortHeader
              sortKey="activityBand"
              sort={sort}
              onSort={onSort}
              label={t('rank.col.activityBand')}
              title={t('rank.col.activityBandTitle')}
            />
            <SortHeader
              sortKey="movement"
              sort={sort}
              onSort={onSort}
              label={t('rank.col.movement')}
              title={t('rank.col.movementTitle', {
                period: formatPeriodLabel(locale, view.previousPeriod.id),
              })}
            />
            {columns.map((def) => (
              <SortHeader
                key={def.id}
                sortKey={def.id}
                sort={sort}
                onSort={onSort}
                label={kpiName(locale, def.id)}
                title={kpiHeaderTitle(locale, t, def, settings)}
                mark={DIRECTION_MARK[def.direction]}
                markTitle={def.direction === 'lower' ? t('rank.lowerBetter') : t('rank.higherBetter')}
                numeric
                className={`kpi ${groupStarts.has(def.id) ? 'group-start' : ''} ${def.direction === 'none' ? 'is-context' : ''}`}
              />
            ))}
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => {
            const info = peerInfo.get(group.key);
            return (
              <Fragment key={group.key ?? '\u0000none'}>
                {grouped ? (
                  <tr
                    className="ranking__peer"
                    data-testid="peer-group-header"
                    data-peer-group={group.key ?? ''}
                    data-small={info?.smallGroup ? 'true' : 'false'}
                  >
                    <th scope="colgroup" colSpan={totalColumns}>
                      <span className="ranking__peer-name">{peerLabel(group.key)}</span>
                      <span className="ranking__peer-count">
                        {t('rank.peerCount', {
                          ranked: formatInteger(locale, info?.ranked ?? group.rows.length),
                          reps: formatInteger(locale, info?.reps ?? group.rows.length),
                        })}
                      </span>
                      {info?.smallGroup ? (
                        <span className="pill pill--warning" title={t('dash.smallGroupTitle')}>
                          {t('dash.smallGroup')}
                        </span>
                      ) : null}
                    </th>
                  </tr>
                ) : null}
                {group.rows.map(renderRow)}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
