import { useEffect, useRef, type RefObject } from 'react';
import { init, type ChartOption, type EChartsType } from './echarts-setup';

/**
 * One ECharts instance on the returned element: created on mount, resized with its box, disposed
 * on unmount; `option` replaces the whole chart whenever it changes (build it with useMemo).
 */
export function useEChart(option: ChartOption | null): RefObject<HTMLDivElement | null> {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

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
    if (!option) return;
    chart.current?.setOption(option, { notMerge: true });
    chart.current?.resize();
  }, [option]);

  return container;
}
