import type { TableData } from '../../format/csv';
import { formatValue, type FormatContext } from '../../format/format';

/** A chart's data as a plain table, formatted for reading; the CSV has the raw values. */
export function DataTable({
  table,
  context,
  caption,
  onRowClick,
}: {
  table: TableData;
  context: FormatContext;
  caption?: string;
  onRowClick?: ((row: TableData['rows'][number]) => void) | undefined;
}) {
  return (
    <div className="table-scroll">
      <table className="data-table">
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            {table.columns.map((column) => (
              <th key={column.key} scope="col" className={column.format === 'text' ? '' : 'num'}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, i) => (
            <tr
              key={i}
              className={onRowClick ? 'clickable' : undefined}
              tabIndex={onRowClick ? 0 : undefined}
              onClick={onRowClick ? () => onRowClick(row) : undefined}
              onKeyDown={
                onRowClick
                  ? (event) => {
                      if (event.key === 'Enter') onRowClick(row);
                    }
                  : undefined
              }
            >
              {table.columns.map((column) => (
                <td key={column.key} className={column.format === 'text' ? '' : 'num'}>
                  {formatValue(row[column.key] ?? null, column.format, context)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
