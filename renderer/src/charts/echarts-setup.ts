/**
 * ECharts, imported piece by piece so the bundle carries only what the app draws:
 * bar, line, scatter and funnel series, grids with axes, titles of small multiples, tooltips and a
 * plain legend, on canvas. The chart modules are loaded lazily (see RankingsScreen and
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
  TitleComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
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
  | TitleComponentOption
  | TooltipComponentOption
>;

export { init, type EChartsType };
