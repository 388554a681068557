import { useState } from 'react';
import { useKpiCatalog, useMetrics, useRfm } from '../../api/hooks';
import { rfmStarts, segmentStarts } from '../../rules/audience-starts';
import { AudienceFromLinks } from '../../widgets/audience-from/AudienceFromLinks';
import { afterCatalog, kpiLookup } from '../../api/kpi-catalog';
import type { KpiKey, MetricsReport } from '../../api/types';
import { useDashboard } from '../../app/dashboard-context';
import { filtersQuery, groupLabel } from '../../app/filters';
import { ChartCard } from '../../widgets/chart-card/ChartCard';
import {
  segmentBarsHeight,
  segmentBarsOptions,
} from '../../widgets/segment-bars/segment-bars-options';
import { SegmentKpiCard } from '../../widgets/segment-kpis/SegmentKpiCard';
import { ClvMethodSwitch, SEGMENT_CLV_METHODS, type SegmentClvMethod } from './ClvMethodSwitch';
import {
  chosenSegmentation,
  MORE_CHARTS,
  RETENTION_CHART,
  type SegmentChart,
} from './segment-charts';
import { SegmentationPicker } from './SegmentationPicker';
import './segments.css';
import { PeriodLine } from '../../widgets/period-line/PeriodLine';

// Empty when there is no group, or no group has a value (predicted CLV before a model is fitted).
const noValues = (kpi: KpiKey) => (data: MetricsReport) =>
  !data.segments?.some((s) => s.kpis[kpi].value !== null);

/** Customers grouped by consent or an attribute: retention, churn and CLV of each group. */
export default function SegmentsPage() {
  const { status, filters, period, format, setFilters } = useDashboard();
  const segmentation = chosenSegmentation(filters.segment, status.segmentations);
  const catalog = useKpiCatalog();
  const kpis = catalog.status === 'ready' ? kpiLookup(catalog.data) : null;
  // The charts wait for the catalogue too: their units come from it.
  const metrics = afterCatalog(
    useMetrics({ ...period, compare: filters.compare, segment: segmentation }),
    catalog,
  );
  const rfm = useRfm();
  const [method, setMethod] = useState<SegmentClvMethod | null>(null);
  const report = metrics.status === 'ready' ? metrics.data : null;
  const segments = report?.segments ?? [];
  const predicted = segments.some((s) => s.kpis.clvPredicted.value !== null);
  const clvMethod = method ?? (predicted ? 'clvPredicted' : 'clvRolling');
  const clvLabel = SEGMENT_CLV_METHODS.find((m) => m.key === clvMethod)?.label ?? '';
  const comparisonLabel = filters.compare === 'year' ? 'Same period last year' : 'Previous period';
  // One more bar pair for all customers.
  const height = segmentBarsHeight(segments.length + 1, true);
  const bars = (kpi: KpiKey) => (data: MetricsReport) =>
    segmentBarsOptions({
      segments: data.segments ?? [],
      kpi,
      format: kpis?.[kpi].format ?? 'decimal',
      overall: data.kpis[kpi],
      comparisonLabel,
      context: format,
      groupLabel: labelOf,
    });
  // Every group, an attribute's "other" too, is a segment the overview can be filtered on.
  const groupHref = (group: string) =>
    `/overview${filtersQuery({ ...filters, segment: segmentation, group })}`;
  const labelOf = (group: string) => groupLabel(segmentation, group);
  const cardProps = { state: metrics, context: format, height };
  const card = (chart: SegmentChart) => (
    <ChartCard
      key={chart.id}
      id={chart.id}
      title={chart.title}
      subtitle={chart.subtitle}
      build={bars(chart.kpi)}
      isEmpty={noValues(chart.kpi)}
      {...cardProps}
    />
  );
  return (
    <div className="page" data-page="segments" data-segmentation={segmentation}>
      <div className="page-title">
        <h1>Segments</h1>
        <SegmentationPicker
          segmentations={status.segmentations}
          value={segmentation}
          onChange={(segment) => setFilters({ ...filters, segment, group: undefined })}
        />
        {report && (
          <PeriodLine period={report.period} comparedWith={report.previousPeriod}>
            ; groups as of the period’s end
          </PeriodLine>
        )}
      </div>
      <AudienceFromLinks
        id="segment-audiences"
        title="Create an audience from a group"
        starts={segmentStarts(
          segmentation,
          segments.map((s) => s.segment),
          labelOf,
        )}
      />
      {rfm.status === 'ready' && (
        <AudienceFromLinks
          id="rfm-audiences"
          title="Create an audience from an RFM group"
          starts={rfmStarts(rfm.data.groups.filter((g) => g.customers > 0).map((g) => g.group))}
        />
      )}
      <div className="grid">
        {card(RETENTION_CHART)}
        <ChartCard
          id="segment-clv"
          title={`CLV (${clvLabel.toLowerCase()}) per group`}
          subtitle={<ClvMethodSwitch value={clvMethod} onChange={setMethod} />}
          build={bars(clvMethod)}
          isEmpty={noValues(clvMethod)}
          empty={`No ${clvLabel.toLowerCase()} CLV for these groups.`}
          {...cardProps}
        />
        <SegmentKpiCard
          id="segment-kpis"
          title="KPIs per group"
          state={metrics}
          kpis={kpis}
          context={format}
          groupHref={groupHref}
          groupLabel={labelOf}
        />
        {MORE_CHARTS.map(card)}
      </div>
    </div>
  );
}
