import type { KpiReport, MetricsReport } from '../../api/types';
import type { ApiState } from '../../api/use-api';
import type { KpiLookup } from '../../api/kpi-catalog';
import type { FormatContext } from '../../format/format';
import { DataTable } from '../data-table/DataTable';
import { widgetState } from '../state-view/StateView';
import { TableCard } from '../table-card/TableCard';
import { kpiTable, screenColumns } from './kpi-table';
import { kpiTableCell } from './KpiTableCell';

/** Every KPI as a table: each in its own unit on screen, the raw values and reasons in the CSV. */
export function KpiTableCard({
  state,
  kpisOf,
  comparisonTitle,
  catalog,
  context,
  note,
}: {
  state: ApiState<MetricsReport> & { reload?(): void };
  kpisOf(report: MetricsReport): KpiReport | null;
  comparisonTitle: string;
  catalog: KpiLookup;
  context: FormatContext;
  /** Under the table: what predicted CLV rests on. */
  note?: string;
}) {
  const current = widgetState<MetricsReport>(state, (report) => kpisOf(report) === null);
  const kpis = current === 'ready' && state.status === 'ready' ? kpisOf(state.data) : null;
  const table = kpis ? kpiTable(kpis, comparisonTitle, catalog) : null;
  return (
    <TableCard
      id="overview-kpis"
      title="Every KPI as a table"
      subtitle="The figures above, for a spreadsheet: this period, the comparison and the change (rates in percentage points). The CSV adds each KPI's key and the reasons."
      state={current}
      error={state.error}
      onRetry={state.reload}
      empty="No customers in this segment."
      csv={table}
      footer={note ? <p className="table-note">{note}</p> : undefined}
    >
      {table && (
        <DataTable
          table={{ columns: screenColumns(table), rows: table.rows }}
          context={context}
          caption="Every KPI as a table"
          className="kpi-table"
          renderCell={(column, row) => kpiTableCell(column, row, context)}
        />
      )}
    </TableCard>
  );
}
