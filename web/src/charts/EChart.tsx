import type { EChartsOption } from 'echarts';
import { useEffect, useRef } from 'react';
import { echarts, THEME } from './echarts';

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

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = echarts.init(element, THEME, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance || !onClick) return;
    const handler = (params: unknown) => onClick(params as Parameters<typeof onClick>[0]);
    instance.on('click', handler);
    return () => {
      instance.off('click', handler);
    };
  }, [onClick]);

  return <div ref={box} className="echart" style={{ height }} role="img" aria-label={label} />;
}
