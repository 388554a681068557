import { useState } from 'react';
import type { QueryResult } from '../../api/query-types';
import { useDashboard } from '../../app/dashboard-context';
import { ChartCard } from '../../widgets/chart-card/ChartCard';
import {
  CHART_ROWS,
  chartChoices,
  chartPick,
  quickChartView,
  type AxisColumn,
  type ChartKind,
  type ChartPick,
} from './quick-chart';
import { numberText } from './result-table';

const NO_CHART =
  'No chart for this result: it needs a text or date column for the x axis and a number column for the y axis.';

function AxisSelect({
  name,
  label,
  value,
  options,
  onChange,
}: {
  name: string;
  label: string;
  value: string;
  options: readonly AxisColumn[];
  onChange(value: string): void;
}) {
  return (
    <label>
      {label}{' '}
      <select name={name} value={value} onChange={(event) => onChange(event.target.value)}>
        {options.map((column) => (
          <option key={column.key} value={column.key}>
            {column.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A bar or line chart of one number column over a text or date column of the result, picked by the user. */
export function QuickChart({ result }: { result: QueryResult }) {
  const { format } = useDashboard();
  const [wanted, setWanted] = useState<Partial<ChartPick>>({});
  const choices = chartChoices(result);
  const pick = choices ? chartPick(choices, wanted) : null;
  const change = (next: Partial<ChartPick>) => setWanted({ ...pick, ...next });
  return (
    <ChartCard
      id="query-chart"
      title="Quick chart"
      subtitle={
        choices &&
        pick && (
          <span className="chart-pickers">
            <AxisSelect
              name="chart-x"
              label="x"
              value={pick.x}
              options={choices.x}
              onChange={(x) => change({ x, kind: undefined })}
            />
            <AxisSelect
              name="chart-y"
              label="y"
              value={pick.y}
              options={choices.y}
              onChange={(y) => change({ y })}
            />
            <label>
              as{' '}
              <select
                name="chart-kind"
                value={pick.kind}
                onChange={(event) => change({ kind: event.target.value as ChartKind })}
              >
                <option value="bar">bars</option>
                <option value="line">a line</option>
              </select>
            </label>
            {result.rows.length > CHART_ROWS && (
              <span>(the first {numberText(CHART_ROWS, format.locale)} rows)</span>
            )}
          </span>
        )
      }
      state={{ status: 'ready', data: result }}
      isEmpty={() => !choices || !pick}
      build={(data) => {
        if (!choices || !pick) throw new Error('no chart for this result');
        return quickChartView(data, choices, pick);
      }}
      empty={NO_CHART}
      context={format}
      wide
    />
  );
}
