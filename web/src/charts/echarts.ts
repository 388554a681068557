// ECharts, with only the charts and components the dashboard draws (the full build is ~1 MB).
import { BarChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { PALETTE, TEXT, MUTED, GRID_LINE } from './palette';

echarts.use([
  BarChart,
  LineChart,
  HeatmapChart,
  ScatterChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  VisualMapComponent,
  MarkLineComponent,
  DataZoomComponent,
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
