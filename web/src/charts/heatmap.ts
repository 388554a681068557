import type { EChartsOption } from 'echarts';

/** Whether an option draws a heatmap or a colour scale, whose modules are loaded on demand. */
export function needsHeatmap(option: EChartsOption): boolean {
  const series = Array.isArray(option.series) ? option.series : [option.series];
  return option.visualMap !== undefined || series.some((s) => s?.type === 'heatmap');
}

let loaded: Promise<void> | null = null;

/** Registers the heatmap chart and the visual map once, from their own chunk. */
export function loadHeatmap(): Promise<void> {
  loaded ??= import('./echarts-heatmap').then(() => undefined);
  return loaded;
}
