import type { CustomerSummary } from '../../api/types';
import { Link } from '../../app/Link';
import { formatDay, formatValue, type FormatContext } from '../../format/format';
import { compactColumns, customerTable, DAY_COLUMNS } from './customer-rows';

/**
 * Customers as a table whose ids are links to their profiles. Each cell carries its column
 * and raw value (`data-column`, `data-value`) so a test can compare them with the API.
 */
export function CustomerTable({
  items,
  context,
  profileHref,
  caption,
  compact = false,
}: {
  items: readonly CustomerSummary[];
  context: FormatContext;
  profileHref(customerId: string): string;
  caption: string;
  /** Fewer columns, for a half-width card. */
  compact?: boolean;
}) {
  const table = customerTable(items);
  const columns = compact ? compactColumns(table) : table.columns;
  return (
    <div className="table-scroll">
      <table className="data-table customer-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" className={column.format === 'text' ? '' : 'num'}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => {
            const id = String(row.customerId);
            return (
              <tr key={id}>
                {columns.map(({ key, format }) => {
                  const value = row[key] ?? null;
                  return (
                    <td
                      key={key}
                      className={format === 'text' ? '' : 'num'}
                      data-column={key}
                      data-value={value ?? ''}
                    >
                      {key === 'customerId' ? (
                        <Link href={profileHref(id)} data-customer-id={id}>
                          {id}
                        </Link>
                      ) : DAY_COLUMNS.has(key) && typeof value === 'string' ? (
                        formatDay(value, context.locale)
                      ) : (
                        formatValue(value, format, context)
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
