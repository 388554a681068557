import type { ReactNode } from 'react';
import type { Column, Row, TableData } from '../../format/csv';
import { formatValue, type FormatContext } from '../../format/format';

/**
 * A chart's data as a plain table, formatted for reading; the CSV has the raw values. Each cell
 * carries its column and raw value (`data-column`, `data-value`) for scripts and tests.
 */
export function DataTable({
  table,
  context,
  caption,
  className,
  renderCell,
}: {
  table: TableData;
  context: FormatContext;
  /** For screen readers: the card around the table shows its title. */
  caption?: string;
  className?: string;
  /** Draws a cell its own way (a link, a date); undefined keeps the column's format. */
  renderCell?: (column: Column, row: Row) => ReactNode | undefined;
}) {
  return (
    <div className="table-scroll">
      <table className={`data-table${className ? ` ${className}` : ''}`}>
        {caption && <caption className="sr-only">{caption}</caption>}
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
            <tr key={i}>
              {table.columns.map((column) => {
                const value = row[column.key] ?? null;
                return (
                  <td
                    key={column.key}
                    className={column.format === 'text' ? '' : 'num'}
                    data-column={column.key}
                    data-value={value ?? ''}
                  >
                    {renderCell?.(column, row) ?? formatValue(value, column.format, context)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
