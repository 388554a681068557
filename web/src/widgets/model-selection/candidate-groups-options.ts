import type { ModelSelection } from '../../api/types';
import { CURRENT, PALETTE } from '../../charts/palette';
import type { Column, Row } from '../../format/csv';
import { formatValue, type FormatContext } from '../../format/format';
import { modelName } from '../../format/model-name';
import type { ChartView } from '../chart-card/ChartCard';

// Actual purchases read as the current figure (blue); each candidate gets a colour of its own.
const CANDIDATE_COLORS = PALETTE.slice(1);

/**
 * `auto`'s per-frequency calibration: for each group of calibration repeat purchases, the mean
 * holdout purchases that happened beside each fitted candidate's prediction (failed candidates
 * have none and are left out).
 */
export function candidateGroupsView(selection: ModelSelection, context: FormatContext): ChartView {
  const fitted = selection.candidates.filter((c) => c.groups.length > 0);
  // Every candidate is scored on the same calibration customers, so the groups agree; each
  // prediction is still looked up by its group.
  const groups = fitted[0]?.groups ?? [];
  const predicted = fitted.map(
    (c) => new Map(c.groups.map((g) => [g.frequency, g.predicted] as const)),
  );
  const predictions = (i: number) => groups.map((g) => predicted[i]?.get(g.frequency) ?? null);
  const key = (model: string) => `predicted.${model}`;
  const columns: Column[] = [
    { key: 'frequency', label: 'Repeat purchases in calibration', format: 'text' },
    { key: 'customers', label: 'Customers', format: 'count' },
    { key: 'actual', label: 'Actual mean purchases', format: 'decimal' },
    ...fitted.map((c) => ({
      key: key(c.model),
      label: `${modelName(c.model)} predicted`,
      format: 'decimal' as const,
    })),
  ];
  const rows: Row[] = groups.map((group, i) => ({
    frequency: group.frequency,
    customers: group.customers,
    actual: group.actual,
    ...Object.fromEntries(fitted.map((c, j) => [key(c.model), predictions(j)[i] ?? null])),
  }));
  const decimal = (value: unknown) =>
    typeof value === 'number' ? formatValue(value, 'decimal', context) : '—';
  return {
    table: { columns, rows },
    option: {
      grid: { left: 48, right: 16, top: 40, bottom: 48 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: decimal },
      xAxis: {
        type: 'category',
        data: groups.map((g) => g.frequency),
        name: 'Repeat purchases in the calibration period',
        nameLocation: 'middle',
        nameGap: 28,
      },
      yAxis: { type: 'value', name: 'Mean purchases in holdout', nameTextStyle: { align: 'left' } },
      series: [
        {
          type: 'bar',
          name: 'Actual',
          data: groups.map((g) => g.actual),
          itemStyle: { color: CURRENT },
        },
        ...fitted.map((c, i) => ({
          type: 'bar' as const,
          name: modelName(c.model),
          data: predictions(i),
          itemStyle: { color: CANDIDATE_COLORS[i % CANDIDATE_COLORS.length] },
        })),
      ],
    },
  };
}
