import { useKpiCatalog, useMetrics, useOrderOutcomes } from '../../api/hooks';
import { afterCatalog, kpiLookup } from '../../api/kpi-catalog';
import type { MetricsReport, SeriesPoint } from '../../api/types';
import { useDashboard } from '../../app/dashboard-context';
import {
  barCompareOptions,
  hasShortHistory,
  SHORT_HISTORY_NOTE,
} from '../../widgets/bar-compare/bar-compare-options';
import { ChartCard } from '../../widgets/chart-card/ChartCard';
import { groupKpis, TREND_KPIS } from './trend-kpis';
import { PeriodLine } from '../../widgets/period-line/PeriodLine';
import { SegmentNote } from '../../widgets/period-line/SegmentNote';
import { OrderOutcomesCard } from '../../widgets/order-outcomes/OrderOutcomesCard';

/** Whether neither the period nor the year before it has any order: nothing to draw. */
const noOrders = (series: readonly SeriesPoint[]) =>
  series.every((p) => p.reason === 'no-orders' && p.yearEarlierReason === 'no-orders');

/** Month by month, each KPI of the period beside the same month a year earlier. */
export default function TrendsPage() {
  const { filters, period, format } = useDashboard();
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
  // Chart titles and units come from the catalogue: the charts wait for it, never show keys.
  const catalog = useKpiCatalog();
  const kpis = catalog.status === 'ready' ? kpiLookup(catalog.data) : null;
  const state = afterCatalog(metrics, catalog);
  const report = metrics.status === 'ready' ? metrics.data : null;
  const seriesOf = (data: MetricsReport, key: (typeof TREND_KPIS)[number]['key']) =>
    groupKpis(data, filters.group)?.[key].series ?? [];
  return (
    <div className="page" data-page="trends">
      <div className="page-title">
        <h1>Trends</h1>
        {report && (
          <PeriodLine period={report.period}>
            , each month beside the same month a year earlier
            <SegmentNote segment={filters.segment} group={filters.group} />
          </PeriodLine>
        )}
      </div>
      <div className="grid">
        {TREND_KPIS.map(({ key, monthly }, index) => (
          <ChartCard
            key={key}
            id={`trend-${key}`}
            title={kpis ? `${kpis[key].label} by month` : '…'}
            subtitle={
              report && hasShortHistory(seriesOf(report, key)) ? (
                <>
                  {monthly} <span data-role="short-history">{SHORT_HISTORY_NOTE}</span>
                </>
              ) : (
                monthly
              )
            }
            state={state}
            context={format}
            wide={index === 0}
            height={index === 0 ? 300 : 260}
            isEmpty={(data) => seriesOf(data, key).length === 0 || noOrders(seriesOf(data, key))}
            empty={
              report && seriesOf(report, key).length > 0
                ? 'No orders in this period.'
                : filters.group
                  ? 'No customers in this segment.'
                  : 'No months in this period.'
            }
            build={(data) =>
              barCompareOptions({
                series: seriesOf(data, key),
                format: kpis?.[key].format ?? 'decimal',
                context: format,
              })
            }
          />
        ))}
        <OrderOutcomesCard id="trend-order-outcomes" state={outcomes} context={format} wide />
      </div>
    </div>
  );
}
