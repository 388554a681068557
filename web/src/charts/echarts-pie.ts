// Loaded only by the pages that draw pies (user-defined dashboards): keeps it out of the
// overview's bundle. Registered on import, before any chart of those pages is made.
import { PieChart } from 'echarts/charts';
import { echarts } from './echarts';

echarts.use([PieChart]);
