import type { Bin } from '../../api/types';
import { CURRENT } from '../../charts/palette';
import type { Row, TableData } from '../../format/csv';
import { formatAxis, formatValue, type FormatContext } from '../../format/format';
import type { ChartView } from '../chart-card/ChartCard';

export interface HistogramInput {
  bins: readonly Bin[];
  /** How the bins' bounds read: P(alive) as percent, CLV as money. */
  format: 'percent' | 'money';
  /** What is counted, for the axis and the table: "P(alive)", "Predicted CLV". */
  label: string;
  /** Customers above the last bin, not drawn (a long tail would flatten the bars). */
  above?: number;
  context: FormatContext;
}

/** A bound as a short label: 20%, €50, €1K. */
function bound(value: number, format: HistogramInput['format'], context: FormatContext): string {
  if (format === 'percent') return formatAxis(value, 'percent', context);
  // formatAxis keeps the currency's minimum of two decimals (€950.0); bin bounds are round.
  return new Intl.NumberFormat(context.locale, {
    style: 'currency',
    currency: context.currency,
    notation: 'compact',
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
  }).format(value);
}

/** A bin's range as an axis label: "10%–20%", "€50–€100". */
export function binLabel(bin: Bin, format: HistogramInput['format'], context: FormatContext) {
  return `${bound(bin.from, format, context)}–${bound(bin.to, format, context)}`;
}

/** How customers spread over the bins, as bars; the table adds the share and the tail. */
export function distributionView(input: HistogramInput): ChartView {
  const { bins, format, label, above = 0, context } = input;
  const binned = bins.reduce((sum, bin) => sum + bin.customers, 0);
  const all = binned + above;
  const share = (customers: number) => (all > 0 ? customers / all : null);
  const rows: Row[] = bins.map((bin) => ({
    from: bin.from,
    to: bin.to,
    customers: bin.customers,
    share: share(bin.customers),
  }));
  const last = bins.at(-1);
  if (above > 0 && last)
    rows.push({ from: last.to, to: null, customers: above, share: share(above) });
  const table: TableData = {
    columns: [
      { key: 'from', label: `${label} from`, format },
      { key: 'to', label: `${label} to`, format },
      { key: 'customers', label: 'Customers', format: 'count' },
      { key: 'share', label: 'Share of customers', format: 'percent' },
    ],
    rows,
  };
  return {
    table,
    option: {
      grid: { left: 56, right: 16, top: 16, bottom: 56 },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (value) =>
          typeof value === 'number' ? `${formatValue(value, 'count', context)} customers` : '—',
      },
      xAxis: {
        type: 'category',
        data: bins.map((bin) => binLabel(bin, format, context)),
        name: label,
        nameLocation: 'middle',
        nameGap: 36,
        axisLabel: { hideOverlap: true },
      },
      yAxis: {
        type: 'value',
        axisLabel: { formatter: (value: number) => formatAxis(value, 'count', context) },
      },
      series: [
        {
          type: 'bar',
          name: 'Customers',
          data: bins.map((bin) => bin.customers),
          barCategoryGap: '8%',
          itemStyle: { color: CURRENT },
        },
      ],
    },
  };
}

/** The customers above the last bin, said in words, or null when there are none. */
export function tailNote(input: Pick<HistogramInput, 'bins' | 'above' | 'format' | 'context'>) {
  const last = input.bins.at(-1);
  if (!input.above || !last) return null;
  const bound = formatValue(last.to, input.format, input.context);
  const customers = formatValue(input.above, 'count', input.context);
  return `${customers} ${input.above === 1 ? 'customer' : 'customers'} above ${bound} not drawn.`;
}
