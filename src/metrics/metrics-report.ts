import type { Config } from '../config/schema.js';
import type { Warehouse } from '../store/warehouse.js';
import { predictedClv, predictionState, type PredictionState } from './predicted-clv.js';
import { KPI_CATALOG } from './catalog.js';
import { emptyKpis, KPI_KEYS, periodKpis, type KpiKey, type KpiValues } from './kpis.js';
import { shiftMonth } from './dates.js';
import { monthlyChurn, rollingMonths } from './monthly-churn.js';
import { comparisonPeriod, previousPeriod, type CompareWith, type Period } from './period.js';
import { resolveReportPeriod } from './report-inputs.js';
import { change } from './ratio.js';
import type { Members } from './members.js';
import {
  createMembers,
  parseSegmentation,
  segmentGroupCounts,
  type Segmentation,
} from './segments.js';
import { monthlyKpis, monthsOf, rollingWindows } from './series.js';

export interface Kpi {
  value: number | null;
  previous: number | null;
  change: number | null;
  /** With `--series month`: each month of the period and the same month a year earlier. */
  series?: { month: string; value: number | null; yearEarlier: number | null }[];
}

export type KpiReport = Record<KpiKey, Kpi>;

/** The JSON of `clv metrics --json`. */
export interface MetricsReport {
  period: Period;
  previousPeriod: Period;
  currency: string;
  kpis: KpiReport;
  segments?: { segment: string; customers: number; kpis: KpiReport }[];
  /** What predicted CLV (and CLV:CAC, which uses it when a model is fitted) rests on. */
  predictions: PredictionState;
}

export interface MetricsOptions {
  from?: string;
  to?: string;
  segment?: string;
  series?: 'month';
  /** Compare with the period just before (default) or with the same dates a year earlier. */
  compare?: CompareWith;
}

/** KPIs whose monthly values make a trend; the others are as-of figures or need a model. */
const SERIES_KEYS: readonly KpiKey[] = KPI_CATALOG.filter((kpi) => kpi.monthly).map(
  (kpi) => kpi.key,
);

/**
 * Every KPI of the glossary for a period against its previous period, for all customers and,
 * with a segmentation, for each segment (membership decided once, as of `to`).
 */
export async function metricsReport(
  warehouse: Warehouse,
  config: Config,
  options: MetricsOptions,
): Promise<MetricsReport> {
  const segmentation = parseSegmentation(options.segment);
  const period = await resolveReportPeriod(warehouse, options);
  // Retention always looks at the period just before; the comparison may be a year earlier.
  const before = previousPeriod(period);
  const previous = comparisonPeriod(period, options.compare);
  const beforePrevious = previousPeriod(previous);
  const segmented = `members_segments_${warehouse.scratchTag()}`;
  try {
    const months = options.series === 'month' ? monthsOf(period) : [];
    // The period's months and the same months a year earlier, in one pass.
    const seriesMonths = [...months.map((m) => shiftMonth(m, -12)), ...months];
    // Monthly churn for every rolling window below, computed once per segmentation.
    const churnMonths = [
      ...new Set([
        ...rollingMonths(period.from, period.to),
        ...rollingMonths(previous.from, previous.to),
        ...rollingWindows(seriesMonths),
      ]),
    ].sort();
    const compare = async (members: Members, kind: Segmentation): Promise<Comparison> => {
      const churn = await monthlyChurn(warehouse, members, churnMonths);
      const predicted = await predictedClv(warehouse, members);
      const [now, then] = await periodKpis(
        warehouse,
        config,
        members,
        kind,
        [
          { period, previous: before },
          { period: previous, previous: beforePrevious },
        ],
        churn,
        [predicted, null],
      );
      // Predictions exist for now only: a previous CLV:CAC on rolling CLV would compare two
      // different measures, so it is left out when the current one uses predicted CLV.
      for (const [segment, kpis] of now ?? []) {
        const earlier = then?.get(segment);
        if (kpis.clvPredicted !== null && earlier) earlier.clvToCac = null;
      }
      const monthly = await monthlyKpis(warehouse, members, seriesMonths, churn);
      return { now: now ?? new Map(), then: then ?? new Map(), monthly };
    };
    const all = await compare(null, { kind: 'all' });
    const report: MetricsReport = {
      period,
      previousPeriod: previous,
      currency: config.baseCurrency,
      kpis: kpiReport(all, 'all', months),
      predictions: await predictionState(warehouse),
    };
    if (segmentation.kind !== 'all') {
      await createMembers(warehouse, config, segmentation, period.to, segmented);
      const bySegment = await compare(segmented, segmentation);
      const groups = await segmentGroupCounts(warehouse, segmented, segmentation);
      report.segments = groups.map(({ segment, customers }) => ({
        segment,
        customers,
        kpis: kpiReport(bySegment, segment, months),
      }));
    }
    return report;
  } finally {
    await warehouse.run(`DROP TABLE IF EXISTS ${segmented}`);
  }
}

interface Comparison {
  now: Map<string, KpiValues>;
  then: Map<string, KpiValues>;
  /** Per segment and month: the period's months and the same months a year earlier. */
  monthly: Map<string, Map<string, KpiValues>>;
}

function kpiReport(comparison: Comparison, segment: string, months: readonly string[]): KpiReport {
  const now = comparison.now.get(segment) ?? emptyKpis();
  const then = comparison.then.get(segment) ?? emptyKpis();
  const report = {} as KpiReport;
  for (const key of KPI_KEYS) {
    report[key] = { value: now[key], previous: then[key], change: change(now[key], then[key]) };
    if (months.length > 0 && SERIES_KEYS.includes(key)) {
      report[key].series = months.map((month) => ({
        month: month.slice(0, 7),
        value: (comparison.monthly.get(segment)?.get(month) ?? emptyKpis())[key],
        yearEarlier: (comparison.monthly.get(segment)?.get(shiftMonth(month, -12)) ?? emptyKpis())[
          key
        ],
      }));
    }
  }
  return report;
}
