/**
 * ECharts, imported piece by piece so the bundle carries only what the app draws:
 * bar, line, scatter and funnel series, grids with axes, titles of small multiples, tooltips, a
 * plain legend and mark lines, on canvas. The chart modules are loaded lazily (see RankingsScreen and
 * DashboardScreen), so none of this delays the first paint.
 */
import { use as registerModules, init, type ComposeOption, type EChartsType } from 'echarts/core';
import {
  BarChart,
  FunnelChart,
  LineChart,
  ScatterChart,
  type BarSeriesOption,
  type FunnelSeriesOption,
  type LineSeriesOption,
  type ScatterSeriesOption,
} from 'echarts/charts';
import {
  GridComponent,
  LegendPlainComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type MarkLineComponentOption,
  type TitleComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

registerModules([
  BarChart,
  FunnelChart,
  LineChart,
  ScatterChart,
  GridComponent,
  LegendPlainComponent,
  // The coaching charts' reference lines: the top-quartile benchmark (100%) and "no difference" (0).
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | FunnelSeriesOption
  | LineSeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TitleComponentOption
  | TooltipComponentOption
>;

export { init, type EChartsType };
