import { DataTable } from '../data-table/DataTable';
import type { VisualProps } from './visual-props';

/** The rows themselves, in the visual's columns, order and limit. */
export function TableVisual({ table, context, title, height }: VisualProps) {
  return (
    <div className="dashboard-table" style={{ maxHeight: height }}>
      <DataTable table={table} context={context} caption={title} />
    </div>
  );
}
