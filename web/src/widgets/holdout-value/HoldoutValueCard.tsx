import { useHoldout } from '../../api/hooks';
import type { HoldoutReport } from '../../api/types';
import type { FormatContext } from '../../format/format';
import { sentence } from '../../format/sentence';
import { ChartCard } from '../chart-card/ChartCard';
import { holdoutValueSubtitle, holdoutValueView } from './holdout-value-options';

/** Why a holdout report has no value deciles to draw. */
function emptyReason(report: HoldoutReport | null): string {
  if (!report) return 'No holdout check yet: run one above to compare predicted and actual value.';
  if (!report.value) {
    return 'This holdout check was stored before value was checked: run it again to see value per decile.';
  }
  const { spend } = report.value;
  return spend.reason ? `No value forecast: ${sentence(spend.reason)}` : 'No customers to rank.';
}

/**
 * The latest holdout check in money: predicted against actual value per decile of predicted
 * value, with the share of customers whose spend fell inside their 90 % predictive interval.
 */
export function HoldoutValueCard({ context }: { context: FormatContext }) {
  const holdout = useHoldout();
  const report = holdout.status === 'ready' ? holdout.data : null;
  return (
    <ChartCard
      id="holdout-value"
      title="Holdout check: predicted vs actual value per decile"
      subtitle={
        report?.value?.deciles.length ? holdoutValueSubtitle(report.value, context) : undefined
      }
      state={holdout}
      // ChartCard builds only data isEmpty lets through, so the value is there.
      build={(data) =>
        data?.value
          ? holdoutValueView(data.value, context)
          : { option: {}, table: { columns: [], rows: [] } }
      }
      isEmpty={(data) => !data?.value || data.value.deciles.length === 0}
      empty={<p data-role="no-value">{emptyReason(report)}</p>}
      context={context}
      height={300}
      wide
    />
  );
}
