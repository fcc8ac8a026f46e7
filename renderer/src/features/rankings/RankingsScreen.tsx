import { Suspense, lazy, useMemo, useState } from 'react';
import type { Band } from '../../../../shared/domain/types';
import { formatInteger, formatPeriodLabel } from '../../../../shared/format/format';
import { KPI_BY_ID } from '../../../../shared/kpi/kpi-definitions';
import { AnalysisHeader } from '../../ui/AnalysisHeader';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { HowRankingWorks } from './HowRankingWorks';
import { KpiUnavailable } from './KpiUnavailable';
import { ViewNotices } from '../../ui/ViewNotices';
import { RankingTable } from './RankingTable';
import { SummaryStrip } from './SummaryStrip';
import { UnrankedList } from './UnrankedList';
import { useI18n } from '../../i18n/i18n';
import { ReportButtons } from '../reports/ReportButtons';
import { bandName, peerGroupName } from '../../i18n/domain-text';
import type { AnalysisScreenProps } from '../../analysis/analysis-screen';
import {
  BAND_ORDER,
  DEFAULT_SORT,
  NO_FILTERS,
  filterRows,
  groupByPeer,
  kpiColumns,
  nextSort,
  peerGroupsOf,
  rankedRows,
  sortRows,
  teamsOf,
  unrankedRows,
  type Filters,
  type SortState,
} from '../../analysis/ranking-model';
import { useStoredFlag } from '../../ui/use-stored-flag';

interface Props extends AnalysisScreenProps {
  /** Opens a rep's coaching plan (the Coaching tab's rep view). */
  onOpenCoaching?: (repId: number) => void;
}

/** ECharts is the largest dependency: load it with the first ranking, not with the app. */
const BandChart = lazy(() => import('./BandChart'));

const ALL = '';
const NONE = '\u0000none';

export function RankingsScreen({
  info,
  period,
  onPeriodChange,
  peerGroup,
  onPeerGroupChange,
  ranking,
  onOpenCoaching,
}: Props) {
  const { t, locale } = useI18n();
  const [sort, setSort] = useState<SortState>(DEFAULT_SORT);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [compact, setCompact] = useStoredFlag('quartile-coach.rankings.compact', true);
  const [groupedChoice, setGrouped] = useStoredFlag('quartile-coach.rankings.grouped', true);

  const { loading, error, retry } = ranking;
  // Keep showing the previous table while the next one loads: no flash of emptiness.
  const view = ranking.data;
  const collator = useMemo(() => new Intl.Collator(locale, { numeric: true, sensitivity: 'base' }), [locale]);
  const ranked = useMemo(() => (view ? rankedRows(view) : []), [view]);
  const unranked = useMemo(() => (view ? unrankedRows(view) : []), [view]);
  const columns = useMemo(() => (view ? kpiColumns(view, compact) : []), [view, compact]);
  const allColumns = useMemo(() => (view ? kpiColumns(view, false).length : 0), [view]);
  const teams = useMemo(() => teamsOf(ranked), [ranked]);
  const peers = useMemo(() => peerGroupsOf(ranked), [ranked]);
  const peerBy = view?.settings.peerGroup ?? 'company';
  const byPeer = peerBy !== 'company';
  const grouped = byPeer && groupedChoice;
  const shown = useMemo(
    () => sortRows(filterRows(ranked, filters), sort, collator),
    [ranked, filters, sort, collator],
  );
  const groups = useMemo(
    () => (grouped ? groupByPeer(shown) : [{ key: null, rows: shown }]),
    [grouped, shown],
  );

  const activityAvailable =
    view !== null && [...KPI_BY_ID.values()].some((d) => d.group === 'activity' && view.kpiAvailable[d.id]);
  const filtered =
    filters.team !== undefined ||
    filters.peer !== undefined ||
    filters.band !== undefined ||
    filters.search.trim() !== '';
  const periodLabel = formatPeriodLabel(locale, period);

  return (
    <section
      className="screen"
      aria-labelledby="rankings-title"
      data-testid="rankings-screen"
      aria-busy={loading}
    >
      <AnalysisHeader
        titleId="rankings-title"
        title={t('rank.title')}
        info={info}
        period={period}
        onPeriodChange={onPeriodChange}
        peerGroup={peerGroup}
        onPeerGroupChange={onPeerGroupChange}
        view={view}
      />
      <ReportButtons period={period} view={view ?? null} withAll />

      {loading ? (
        <div className="loading-bar" role="status" data-testid="ranking-loading">
          <span className="visually-hidden">{t('rank.loading')}</span>
        </div>
      ) : null}

      {error && !loading ? <ErrorMessage error={error} onRetry={retry} testId="ranking-error" /> : null}

      {view ? (
        <div className={`rankings ${loading ? 'is-stale' : ''}`}>
          <SummaryStrip view={view} />
          <ViewNotices view={view} testId="ranking-warnings" />
          {!activityAvailable ? <p className="hint hint--info">{t('rank.noActivity')}</p> : null}

          {ranked.length > 0 ? (
            <>
              <Suspense fallback={<div className="card chart-placeholder" aria-hidden="true" />}>
                <BandChart rows={ranked} />
              </Suspense>

              <section className="card" aria-labelledby="ranking-table-title">
                <header className="card__header card__header--filters">
                  <h2 id="ranking-table-title" className="visually-hidden">
                    {t('rank.tableLabel', { period: periodLabel })}
                  </h2>
                  <div className="filters" role="search">
                    {peerBy !== 'team' ? (
                      <label className="field field--inline">
                        <span className="field-label">{t('rank.filter.team')}</span>
                        <select
                          className="select"
                          data-testid="filter-team"
                          value={
                            filters.team === undefined ? ALL : filters.team === null ? NONE : filters.team
                          }
                          onChange={(e) => {
                            const v = e.target.value;
                            setFilters((f) => ({
                              ...f,
                              team: v === ALL ? undefined : v === NONE ? null : v,
                            }));
                          }}
                        >
                          <option value={ALL}>{t('rank.filter.allTeams')}</option>
                          {teams.map((team) => (
                            <option key={team ?? NONE} value={team ?? NONE}>
                              {team ?? t('rank.noTeam')}
                            </option>
                          ))}
                        </select>
                      </label>
                    ) : null}
                    {byPeer ? (
                      <label className="field field--inline">
                        <span className="field-label">{t(`peer.${peerBy}`)}</span>
                        <select
                          className="select"
                          data-testid="filter-peer"
                          value={
                            filters.peer === undefined ? ALL : filters.peer === null ? NONE : filters.peer
                          }
                          onChange={(e) => {
                            const v = e.target.value;
                            setFilters((f) => ({
                              ...f,
                              peer: v === ALL ? undefined : v === NONE ? null : v,
                            }));
                          }}
                        >
                          <option value={ALL}>{t('rank.filter.allPeerGroups')}</option>
                          {peers.map((key) => (
                            <option key={key ?? NONE} value={key ?? NONE}>
                              {peerGroupName(t, peerBy, key)}
                            </option>
                          ))}
                        </select>
                      </label>
                    ) : null}
                    <label className="field field--inline">
                      <span className="field-label">{t('rank.filter.band')}</span>
                      <select
                        className="select"
                        data-testid="filter-band"
                        value={filters.band ?? ALL}
                        onChange={(e) => {
                          const v = e.target.value;
                          setFilters((f) => ({ ...f, band: v === ALL ? undefined : (v as Band) }));
                        }}
                      >
                        <option value={ALL}>{t('rank.filter.allBands')}</option>
                        {BAND_ORDER.map((b) => (
                          <option key={b} value={b}>
                            {bandName(locale, b)}
                          </option>
                        ))}
                      </select>
                    </label>
                    <label className="field field--inline field--search">
                      <span className="field-label">{t('rank.filter.search')}</span>
                      <input
                        type="search"
                        className="input"
                        placeholder={t('rank.filter.searchPlaceholder')}
                        value={filters.search}
                        data-testid="filter-search"
                        onChange={(e) => {
                          const search = e.target.value;
                          setFilters((f) => ({ ...f, search }));
                        }}
                      />
                    </label>
                    {filtered ? (
                      <button
                        type="button"
                        className="button button--ghost"
                        onClick={() => setFilters(NO_FILTERS)}
                      >
                        {t('rank.filter.clear')}
                      </button>
                    ) : null}
                  </div>
                  <div className="table-options">
                    {byPeer ? (
                      <label className="checkbox">
                        <input
                          type="checkbox"
                          checked={groupedChoice}
                          onChange={(e) => setGrouped(e.target.checked)}
                          data-testid="group-by-peer"
                        />
                        {t('rank.groupByPeer')}
                      </label>
                    ) : null}
                    <div
                      className="segmented segmented--small"
                      role="group"
                      aria-label={t('rank.columnsLabel')}
                    >
                      <button
                        type="button"
                        className="segmented__option"
                        aria-pressed={compact}
                        onClick={() => setCompact(true)}
                        data-testid="columns-compact"
                      >
                        {t('rank.columnsWeighted')}
                      </button>
                      <button
                        type="button"
                        className="segmented__option"
                        aria-pressed={!compact}
                        onClick={() => setCompact(false)}
                        data-testid="columns-all"
                      >
                        {t('rank.columnsAll', { count: allColumns })}
                      </button>
                    </div>
                    <p className="filters__count" aria-live="polite" data-testid="ranking-showing">
                      {t('rank.showing', {
                        shown: formatInteger(locale, shown.length),
                        total: formatInteger(locale, ranked.length),
                      })}
                    </p>
                  </div>
                </header>
                {shown.length > 0 ? (
                  <RankingTable
                    view={view}
                    groups={groups}
                    grouped={grouped}
                    columns={columns}
                    sort={sort}
                    onSort={(key) => setSort((s) => nextSort(s, key))}
                    caption={t('rank.tableLabel', { period: periodLabel })}
                    onOpenRep={onOpenCoaching}
                  />
                ) : (
                  <p className="empty">{t('rank.noMatch')}</p>
                )}
                <p className="hint table-legend">{t('rank.legend')}</p>
              </section>
            </>
          ) : (
            <p className="empty card">{t('rank.noRanking')}</p>
          )}

          <UnrankedList rows={unranked} />
          <KpiUnavailable view={view} />
          <HowRankingWorks view={view} />
        </div>
      ) : null}
    </section>
  );
}
