import type { ReactNode } from 'react';
import type { ApiState } from '../../api/use-api';
import type { TableData } from '../../format/csv';
import type { FormatContext } from '../../format/format';
import { DataTable } from '../data-table/DataTable';
import { widgetState } from '../state-view/StateView';
import { TableCard } from './TableCard';

/** A TableCard fed by a data hook: the answer is turned into one table, shown and downloadable. */
export function DataTableCard<T>({
  id,
  title,
  subtitle,
  state,
  build,
  isEmpty = () => false,
  context,
  empty,
  wide = false,
}: {
  id: string;
  title: string;
  subtitle?: ReactNode;
  state: ApiState<T> & { reload?(): void };
  build(data: T): TableData;
  isEmpty?(data: T): boolean;
  context: FormatContext;
  empty?: ReactNode;
  wide?: boolean;
}) {
  const current = widgetState(state, isEmpty);
  const table = current === 'ready' && state.status === 'ready' ? build(state.data) : null;
  return (
    <TableCard
      id={id}
      title={title}
      subtitle={subtitle}
      state={current}
      error={state.error}
      onRetry={state.reload}
      empty={empty}
      csv={table}
      wide={wide}
    >
      {table && <DataTable table={table} context={context} caption={title} />}
    </TableCard>
  );
}
