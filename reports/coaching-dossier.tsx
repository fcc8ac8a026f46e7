import type { RankingRow } from '../shared/api/contract';
import type { PracticeId } from '../shared/coaching/practice-definitions';
import type { CoachingGoal, RepCoachingView, SavedGoal, WorkBackRates } from '../shared/coaching/types';
import type { Band, UnrankedReason } from '../shared/domain/types';
import {
  formatCurrency,
  formatDate,
  formatDateTime,
  formatDecimal,
  formatInteger,
  formatKpiValue,
  formatNumber,
  formatPercent,
  formatPeriodLabel,
  formatScore,
} from '../shared/format/format';
import { KPI_DEFINITIONS } from '../shared/kpi/kpi-definitions';
import { benchmarkChart, funnelCompareChart } from './charts';
import { kpiBenchmarks } from './names';
import { BandPill, DataTable, DocumentHead, Figure, Missing, Note, Section, num } from './report-parts';
import {
  bandMovement,
  bandName,
  dataEndLabel,
  dataEndValue,
  funnelStepName,
  joinClauses,
  kpiName,
  metricName,
  metricValue,
  peerGroupLabel,
  practiceGap,
  practiceName,
  practiceValue,
  separationName,
  unavailableKpis,
  type ReportText,
} from './report-text';
import type { DossierData } from './types';

/**
 * The coaching dossier of one rep (issue #11): what a director takes into a one-to-one. Two to
 * four A4 pages: who and where they stand (bands, scores, movement), the KPIs against the top
 * quartile, the practice gaps, the funnel, the plan (as saved, or as proposed and marked so) with
 * the work-back, the improvement plan for the bottom band, the saved goals checked, the last
 * notes, and a place for both to sign. Every figure is the coaching screen's, from the same views.
 */

/** Chart width in CSS px: the text column of an A4 page with the report's margins. */
const COLUMN_PX = 680;
/** Notes printed: the conversation is about the latest; older ones are counted, not printed. */
const MAX_NOTES = 5;
const MAX_SAVED_PLANS = 3;

function scoreChange(text: ReportText, now: number | null, before: number | null): string {
  if (now === null || before === null) return '—';
  const d = now - before;
  return `${d > 0 ? '+' : ''}${formatDecimal(text.locale, d, 1)}`;
}

/** What every page of the dossier prints at its top right: who, which period, compared with whom, data to when. */
export function dossierHeader(text: ReportText, data: DossierData): string {
  const { t, locale } = text;
  const { coaching, view, context } = data;
  const row = view.rows.find((r) => r.repId === coaching.rep.repId);
  return [
    coaching.rep.name,
    coaching.rep.team ?? t('report.noTeam'),
    formatPeriodLabel(locale, view.period.id),
    peerGroupLabel(text, view.settings.peerGroup, row?.peerGroup ?? null),
    dataEndLabel(text, context.dataEnd),
  ].join(' · ');
}

function BandsTable({
  text,
  row,
  previous,
}: {
  text: ReportText;
  row: RankingRow;
  previous: RankingRow | null;
}) {
  const { t, locale } = text;
  const lines: {
    label: string;
    band: Band;
    score: number | null;
    prevBand: Band | null;
    prevScore: number | null;
  }[] = [
    {
      label: t('report.bands.composite'),
      band: row.band,
      score: row.composite,
      prevBand: previous?.band ?? null,
      prevScore: previous?.composite ?? null,
    },
    {
      label: t('report.bands.results'),
      band: row.resultsBand,
      score: row.resultsScore,
      prevBand: previous?.resultsBand ?? null,
      prevScore: previous?.resultsScore ?? null,
    },
    {
      label: t('report.bands.activity'),
      band: row.activityBand,
      score: row.activityScore,
      prevBand: previous?.activityBand ?? null,
      prevScore: previous?.activityScore ?? null,
    },
  ];
  return (
    <DataTable
      name="bands"
      className="table table--bands"
      columns={[
        t('report.bands.measure'),
        t('report.bands.band'),
        num(t('report.bands.score')),
        t('report.bands.previousBand'),
        num(t('report.bands.previousScore')),
        num(t('report.bands.change')),
        t('report.bands.movement'),
      ]}
    >
      {lines.map((l) => (
        <tr key={l.label}>
          <th scope="row">{l.label}</th>
          <td>
            <BandPill band={l.band} label={bandName(text, l.band)} />
          </td>
          <td className="num">{formatScore(locale, l.score)}</td>
          <td>{l.prevBand ? bandName(text, l.prevBand) : t('rank.previousNone')}</td>
          <td className="num">{formatScore(locale, l.prevScore)}</td>
          <td className="num">{scoreChange(text, l.score, l.prevScore)}</td>
          <td>{bandMovement(text, l.band, l.prevBand)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

function KpiTable({ text, data, row }: { text: ReportText; data: DossierData; row: RankingRow }) {
  const { t, locale } = text;
  const { view } = data;
  const benchmarks = kpiBenchmarks(view, data.topBy);
  const weighted = new Set(view.usedKpis);
  const available = KPI_DEFINITIONS.filter((d) => view.kpiAvailable[d.id]);
  const unavailable = KPI_DEFINITIONS.filter((d) => !view.kpiAvailable[d.id]);
  return (
    <>
      <DataTable
        name="kpis"
        className="table table--kpis"
        columns={[
          t('report.kpis.kpi'),
          num(t('report.kpis.rep')),
          num(t('report.kpis.benchmark')),
          num(t('report.kpis.percentile')),
          num(t('report.kpis.previous', { period: formatPeriodLabel(locale, view.previousPeriod.id) })),
        ]}
      >
        {available.map((d) => {
          const value = row.values[d.id];
          const percentile = row.percentiles[d.id];
          return (
            <tr key={d.id} data-kpi={d.id}>
              <th scope="row">
                {kpiName(locale, d.id)}
                {weighted.has(d.id) ? <span className="marker"> {t('report.kpis.weighted')}</span> : null}
              </th>
              <td className="num">
                {value === null ? t('common.na') : formatKpiValue(locale, d.unit, value, view.currency)}
              </td>
              <td className="num">{formatKpiValue(locale, d.unit, benchmarks[d.id], view.currency)}</td>
              <td className="num">{formatPercent(locale, percentile ?? null, 0)}</td>
              <td className="num">
                {formatKpiValue(locale, d.unit, row.previousValues[d.id] ?? null, view.currency)}
              </td>
            </tr>
          );
        })}
      </DataTable>
      {unavailable.length > 0 ? (
        <Missing>
          {unavailableKpis(
            text,
            unavailable.map((d) => d.id),
            view,
          )}
        </Missing>
      ) : null}
    </>
  );
}

/** What a section of the dossier is laid out from: the rep's coaching view, in the period's currency. */
interface SectionProps {
  text: ReportText;
  coaching: RepCoachingView;
  currency: string | null;
}

function GapsSection({ text, coaching, currency }: SectionProps) {
  const { t, locale } = text;
  const shown = coaching.gaps.filter((g) => g.value !== null || g.benchmark !== null);
  if (shown.length === 0) return <Missing>{t('report.gaps.none')}</Missing>;
  return (
    <>
      <Figure
        svg={benchmarkChart(text, shown, COLUMN_PX)}
        label={t('coaching.rep.chartAlt')}
        caption={t('coaching.rep.chartLead')}
      />
      <DataTable
        name="gaps"
        columns={[
          t('coaching.col.practice'),
          num(t('coaching.col.value')),
          num(t('coaching.col.benchmark')),
          num(t('coaching.col.gap')),
          num(t('coaching.col.gapPct')),
          num(t('coaching.col.percentile')),
          t('coaching.col.separation'),
        ]}
      >
        {shown.map((g) => (
          <tr key={g.practice} data-practice={g.practice}>
            <th scope="row">{practiceName(locale, g.practice)}</th>
            <td className="num">
              {g.value === null ? t('common.na') : practiceValue(locale, g.practice, g.value, currency)}
            </td>
            <td className="num">{practiceValue(locale, g.practice, g.benchmark, currency)}</td>
            <td className={`num${g.gap !== null && g.gap > 0 ? ' behind' : ''}`}>
              {practiceGap(text, g.practice, g.gap, currency)}
            </td>
            <td className="num">{formatPercent(locale, g.gapPct, 0)}</td>
            <td className="num">{formatPercent(locale, g.percentile, 0)}</td>
            <td>{separationName(text, g.separation, g.effectSize)}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

function FunnelSection({ text, coaching }: Omit<SectionProps, 'currency'>) {
  const { t, locale } = text;
  const { funnel } = coaching;
  if (funnel.reached[0] === 0) return <Missing>{t('report.funnel.noDeals')}</Missing>;
  return (
    <div className="columns">
      <DataTable
        name="funnel"
        columns={[
          t('coaching.funnel.step'),
          num(t('coaching.funnel.reached')),
          num(t('coaching.funnel.rep')),
          num(t('coaching.funnel.top')),
          num(t('coaching.funnel.difference')),
        ]}
      >
        {[0, 1, 2].map((i) => {
          const mine = funnel.conversion[i] ?? null;
          const top = funnel.topConversion[i] ?? null;
          const diff = mine !== null && top !== null ? (mine - top) * 100 : null;
          return (
            <tr key={i}>
              <th scope="row">{funnelStepName(text, i)}</th>
              <td className="num">{formatInteger(locale, funnel.reached[i + 1])}</td>
              <td className="num">{formatPercent(locale, mine, 0)}</td>
              <td className="num">{formatPercent(locale, top, 0)}</td>
              <td className="num">
                {diff === null
                  ? '—'
                  : t('coaching.points', {
                      value: `${diff > 0 ? '+' : ''}${formatDecimal(locale, diff, 0)}`,
                    })}
              </td>
            </tr>
          );
        })}
      </DataTable>
      <Figure svg={funnelCompareChart(text, funnel, 320)} label={t('coaching.funnel.title')} />
    </div>
  );
}

interface PlanLine {
  practice: PracticeId;
  current: number;
  target: number;
  benchmark: number | null;
  deadline: string;
  text: string;
}

function planLines(text: ReportText, coaching: RepCoachingView): { saved: string | null; lines: PlanLine[] } {
  const zh = text.locale === 'zh-CN';
  const savedPlan = coaching.savedPlans.find((s) => s.plan.period === coaching.period.id) ?? null;
  const benchmarkOf = (id: PracticeId): number | null =>
    coaching.gaps.find((g) => g.practice === id)?.benchmark ?? null;
  if (savedPlan) {
    return {
      saved: savedPlan.plan.savedAt,
      lines: savedPlan.plan.goals.map((g: SavedGoal) => ({
        practice: g.practice,
        current: g.baseline,
        target: g.target,
        benchmark: benchmarkOf(g.practice),
        deadline: g.deadline,
        text: zh ? g.text.zh : g.text.en,
      })),
    };
  }
  return {
    saved: null,
    lines: coaching.plan.goals.map((g: CoachingGoal) => ({
      practice: g.practice,
      current: g.current,
      target: g.target,
      benchmark: g.benchmark,
      deadline: g.deadline,
      text: zh ? g.text.zh : g.text.en,
    })),
  };
}

function PlanSection({ text, coaching, currency }: SectionProps) {
  const { t, locale } = text;
  const { plan } = coaching;
  const { saved, lines } = planLines(text, coaching);
  return (
    <>
      <p
        className={`status ${saved ? 'status--saved' : 'status--proposed'}`}
        data-plan-status={saved ? 'saved' : 'proposed'}
      >
        {saved ? t('report.plan.saved', { date: formatDateTime(locale, saved) }) : t('report.plan.proposed')}
      </p>
      {plan.shortReason && !saved ? <Note>{t(`coaching.plan.short.${plan.shortReason}`)}</Note> : null}
      {lines.length === 0 ? (
        <Missing>{t('coaching.plan.noGoals')}</Missing>
      ) : (
        <>
          <DataTable
            name="goals"
            className="table"
            columns={[
              t('rank.col.rank'),
              t('coaching.col.practice'),
              num(t('coaching.goal.current')),
              num(t('coaching.goal.target')),
              num(t('coaching.goal.benchmark')),
              t('coaching.goal.deadline'),
            ]}
          >
            {lines.map((g, i) => (
              <tr key={g.practice} data-goal={g.practice}>
                <td>{i + 1}</td>
                <th scope="row">{practiceName(locale, g.practice)}</th>
                <td className="num">{practiceValue(locale, g.practice, g.current, currency)}</td>
                <td className="num">
                  <strong>{practiceValue(locale, g.practice, g.target, currency)}</strong>
                </td>
                <td className="num">{practiceValue(locale, g.practice, g.benchmark, currency)}</td>
                <td className="nowrap">{formatDate(locale, g.deadline)}</td>
              </tr>
            ))}
          </DataTable>
          <ol className="goal-texts">
            {lines.map((g) => (
              <li key={g.practice}>{g.text}</li>
            ))}
          </ol>
          {!saved ? (
            <Note>
              {t('coaching.plan.time', {
                minutes: formatInteger(locale, plan.time.minutesPerWeek),
                budget: formatInteger(locale, plan.time.budgetMinutesPerWeek),
              })}
            </Note>
          ) : null}
          {!saved && plan.conflicts.length > 0 ? (
            <Note>
              {t('coaching.plan.conflictsTitle')}:{' '}
              {joinClauses(
                locale,
                plan.conflicts.map((c) =>
                  c.reason === 'overlap' && c.with
                    ? t('coaching.plan.conflictOverlap', {
                        practice: practiceName(locale, c.practice),
                        other: practiceName(locale, c.with),
                      })
                    : t('coaching.plan.conflictTime', { practice: practiceName(locale, c.practice) }),
                ),
              )}
            </Note>
          ) : null}
        </>
      )}
    </>
  );
}

type PerWeekKey = keyof WorkBackRates['perWeek'];
const PER_WEEK: readonly PerWeekKey[] = ['deals', 'prospects', 'activities', 'meetings', 'calls'];

function WorkBackSection({ text, coaching, currency }: SectionProps) {
  const { t, locale } = text;
  const wb = coaching.plan.workBack;
  if (wb.targetSource === 'none' || wb.target === null)
    return <Missing>{t('coaching.work.noTarget')}</Missing>;
  return (
    <>
      <p className="target">
        <strong>{formatCurrency(locale, wb.target, currency)}</strong>{' '}
        {t(`coaching.work.source.${wb.targetSource}`)} ·{' '}
        {t('coaching.work.weeks', {
          period: formatPeriodLabel(locale, wb.period.id),
          weeks: formatDecimal(locale, wb.weeks, 1),
        })}
      </p>
      <DataTable
        name="work-back"
        columns={[
          t('coaching.work.col.need'),
          num(t('coaching.work.col.rep')),
          num(t('coaching.work.col.top')),
        ]}
      >
        {PER_WEEK.map((key) => (
          <tr key={key}>
            <th scope="row">{t(`coaching.work.${key}`)}</th>
            <td className="num">{formatNumber(locale, wb.rep.perWeek[key], 1)}</td>
            <td className="num">{formatNumber(locale, wb.top.perWeek[key], 1)}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">{t('report.work.winRate')}</th>
          <td className="num">{formatPercent(locale, wb.rep.winRate, 0)}</td>
          <td className="num">{formatPercent(locale, wb.top.winRate, 0)}</td>
        </tr>
        <tr>
          <th scope="row">{t('coaching.work.avgDealSize')}</th>
          <td className="num">{formatCurrency(locale, wb.rep.avgDealSize, currency)}</td>
          <td className="num">{formatCurrency(locale, wb.top.avgDealSize, currency)}</td>
        </tr>
        <tr>
          <th scope="row">{t('coaching.work.repeat')}</th>
          <td className="num">{formatDecimal(locale, wb.rep.repeatPurchases, 2)}</td>
          <td className="num">{formatDecimal(locale, wb.top.repeatPurchases, 2)}</td>
        </tr>
      </DataTable>
      <Note>{t('coaching.work.legend')}</Note>
    </>
  );
}

function ImprovementSection({ text, coaching, currency }: SectionProps) {
  const { t, locale } = text;
  const plan = coaching.plan.improvementPlan;
  if (!plan) return null;
  return (
    <Section id="improvement" title={t('coaching.improve.title')} className="section--warning">
      <p className="status status--warning">
        {t('coaching.improve.review', { date: formatDate(locale, plan.reviewDate) })}
      </p>
      {plan.compositeThreshold !== null ? (
        <Note>
          {t('coaching.improve.composite', { score: formatScore(locale, plan.compositeThreshold) })}
        </Note>
      ) : null}
      {plan.thresholds.length > 0 ? (
        <DataTable
          name="thresholds"
          columns={[
            t('coaching.improve.metric'),
            num(t('coaching.improve.current')),
            num(t('coaching.improve.threshold')),
          ]}
        >
          {plan.thresholds.map((row) => (
            <tr key={row.metric}>
              <th scope="row">{metricName(locale, row.metric)}</th>
              <td className="num">{metricValue(locale, row.metric, row.current, currency)}</td>
              <td className="num">
                <strong>{metricValue(locale, row.metric, row.threshold, currency)}</strong>
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {plan.evidence.weakKpis.length > 0 ? (
        <Note>
          {t('coaching.improve.weakKpis')}{' '}
          {joinClauses(
            locale,
            plan.evidence.weakKpis.map(
              (k) =>
                `${metricName(locale, k.kpi)} ${metricValue(locale, k.kpi, k.value, currency)} (${t(
                  'coaching.improve.percentile',
                  { percentile: formatPercent(locale, k.percentile, 0) },
                )})`,
            ),
          )}
        </Note>
      ) : null}
    </Section>
  );
}

function SavedPlansSection({ text, coaching, currency }: SectionProps) {
  const { t, locale } = text;
  const plans = coaching.savedPlans.slice(0, MAX_SAVED_PLANS);
  if (plans.length === 0) return <Missing>{t('coaching.saved.empty')}</Missing>;
  return (
    <>
      {plans.map(({ plan, checks }) => (
        <div key={plan.planId} className="saved-plan">
          <p className="subheading">
            {t('coaching.saved.from', { period: formatPeriodLabel(locale, plan.period) })} ·{' '}
            {t('coaching.saved.savedAt', { date: formatDateTime(locale, plan.savedAt) })}
          </p>
          <DataTable
            name="saved-goals"
            columns={[
              t('coaching.col.practice'),
              num(t('coaching.saved.baseline')),
              num(t('coaching.goal.target')),
              num(t('coaching.saved.actual')),
              t('coaching.goal.deadline'),
              t('coaching.saved.status'),
            ]}
          >
            {plan.goals.map((goal, i) => {
              const check = checks.find((c) => c.practice === goal.practice) ?? checks[i];
              const status = check?.status ?? 'pending';
              return (
                <tr key={goal.practice}>
                  <th scope="row">{practiceName(locale, goal.practice)}</th>
                  <td className="num">{practiceValue(locale, goal.practice, goal.baseline, currency)}</td>
                  <td className="num">{practiceValue(locale, goal.practice, goal.target, currency)}</td>
                  <td className="num">
                    {practiceValue(locale, goal.practice, check?.actual ?? null, currency)}
                  </td>
                  <td className="nowrap">
                    {formatDate(locale, goal.deadline)} ({formatPeriodLabel(locale, goal.period)})
                  </td>
                  <td>
                    <span className={`check check--${status}`}>{t(`coaching.status.${status}`)}</span>
                  </td>
                </tr>
              );
            })}
          </DataTable>
        </div>
      ))}
      {coaching.savedPlans.length > plans.length ? (
        <Note>{t('report.saved.more', { count: coaching.savedPlans.length - plans.length })}</Note>
      ) : null}
    </>
  );
}

function NotesSection({ text, coaching }: Omit<SectionProps, 'currency'>) {
  const { t, locale } = text;
  const sorted = [...coaching.notes].sort(
    (a, b) => b.createdAt.localeCompare(a.createdAt) || b.noteId - a.noteId,
  );
  if (sorted.length === 0) return <Missing>{t('coaching.notes.empty')}</Missing>;
  const shown = sorted.slice(0, MAX_NOTES);
  return (
    <>
      <ul className="notes">
        {shown.map((note) => (
          <li key={note.noteId}>
            <p className="notes__meta">
              {formatDateTime(locale, note.createdAt)}
              {note.period ? ` · ${formatPeriodLabel(locale, note.period)}` : ''}
            </p>
            <p className="notes__text">{note.text}</p>
          </li>
        ))}
      </ul>
      {sorted.length > shown.length ? (
        <Note>{t('report.notes.more', { count: sorted.length - shown.length })}</Note>
      ) : null}
    </>
  );
}

function Signatures({ text, name }: { text: ReportText; name: string }) {
  const { t } = text;
  return (
    <section className="signatures" data-section="signatures">
      <p className="lead">{t('report.sign.lead')}</p>
      <div className="signatures__row">
        {[`${t('report.sign.rep')}: ${name}`, t('report.sign.manager')].map((who) => (
          <div key={who} className="signature">
            <div className="signature__line" />
            <p>
              {who} · {t('report.sign.signature')}
            </p>
            <div className="signature__line signature__line--date" />
            <p>{t('report.sign.date')}</p>
          </div>
        ))}
      </div>
    </section>
  );
}

export function CoachingDossier({ text, data }: { text: ReportText; data: DossierData }) {
  const { t, locale } = text;
  const { coaching, view, previous, context } = data;
  const row = view.rows.find((r) => r.repId === coaching.rep.repId);
  const previousRow = previous.rows.find((r) => r.repId === coaching.rep.repId) ?? null;
  const currency = view.currency;
  const topBy = t(`report.topBy.${data.topBy}`);
  return (
    <article className="document dossier" data-rep={coaching.rep.name} data-rep-id={coaching.rep.repId}>
      <DocumentHead
        kind={t('report.dossier.title')}
        title={coaching.rep.name}
        facts={[
          { label: t('report.facts.team'), value: coaching.rep.team ?? t('report.noTeam') },
          { label: t('report.facts.period'), value: formatPeriodLabel(locale, view.period.id) },
          {
            label: t('report.facts.peerGroup'),
            value: peerGroupLabel(text, view.settings.peerGroup, row?.peerGroup ?? null),
          },
          { label: t('report.facts.dataEnd'), value: dataEndValue(text, context.dataEnd) },
          { label: t('report.facts.topBy'), value: topBy },
        ]}
      >
        {view.partial ? <Note>{t('dash.partialTitle')}</Note> : null}
      </DocumentHead>

      <Section
        id="bands"
        title={t('report.bands.title')}
        lead={t('report.bands.lead', { period: formatPeriodLabel(locale, view.previousPeriod.id) })}
      >
        {row ? (
          <BandsTable text={text} row={row} previous={previousRow} />
        ) : (
          <Missing>{t('report.noRow')}</Missing>
        )}
        {coaching.rep.unrankedReason ? (
          <Note>{t(`unranked.${coaching.rep.unrankedReason as UnrankedReason}`)}</Note>
        ) : null}
      </Section>

      <Section id="kpis" title={t('report.kpis.title')} lead={t('report.kpis.lead', { topBy })}>
        {row ? <KpiTable text={text} data={data} row={row} /> : <Missing>{t('report.noRow')}</Missing>}
      </Section>

      <Section id="gaps" title={t('coaching.rep.gapsTitle')} lead={t('coaching.rep.gapsDefinition')}>
        <GapsSection text={text} coaching={coaching} currency={currency} />
      </Section>

      <Section id="funnel" title={t('coaching.funnel.title')} lead={t('coaching.funnel.definition')}>
        <FunnelSection text={text} coaching={coaching} />
      </Section>

      <Section
        id="plan"
        title={t('coaching.plan.title', { period: formatPeriodLabel(locale, coaching.plan.next.id) })}
        className="section--plan"
      >
        <PlanSection text={text} coaching={coaching} currency={currency} />
      </Section>

      <Section id="work-back" title={t('coaching.work.title')} lead={t('report.work.lead')}>
        <WorkBackSection text={text} coaching={coaching} currency={currency} />
      </Section>

      <ImprovementSection text={text} coaching={coaching} currency={currency} />

      <Section id="saved-plans" title={t('coaching.saved.title')} lead={t('report.saved.lead')}>
        <SavedPlansSection text={text} coaching={coaching} currency={currency} />
      </Section>

      <Section id="notes" title={t('coaching.notes.title')}>
        <NotesSection text={text} coaching={coaching} />
      </Section>

      <Signatures text={text} name={coaching.rep.name} />
    </article>
  );
}
