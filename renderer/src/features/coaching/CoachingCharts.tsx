import { useMemo } from 'react';
import type { PracticeComparison, PracticeGap, Separation } from '../../../../shared/coaching/types';
import { formatDecimal, formatInteger, formatPercent } from '../../../../shared/format/format';
import type { Locale } from '../../../../shared/i18n/locale';
import { practiceName, formatPracticeValue } from './practice-format';
import { useI18n, type Translate } from '../../i18n/i18n';
import { BAND_COLORS } from '../../ui/charts/band-colors';
import { benchmarkShare } from '../../../../shared/coaching/benchmark-share';
import { AXIS_TEXT, CHART_FONT, GRID_LINE, TOOLTIP, richSafe } from '../../ui/charts/chart-style';
import type { ChartOption } from '../../ui/charts/echarts-setup';
import { useEChart } from '../../ui/charts/use-echart';

/**
 * The coaching screen's charts, in one lazily loaded module (with ECharts). The figures behind
 * each chart are also in the table next to it, as text, for hover definitions, screen readers
 * and tests.
 */

const SEPARATION_COLORS: Record<Separation, string> = {
  distinguishing: BAND_COLORS.top,
  indicative: '#6f93e2',
  no_difference: '#b8c2cc',
  too_few: '#dde3ea',
};

/** The practices down the side of both charts, first at the top, long names cut to fit. */
function practiceAxis(names: string[]) {
  return {
    type: 'category' as const,
    inverse: true,
    data: names,
    axisLabel: { color: AXIS_TEXT, width: 290, overflow: 'truncate' as const },
    axisTick: { show: false },
    axisLine: { show: false },
  };
}

/** Height for a horizontal bar chart of `rows` categories: every name keeps a readable line. */
function barsHeight(rows: number): number {
  return Math.max(160, rows * 26 + 56);
}

// ---- Team: effect size per practice ----

function effectOption(locale: Locale, t: Translate, practices: readonly PracticeComparison[]): ChartOption {
  const shown = practices.filter((p) => p.effectSize !== null);
  return {
    textStyle: { fontFamily: CHART_FONT },
    animationDuration: 400,
    grid: { left: 8, right: 56, top: 28, bottom: 8, containLabel: true },
    tooltip: {
      ...TOOLTIP,
      trigger: 'item',
      formatter: (p) => {
        const item = (Array.isArray(p) ? p[0] : p) as { dataIndex?: number } | undefined;
        const row = shown[item?.dataIndex ?? 0];
        if (!row) return '';
        return [
          `{name|${richSafe(practiceName(locale, row.practice))}}`,
          t('coaching.team.chartTipEffect', {
            effect: formatDecimal(locale, row.effectSize, 2),
            top: formatInteger(locale, row.nTop),
            rest: formatInteger(locale, row.nRest),
          }),
          `{muted|${richSafe(t(`coaching.separation.${row.separation}`))}}`,
        ].join('\n');
      },
    },
    xAxis: {
      type: 'value',
      min: -1,
      max: 1,
      interval: 0.5,
      position: 'top',
      axisLabel: { color: AXIS_TEXT, formatter: (v: number) => formatDecimal(locale, v, 1) },
      splitLine: { lineStyle: { color: GRID_LINE } },
    },
    yAxis: practiceAxis(shown.map((p) => practiceName(locale, p.practice))),
    series: [
      {
        type: 'bar',
        barMaxWidth: 16,
        label: {
          show: true,
          position: 'right',
          color: AXIS_TEXT,
          fontSize: 11,
          formatter: (p: { value: unknown }) => formatDecimal(locale, Number(p.value), 2),
        },
        data: shown.map((p) => ({
          value: p.effectSize ?? 0,
          itemStyle: {
            color:
              p.separation === 'distinguishing' && !p.distinguishing
                ? BAND_COLORS.bottom
                : SEPARATION_COLORS[p.separation],
            borderRadius: 3,
          },
        })),
        markLine: {
          silent: true,
          symbol: 'none',
          label: { show: false },
          lineStyle: { color: '#52606d', type: 'solid', width: 1 },
          data: [{ xAxis: 0 }],
        },
      },
    ],
  };
}

export function EffectSizeChart({ practices }: { practices: readonly PracticeComparison[] }) {
  const { t, locale } = useI18n();
  const option = useMemo(() => effectOption(locale, t, practices), [locale, t, practices]);
  const ref = useEChart(option);
  const rows = practices.filter((p) => p.effectSize !== null).length;
  return (
    <div
      ref={ref}
      className="chart chart--coaching"
      data-rows={rows}
      role="img"
      aria-label={t('coaching.team.chartAlt')}
      data-testid="effect-chart"
      // Height follows the number of practices; set through the CSSOM, which the CSP allows.
      style={{ height: `${barsHeight(rows)}px` }}
    />
  );
}

// ---- Rep: every practice against the top-quartile benchmark ----

/** How far the chart draws a bar: a rep at 5x the benchmark would flatten everyone else. */
const CAP = 200;

function benchmarkOption(
  locale: Locale,
  t: Translate,
  gaps: readonly PracticeGap[],
  currency: string | null,
): ChartOption {
  const shown = gaps
    .map((g) => ({ gap: g, share: benchmarkShare(g) }))
    .filter((r): r is { gap: PracticeGap; share: number } => r.share !== null);
  return {
    textStyle: { fontFamily: CHART_FONT },
    animationDuration: 400,
    grid: { left: 8, right: 64, top: 28, bottom: 8, containLabel: true },
    tooltip: {
      ...TOOLTIP,
      trigger: 'item',
      formatter: (p) => {
        const item = (Array.isArray(p) ? p[0] : p) as { dataIndex?: number } | undefined;
        const row = shown[item?.dataIndex ?? 0];
        if (!row) return '';
        const id = row.gap.practice;
        return [
          `{name|${richSafe(practiceName(locale, id))}}`,
          t('coaching.rep.chartTipValue', {
            value: formatPracticeValue(locale, id, row.gap.value, currency),
            benchmark: formatPracticeValue(locale, id, row.gap.benchmark, currency),
          }),
          `{muted|${t('coaching.rep.chartTipShare', { share: formatPercent(locale, row.share, 0) })}}`,
        ].join('\n');
      },
    },
    xAxis: {
      type: 'value',
      min: 0,
      max: CAP,
      interval: 50,
      position: 'top',
      axisLabel: { color: AXIS_TEXT, formatter: (v: number) => formatPercent(locale, v / 100, 0) },
      splitLine: { lineStyle: { color: GRID_LINE } },
    },
    yAxis: practiceAxis(shown.map((r) => practiceName(locale, r.gap.practice))),
    series: [
      {
        type: 'bar',
        barMaxWidth: 16,
        label: {
          show: true,
          position: 'right',
          color: AXIS_TEXT,
          fontSize: 11,
          formatter: (p: { dataIndex: number }) =>
            formatPercent(locale, shown[p.dataIndex]?.share ?? null, 0),
        },
        data: shown.map((r) => ({
          value: Math.min(CAP, r.share * 100),
          itemStyle: {
            color:
              r.share >= 1
                ? BAND_COLORS.top
                : r.gap.separation === 'distinguishing'
                  ? BAND_COLORS.bottom
                  : BAND_COLORS.middle,
            borderRadius: 3,
          },
        })),
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: '#1c2433', type: 'dashed', width: 1.5 },
          // The card's lead names the dashed line; a label on it would sit on the bars' labels.
          label: { show: false },
          data: [{ xAxis: 100 }],
        },
      },
    ],
  };
}

export function BenchmarkChart({
  gaps,
  currency,
}: {
  gaps: readonly PracticeGap[];
  currency: string | null;
}) {
  const { t, locale } = useI18n();
  const option = useMemo(() => benchmarkOption(locale, t, gaps, currency), [locale, t, gaps, currency]);
  const ref = useEChart(option);
  const rows = gaps.filter((g) => benchmarkShare(g) !== null).length;
  return (
    <div
      ref={ref}
      className="chart chart--coaching"
      data-rows={rows}
      role="img"
      aria-label={t('coaching.rep.chartAlt')}
      data-testid="benchmark-chart"
      style={{ height: `${barsHeight(rows)}px` }}
    />
  );
}
