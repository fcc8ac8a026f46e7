import { sharesKnown } from '../shared/customers/coverage-shares';
import { init, use as registerModules, type ComposeOption } from 'echarts/core';
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendPlainComponent,
  MarkLineComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type MarkLineComponentOption,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { CoverageView, FunnelView, TierKey } from '../shared/api/contract';
import type { PracticeComparison, PracticeGap, RepCoachingView } from '../shared/coaching/types';
import { FUNNEL_STAGES, type Band } from '../shared/domain/types';
import { formatDecimal, formatInteger, formatPercent } from '../shared/format/format';
import { BANDS, TIER_KEYS, funnelStepName, practiceName, tierName, type ReportText } from './report-text';
import { benchmarkShare } from '../shared/coaching/benchmark-share';
import { BAND_COLORS } from '../shared/format/band-colors';

/**
 * The reports' charts: ECharts rendered on the server to SVG strings (no DOM, no canvas), with
 * animation off so there is nothing to wait for before printing, inlined into the HTML so the
 * PDF keeps them as vector paths and text. Every figure a chart shows is also in a table next to
 * it: a chart is read at a glance, the table is what a director quotes.
 */

// Only what the reports draw, as the renderer's echarts-setup does for the screens.
registerModules([BarChart, GridComponent, LegendPlainComponent, MarkLineComponent, SVGRenderer]);

type ChartOption = ComposeOption<
  BarSeriesOption | GridComponentOption | LegendComponentOption | MarkLineComponentOption
>;

/** The font the reports ship (engine/reports/fonts.ts): charts print in the same face as the text. */
export const REPORT_FONT = "'Noto Sans SC', sans-serif";
const AXIS_TEXT = '#3e4c5e';
const GRID_LINE = '#dfe5ec';

export const TIER_COLORS: Record<TierKey, string> = {
  A: '#1d3f8f',
  B: '#3f6fd8',
  C: '#8fb0ec',
  D: '#e0a52c',
  none: '#cfd6df',
};

/** A chart as an SVG string, sized in CSS pixels (the print scales 96 px to the inch). */
export function renderSvg(option: ChartOption, width: number, height: number): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: REPORT_FONT, fontSize: 11 }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/**
 * The width a category label takes at `size` px in the report's font: CJK characters and arrows
 * are a square em, Latin text about half of one. Measured here, not by ECharts: without a canvas
 * on the server its measure is a guess that clips long labels at the left edge.
 */
export function labelWidth(text: string, size = 10.5): number {
  let em = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    em +=
      cp >= 0x2190
        ? 1
        : /[A-Z]/.test(ch)
          ? 0.64
          : /[mw]/.test(ch)
            ? 0.8
            : /[ilj.,:;'|!]/.test(ch)
              ? 0.28
              : 0.53;
  }
  return Math.ceil(em * size * 1.04);
}

/** A grid whose left edge leaves room for the longest category label. */
function gridFor(labels: readonly string[], grid: { right: number; top: number; bottom?: number }) {
  const left = Math.max(0, ...labels.map((l) => labelWidth(l))) + 12;
  return { left, bottom: 4, ...grid, outerBoundsMode: 'none' as const };
}

/** Rows of a horizontal bar chart keep a readable line each. */
const barsHeight = (rows: number): number => Math.max(120, rows * 22 + 48);

function categoryAxis(names: string[]) {
  return {
    type: 'category' as const,
    inverse: true,
    data: names,
    axisLabel: { color: AXIS_TEXT, fontSize: 10.5 },
    axisTick: { show: false },
    axisLine: { show: false },
  };
}

/** The legend of a chart of two or more series, at its top left. */
const LEGEND: LegendComponentOption = {
  top: 0,
  left: 0,
  itemWidth: 12,
  itemHeight: 8,
  textStyle: { color: AXIS_TEXT, fontSize: 10 },
};

/** A value axis along the top, its ticks labelled, its grid lines light. */
function topValueAxis(min: number, max: number, interval: number, formatter: (v: number) => string) {
  return {
    type: 'value' as const,
    min,
    max,
    interval,
    position: 'top' as const,
    axisLabel: { color: AXIS_TEXT, formatter },
    splitLine: { lineStyle: { color: GRID_LINE } },
  };
}

/** Each bar's figure printed at its end (10 px unless said, the charts' text size otherwise). */
function barLabel<P>(formatter: (p: P) => string, fontSize?: number) {
  return {
    show: true,
    position: 'right' as const,
    color: AXIS_TEXT,
    ...(fontSize === undefined ? {} : { fontSize }),
    formatter,
  };
}

/** A vertical reference line across the bars at `x`: the benchmark, or zero. */
function referenceLine(x: number, lineStyle: { color: string; type: 'dashed' | 'solid'; width: number }) {
  return {
    silent: true,
    symbol: 'none',
    label: { show: false },
    lineStyle,
    data: [{ xAxis: x }],
  };
}

const CAP = 200;

/** The practice-gap chart of a dossier: every practice as a share of the benchmark, 100% dashed. */
export function benchmarkChart(text: ReportText, gaps: readonly PracticeGap[], width: number): string | null {
  const { locale } = text;
  const shown = gaps
    .map((g) => ({ gap: g, share: benchmarkShare(g) }))
    .filter((r): r is { gap: PracticeGap; share: number } => r.share !== null);
  if (shown.length === 0) return null;
  const names = shown.map((r) => practiceName(locale, r.gap.practice));
  return renderSvg(
    {
      grid: gridFor(names, { right: 48, top: 24 }),
      xAxis: topValueAxis(0, CAP, 50, (v) => formatPercent(locale, v / 100, 0)),
      yAxis: categoryAxis(names),
      series: [
        {
          type: 'bar',
          barMaxWidth: 12,
          label: barLabel(
            (p: { dataIndex: number }) => formatPercent(locale, shown[p.dataIndex]?.share ?? null, 0),
            10,
          ),
          data: shown.map((r) => ({
            value: Math.min(CAP, r.share * 100),
            itemStyle: {
              color:
                r.share >= 1
                  ? BAND_COLORS.top
                  : r.gap.separation === 'distinguishing'
                    ? BAND_COLORS.bottom
                    : BAND_COLORS.middle,
            },
          })),
          markLine: referenceLine(100, { color: '#1c2433', type: 'dashed', width: 1.2 }),
        },
      ],
    },
    width,
    barsHeight(shown.length),
  );
}

/** The dossier's funnel: the rep's conversion at each step beside the top performers' median. */
export function funnelCompareChart(
  text: ReportText,
  funnel: RepCoachingView['funnel'],
  width: number,
): string | null {
  const { locale, t } = text;
  const steps = [0, 1, 2];
  if (steps.every((i) => funnel.conversion[i] === null && funnel.topConversion[i] === null)) return null;
  const names = steps.map((i) => funnelStepName(text, i));
  const series = (name: string, values: (number | null)[], color: string): BarSeriesOption => ({
    type: 'bar',
    name,
    barMaxWidth: 12,
    itemStyle: { color },
    label: barLabel(
      (p: { value: unknown }) =>
        p.value === null || p.value === '-' ? '—' : formatPercent(locale, Number(p.value), 0),
      10,
    ),
    // A missing conversion is a gap in the chart, never a bar at 0.
    data: values.map((v) => (v === null ? '-' : v)),
  });
  return renderSvg(
    {
      legend: LEGEND,
      grid: gridFor(names, { right: 40, top: 28 }),
      xAxis: {
        type: 'value',
        min: 0,
        max: 1,
        // The bars carry their values; an axis of percentages would crowd a chart this narrow.
        axisLabel: { show: false },
        splitLine: { lineStyle: { color: GRID_LINE } },
      },
      yAxis: categoryAxis(names),
      series: [
        series(
          t('coaching.funnel.rep'),
          steps.map((i) => funnel.conversion[i] ?? null),
          '#2d5bd0',
        ),
        series(
          t('coaching.funnel.top'),
          steps.map((i) => funnel.topConversion[i] ?? null),
          BAND_COLORS.top,
        ),
      ],
    },
    width,
    150,
  );
}

/** The director's band spread: reps per band. */
export function bandSpreadChart(text: ReportText, counts: Record<Band, number>, width: number): string {
  const names = BANDS.map((b) => text.t(`band.${b}`));
  return renderSvg(
    {
      grid: gridFor(names, { right: 36, top: 8 }),
      xAxis: { type: 'value', minInterval: 1, show: false },
      yAxis: categoryAxis(names),
      series: [
        {
          type: 'bar',
          barMaxWidth: 16,
          label: barLabel((p: { value: unknown }) => formatInteger(text.locale, Number(p.value))),
          data: BANDS.map((b) => ({ value: counts[b], itemStyle: { color: BAND_COLORS[b] } })),
        },
      ],
    },
    width,
    120,
  );
}

/** What separates the top: each practice's oriented effect size, -1..+1, 0 marked. */
export function effectSizeChart(
  text: ReportText,
  practices: readonly PracticeComparison[],
  width: number,
): string | null {
  const { locale } = text;
  const shown = practices.filter((p) => p.effectSize !== null);
  if (shown.length === 0) return null;
  const color = (p: PracticeComparison): string =>
    p.separation === 'distinguishing'
      ? p.distinguishing
        ? BAND_COLORS.top
        : BAND_COLORS.bottom
      : p.separation === 'indicative'
        ? '#6f93e2'
        : '#b8c2cc';
  const names = shown.map((p) => practiceName(locale, p.practice));
  return renderSvg(
    {
      grid: gridFor(names, { right: 40, top: 24 }),
      xAxis: topValueAxis(-1, 1, 0.5, (v) => formatDecimal(locale, v, 1)),
      yAxis: categoryAxis(names),
      series: [
        {
          type: 'bar',
          barMaxWidth: 12,
          label: barLabel((p: { value: unknown }) => formatDecimal(locale, Number(p.value), 2), 10),
          data: shown.map((p) => ({ value: p.effectSize ?? 0, itemStyle: { color: color(p) } })),
          markLine: referenceLine(0, { color: '#3e4c5e', type: 'solid', width: 1 }),
        },
      ],
    },
    width,
    barsHeight(shown.length),
  );
}

/** Coverage by tier: per band, the shares of activity and of won revenue, stacked by tier. */
export function coverageChart(text: ReportText, coverage: CoverageView, width: number): string {
  const { locale, t } = text;
  const rows: { name: string; shares: Record<TierKey, number> }[] = [];
  // A band with no activity (or no revenue) has no shares: its bar is left out, not drawn at 0%.
  for (const b of coverage.byBand) {
    if (sharesKnown(b.activities))
      rows.push({ name: `${t(`band.${b.band}`)} · ${t('coverage.activityShare')}`, shares: b.activities });
    if (sharesKnown(b.revenue))
      rows.push({ name: `${t(`band.${b.band}`)} · ${t('coverage.revenueShare')}`, shares: b.revenue });
  }
  return renderSvg(
    {
      legend: LEGEND,
      grid: gridFor(
        rows.map((r) => r.name),
        { right: 16, top: 28, bottom: 20 },
      ),
      xAxis: {
        type: 'value',
        min: 0,
        max: 1,
        axisLabel: { color: AXIS_TEXT, formatter: (v: number) => formatPercent(locale, v, 0) },
        splitLine: { lineStyle: { color: GRID_LINE } },
      },
      yAxis: categoryAxis(rows.map((r) => r.name)),
      series: TIER_KEYS.map((tier): BarSeriesOption => ({
        type: 'bar',
        stack: 'share',
        name: tierName(text, tier),
        barMaxWidth: 14,
        itemStyle: { color: TIER_COLORS[tier] },
        data: rows.map((r) => r.shares[tier]),
      })),
    },
    width,
    barsHeight(rows.length) + 16,
  );
}

/** The team funnel: deals created in the period that reached each stage. */
export function teamFunnelChart(text: ReportText, funnel: FunnelView, width: number): string | null {
  if (funnel.reached[0] === 0) return null;
  const names = FUNNEL_STAGES.map((s) => text.t(`funnel.${s}`));
  return renderSvg(
    {
      grid: gridFor(names, { right: 48, top: 8 }),
      xAxis: { type: 'value', show: false },
      yAxis: categoryAxis(names),
      series: [
        {
          type: 'bar',
          barMaxWidth: 16,
          itemStyle: { color: '#2d5bd0' },
          label: barLabel((p: { value: unknown }) => formatInteger(text.locale, Number(p.value))),
          data: [...funnel.reached],
        },
      ],
    },
    width,
    130,
  );
}
