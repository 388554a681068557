import type { QueryColumn } from '../../api/query-types';
import type { TableData } from '../../format/csv';
import { numberText } from './result-table';

/**
 * A result's rows under headers that give each column's name and type. Each cell carries its
 * column key and raw value (`data-column`, `data-value`) as the dashboard's other tables do.
 */
export function QueryTable({
  table,
  columns,
  locale,
}: {
  table: TableData;
  /** The result's columns, in the table's order: their types. */
  columns: readonly QueryColumn[];
  locale?: string | undefined;
}) {
  return (
    <div className="table-scroll">
      <table className="data-table query-table">
        <caption className="sr-only">Query result</caption>
        <thead>
          <tr>
            {table.columns.map((column, i) => (
              <th
                key={column.key}
                scope="col"
                className={column.format === 'text' ? '' : 'num'}
                data-column={column.key}
                data-type={columns[i]?.type}
              >
                {column.label}
                <span className="column-type">{columns[i]?.type}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r}>
              {table.columns.map((column) => {
                const value = row[column.key] ?? null;
                return (
                  <td
                    key={column.key}
                    className={column.format === 'text' ? '' : 'num'}
                    data-column={column.key}
                    data-value={value ?? ''}
                    title={typeof value === 'string' && value.length > 60 ? value : undefined}
                  >
                    {value === null ? (
                      <span className="null">NULL</span>
                    ) : typeof value === 'number' ? (
                      numberText(value, locale)
                    ) : (
                      value
                    )}
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
