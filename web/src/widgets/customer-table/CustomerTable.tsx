import type { CustomerSummary } from '../../api/types';
import { Link } from '../../app/Link';
import { formatDay, formatValue, type FormatContext } from '../../format/format';
import { DataTable } from '../data-table/DataTable';
import { compactColumns, customerTable, DAY_COLUMNS, PREDICTION_NOTE } from './customer-rows';

/** Predictions whose cells carry the note: missing, or (predicted CLV) resting on a fallback. */
const PREDICTED = new Set(['predictedClv', 'pAlive', 'churnRisk']);

/**
 * Customers as a table whose ids are links to their profiles; each cell carries its column
 * and raw value so a test can compare them with the API. The prediction note is not a column
 * on screen: a missing prediction, or a flagged predicted CLV, carries it as its tooltip and
 * `data-reason`.
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
  const columns = (compact ? compactColumns(table) : table.columns).filter(
    (c) => c.key !== PREDICTION_NOTE.key,
  );
  return (
    <DataTable
      table={{ columns, rows: table.rows }}
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
        const reason = row[PREDICTION_NOTE.key];
        if (PREDICTED.has(key) && typeof reason === 'string') {
          if (value === null) {
            return (
              <span className="missing" title={reason} data-reason={reason}>
                —
              </span>
            );
          }
          if (key === 'predictedClv') {
            return (
              <span className="flagged-value" title={reason} data-reason={reason}>
                {formatValue(value, 'money', context)}
                <sup aria-hidden="true">*</sup>
                <span className="sr-only"> (flagged)</span>
              </span>
            );
          }
        }
        return undefined;
      }}
    />
  );
}
