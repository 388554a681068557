import type { EChartsOption } from 'echarts';
import { useState, type ReactNode } from 'react';
import type { ApiState } from '../../api/use-api';
import { EChart } from '../../charts/EChart';
import type { TableData } from '../../format/csv';
import type { FormatContext } from '../../format/format';
import { DataTable } from '../data-table/DataTable';
import { widgetState } from '../state-view/StateView';
import { TableCard } from '../table-card/TableCard';

/** What a chart widget draws from its data: the chart's options and the same data as a table. */
export interface ChartView {
  option: EChartsOption;
  table: TableData;
}

/**
 * A titled card around one chart: loading, empty and error states, a switch between chart and
 * table, and the table as a CSV download named after the widget.
 */
export function ChartCard<T>({
  id,
  title,
  subtitle,
  state,
  build,
  isEmpty = () => false,
  context,
  height = 280,
  actions,
  empty,
  footer,
  wide = false,
}: {
  id: string;
  title: string;
  subtitle?: ReactNode;
  state: ApiState<T> & { reload?(): void };
  build(data: T): ChartView;
  isEmpty?(data: T): boolean;
  context: FormatContext;
  height?: number;
  actions?: ReactNode;
  empty?: ReactNode;
  /** Shown under the chart or table once there is data (e.g. a form to make new data). */
  footer?: ReactNode;
  wide?: boolean;
}) {
  const [asTable, setAsTable] = useState(false);
  const current = widgetState(state, isEmpty);
  const view = current === 'ready' && state.status === 'ready' ? build(state.data) : null;
  return (
    <TableCard
      id={id}
      title={title}
      subtitle={subtitle}
      state={current}
      error={state.error}
      onRetry={state.reload}
      empty={empty}
      csv={view?.table ?? null}
      wide={wide}
      placeholderHeight={height}
      actions={
        <>
          {actions}
          <button
            type="button"
            className="button small"
            data-action="toggle-table"
            aria-pressed={asTable}
            disabled={!view}
            onClick={() => setAsTable(!asTable)}
          >
            {asTable ? 'Show chart' : 'Show table'}
          </button>
        </>
      }
    >
      {view &&
        (asTable ? (
          <DataTable table={view.table} context={context} caption={title} />
        ) : (
          <EChart option={view.option} height={height} label={title} />
        ))}
      {view && footer}
    </TableCard>
  );
}
