import type { WinbackReport } from '../../api/types';
import type { Row, TableData } from '../../format/csv';
import type { FormatContext } from '../../format/format';
import { differenceText, significanceText } from '../campaign-table/lift-text';

/**
 * The winback audiences' reactivation within 30, 60 and 90 days of entering, treated vs
 * control, with the difference and its 95 % interval (in numbers and in words) or why none.
 */
export function winbackTable(reports: readonly WinbackReport[], context: FormatContext): TableData {
  const rows: Row[] = reports.flatMap((report) =>
    report.windows.map((w) => ({
      audience: report.audience.name,
      days: w.days,
      treatedEligible: w.treated.eligible,
      treatedReactivated: w.treated.reactivated,
      treatedShare: w.treated.share,
      controlEligible: w.control.eligible,
      controlReactivated: w.control.reactivated,
      controlShare: w.control.share,
      difference: w.difference?.value ?? null,
      low: w.difference?.low ?? null,
      high: w.difference?.high ?? null,
      inWords: w.difference
        ? `${differenceText(w.difference, context)}, ${significanceText(w.difference)}`
        : (report.reason ?? 'no eligible members in either group'),
    })),
  );
  return {
    columns: [
      { key: 'audience', label: 'Audience', format: 'text' },
      { key: 'days', label: 'Within days', format: 'count' },
      { key: 'treatedEligible', label: 'Treated eligible', format: 'count' },
      { key: 'treatedReactivated', label: 'Treated reactivated', format: 'count' },
      { key: 'treatedShare', label: 'Treated share', format: 'percent' },
      { key: 'controlEligible', label: 'Control eligible', format: 'count' },
      { key: 'controlReactivated', label: 'Control reactivated', format: 'count' },
      { key: 'controlShare', label: 'Control share', format: 'percent' },
      { key: 'inWords', label: 'Treated − control', format: 'text' },
      { key: 'difference', label: 'Difference', format: 'percent' },
      { key: 'low', label: '95 % low', format: 'percent' },
      { key: 'high', label: '95 % high', format: 'percent' },
    ],
    rows,
  };
}
