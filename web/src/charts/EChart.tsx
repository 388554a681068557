import type { EChartsOption } from 'echarts';
import { useEffect, useRef } from 'react';
import { echarts, THEME } from './echarts';
import { loadHeatmap, needsHeatmap } from './heatmap';

export interface EChartProps {
  option: EChartsOption;
  height?: number;
  /** What the chart shows, for screen readers. */
  label: string;
  onClick?(params: { name: string; seriesName?: string; dataIndex: number }): void;
}

/**
 * The one owner of ECharts: it creates the chart in the theme, gives it each new option,
 * follows the box's size, and disposes of it. Widgets pass options and never touch ECharts.
 */
export function EChart({ option, height = 280, label, onClick }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickHandler = useRef(onClick);
  const drawn = useRef<string | null>(null);

  useEffect(() => {
    clickHandler.current = onClick;
  }, [onClick]);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const observer = new ResizeObserver(() => chart.current?.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.current?.dispose();
      chart.current = null;
      drawn.current = null;
    };
  }, []);

  useEffect(() => {
    // Pages re-render whenever the app does (a status poll every 15 s) and build their options
    // anew: an option that draws the same (functions aside) is not set again, so charts do not
    // redraw and replay their animation for nothing.
    const shape = JSON.stringify(option);
    if (shape === drawn.current) return;
    let current = true;
    const apply = () => {
      const element = box.current;
      if (!current || !element) return;
      // Created at the first option, after any on-demand modules are registered: an instance
      // made before a component is registered never uses it.
      if (!chart.current) {
        const instance = echarts.init(element, THEME, { renderer: 'canvas' });
        instance.on('click', (params) =>
          clickHandler.current?.(params as Parameters<NonNullable<typeof onClick>>[0]),
        );
        chart.current = instance;
      }
      chart.current.setOption(option, { notMerge: true });
      drawn.current = shape;
    };
    if (needsHeatmap(option)) void loadHeatmap().then(apply);
    else apply();
    return () => {
      current = false;
    };
  }, [option]);

  return <div ref={box} className="echart" style={{ height }} role="img" aria-label={label} />;
}
