import type { HoldoutValueCheck } from '../../api/types';
import { COMPARISON, CURRENT } from '../../charts/palette';
import type { TableData } from '../../format/csv';
import { formatAxis, formatValue, type FormatContext } from '../../format/format';
import { sentence } from '../../format/sentence';
import type { ChartView } from '../chart-card/ChartCard';

// What happened reads as the current figure (blue), the prediction as its comparison.
const ACTUAL_COLOR = CURRENT;
const PREDICTED_COLOR = COMPARISON;

/** A 90 % interval that is well calibrated holds about this share; a discrete count misses 90 % exactly. */
export const CALIBRATED = { low: 0.85, high: 0.95 } as const;

/**
 * The holdout's value check as grouped bars: customers ranked by predicted holdout value in
 * tenths (decile 1 the highest), each decile's mean predicted value beside its mean actual spend.
 */
export function holdoutValueView(value: HoldoutValueCheck, context: FormatContext): ChartView {
  const money = (v: unknown) => (typeof v === 'number' ? formatValue(v, 'money', context) : '—');
  const table: TableData = {
    columns: [
      { key: 'decile', label: 'Decile of predicted value', format: 'count' },
      { key: 'customers', label: 'Customers', format: 'count' },
      { key: 'predicted', label: 'Predicted value per customer', format: 'money' },
      { key: 'actual', label: 'Actual spend per customer', format: 'money' },
    ],
    rows: value.deciles.map((d) => ({
      decile: d.decile,
      customers: d.customers,
      predicted: d.predicted,
      actual: d.actual,
    })),
  };
  return {
    table,
    option: {
      grid: { left: 56, right: 16, top: 40, bottom: 48 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: money },
      xAxis: {
        type: 'category',
        data: value.deciles.map((d) => String(d.decile)),
        name: 'Decile of predicted value (1 = highest)',
        nameLocation: 'middle',
        nameGap: 28,
      },
      yAxis: {
        type: 'value',
        name: 'Value per customer in holdout',
        nameTextStyle: { align: 'left' },
        axisLabel: { formatter: (v: number) => formatAxis(v, 'money', context) },
      },
      series: [
        {
          type: 'bar',
          name: 'Predicted',
          data: value.deciles.map((d) => d.predicted),
          itemStyle: { color: PREDICTED_COLOR },
        },
        {
          type: 'bar',
          name: 'Actual',
          data: value.deciles.map((d) => d.actual),
          itemStyle: { color: ACTUAL_COLOR },
        },
      ],
    },
  };
}

/**
 * The predictive interval's coverage in one sentence: the share of customers whose actual
 * holdout spend fell inside their 90 % interval, and what that says about the interval.
 */
export function coverageSentence(value: HoldoutValueCheck, context: FormatContext): string {
  const { coverage, spend } = value;
  if (!coverage) {
    return spend.status === 'failed' && spend.reason
      ? `No predictive interval: ${sentence(spend.reason)}`
      : 'No predictive interval for this holdout.';
  }
  const percent = formatValue(coverage.share, 'percent', context);
  const count = (n: number) => formatValue(n, 'count', context);
  const verdict =
    coverage.share > CALIBRATED.high
      ? 'more than the 85–95 % of a well-calibrated 90 % interval, so the intervals are wider than they need be'
      : coverage.share < CALIBRATED.low
        ? 'less than the 85–95 % of a well-calibrated 90 % interval, so the intervals are too narrow for this shop'
        : 'within the 85–95 % of a well-calibrated 90 % interval';
  return (
    `${percent} of customers (${count(coverage.inside)} of ${count(coverage.customers)}) spent ` +
    `within their 90 % predictive interval in the holdout: ${verdict}.`
  );
}

/** The card's subtitle: the coverage and, when the spend model is degenerate, what stands in. */
export function holdoutValueSubtitle(value: HoldoutValueCheck, context: FormatContext): string {
  const flagged =
    value.spend.status === 'degenerate' && value.spend.reason
      ? ` ${sentence(value.spend.reason)}`
      : '';
  return `${coverageSentence(value, context)}${flagged}`;
}
