import { useKpiCatalog, useMetrics, useModel, useOrderOutcomes } from '../../api/hooks';
import { kpiLookup } from '../../api/kpi-catalog';
import type { KpiKey, KpiReport, MetricsReport } from '../../api/types';
import { useDashboard } from '../../app/dashboard-context';
import { KpiCard } from '../../widgets/kpi-card/KpiCard';
import { CLV_METHODS } from '../../widgets/kpi-card/clv-methods';
import { PredictionNoteLine } from '../../widgets/kpi-card/PredictionNoteLine';
import {
  clvToCacNote,
  predictedClvNote,
  predictionSpan,
} from '../../widgets/kpi-card/prediction-note';
import { StateView } from '../../widgets/state-view/StateView';
import { ClvMethods } from './ClvMethods';
import { clvFormula } from './clv-formula';
import { KpiTableCard } from '../../widgets/kpi-table/KpiTableCard';
import { MethodSwitch } from '../../widgets/method-switch/MethodSwitch';
import { PeriodLine } from '../../widgets/period-line/PeriodLine';
import { SegmentNote } from '../../widgets/period-line/SegmentNote';
import { OrderOutcomesCard } from '../../widgets/order-outcomes/OrderOutcomesCard';

const CARDS: KpiKey[] = [
  'revenue',
  'apv',
  'purchaseFrequency',
  'retentionRate',
  'churn',
  'buyers',
  'newBuyers',
  'orders',
  'cancelRate',
  'returnRate',
  'arpu',
  'repeatRate',
  'cac',
  'clvToCac',
];

/** The KPIs of the whole base or of the segment group chosen in the filter bar. */
function kpisOf(report: MetricsReport, group: string | undefined): KpiReport | null {
  if (!group) return report.kpis;
  return report.segments?.find((s) => s.segment === group)?.kpis ?? null;
}

export default function OverviewPage() {
  const { status, filters, period, format, setFilters } = useDashboard();
  const metrics = useMetrics({
    ...period,
    compare: filters.compare,
    segment: filters.group ? filters.segment : undefined,
    series: 'month',
  });
  const outcomes = useOrderOutcomes({
    ...period,
    segment: filters.group ? filters.segment : undefined,
    group: filters.group,
  });
  // For the predictions' day and horizon; the KPIs do not wait for it.
  const model = useModel();
  const span = predictionSpan(
    model.data?.dataEnd ?? status.latestOrder,
    model.data?.horizonMonths,
    format,
  );
  const method = CLV_METHODS.find((m) => m.label.toLowerCase() === filters.clv)?.key ?? null;
  // Labels, units and directions come from the catalogue: the cards wait for it, never show keys.
  const catalog = useKpiCatalog();
  const meta = catalog.status === 'ready' ? kpiLookup(catalog.data) : null;
  const report = metrics.status === 'ready' ? metrics.data : null;
  const kpis = report ? kpisOf(report, filters.group) : null;
  const clvMethod = method ?? (kpis?.clvPredicted.value != null ? 'clvPredicted' : 'clvRolling');
  const comparison = filters.compare === 'year' ? 'Last year' : 'Previous';
  const formula = kpis ? clvFormula(clvMethod, kpis, format) : '';
  const comparisonTitle = filters.compare === 'year' ? 'Same period last year' : 'Previous period';
  return (
    <div className="page" data-page="overview">
      <div className="page-title">
        <h1>Overview</h1>
        {report && (
          <PeriodLine period={report.period} comparedWith={report.previousPeriod}>
            <SegmentNote segment={filters.segment} group={filters.group} />
          </PeriodLine>
        )}
      </div>
      {metrics.status !== 'ready' ? (
        <StateView state={metrics.status} error={metrics.error} onRetry={metrics.reload} />
      ) : !meta ? (
        <StateView
          state={catalog.status === 'error' ? 'error' : 'loading'}
          error={catalog.error}
          onRetry={catalog.reload}
        />
      ) : !kpis ? (
        <StateView state="empty" empty="No customers in this segment." />
      ) : (
        <>
          <div className="kpi-grid">
            <KpiCard
              kpiKey={clvMethod}
              meta={meta[clvMethod]}
              kpi={kpis[clvMethod]}
              context={format}
              comparisonLabel={comparison}
              formula={formula}
              large
              controls={
                <MethodSwitch
                  label="CLV method"
                  action="clv-method"
                  options={CLV_METHODS}
                  value={clvMethod}
                  onChange={(key) =>
                    setFilters({
                      ...filters,
                      clv: CLV_METHODS.find((m) => m.key === key)?.label.toLowerCase(),
                    })
                  }
                />
              }
            >
              <ClvMethods kpis={kpis} context={format} formula={formula} span={span} />
              {clvMethod === 'clvPredicted' && report && (
                <PredictionNoteLine note={predictedClvNote(report.predictions, span)} />
              )}
            </KpiCard>
            {CARDS.map((key) => (
              <KpiCard
                key={key}
                kpiKey={key}
                meta={meta[key]}
                kpi={kpis[key]}
                context={format}
                comparisonLabel={comparison}
              >
                {key === 'clvToCac' && report && (
                  <PredictionNoteLine note={clvToCacNote(report.predictions)} />
                )}
              </KpiCard>
            ))}
          </div>
          <KpiTableCard
            state={metrics}
            kpisOf={(report) => kpisOf(report, filters.group)}
            comparisonTitle={comparisonTitle}
            catalog={meta}
            context={format}
            note={`Predicted CLV: ${span.charAt(0).toLowerCase()}${span.slice(1)} It does not depend on the chosen range.`}
          />
          <OrderOutcomesCard id="overview-order-outcomes" state={outcomes} context={format} />
        </>
      )}
    </div>
  );
}
