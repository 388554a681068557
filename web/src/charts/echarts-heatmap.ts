// Loaded only by pages with a heatmap (cohorts): keeps it out of the overview's bundle.
import { HeatmapChart } from 'echarts/charts';
import { VisualMapComponent } from 'echarts/components';
import { echarts } from './echarts';

echarts.use([HeatmapChart, VisualMapComponent]);
