import { Suspense, lazy, useEffect, useMemo, useState } from 'react';
import type { RankingView, WorkspaceInfo } from '../../../shared/api/contract';
import type { Band } from '../../../shared/domain/types';
import { formatDate, formatInteger, formatPeriodLabel } from '../../../shared/format/format';
import type { Notice } from '../../../shared/i18n/notice';
import { KPI_BY_ID } from '../../../shared/kpi/kpi-definitions';
import type { AppError } from '../../../shared/result';
import { useBridge } from '../api/bridge-context';
import { ErrorMessage } from '../components/ErrorMessage';
import { HowRankingWorks } from '../components/HowRankingWorks';
import { NoticeList } from '../components/NoticeList';
import { PeriodPicker } from '../components/PeriodPicker';
import { RankingTable } from '../components/RankingTable';
import { SummaryStrip } from '../components/SummaryStrip';
import { UnrankedList } from '../components/UnrankedList';
import { useI18n } from '../i18n/i18n';
import { bandName } from '../i18n/domain-text';
import {
  BAND_ORDER,
  DEFAULT_SORT,
  NO_FILTERS,
  filterRows,
  kpiColumns,
  nextSort,
  rankedRows,
  sortRows,
  teamsOf,
  unrankedRows,
  type Filters,
  type SortState,
} from '../state/ranking-model';

interface Props {
  info: WorkspaceInfo;
  period: string;
  onPeriodChange: (period: string) => void;
  /** Bumped whenever the workspace's data changes, to fetch the ranking again. */
  revision: number;
}

/** ECharts is the largest dependency: load it with the first ranking, not with the app. */
const BandChart = lazy(() => import('../charts/BandChart'));

type Loaded = { key: string; view: RankingView; error: null } | { key: string; view: null; error: AppError };

const ALL = '';
const NO_TEAM = '\u0000none';

export function RankingsScreen({ info, period, onPeriodChange, revision }: Props) {
  const bridge = useBridge();
  const { t, locale } = useI18n();
  const requestKey = `${period}#${revision}`;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [retry, setRetry] = useState(0);
  const [sort, setSort] = useState<SortState>(DEFAULT_SORT);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);

  useEffect(() => {
    let live = true;
    void bridge.invoke('rankings.get', { period }).then((result) => {
      if (!live) return;
      setLoaded(
        result.ok
          ? { key: requestKey, view: result.value, error: null }
          : { key: requestKey, view: null, error: result.error },
      );
    });
    return () => {
      live = false;
    };
  }, [bridge, period, requestKey, retry]);

  const loading = loaded?.key !== requestKey;
  // Keep showing the previous period's table while the next one loads: no flash of emptiness.
  const view = loaded?.view ?? null;
  const collator = useMemo(() => new Intl.Collator(locale, { numeric: true, sensitivity: 'base' }), [locale]);
  const ranked = useMemo(() => (view ? rankedRows(view) : []), [view]);
  const unranked = useMemo(() => (view ? unrankedRows(view) : []), [view]);
  const columns = useMemo(() => (view ? kpiColumns(view) : []), [view]);
  const teams = useMemo(() => teamsOf(ranked), [ranked]);
  const shown = useMemo(
    () => sortRows(filterRows(ranked, filters), sort, collator),
    [ranked, filters, sort, collator],
  );

  const notices: Notice[] = view ? [...view.warnings] : [];
  if (view?.smallGroup && !notices.some((n) => n.code === 'small_group')) {
    notices.unshift({ code: 'small_group', params: { count: view.rankedCount } });
  }
  const activityAvailable =
    view !== null && [...KPI_BY_ID.values()].some((d) => d.group === 'activity' && view.kpiAvailable[d.id]);
  const filtered = filters.team !== undefined || filters.band !== undefined || filters.search.trim() !== '';
  const periodLabel = formatPeriodLabel(locale, period);

  return (
    <section
      className="screen"
      aria-labelledby="rankings-title"
      data-testid="rankings-screen"
      aria-busy={loading}
    >
      <header className="screen__header">
        <div>
          <h1 id="rankings-title" className="screen__title">
            {t('rank.title')} <span className="screen__title-period">{periodLabel}</span>
          </h1>
          <p className="screen__lead">
            {info.dataRange
              ? t('rank.dataRange', {
                  min: formatDate(locale, info.dataRange.min.slice(0, 10)),
                  max: formatDate(locale, info.dataRange.max.slice(0, 10)),
                })
              : null}
            {view?.currency ? <> · {t('rank.amountsIn', { currency: view.currency })}</> : null}
          </p>
        </div>
        <PeriodPicker info={info} value={period} onChange={onPeriodChange} />
      </header>

      {loading ? (
        <div className="loading-bar" role="status" data-testid="ranking-loading">
          <span className="visually-hidden">{t('rank.loading')}</span>
        </div>
      ) : null}

      {loaded?.error && !loading ? (
        <ErrorMessage error={loaded.error} onRetry={() => setRetry((n) => n + 1)} testId="ranking-error" />
      ) : null}

      {view ? (
        <div className={`rankings ${loading ? 'is-stale' : ''}`}>
          <SummaryStrip view={view} />
          <NoticeList notices={notices} testId="ranking-warnings" />
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
                    <label className="field field--inline">
                      <span className="field-label">{t('rank.filter.team')}</span>
                      <select
                        className="select"
                        data-testid="filter-team"
                        value={
                          filters.team === undefined ? ALL : filters.team === null ? NO_TEAM : filters.team
                        }
                        onChange={(e) => {
                          const v = e.target.value;
                          setFilters((f) => ({
                            ...f,
                            team: v === ALL ? undefined : v === NO_TEAM ? null : v,
                          }));
                        }}
                      >
                        <option value={ALL}>{t('rank.filter.allTeams')}</option>
                        {teams.map((team) => (
                          <option key={team ?? NO_TEAM} value={team ?? NO_TEAM}>
                            {team ?? t('rank.noTeam')}
                          </option>
                        ))}
                      </select>
                    </label>
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
                  <p className="filters__count" aria-live="polite" data-testid="ranking-showing">
                    {t('rank.showing', {
                      shown: formatInteger(locale, shown.length),
                      total: formatInteger(locale, ranked.length),
                    })}
                  </p>
                </header>
                {shown.length > 0 ? (
                  <RankingTable
                    view={view}
                    rows={shown}
                    columns={columns}
                    sort={sort}
                    onSort={(key) => setSort((s) => nextSort(s, key))}
                    caption={t('rank.tableLabel', { period: periodLabel })}
                  />
                ) : (
                  <p className="empty">{t('rank.noMatch')}</p>
                )}
              </section>
            </>
          ) : (
            <p className="empty card">{t('rank.noRanking')}</p>
          )}

          <UnrankedList rows={unranked} />
          <HowRankingWorks view={view} />
        </div>
      ) : null}
    </section>
  );
}
