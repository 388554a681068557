import { useCohorts } from '../../api/hooks';
import type { CohortsReport } from '../../api/types';
import { useDashboard } from '../../app/dashboard-context';
import { ChartCard } from '../../widgets/chart-card/ChartCard';
import { cohortHeatmapOptions } from '../../widgets/cohort-heatmap/cohort-heatmap-options';
import { CohortLtvCard } from '../../widgets/cohort-ltv/CohortLtvCard';
import { AsOf } from '../../widgets/as-of/AsOf';
import './cohorts.css';

const isEmpty = (report: CohortsReport) => report.cohorts.length === 0;

// A row per cohort: the chart grows with their number so the rows stay readable.
function heatmapHeight(report: CohortsReport | undefined): number {
  return Math.max(280, 120 + 18 * (report?.cohorts.length ?? 0));
}

export default function CohortsPage() {
  const { period, format } = useDashboard();
  const cohorts = useCohorts({ to: period.to });
  return (
    <div className="page" data-page="cohorts">
      <div className="page-title">
        <h1>Cohorts</h1>
        {cohorts.status === 'ready' && <AsOf day={cohorts.data.asOf} />}
      </div>
      <div className="grid">
        <ChartCard
          id="cohort-retention"
          title="Retention by acquisition month"
          subtitle="Share of each cohort (customers by month of first order) with an order k months after that month. Colours are capped at the highest rate after month 0."
          state={cohorts}
          build={(report) => cohortHeatmapOptions(report, format)}
          isEmpty={isEmpty}
          empty="No customers with an order before this date."
          context={format}
          height={heatmapHeight(cohorts.data)}
          wide
        />
        <CohortLtvCard state={cohorts} context={format} isEmpty={isEmpty} />
      </div>
    </div>
  );
}
