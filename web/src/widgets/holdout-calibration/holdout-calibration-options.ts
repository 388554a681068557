import type { HoldoutReport } from '../../api/types';
import { COMPARISON, CURRENT } from '../../charts/palette';
import type { TableData } from '../../format/csv';
import { formatDay, formatValue, type FormatContext } from '../../format/format';
import { modelName } from '../../format/model-name';
import type { ChartView } from '../chart-card/ChartCard';

// What happened reads as the current figure (blue), the model's prediction as its comparison.
const ACTUAL_COLOR = CURRENT;
const PREDICTED_COLOR = COMPARISON;

/**
 * The holdout check as grouped bars: per calibration frequency group (0 … 6, 7+), the mean
 * purchases the model predicted for the holdout beside the mean that happened.
 */
export function holdoutCalibrationView(report: HoldoutReport, context: FormatContext): ChartView {
  const decimal = (value: unknown) =>
    typeof value === 'number' ? formatValue(value, 'decimal', context) : '—';
  const table: TableData = {
    columns: [
      { key: 'frequency', label: 'Repeat purchases in calibration', format: 'text' },
      { key: 'customers', label: 'Customers', format: 'count' },
      { key: 'predicted', label: 'Predicted mean purchases', format: 'decimal' },
      { key: 'actual', label: 'Actual mean purchases', format: 'decimal' },
    ],
    rows: report.groups.map((g) => ({
      frequency: g.frequency,
      customers: g.customers,
      predicted: g.predicted,
      actual: g.actual,
    })),
  };
  return {
    table,
    option: {
      grid: { left: 48, right: 16, top: 40, bottom: 48 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: decimal },
      xAxis: {
        type: 'category',
        data: report.groups.map((g) => g.frequency),
        name: 'Repeat purchases in the calibration period',
        nameLocation: 'middle',
        nameGap: 28,
      },
      yAxis: { type: 'value', name: 'Mean purchases in holdout', nameTextStyle: { align: 'left' } },
      series: [
        {
          type: 'bar',
          name: 'Predicted',
          data: report.groups.map((g) => g.predicted),
          itemStyle: { color: PREDICTED_COLOR },
        },
        {
          type: 'bar',
          name: 'Actual',
          data: report.groups.map((g) => g.actual),
          itemStyle: { color: ACTUAL_COLOR },
        },
      ],
    },
  };
}

/**
 * The holdout's model and period, totals, correlation and mean absolute error in one line, for
 * the card's subtitle; a degenerate calibration fit says so.
 */
export function holdoutSummary(report: HoldoutReport, context: FormatContext): string {
  const count = (value: number) => formatValue(value, 'count', context);
  const { total } = report;
  const correlation =
    report.correlation === null ? '—' : formatValue(report.correlation, 'decimal', context);
  const error =
    report.meanAbsoluteError == null
      ? ''
      : `; mean absolute error per customer ${formatValue(report.meanAbsoluteError, 'precise', context)}`;
  const degenerate =
    report.fit?.status === 'degenerate'
      ? ` The calibration fit is degenerate (${report.fit.reasons.join('; ')}): read it as rough.`
      : '';
  return (
    `${modelName(report.model)} fitted on orders to ${formatDay(report.calibrationEnd, context.locale)}, checked ` +
    `${formatDay(report.holdoutFrom, context.locale)} – ${formatDay(report.holdoutEnd, context.locale)}. ` +
    `${count(total.customers)} customers: ${count(total.predicted)} repeat purchases predicted, ` +
    `${count(total.actual)} actual; correlation per customer ${correlation}${error}.${degenerate}`
  );
}
