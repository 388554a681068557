import type { CustomerSummary } from '../../api/types';
import { Link } from '../../app/Link';
import { formatDay, type FormatContext } from '../../format/format';
import { DataTable } from '../data-table/DataTable';
import { compactColumns, customerTable, DAY_COLUMNS } from './customer-rows';

/**
 * Customers as a table whose ids are links to their profiles; each cell carries its column
 * and raw value so a test can compare them with the API.
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
  return (
    <DataTable
      table={{ columns: compact ? compactColumns(table) : table.columns, rows: table.rows }}
      context={context}
      caption={caption}
      className="customer-table"
      renderCell={({ key }, row) => {
        const value = row[key];
        if (key === 'customerId') {
          const id = String(value);
          return (
            <Link href={profileHref(id)} data-customer-id={id}>
              {id}
            </Link>
          );
        }
        if (DAY_COLUMNS.has(key) && typeof value === 'string')
          return formatDay(value, context.locale);
        return undefined;
      }}
    />
  );
}
