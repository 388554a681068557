import { useMemo, type ReactNode } from 'react';
import type { Widget } from '../../dashboards/dashboard-types';
import { encodingProblem, visualTable } from '../../dashboards/visual-data';
import type { FormatContext } from '../../format/format';
import { TableCard } from '../../widgets/table-card/TableCard';
import { VISUALS } from '../../widgets/dashboard-visual/visual-registry';
import type { WidgetFilters } from './load-source';
import { useWidgetData } from './use-widget-data';

/** Room the card's title bar and padding take from its grid cell. */
const CHROME = 76;

/**
 * One widget of a dashboard: its source's data drawn as its visual, its CSV, and in words why
 * it shows nothing when it cannot (the saved query is gone, the SQL failed, no data).
 */
export function WidgetCard({
  widget,
  filters,
  context,
  height,
  actions,
  domId = widget.id,
}: {
  widget: Widget;
  filters: WidgetFilters;
  context: FormatContext;
  /** The card's height in pixels. */
  height: number;
  actions?: ReactNode;
  /** The card's data-widget name (the composer's preview is not the placed widget). */
  domId?: string;
}) {
  const data = useWidgetData(widget.source, filters);
  const { visual } = widget;
  const ready = data.status === 'ready' ? data.table : null;
  const problem = ready ? encodingProblem(ready, visual) : null;
  // A KPI card reads the whole table (value, previous, change); the others their columns.
  const shown = useMemo(() => {
    if (!ready || problem) return null;
    return visual.type === 'kpi' ? ready : { ...visualTable(ready, visual), good: ready.good };
  }, [ready, problem, visual]);
  const empty =
    data.status === 'absent'
      ? data.reason
      : problem
        ? problem
        : shown && shown.rows.length === 0
          ? 'No data for this period and segment.'
          : null;
  const state =
    data.status === 'loading'
      ? 'loading'
      : data.status === 'error'
        ? 'error'
        : empty !== null
          ? 'empty'
          : 'ready';
  const Visual = VISUALS[visual.type].component;
  return (
    <TableCard
      id={domId}
      title={widget.title}
      state={state}
      error={data.status === 'error' ? data.error : undefined}
      onRetry={data.reload}
      empty={empty !== null ? <span data-role="reason">{empty}</span> : undefined}
      csv={shown}
      actions={actions}
      placeholderHeight={Math.max(60, height - CHROME)}
    >
      {shown && (
        <Visual
          table={shown}
          visual={visual}
          context={context}
          title={widget.title}
          height={Math.max(100, height - CHROME)}
        />
      )}
    </TableCard>
  );
}
