import { SHORT_HISTORY } from '../../api/absent-reasons';
import type { Column, Row } from '../../format/csv';
import {
  formatChange,
  formatValue,
  type FormatContext,
  type ValueFormat,
} from '../../format/format';

/** A cell of the KPI table on screen: the row's own format, reasons beside "—", points for rates. */
export function kpiTableCell(column: Column, row: Row, context: FormatContext) {
  const format = (typeof row['format'] === 'string' ? row['format'] : 'decimal') as ValueFormat;
  const short = row['valueShort'] === 1 || row['previousShort'] === 1;
  switch (column.key) {
    case 'value':
    case 'previous': {
      const side = column.key === 'value' ? 'reason' : 'previousReason';
      const reason = typeof row[side] === 'string' ? row[side] : null;
      const isShort = row[column.key === 'value' ? 'valueShort' : 'previousShort'] === 1;
      const noOrders = reason === 'no orders in this period';
      const text = noOrders
        ? 'No orders in this period'
        : formatValue(row[column.key] ?? null, format, context);
      return (
        <span
          className={isShort ? 'short-history' : reason ? 'absent' : undefined}
          title={isShort ? SHORT_HISTORY : (reason ?? undefined)}
          data-reason={reason ?? undefined}
        >
          {text}
          {reason && !noOrders && <span className="cell-reason"> ({reason})</span>}
          {isShort && <span className="cell-reason"> (too little history)</span>}
        </span>
      );
    }
    case 'change': {
      if (short) return <span title={SHORT_HISTORY}>—</span>;
      if (format !== 'percent') return formatChange(row['change'] as number | null, context.locale);
      const points = row['changePoints'];
      if (typeof points !== 'number') return '—';
      const number = new Intl.NumberFormat(context.locale, {
        signDisplay: 'exceptZero',
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      }).format(points);
      return `${number} pp`;
    }
    default:
      return undefined;
  }
}
