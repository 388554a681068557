import { useMemo } from 'react';
import '../../charts/echarts-pie';
import { EChart } from '../../charts/EChart';
import { chartOption, type ChartType } from './visual-options';
import type { VisualProps } from './visual-props';

/** Any chart type, drawn through the one ECharts wrapper. */
export function ChartVisual({
  type,
  table,
  visual,
  context,
  title,
  height,
}: VisualProps & { type: ChartType }) {
  const option = useMemo(
    () => chartOption(table, visual, type, context),
    [table, visual, type, context],
  );
  return <EChart option={option} height={height} label={title} />;
}
