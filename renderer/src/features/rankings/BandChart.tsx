import { useEffect, useMemo, useRef, useState } from 'react';
import type { RankingRow } from '../../../../shared/api/contract';
import type { Band } from '../../../../shared/domain/types';
import { formatInteger, formatScore } from '../../../../shared/format/format';
import type { Locale } from '../../../../shared/i18n/locale';
import { useI18n, type Translate } from '../../i18n/i18n';
import { bandName } from '../../i18n/domain-text';
import { BAND_ORDER, bandsByTeam } from '../../analysis/ranking-model';
import { BAND_COLORS, CHART_FONT } from '../../ui/charts/band-colors';
import { AXIS_TEXT, GRID_LINE, TOOLTIP, richSafe, topLegend } from '../../ui/charts/chart-style';
import { init, type ChartOption, type EChartsType } from '../../ui/charts/echarts-setup';

type View = 'teams' | 'scores';

interface Props {
  /** Ranked reps, or every rep with `withUnranked`. */
  rows: readonly RankingRow[];
  /** Also count the reps not ranked, as a fourth (grey) part of each team's bar. */
  withUnranked?: boolean;
}

function teamLabel(t: Translate, team: string | null): string {
  return team ?? t('rank.noTeam');
}

function teamsOption(
  locale: Locale,
  t: Translate,
  rows: readonly RankingRow[],
  bands: readonly Band[],
): ChartOption {
  // Category axes draw bottom-up: reverse so the first team (by name) is on top.
  const data = bandsByTeam(rows).reverse();
  return {
    textStyle: { fontFamily: CHART_FONT },
    animationDuration: 400,
    grid: { left: 8, right: 24, top: 36, bottom: 28, containLabel: true },
    legend: topLegend(bands.map((b) => bandName(locale, b))),
    tooltip: {
      ...TOOLTIP,
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v) => formatInteger(locale, typeof v === 'number' ? v : Number(v)),
    },
    xAxis: {
      type: 'value',
      minInterval: 1,
      name: t('rank.chartReps'),
      nameLocation: 'middle',
      nameGap: 26,
      nameTextStyle: { color: AXIS_TEXT },
      axisLabel: { color: AXIS_TEXT, formatter: (v: number) => formatInteger(locale, v) },
      splitLine: { lineStyle: { color: GRID_LINE } },
    },
    yAxis: {
      type: 'category',
      data: data.map((d) => teamLabel(t, d.team)),
      axisLabel: { color: AXIS_TEXT, width: 160, overflow: 'truncate' },
      axisTick: { show: false },
      axisLine: { lineStyle: { color: GRID_LINE } },
    },
    series: bands.map((band) => ({
      type: 'bar' as const,
      name: bandName(locale, band),
      stack: 'bands',
      barMaxWidth: 26,
      itemStyle: { color: BAND_COLORS[band], borderColor: '#fff', borderWidth: 1 },
      label: {
        show: true,
        color: '#fff',
        fontWeight: 600,
        formatter: (p: { value: unknown }) =>
          Number(p.value) > 0 ? formatInteger(locale, Number(p.value)) : '',
      },
      emphasis: { focus: 'series' as const },
      data: data.map((d) => d.counts[band]),
    })),
  };
}

function scoresOption(locale: Locale, t: Translate, rows: readonly RankingRow[]): ChartOption {
  const teams = bandsByTeam(rows)
    .map((d) => d.team)
    .reverse();
  const labels = teams.map((team) => teamLabel(t, team));
  return {
    textStyle: { fontFamily: CHART_FONT },
    animationDuration: 400,
    grid: { left: 8, right: 24, top: 36, bottom: 28, containLabel: true },
    legend: topLegend(BAND_ORDER.map((b) => bandName(locale, b))),
    tooltip: {
      ...TOOLTIP,
      trigger: 'item',
      formatter: (p) => {
        const item = (Array.isArray(p) ? p[0] : p) as { name?: string; value?: unknown } | undefined;
        const value = Array.isArray(item?.value) ? (item.value as unknown[]) : [];
        return `{name|${richSafe(item?.name ?? '')}}\n${richSafe(typeof value[1] === 'string' ? value[1] : '')} · ${formatScore(
          locale,
          Number(value[0]),
        )}`;
      },
    },
    xAxis: {
      type: 'value',
      min: 0,
      max: 100,
      interval: 25,
      name: t('rank.chartScore'),
      nameLocation: 'middle',
      nameGap: 26,
      nameTextStyle: { color: AXIS_TEXT },
      axisLabel: { color: AXIS_TEXT },
      splitLine: { lineStyle: { color: GRID_LINE } },
    },
    yAxis: {
      type: 'category',
      data: labels,
      axisLabel: { color: AXIS_TEXT, width: 160, overflow: 'truncate' },
      axisTick: { show: false },
      axisLine: { lineStyle: { color: GRID_LINE } },
      splitLine: { show: true, lineStyle: { color: '#f1f4f8' } },
    },
    series: BAND_ORDER.map((band) => ({
      type: 'scatter' as const,
      name: bandName(locale, band),
      symbolSize: 13,
      itemStyle: { color: BAND_COLORS[band], opacity: 0.85, borderColor: '#fff', borderWidth: 1 },
      emphasis: { scale: 1.4 },
      data: rows
        .filter((r) => r.band === band && r.composite !== null)
        .map((r) => ({ name: r.rep, value: [r.composite as number, teamLabel(t, r.team ?? null)] })),
    })),
  };
}

/** How the ranked reps spread across the bands: per team, or every rep's score on one axis. */
export default function BandChart({ rows, withUnranked = false }: Props) {
  const { t, locale } = useI18n();
  const [view, setView] = useState<View>('teams');
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const teamCount = useMemo(() => bandsByTeam(rows).length, [rows]);
  const height = Math.max(200, teamCount * 40 + 90);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const instance = init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const bands: readonly Band[] = withUnranked ? [...BAND_ORDER, 'unranked'] : BAND_ORDER;
    const option = view === 'teams' ? teamsOption(locale, t, rows, bands) : scoresOption(locale, t, rows);
    chart.current?.setOption(option, { notMerge: true });
    chart.current?.resize();
  }, [view, rows, locale, t, height, withUnranked]);

  return (
    <section className="card chart-card" aria-labelledby="band-chart-title">
      <header className="card__header">
        <h2 id="band-chart-title" className="card__title">
          {t('rank.chartTitle')}
        </h2>
        <div className="segmented segmented--small" role="group" aria-label={t('rank.chartViewLabel')}>
          <button
            type="button"
            className="segmented__option"
            aria-pressed={view === 'teams'}
            onClick={() => setView('teams')}
            data-testid="chart-view-teams"
          >
            {t('rank.chartByTeam')}
          </button>
          <button
            type="button"
            className="segmented__option"
            aria-pressed={view === 'scores'}
            onClick={() => setView('scores')}
            data-testid="chart-view-scores"
          >
            {t('rank.chartScores')}
          </button>
        </div>
      </header>
      <div
        ref={container}
        className="chart"
        style={{ height }}
        role="img"
        aria-label={t('rank.chartAlt')}
        data-testid="band-chart"
        data-view={view}
      />
    </section>
  );
}
