import { useMemo } from 'react';
import type {
  CoverageView,
  FunnelView,
  TierKey,
  TierShares,
  TrendView,
} from '../../../../shared/api/contract';
import { FUNNEL_STAGES } from '../../../../shared/domain/types';
import {
  formatCompact,
  formatCurrency,
  formatDecimal,
  formatInteger,
  formatNumber,
  formatPercent,
  formatPeriodLabel,
} from '../../../../shared/format/format';
import type { Locale } from '../../../../shared/i18n/locale';
import { useI18n, type Translate } from '../../i18n/i18n';
import { bandName } from '../../i18n/domain-text';
import {
  ACCENT,
  AXIS_TEXT,
  CHART_FONT,
  GRID_LINE,
  TIER_COLORS,
  TOOLTIP,
  richSafe,
  topLegend,
} from '../../ui/charts/chart-style';
import type { ChartOption } from '../../ui/charts/echarts-setup';
import { useEChart } from '../../ui/charts/use-echart';

/**
 * The dashboard's charts, in one lazily loaded module (with ECharts). Each draws on a canvas;
 * the figures behind every chart are also in the card around it as text, for hover definitions,
 * screen readers and tests.
 */

export const TIER_KEYS: readonly TierKey[] = ['A', 'B', 'C', 'D', 'none'];

export function tierLabel(t: Translate, key: TierKey): string {
  return key === 'none' ? t('tiers.none') : t('tiers.tier', { tier: key });
}

// ---- Coverage alignment by tier ----

function coverageOption(
  locale: Locale,
  t: Translate,
  coverage: CoverageView,
  withActivity: boolean,
): ChartOption {
  const rows: { label: string; reps: number | null; activities: TierShares; revenue: TierShares }[] = [
    {
      label: t('coverage.team'),
      reps: null,
      activities: coverage.all.activities,
      revenue: coverage.all.revenue,
    },
    ...coverage.byBand.map((b) => ({
      label: bandName(locale, b.band),
      reps: b.reps,
      activities: b.activities,
      revenue: b.revenue,
    })),
  ];
  const labels = rows.map((r) => r.label);
  const parts = [
    ...(withActivity ? [{ key: 'activities' as const, title: t('coverage.activityShare') }] : []),
    { key: 'revenue' as const, title: t('coverage.revenueShare') },
  ];
  const grids =
    parts.length === 2
      ? [
          { left: 8, width: '42%', top: 56, bottom: 8, containLabel: true },
          { left: '54%', right: 12, top: 56, bottom: 8, containLabel: true },
        ]
      : [{ left: 8, right: 12, top: 56, bottom: 8, containLabel: true }];
  return {
    textStyle: { fontFamily: CHART_FONT },
    animationDuration: 400,
    title: parts.map((p, i) => ({
      text: p.title,
      left: parts.length === 1 ? 'center' : i === 0 ? '14%' : '58%',
      top: 28,
      textStyle: { fontSize: 12, fontWeight: 600, color: AXIS_TEXT },
    })),
    legend: topLegend(TIER_KEYS.map((k) => tierLabel(t, k))),
    tooltip: {
      ...TOOLTIP,
      trigger: 'item',
      formatter: (p) => {
        const item = (Array.isArray(p) ? p[0] : p) as
          { seriesName?: string; name?: string; value?: unknown; seriesIndex?: number } | undefined;
        const part = parts[(item?.seriesIndex ?? 0) % parts.length]!;
        return `{name|${richSafe(item?.name ?? '')}}\n${richSafe(item?.seriesName ?? '')}: ${formatPercent(
          locale,
          Number(item?.value) / 100,
          1,
        )} {muted|${richSafe(part.title)}}`;
      },
    },
    grid: grids,
    xAxis: parts.map((_, i) => ({
      type: 'value' as const,
      gridIndex: i,
      min: 0,
      max: 100,
      interval: 25,
      axisLabel: { color: AXIS_TEXT, formatter: (v: number) => formatPercent(locale, v / 100, 0) },
      splitLine: { lineStyle: { color: GRID_LINE } },
    })),
    yAxis: parts.map((_, i) => ({
      type: 'category' as const,
      gridIndex: i,
      inverse: true,
      data: labels,
      axisLabel: { color: AXIS_TEXT, show: i === 0, width: 110, overflow: 'truncate' as const },
      axisTick: { show: false },
      axisLine: { lineStyle: { color: GRID_LINE } },
    })),
    series: TIER_KEYS.flatMap((tier) =>
      parts.map((part, i) => ({
        type: 'bar' as const,
        name: tierLabel(t, tier),
        stack: part.key,
        xAxisIndex: i,
        yAxisIndex: i,
        barMaxWidth: 22,
        itemStyle: { color: TIER_COLORS[tier], borderColor: '#fff', borderWidth: 1 },
        label: {
          show: true,
          color: tier === 'C' || tier === 'none' ? '#1c2433' : '#fff',
          fontSize: 11,
          formatter: (p: { value: unknown }) =>
            Number(p.value) >= 14 ? formatPercent(locale, Number(p.value) / 100, 0) : '',
        },
        data: rows.map((r) => Math.round(r[part.key][tier] * 1000) / 10),
      })),
    ),
  };
}

export function CoverageChart({ coverage, withActivity }: { coverage: CoverageView; withActivity: boolean }) {
  const { t, locale } = useI18n();
  const option = useMemo(
    () => coverageOption(locale, t, coverage, withActivity),
    [locale, t, coverage, withActivity],
  );
  const ref = useEChart(option);
  return (
    <div
      ref={ref}
      className="chart chart--coverage"
      role="img"
      aria-label={t('coverage.chartAlt')}
      data-testid="coverage-chart"
    />
  );
}

// ---- Funnel ----

function funnelOption(locale: Locale, t: Translate, funnel: FunnelView): ChartOption {
  const colors = ['#9db7ee', '#6f93e2', '#3f6fd8', '#1f9d6b'];
  return {
    textStyle: { fontFamily: CHART_FONT },
    animationDuration: 400,
    tooltip: {
      ...TOOLTIP,
      trigger: 'item',
      formatter: (p) => {
        const item = (Array.isArray(p) ? p[0] : p) as { name?: string; value?: unknown; dataIndex?: number };
        const i = item.dataIndex ?? 0;
        const conv = i > 0 ? funnel.conversion[i - 1] : null;
        const lines = [
          `{name|${richSafe(item.name ?? '')}}`,
          t('funnel.reachedLine', { count: formatInteger(locale, Number(item.value)) }),
        ];
        if (i > 0) lines.push(t('funnel.conversionLine', { share: formatPercent(locale, conv ?? null, 0) }));
        return lines.join('\n');
      },
    },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: 8,
        width: '52%',
        top: 6,
        bottom: 6,
        minSize: '22%',
        maxSize: '100%',
        gap: 3,
        label: {
          show: true,
          position: 'right',
          color: '#1c2433',
          fontSize: 12.5,
          formatter: (p: { name?: string; value?: unknown; dataIndex?: number }) => {
            const i = p.dataIndex ?? 0;
            const conv = i > 0 ? funnel.conversion[i - 1] : null;
            const head = `{name|${richSafe(p.name ?? '')}}  ${formatInteger(locale, Number(p.value))}`;
            return i > 0
              ? `${head}\n{muted|${t('funnel.conversionLine', { share: formatPercent(locale, conv ?? null, 0) })}}`
              : head;
          },
          rich: { name: { fontWeight: 650, color: '#1c2433' }, muted: { color: '#6b7789', fontSize: 11.5 } },
        },
        labelLine: { show: true, length: 14, lineStyle: { color: '#cfd7e2' } },
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
        data: FUNNEL_STAGES.map((stage, i) => ({
          name: t(`funnel.${stage}`),
          value: funnel.reached[i] ?? 0,
          itemStyle: { color: colors[i] },
        })),
      },
    ],
  };
}

export function FunnelChart({ funnel }: { funnel: FunnelView }) {
  const { t, locale } = useI18n();
  const option = useMemo(() => funnelOption(locale, t, funnel), [locale, t, funnel]);
  const ref = useEChart(option);
  return (
    <div
      ref={ref}
      className="chart chart--funnel"
      role="img"
      aria-label={t('funnel.chartAlt')}
      data-testid="funnel-chart"
    />
  );
}

// ---- Trend: small multiples of the team's headline figures ----

interface TrendPanel {
  title: string;
  values: (number | null)[];
  format: (v: number | null) => string;
  axis: (v: number) => string;
  bar?: boolean;
  /** A share: the axis stays within 0..100% (a median win rate cannot be 120%). */
  share?: boolean;
}

/** The trend from the first period with data: a ranked rep or any team figure. */
export function withoutEmptyStart(trend: TrendView): TrendView {
  const t = trend.team;
  const hasData = (i: number): boolean =>
    (t.rankedReps[i] ?? 0) > 0 ||
    [t.wonRevenue, t.dealsWon, t.medianWinRate, t.medianCallsPerDay, t.medianQualityContactsPerWeek].some(
      (series) => series[i] !== null && series[i] !== undefined,
    );
  let first = 0;
  while (first < trend.periods.length - 1 && !hasData(first)) first++;
  if (first === 0) return trend;
  const cut = <T,>(xs: T[]): T[] => xs.slice(first);
  return {
    ...trend,
    periods: cut(trend.periods),
    reps: trend.reps.map((r) => ({ ...r, bands: cut(r.bands), composites: cut(r.composites) })),
    support: cut(trend.support),
    team: {
      wonRevenue: cut(t.wonRevenue),
      dealsWon: cut(t.dealsWon),
      medianWinRate: cut(t.medianWinRate),
      medianCallsPerDay: cut(t.medianCallsPerDay),
      medianQualityContactsPerWeek: cut(t.medianQualityContactsPerWeek),
      rankedReps: cut(t.rankedReps),
    },
  };
}

function trendOption(locale: Locale, t: Translate, full: TrendView, currency: string | null): ChartOption {
  // Periods before the data starts (nobody ranked, no figure) are left out, not drawn as empty slots.
  const trend = withoutEmptyStart(full);
  const labels = trend.periods.map((p) => formatPeriodLabel(locale, p.id));
  const allPanels: TrendPanel[] = [
    {
      title: t('trend.wonRevenue'),
      values: trend.team.wonRevenue,
      format: (v) => formatCurrency(locale, v, currency),
      axis: (v) => formatCompact(locale, v),
      bar: true,
    },
    {
      title: t('trend.medianWinRate'),
      values: trend.team.medianWinRate,
      format: (v) => formatPercent(locale, v, 1),
      axis: (v) => `${formatNumber(locale, v * 100, 1)}%`,
      share: true,
    },
    {
      title: t('trend.medianCallsPerDay'),
      values: trend.team.medianCallsPerDay,
      format: (v) => formatDecimal(locale, v, 1),
      axis: (v) => formatNumber(locale, v, 2),
    },
    {
      title: t('trend.medianQualityContacts'),
      values: trend.team.medianQualityContactsPerWeek,
      format: (v) => formatDecimal(locale, v, 1),
      axis: (v) => formatNumber(locale, v, 2),
    },
  ];
  // A figure without data in any period (calls without an activity file) is left out, not drawn empty.
  const panels = allPanels.filter((p) => p.values.some((v) => v !== null));
  const width = 100 / Math.max(1, panels.length);
  return {
    textStyle: { fontFamily: CHART_FONT },
    animationDuration: 400,
    title: panels.map((p, i) => ({
      text: p.title,
      left: `${i * width + 1}%`,
      top: 0,
      textStyle: { fontSize: 12.5, fontWeight: 650, color: '#1c2433' },
    })),
    tooltip: {
      ...TOOLTIP,
      trigger: 'axis',
      formatter: (p) => {
        const items = (Array.isArray(p) ? p : [p]) as { seriesIndex?: number; dataIndex?: number }[];
        const first = items[0];
        if (!first) return '';
        const panel = panels[first.seriesIndex ?? 0]!;
        const i = first.dataIndex ?? 0;
        return `{name|${richSafe(labels[i] ?? '')}}\n${richSafe(panel.title)}: ${panel.format(
          panel.values[i] ?? null,
        )}\n{muted|${t('trend.rankedReps', { count: formatInteger(locale, trend.team.rankedReps[i] ?? 0) })}}`;
      },
    },
    grid: panels.map((_, i) => ({
      left: `${i * width + 1}%`,
      width: `${width - 3}%`,
      top: 34,
      bottom: 4,
      containLabel: true,
    })),
    xAxis: panels.map((_, i) => ({
      type: 'category' as const,
      gridIndex: i,
      data: labels,
      boundaryGap: true,
      axisLabel: { color: AXIS_TEXT, fontSize: 10.5, hideOverlap: true },
      axisTick: { show: false },
      axisLine: { lineStyle: { color: GRID_LINE } },
    })),
    yAxis: panels.map((p, i) => ({
      type: 'value' as const,
      gridIndex: i,
      scale: !p.bar,
      splitNumber: 3,
      ...(p.share
        ? {
            min: (v: { min: number }) => Math.max(0, Math.floor(v.min * 10 + 1e-9) / 10),
            max: (v: { max: number }) => Math.min(1, Math.ceil(v.max * 10 - 1e-9) / 10),
          }
        : {}),
      axisLabel: { color: AXIS_TEXT, fontSize: 10.5, formatter: (v: number) => p.axis(v) },
      splitLine: { lineStyle: { color: GRID_LINE } },
    })),
    series: panels.map((p, i) =>
      p.bar
        ? {
            type: 'bar' as const,
            name: p.title,
            xAxisIndex: i,
            yAxisIndex: i,
            barMaxWidth: 22,
            itemStyle: { color: ACCENT, borderRadius: [3, 3, 0, 0] },
            data: p.values,
          }
        : {
            type: 'line' as const,
            name: p.title,
            xAxisIndex: i,
            yAxisIndex: i,
            connectNulls: false,
            symbolSize: 6,
            lineStyle: { color: ACCENT, width: 2 },
            itemStyle: { color: ACCENT },
            data: p.values,
          },
    ),
  };
}

export function TrendChart({ trend, currency }: { trend: TrendView; currency: string | null }) {
  const { t, locale } = useI18n();
  const option = useMemo(() => trendOption(locale, t, trend, currency), [locale, t, trend, currency]);
  const ref = useEChart(option);
  return (
    <div
      ref={ref}
      className="chart chart--trend"
      role="img"
      aria-label={t('trend.chartAlt')}
      data-testid="trend-chart"
    />
  );
}
