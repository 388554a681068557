// ECharts, with only the charts and components the dashboard draws (the full build is ~1 MB).
// The heatmap and its colour scale load with the first chart that needs them (heatmap.ts).
import { BarChart, LineChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { PALETTE, TEXT, MUTED, GRID_LINE } from './palette';

echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  CanvasRenderer,
]);

export const THEME = 'clv';

echarts.registerTheme(THEME, {
  color: [...PALETTE],
  backgroundColor: 'transparent',
  textStyle: { fontFamily: 'inherit', color: TEXT },
  legend: { textStyle: { color: TEXT } },
  categoryAxis: {
    axisLine: { lineStyle: { color: GRID_LINE } },
    axisTick: { show: false },
    axisLabel: { color: MUTED },
  },
  valueAxis: {
    axisLine: { show: false },
    splitLine: { lineStyle: { color: GRID_LINE } },
    axisLabel: { color: MUTED },
  },
});

export { echarts };
