import { reasonText } from '../../api/absent-reasons';
import type { Kpi } from '../../api/types';
import {
  formatChange,
  formatValue,
  type FormatContext,
  type ValueFormat,
} from '../../format/format';

/** One side of a KPI (this period or the comparison) as it reads on the dashboard. */
export interface Reading {
  /** The formatted value, or the sentence that stands in for it. */
  text: string;
  /** Why it reads so (on hover and in tables); null when the value speaks for itself. */
  reason: string | null;
  /** Shown, but not as a fact: it rests on too little history. */
  shortHistory: boolean;
}

/** This period's value: "No orders in this period" instead of zeros, a reason beside "—". */
export function valueReading(kpi: Kpi, format: ValueFormat, context: FormatContext): Reading {
  return reading(kpi.value, kpi.reason, kpi.insufficientHistory.value, format, context);
}

/** The comparison's value, read the same way. */
export function previousReading(kpi: Kpi, format: ValueFormat, context: FormatContext): Reading {
  return reading(
    kpi.previous,
    kpi.previousReason,
    kpi.insufficientHistory.previous,
    format,
    context,
  );
}

function reading(
  value: number | null,
  code: Kpi['reason'],
  shortHistory: boolean,
  format: ValueFormat,
  context: FormatContext,
): Reading {
  const reason = reasonText(code);
  if (code === 'no-orders') return { text: 'No orders in this period', reason, shortHistory };
  return { text: formatValue(value, format, context), reason, shortHistory };
}

/** The change as the dashboard shows it: rates in percentage points, the rest in per cent. */
export function changeText(kpi: Kpi, format: ValueFormat, context: FormatContext): string {
  if (kpi.insufficientHistory.value || kpi.insufficientHistory.previous) return '—';
  if (format === 'percent') {
    const points = kpi.changePoints ?? null;
    if (points === null) return '—';
    const number = new Intl.NumberFormat(context.locale, {
      signDisplay: 'exceptZero',
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    }).format(points);
    return `${number} pp`;
  }
  return formatChange(kpi.change, context.locale);
}

/** The signed change the card's arrow and colour follow (points for rates). */
export function changeDirection(kpi: Kpi, format: ValueFormat): number | null {
  if (kpi.insufficientHistory.value || kpi.insufficientHistory.previous) return null;
  if (format !== 'percent') return kpi.change;
  return kpi.changePoints == null ? null : kpi.changePoints / 100;
}
