import { sharesKnown } from '../shared/customers/coverage-shares';
import { Fragment } from 'react';
import type { RankingRow, RankingView, TierKey } from '../shared/api/contract';
import type { PracticeId } from '../shared/coaching/practice-definitions';
import type { PracticeComparison } from '../shared/coaching/types';
import { FUNNEL_STAGES, TIERS, type Band } from '../shared/domain/types';
import {
  formatCurrency,
  formatDate,
  formatDateTime,
  formatDecimal,
  formatInteger,
  formatKpiValue,
  formatList,
  formatPercent,
  formatPeriodLabel,
  formatScore,
} from '../shared/format/format';
import { translateNotice } from '../shared/i18n/translate';
import { KPI_BY_ID } from '../shared/kpi/kpi-definitions';
import { bandSpreadChart, coverageChart, effectSizeChart, teamFunnelChart } from './charts';
import { rankingOrder, ranks, reportNames, type Names } from './names';
import {
  BandPill,
  DataTable,
  DocumentHead,
  Facts,
  Figure,
  Missing,
  Note,
  Section,
  num,
} from './report-parts';
import {
  BANDS,
  TIER_KEYS,
  bandMovement,
  bandName,
  dataEndLabel,
  dataEndValue,
  joinClauses,
  kpiName,
  peerGroupKind,
  peerGroupLabel,
  practiceName,
  practiceValue,
  separationName,
  tierName,
  unavailableKpis,
  type ReportText,
} from './report-text';
import type { DirectorData } from './types';

/**
 * The director's report (issue #11): the team for the leadership meeting. The band spread and
 * the 3 × 3 matrix, the ranking of every ranked rep (landscape pages) and the not-ranked with
 * their reasons, what separates the top quartile here and what does not, coverage by customer
 * tier, funnel and forecast, and the latest saved team scenario with its reasons. Anonymised,
 * every person is "Rep n" by rank, in tables, cells and reasons alike.
 */

const COLUMN_PX = 680;
/** KPI columns the landscape ranking table has room for, after the bands and scores. */
const MAX_KPI_COLUMNS = 9;
const BANDS3 = ['top', 'middle', 'bottom'] as const;

export function directorNames(text: ReportText, data: DirectorData): Names {
  const extra = data.scenario
    ? [
        ...data.scenario.plan.placements.map((p) => ({ repId: p.repId, name: p.rep })),
        ...data.scenario.plan.notPlaced.map((p) => ({ repId: p.repId, name: p.rep })),
      ]
    : [];
  return reportNames(data.view, data.anonymise, (n) => text.t('report.repLabel', { n }), extra);
}

export function directorHeader(text: ReportText, data: DirectorData): string {
  const { t, locale } = text;
  const { view, context } = data;
  return [
    formatPeriodLabel(locale, view.period.id),
    peerGroupKind(text, view.settings.peerGroup),
    dataEndLabel(text, context.dataEnd),
    ...(data.anonymise ? [t('report.anonymisedShort')] : []),
  ].join(' · ');
}

function Spread({ text, view }: { text: ReportText; view: RankingView }) {
  const { t, locale } = text;
  const total = view.rows.length;
  return (
    <div className="columns">
      <DataTable
        name="spread"
        columns={[t('report.bands.band'), num(t('report.spread.reps')), num(t('report.spread.share'))]}
      >
        {BANDS.map((b) => (
          <tr key={b}>
            <th scope="row">
              <BandPill band={b} label={bandName(text, b)} />
            </th>
            <td className="num">{formatInteger(locale, view.bandCounts[b])}</td>
            <td className="num">{formatPercent(locale, total > 0 ? view.bandCounts[b] / total : null, 0)}</td>
          </tr>
        ))}
      </DataTable>
      <Figure svg={bandSpreadChart(text, view.bandCounts, 330)} label={t('report.spread.title')} />
    </div>
  );
}

function PeerGroups({ text, view }: { text: ReportText; view: RankingView }) {
  const { t, locale } = text;
  if (view.settings.peerGroup === 'company') return null;
  return (
    <DataTable
      name="peer-groups"
      columns={[
        t('report.facts.peerGroup'),
        num(t('report.spread.reps')),
        num(t('report.peer.ranked')),
        t('common.notes'),
      ]}
    >
      {view.peerGroups.map((g) => (
        <tr key={g.key ?? ''}>
          <th scope="row">{peerGroupLabel(text, view.settings.peerGroup, g.key)}</th>
          <td className="num">{formatInteger(locale, g.reps)}</td>
          <td className="num">{formatInteger(locale, g.ranked)}</td>
          <td>{g.smallGroup ? t('dash.smallGroupTitle') : ''}</td>
        </tr>
      ))}
    </DataTable>
  );
}

function Matrix({ text, view, names }: { text: ReportText; view: RankingView; names: Names }) {
  const { t, locale } = text;
  const byId = new Map(view.rows.map((r) => [r.repId, r]));
  const cell = (results: Band, activity: Band) =>
    view.matrix.find((c) => c.results === results && c.activity === activity)?.repIds ?? [];
  const inMatrix = view.matrix.reduce((n, c) => n + c.repIds.length, 0);
  return (
    <>
      <DataTable
        name="matrix"
        className="table matrix"
        columns={[
          <>
            {t('matrix.resultsAxis')} \ {t('matrix.activityAxis')}
          </>,
          ...BANDS3.map((a) => t('matrix.activityBand', { band: t(`band.${a}`) })),
        ]}
      >
        {BANDS3.map((r) => (
          <tr key={r}>
            <th scope="row">{t('matrix.resultsBand', { band: t(`band.${r}`) })}</th>
            {BANDS3.map((a) => {
              const ids = cell(r, a);
              const people = ids
                .map((id) => byId.get(id))
                .filter((x): x is RankingRow => x !== undefined)
                .map((x) => names.of(x.repId, x.rep));
              return (
                <td key={a} className={`matrix__cell matrix__cell--${r}-${a}`} data-cell={`${r}-${a}`}>
                  <p className="matrix__count">
                    {t('matrix.total', { count: formatInteger(locale, ids.length) })}
                  </p>
                  <p className="matrix__reading">{t(`matrix.reading.${r}.${a}`)}</p>
                  <p className="matrix__names">
                    {people.length > 0
                      ? // A name never breaks across lines; the list breaks between names.
                        people.map((name, i) => (
                          <Fragment key={i}>
                            <span className="nowrap">
                              {name}
                              {i < people.length - 1 ? ',' : ''}
                            </span>{' '}
                          </Fragment>
                        ))
                      : t('matrix.nobody')}
                  </p>
                </td>
              );
            })}
          </tr>
        ))}
      </DataTable>
      {view.rankedCount > inMatrix ? (
        <Note>{t('matrix.outside', { count: view.rankedCount - inMatrix })}</Note>
      ) : null}
    </>
  );
}

function RankingTable({ text, view, names }: { text: ReportText; view: RankingView; names: Names }) {
  const { t, locale } = text;
  const order = rankingOrder(view);
  const rankOf = ranks(order);
  const ranked = order.filter((r) => r.band !== 'unranked');
  const kpis = view.usedKpis.filter((id) => view.kpiAvailable[id]).slice(0, MAX_KPI_COLUMNS);
  const byPeer = view.settings.peerGroup !== 'company';
  if (ranked.length === 0) return <Missing>{t('report.ranking.none')}</Missing>;
  return (
    <>
      <DataTable
        name="ranking"
        className="table table--ranking"
        columns={[
          num(t('rank.col.rank')),
          t('rank.col.rep'),
          t('rank.col.team'),
          byPeer ? t('report.facts.peerGroup') : null,
          t('rank.col.band'),
          num(t('rank.col.composite')),
          t('rank.col.resultsBand'),
          num(t('report.ranking.resultsScore')),
          t('rank.col.activityBand'),
          num(t('report.ranking.activityScore')),
          t('rank.col.movement'),
          ...kpis.map((id) => num(kpiName(locale, id), 'num kpi-col')),
        ]}
      >
        {ranked.map((row) => (
          <tr key={row.repId} data-rep-row={row.repId}>
            <td className="num">{formatInteger(locale, rankOf.get(row.repId) ?? null)}</td>
            <th scope="row">{names.of(row.repId, row.rep)}</th>
            <td>{row.team ?? '—'}</td>
            {byPeer ? <td>{row.peerGroup ?? '—'}</td> : null}
            <td>
              <BandPill band={row.band} label={t(`band.short.${row.band}`)} />
            </td>
            <td className="num">{formatScore(locale, row.composite)}</td>
            <td>{t(`band.short.${row.resultsBand}`)}</td>
            <td className="num">{formatScore(locale, row.resultsScore)}</td>
            <td>{t(`band.short.${row.activityBand}`)}</td>
            <td className="num">{formatScore(locale, row.activityScore)}</td>
            <td className="nowrap">{bandMovement(text, row.band, row.previousBand)}</td>
            {kpis.map((id) => (
              <td className="num" key={id}>
                {formatKpiValue(locale, KPI_BY_ID.get(id)!.unit, row.values[id], view.currency)}
              </td>
            ))}
          </tr>
        ))}
      </DataTable>
      {view.usedKpis.length > kpis.length ? (
        <Note>{t('report.ranking.moreKpis', { count: view.usedKpis.length - kpis.length })}</Note>
      ) : null}
    </>
  );
}

function Unranked({ text, view, names }: { text: ReportText; view: RankingView; names: Names }) {
  const { t, locale } = text;
  const rows = rankingOrder(view).filter((r) => r.band === 'unranked');
  if (rows.length === 0) return <Note>{t('report.unranked.none')}</Note>;
  const detail = (row: RankingRow): string => {
    if (!row.unrankedDetail) return '';
    const params = {
      actual: formatInteger(locale, row.unrankedDetail.actual),
      min: formatInteger(locale, row.unrankedDetail.min),
    };
    return row.unrankedReason === 'too_few_active_days'
      ? t('unranked.detail.days', params)
      : row.unrankedReason === 'no_closed_deals'
        ? t('unranked.detail.deals', params)
        : t('unranked.detail.other', params);
  };
  return (
    <DataTable name="unranked" columns={[t('rank.col.rep'), t('rank.col.team'), t('report.unranked.reason')]}>
      {rows.map((row) => (
        <tr key={row.repId} data-rep-row={row.repId}>
          <th scope="row">{names.of(row.repId, row.rep)}</th>
          <td>{row.team ?? '—'}</td>
          <td>
            {row.unrankedReason ? t(`unranked.${row.unrankedReason}`) : t('band.unranked')}
            {row.unrankedDetail ? ` (${detail(row)})` : ''}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

function Practices({ text, data }: { text: ReportText; data: DirectorData }) {
  const { t, locale } = text;
  const { practices, view } = data;
  const currency = view.currency;
  const shown = practices.practices;
  if (shown.length === 0) return <Missing>{t('coaching.team.noPractices')}</Missing>;
  const separating = shown.filter(
    (p) => p.distinguishing || (p.separation === 'indicative' && (p.effectSize ?? 0) > 0),
  );
  const notSeparating = shown.filter((p) => p.separation === 'no_difference');
  const volume = shown
    .filter(
      (p) =>
        p.practice === 'activities_per_day' ||
        p.practice === 'calls_per_day' ||
        p.practice === 'emails_per_day',
    )
    .map((p) => p.practice);
  /** Practices by name in a sentence: "calls per day, meetings per week and win rate". */
  const list = (ids: readonly PracticeId[]): string =>
    formatList(
      locale,
      ids.map((id) => practiceName(locale, id)),
    );
  const row = (p: PracticeComparison) => (
    <tr key={p.practice} data-practice={p.practice}>
      <th scope="row">{practiceName(locale, p.practice)}</th>
      <td className="num">{practiceValue(locale, p.practice, p.topMedian, currency)}</td>
      <td className="num">{practiceValue(locale, p.practice, p.middleMedian, currency)}</td>
      <td className="num">{practiceValue(locale, p.practice, p.bottomMedian, currency)}</td>
      <td className="num">
        {p.ratioTopRest === null ? '—' : `${formatDecimal(locale, p.ratioTopRest, 2)}×`}
      </td>
      <td className="num">{formatDecimal(locale, p.effectSize, 2)}</td>
      <td className="num nowrap">
        {formatInteger(locale, p.nTop)} / {formatInteger(locale, p.nRest)}
      </td>
      <td>{separationName(text, p.separation, p.effectSize)}</td>
    </tr>
  );
  return (
    <>
      <Facts
        items={[
          { label: t('report.facts.topBy'), value: t(`report.topBy.${practices.topBy}`) },
          {
            label: t('coaching.team.countsLabel'),
            value: `${t('band.short.top')} ${formatInteger(locale, practices.counts.top)} · ${t('band.short.middle')} ${formatInteger(locale, practices.counts.middle)} · ${t('band.short.bottom')} ${formatInteger(locale, practices.counts.bottom)}`,
          },
          {
            label: t('coaching.team.distinguishingCount'),
            value: formatInteger(locale, shown.filter((p) => p.distinguishing).length),
          },
        ]}
      />
      {practices.tooFew ? (
        <Note>
          {t('coaching.team.tooFew', {
            top: practices.counts.top,
            rest: practices.counts.middle + practices.counts.bottom,
          })}
        </Note>
      ) : null}
      <p className="finding">
        {separating.length > 0
          ? t('report.practices.separating', {
              list: list(separating.map((p) => p.practice)),
            })
          : t('report.practices.noneSeparating')}
      </p>
      <p className="finding">
        {notSeparating.length > 0
          ? t('report.practices.notSeparating', {
              list: list(notSeparating.map((p) => p.practice)),
            })
          : t('report.practices.allSeparate')}
      </p>
      {!practices.volumeDistinguishes && volume.length > 0 ? (
        <p className="finding">{t('coaching.team.volumeNo', { practices: list(volume) })}</p>
      ) : practices.volumeDistinguishes ? (
        <p className="finding">{t('coaching.team.volumeYes')}</p>
      ) : null}
      <Figure
        svg={effectSizeChart(text, shown, COLUMN_PX)}
        label={t('coaching.team.chartAlt')}
        caption={t('coaching.team.chartLead')}
      />
      <DataTable
        name="practices"
        columns={[
          t('coaching.col.practice'),
          num(t('coaching.col.topMedian')),
          num(t('coaching.col.middleMedian')),
          num(t('coaching.col.bottomMedian')),
          num(t('coaching.col.ratio')),
          num(t('coaching.col.effect')),
          num(t('coaching.col.n')),
          t('coaching.col.separation'),
        ]}
      >
        {shown.map(row)}
      </DataTable>
      {practices.unavailable.length > 0 ? (
        <Missing>
          {t('report.practices.unavailable', {
            list: list(practices.unavailable),
          })}
        </Missing>
      ) : null}
    </>
  );
}

function Coverage({ text, view }: { text: ReportText; view: RankingView }) {
  const { t, locale } = text;
  const { tiers, coverage } = view;
  const empty = !sharesKnown(coverage.all.activities) && !sharesKnown(coverage.all.revenue);
  // A band with no activity (or revenue) to share out prints "—", not 0% in every tier.
  const share = (shares: Record<TierKey, number>, k: TierKey): string =>
    sharesKnown(shares) ? formatPercent(locale, shares[k], 0) : '—';
  return (
    <>
      <Facts
        items={[
          { label: t('tiers.title'), value: t(`tiers.method.${tiers.method}`) },
          {
            label: t('tiers.col.target'),
            value: tiers.target.map((k) => tierName(text, k)).join(', ') || '—',
          },
        ]}
      />
      {!tiers.available ? <Missing>{t('coverage.tiersUnavailable')}</Missing> : null}
      <DataTable
        name="tiers"
        columns={[
          t('tiers.col.tier'),
          num(t('tiers.col.accounts')),
          num(tiers.method === 'revenue' ? t('tiers.col.revenueShare') : t('tiers.col.scoreShare')),
        ]}
      >
        {TIERS.map((k) => (
          <tr key={k}>
            <th scope="row">{tierName(text, k)}</th>
            <td className="num">{formatInteger(locale, tiers.accounts[k])}</td>
            <td className="num">{formatPercent(locale, tiers.basisShare[k], 0)}</td>
          </tr>
        ))}
      </DataTable>
      {empty ? (
        <Missing>{t('coverage.empty')}</Missing>
      ) : (
        <>
          <DataTable
            name="coverage"
            columns={[
              t('report.bands.band'),
              t('report.coverage.measure'),
              ...TIER_KEYS.map((k) => num(tierName(text, k))),
            ]}
          >
            {[
              ...coverage.byBand.map((b) => ({
                label: t(`band.${b.band}`),
                activities: b.activities,
                revenue: b.revenue,
              })),
              { label: t('coverage.team'), ...coverage.all },
            ].flatMap((b) => [
              <tr key={`${b.label}-a`}>
                <th scope="row" rowSpan={2}>
                  {b.label}
                </th>
                <td>{t('coverage.activityShare')}</td>
                {TIER_KEYS.map((k) => (
                  <td className="num" key={k}>
                    {share(b.activities, k)}
                  </td>
                ))}
              </tr>,
              <tr key={`${b.label}-r`}>
                <td>{t('coverage.revenueShare')}</td>
                {TIER_KEYS.map((k) => (
                  <td className="num" key={k}>
                    {share(b.revenue, k)}
                  </td>
                ))}
              </tr>,
            ])}
          </DataTable>
          <Figure svg={coverageChart(text, coverage, COLUMN_PX)} label={t('coverage.chartAlt')} />
        </>
      )}
    </>
  );
}

function FunnelForecast({ text, view }: { text: ReportText; view: RankingView }) {
  const { t, locale } = text;
  const { funnel, forecast } = view;
  const currency = view.currency;
  const accuracy = forecast.accuracy;
  return (
    <>
      <h3>{t('funnel.title')}</h3>
      {funnel.reached[0] === 0 ? (
        <Missing>{t('funnel.empty')}</Missing>
      ) : (
        <div className="columns">
          <DataTable
            name="team-funnel"
            columns={[
              t('funnel.col.stage'),
              num(t('funnel.col.reached')),
              num(t('funnel.col.conversion')),
              num(t('funnel.col.open')),
              num(t('funnel.col.stalled')),
            ]}
          >
            {FUNNEL_STAGES.map((s, i) => (
              <tr key={s}>
                <th scope="row">{t(`funnel.${s}`)}</th>
                <td className="num">{formatInteger(locale, funnel.reached[i])}</td>
                <td className="num">{i === 0 ? '' : formatPercent(locale, funnel.conversion[i - 1], 0)}</td>
                <td className="num">{formatInteger(locale, funnel.open[i])}</td>
                <td className="num">{funnel.stalled ? formatInteger(locale, funnel.stalled[i]) : '—'}</td>
              </tr>
            ))}
          </DataTable>
          <Figure svg={teamFunnelChart(text, funnel, 320)} label={t('funnel.chartAlt')} />
        </div>
      )}
      {funnel.reached[0] > 0 ? (
        <Note>
          {t('funnel.wonLost', {
            won: formatInteger(locale, funnel.won),
            lost: formatInteger(locale, funnel.lost),
          })}{' '}
          ·{' '}
          {funnel.stalled
            ? t('funnel.col.stalledTitle', { days: funnel.stallDays })
            : t('funnel.stallUnknown')}
          {funnel.unstaged > 0 ? ` · ${t('funnel.unstaged', { count: funnel.unstaged })}` : ''}
        </Note>
      ) : null}

      <h3>{t('forecast.title', { period: formatPeriodLabel(locale, forecast.period.id) })}</h3>
      {forecast.deals === 0 ? (
        <Missing>{t('forecast.empty')}</Missing>
      ) : (
        <>
          <Facts
            items={[
              { label: t('forecast.weighted'), value: formatCurrency(locale, forecast.weighted, currency) },
              {
                label: t('forecast.open'),
                value: `${formatCurrency(locale, forecast.amount, currency)} · ${t('forecast.deals', { count: formatInteger(locale, forecast.deals) })}`,
              },
              {
                label: t('forecast.overdue'),
                value: `${formatCurrency(locale, forecast.overdue.amount, currency)} · ${t('forecast.deals', { count: formatInteger(locale, forecast.overdue.deals) })}`,
              },
            ]}
          />
          <DataTable
            name="forecast"
            columns={[
              t('funnel.col.stage'),
              num(t('forecast.col.deals')),
              num(t('forecast.col.amount')),
              num(t('forecast.col.probability')),
              num(t('forecast.col.weighted')),
            ]}
          >
            {forecast.byStage.map((s) => (
              <tr key={s.stage ?? 'none'}>
                <th scope="row">{s.stage ? t(`funnel.${s.stage}`) : t('forecast.noStage')}</th>
                <td className="num">{formatInteger(locale, s.deals)}</td>
                <td className="num">{formatCurrency(locale, s.amount, currency)}</td>
                <td className="num">{formatPercent(locale, s.probability, 0)}</td>
                <td className="num">{formatCurrency(locale, s.weighted, currency)}</td>
              </tr>
            ))}
          </DataTable>
          <Note>
            {forecast.usesExportedProbability
              ? t('forecast.exportedProbability')
              : t('forecast.defaultProbability')}
          </Note>
        </>
      )}

      <h3>{t('forecast.accuracy.title', { period: formatPeriodLabel(locale, view.period.id) })}</h3>
      {accuracy ? (
        <>
          <Facts
            items={[
              {
                label: t('forecast.accuracy.forecast', { date: formatDate(locale, accuracy.asOf) }),
                value: formatCurrency(locale, accuracy.forecast, currency),
              },
              {
                label: t('forecast.accuracy.actual'),
                value: `${formatCurrency(locale, accuracy.actual, currency)}${accuracy.ratio !== null ? ` · ${t('forecast.accuracy.ratio', { ratio: formatPercent(locale, accuracy.ratio, 0) })}` : ''}`,
              },
              {
                label: t('forecast.accuracy.accuracy'),
                value:
                  accuracy.accuracy === null
                    ? t('forecast.accuracy.noFigure')
                    : formatPercent(locale, accuracy.accuracy, 0),
              },
            ]}
          />
          <Note>
            {t('forecast.accuracy.coverage', {
              deals: accuracy.deals,
              won: accuracy.wonDeals,
              inForecast: accuracy.wonInForecast,
            })}
            {!accuracy.periodComplete ? ` ${t('forecast.accuracy.partial')}` : ''}
          </Note>
        </>
      ) : (
        <Missing>{t(`forecast.accuracy.${forecast.accuracyUnavailable ?? 'no_history'}`)}</Missing>
      )}
    </>
  );
}

function Scenario({ text, data, names }: { text: ReportText; data: DirectorData; names: Names }) {
  const { t, locale } = text;
  if (!data.scenario) return <Missing>{t('report.scenario.none')}</Missing>;
  const { scenario, plan } = data.scenario;
  const zh = locale === 'zh-CN';
  const byId = new Map(plan.placements.map((p) => [p.repId, p]));
  // A team named after its leader (who had no team) would print the name: anonymised, it is the alias.
  const team = (name: string): string => names.scrub(name);
  return (
    <>
      <p className="lead">
        {t('report.scenario.lead', {
          name: scenario.name,
          period: formatPeriodLabel(locale, scenario.period),
          date: formatDateTime(locale, scenario.savedAt),
        })}
      </p>
      {scenario.period !== data.view.period.id ? (
        <Note>
          {t('report.scenario.otherPeriod', { period: formatPeriodLabel(locale, scenario.period) })}
        </Note>
      ) : null}
      <Facts
        items={[
          { label: t('report.scenario.teams'), value: formatInteger(locale, plan.teams.length) },
          { label: t('report.scenario.moves'), value: formatInteger(locale, plan.objective.moves) },
          { label: t('report.scenario.benefit'), value: formatDecimal(locale, plan.objective.benefit, 1) },
          { label: t('report.scenario.placed'), value: formatInteger(locale, plan.placements.length) },
        ]}
      />
      {plan.notices.map((n, i) => (
        <Note key={i}>{names.scrub(translateNotice(locale, n))}</Note>
      ))}
      {plan.teams.map((team_) => {
        const leader = byId.get(team_.leaderId);
        return (
          <div className="team" key={team_.leaderId} data-team={team_.leaderId}>
            <h3>
              {team(team_.name)} ·{' '}
              {t('report.scenario.ledBy', { leader: names.of(team_.leaderId, team_.leader) })} ·{' '}
              {t('report.scenario.size', { count: team_.size })}
            </h3>
            <DataTable
              name="scenario-team"
              columns={[
                t('rank.col.rep'),
                t('report.bands.band'),
                t('report.scenario.from'),
                num(t('report.scenario.benefit')),
                t('report.scenario.reason'),
              ]}
            >
              {[leader, ...team_.members.map((id) => byId.get(id))]
                .filter((p) => p !== undefined)
                .map((p) => (
                  <tr key={p.repId} data-rep-row={p.repId}>
                    <th scope="row">
                      {names.of(p.repId, p.rep)}
                      {p.role === 'leader' ? (
                        <span className="marker"> {t('report.scenario.leader')}</span>
                      ) : null}
                    </th>
                    <td>{t(`band.short.${p.band}`)}</td>
                    <td>
                      {p.currentTeam ? team(p.currentTeam) : '—'}
                      {p.moved ? ` → ${team(p.proposedTeam)}` : ''}
                    </td>
                    <td className="num">{p.role === 'leader' ? '' : formatDecimal(locale, p.benefit, 1)}</td>
                    <td className="reason">{names.scrub(zh ? p.text.zh : p.text.en)}</td>
                  </tr>
                ))}
            </DataTable>
          </div>
        );
      })}
      {plan.notPlaced.length > 0 ? (
        <Note>
          {t('report.scenario.notPlaced')}{' '}
          {joinClauses(
            locale,
            plan.notPlaced.map(
              (p) =>
                `${names.of(p.repId, p.rep)} (${p.reason === 'not_in_scenario' ? t('report.scenario.notInScenario') : t(`unranked.${p.reason}`)})`,
            ),
          )}
        </Note>
      ) : null}
    </>
  );
}

/** The director's report as two parts: the portrait pages and the landscape ranking between them. */
export function DirectorReport({ text, data }: { text: ReportText; data: DirectorData }) {
  const { t, locale } = text;
  const { view, context } = data;
  const names = directorNames(text, data);
  return (
    <article className="document director" data-anonymised={data.anonymise ? 'true' : 'false'}>
      <DocumentHead
        kind={t('report.director.title')}
        title={formatPeriodLabel(locale, view.period.id)}
        facts={[
          { label: t('report.facts.workspace'), value: context.workspace },
          { label: t('report.facts.peerGroup'), value: peerGroupKind(text, view.settings.peerGroup) },
          { label: t('report.facts.dataEnd'), value: dataEndValue(text, context.dataEnd) },
          {
            label: t('report.director.ranked'),
            value: t('rank.peerCount', { ranked: view.rankedCount, reps: view.rows.length }),
          },
        ]}
      >
        {data.anonymise ? <p className="status status--proposed">{t('report.anonymised')}</p> : null}
        {view.partial ? <Note>{t('dash.partialTitle')}</Note> : null}
        {view.warnings.map((w, i) => (
          <Note key={i}>{names.scrub(translateNotice(locale, w))}</Note>
        ))}
      </DocumentHead>

      <Section id="spread" title={t('report.spread.title')} lead={t('report.spread.lead')}>
        <Spread text={text} view={view} />
        <PeerGroups text={text} view={view} />
      </Section>

      <Section id="matrix" title={t('matrix.title')} lead={t('matrix.definition')}>
        <Matrix text={text} view={view} names={names} />
      </Section>

      <div className="wide">
        <Section id="ranking" title={t('report.ranking.title')} lead={t('report.ranking.lead')}>
          <RankingTable text={text} view={view} names={names} />
          {Object.keys(view.kpiMissing).length > 0 ? (
            <Missing>
              {unavailableKpis(
                text,
                Object.keys(view.kpiMissing) as (keyof RankingView['kpiMissing'])[],
                view,
              )}
            </Missing>
          ) : null}
        </Section>
        <Section id="unranked" title={t('report.unranked.title', { count: view.bandCounts.unranked })}>
          <Unranked text={text} view={view} names={names} />
        </Section>
      </div>

      <Section
        id="practices"
        title={t('coaching.team.tableTitle')}
        lead={t('report.practices.lead')}
        className="section--break"
      >
        <Practices text={text} data={data} />
      </Section>

      <Section id="coverage" title={t('coverage.title')} lead={t('coverage.definition')}>
        <Coverage text={text} view={view} />
      </Section>

      <Section id="funnel-forecast" title={t('report.funnelForecast.title')}>
        <FunnelForecast text={text} view={view} />
      </Section>

      <Section id="scenario" title={t('report.scenario.title')} className="section--break">
        <Scenario text={text} data={data} names={names} />
      </Section>
    </article>
  );
}
