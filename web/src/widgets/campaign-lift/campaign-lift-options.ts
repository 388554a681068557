import type { EChartsOption } from 'echarts';
import type { Lift } from '../../api/types';
import { COMPARISON, CURRENT } from '../../charts/palette';
import type { Row } from '../../format/csv';
import { formatAxis, formatValue, type FormatContext, type ValueFormat } from '../../format/format';
import { differenceText, significanceText } from '../campaign-table/lift-text';
import type { ChartView } from '../chart-card/ChartCard';

/** What a lift chart compares: the conversion rate or the revenue per customer. */
export type LiftMeasure = 'conversion' | 'revenuePerCustomer';

const MEASURES: Record<
  LiftMeasure,
  { group: 'conversionRate' | 'revenuePerCustomer'; format: ValueFormat; label: string }
> = {
  conversion: { group: 'conversionRate', format: 'percent', label: 'Conversion' },
  revenuePerCustomer: {
    group: 'revenuePerCustomer',
    format: 'money',
    label: 'Revenue per customer',
  },
};

/**
 * Treated vs control per audience, side by side, for one measure; the table adds the group
 * sizes and the difference with its 95 % interval, in numbers and in words.
 */
export function campaignLiftOptions(
  lifts: readonly Lift[],
  measure: LiftMeasure,
  context: FormatContext,
): ChartView {
  const { group, format, label } = MEASURES[measure];
  const shown = (v: unknown) => formatValue(typeof v === 'number' ? v : null, format, context);
  const option: EChartsOption = {
    animation: false,
    legend: { top: 0, left: 0 },
    grid: { left: 4, right: 16, top: 36, bottom: 4, outerBoundsMode: 'same' },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: shown,
    },
    xAxis: { type: 'category', data: lifts.map((l) => l.audience.name) },
    yAxis: {
      type: 'value',
      min: 0,
      axisLabel: { formatter: (v: number) => formatAxis(v, format, context) },
    },
    series: [
      {
        type: 'bar',
        name: 'Treated',
        color: CURRENT,
        barMaxWidth: 40,
        data: lifts.map((l) => l.treated[group]),
      },
      {
        type: 'bar',
        name: 'Control',
        color: COMPARISON,
        barMaxWidth: 40,
        data: lifts.map((l) => l.control[group]),
      },
    ],
  };
  const rows: Row[] = lifts.map((l) => {
    const difference = l[measure];
    return {
      audience: l.audience.name,
      treated: l.treated.customers,
      treatedValue: l.treated[group],
      control: l.control.customers,
      controlValue: l.control[group],
      difference: difference.value,
      low: difference.low,
      high: difference.high,
      inWords: `${differenceText(difference, context)}, ${significanceText(difference)}`,
    };
  });
  return {
    option,
    table: {
      columns: [
        { key: 'audience', label: 'Audience', format: 'text' },
        { key: 'treated', label: 'Treated customers', format: 'count' },
        { key: 'treatedValue', label: `${label}, treated`, format },
        { key: 'control', label: 'Control customers', format: 'count' },
        { key: 'controlValue', label: `${label}, control`, format },
        { key: 'difference', label: 'Difference', format },
        { key: 'low', label: '95 % low', format },
        { key: 'high', label: '95 % high', format },
        { key: 'inWords', label: 'Lift', format: 'text' },
      ],
      rows,
    },
  };
}
