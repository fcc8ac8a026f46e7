/**
 * ECharts, imported piece by piece so the bundle carries only what the app draws:
 * bar and scatter series, a grid with axes, tooltips and a plain legend, on canvas. The chart
 * module is loaded lazily (see RankingsScreen), so none of this delays the first paint.
 */
import { use as registerModules, init, type ComposeOption, type EChartsType } from 'echarts/core';
import { BarChart, ScatterChart, type BarSeriesOption, type ScatterSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendPlainComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

registerModules([
  BarChart,
  ScatterChart,
  GridComponent,
  LegendPlainComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type ChartOption = ComposeOption<
  BarSeriesOption | ScatterSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

export { init, type EChartsType };
