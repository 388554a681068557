import type { Config } from '../config/schema.js';
import type { Warehouse } from '../store/warehouse.js';
import { predictedClv, predictionState, type PredictionState } from './predicted-clv.js';
import { KPI_CATALOG } from './catalog.js';
import { emptyKpis, KPI_KEYS, periodKpis, type KpiKey, type KpiResult } from './kpis.js';
import type { AbsentReason } from './absent-reasons.js';
import { fullHistoryFrom } from './history-start.js';
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
  /** Rates only: value − previous in percentage points (0.089 against 0.087 is 0.2). */
  changePoints?: number | null;
  /** Why value (and previous) is null, or `no-orders` for a period without any orders. */
  reason: AbsentReason | null;
  previousReason: AbsentReason | null;
  /** Whether value and previous rest on churn of months less than W after the first order. */
  insufficientHistory: { value: boolean; previous: boolean };
  /** With `--series month`: each month of the period and the same month a year earlier. */
  series?: {
    month: string;
    value: number | null;
    yearEarlier: number | null;
    reason: AbsentReason | null;
    yearEarlierReason: AbsentReason | null;
    insufficientHistory: { value: boolean; yearEarlier: boolean };
  }[];
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
    const historyFrom = await fullHistoryFrom(warehouse, config);
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
        historyFrom,
      );
      // Predictions exist for now only: a previous CLV:CAC on rolling CLV would compare two
      // different measures, so it is left out when the current one uses predicted CLV.
      for (const [segment, kpis] of now ?? []) {
        const earlier = then?.get(segment);
        // Predicted CLV has no previous value: the models describe the customers as of now.
        if (earlier) earlier.notes.clvPredicted.reason = 'now-only';
        if (kpis.values.clvPredicted !== null && earlier) {
          earlier.values.clvToCac = null;
          earlier.notes.clvToCac = { reason: 'not-comparable', insufficientHistory: false };
        }
      }
      const monthly = await monthlyKpis(warehouse, members, seriesMonths, churn, historyFrom);
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
    await warehouse.scratch.drop(segmented);
  }
}

interface Comparison {
  now: Map<string, KpiResult>;
  then: Map<string, KpiResult>;
  /** Per segment and month: the period's months and the same months a year earlier. */
  monthly: Map<string, Map<string, KpiResult>>;
}

const RATES = new Set<KpiKey>(KPI_CATALOG.filter((kpi) => kpi.unit === 'rate').map((k) => k.key));

/** value − previous in percentage points; null when either is null. */
export function changePoints(value: number | null, previous: number | null): number | null {
  if (value === null || previous === null) return null;
  // Rounded to drop the float noise of the subtraction (0.3 − 0.1 is not 0.2).
  return Math.round((value - previous) * 100 * 1e9) / 1e9;
}

function kpiReport(comparison: Comparison, segment: string, months: readonly string[]): KpiReport {
  const now = comparison.now.get(segment) ?? emptyKpis();
  const then = comparison.then.get(segment) ?? emptyKpis();
  const report = {} as KpiReport;
  const monthOf = (month: string): KpiResult =>
    comparison.monthly.get(segment)?.get(month) ?? emptyKpis();
  for (const key of KPI_KEYS) {
    const value = now.values[key];
    const previous = then.values[key];
    report[key] = {
      value,
      previous,
      change: change(value, previous),
      ...(RATES.has(key) ? { changePoints: changePoints(value, previous) } : {}),
      reason: now.notes[key].reason,
      previousReason: then.notes[key].reason,
      insufficientHistory: {
        value: now.notes[key].insufficientHistory,
        previous: then.notes[key].insufficientHistory,
      },
    };
    if (months.length > 0 && SERIES_KEYS.includes(key)) {
      report[key].series = months.map((month) => {
        const current = monthOf(month);
        const earlier = monthOf(shiftMonth(month, -12));
        return {
          month: month.slice(0, 7),
          value: current.values[key],
          yearEarlier: earlier.values[key],
          reason: current.notes[key].reason,
          yearEarlierReason: earlier.notes[key].reason,
          insufficientHistory: {
            value: current.notes[key].insufficientHistory,
            yearEarlier: earlier.notes[key].insufficientHistory,
          },
        };
      });
    }
  }
  return report;
}
