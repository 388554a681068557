import type { Config } from '../config/schema.js';
import { KPI_CATALOG, type KpiKey } from './catalog.js';
import type { Warehouse } from '../store/warehouse.js';
import { addDays } from './dates.js';
import type { Members } from './members.js';
import { meansOver, monthlyChurn, rollingMonths, type ChurnFigures } from './monthly-churn.js';
import type { Period } from './period.js';
import {
  EMPTY_FIGURES,
  periodFigures,
  type PeriodFigures,
  type YearFigures,
} from './period-figures.js';
import { ratio } from './ratio.js';
import type { Segmentation } from './segments.js';
import { periodSpend, spendAttributable } from './spend.js';
import { fullHistoryFrom } from './history-start.js';
import { kpiNotesOf, type KpiNotes } from './kpi-notes.js';

/** Every KPI's key, in the catalogue's order (what reports list). */
export const KPI_KEYS: readonly KpiKey[] = KPI_CATALOG.map((entry) => entry.key);

export type { KpiKey };
export type KpiValues = Record<KpiKey, number | null>;

/** The KPIs of a segment and, for each, why it has no value and whether its history is short. */
export interface KpiResult {
  values: KpiValues;
  notes: KpiNotes;
}

/** A period and the one before it (for retention). */
export interface PeriodPair {
  period: Period;
  previous: Period;
}

/**
 * Every KPI of the glossary for each of the periods, per segment of `members`, in as few
 * passes as the figures allow: one query of figures per period, one of monthly churn for all.
 */
export async function periodKpis(
  warehouse: Warehouse,
  config: Config,
  members: Members,
  segmentation: Segmentation,
  periods: readonly PeriodPair[],
  /** Monthly churn covering every period's rolling window, when the caller has it already. */
  known?: Map<string, ChurnFigures>,
  /** Mean predicted CLV per segment, for each period that has it (predictions exist for now only). */
  predicted: readonly (Map<string, number | null> | null)[] = [],
  /** See `fullHistoryFrom`, when the caller has it already. */
  knownHistoryFrom?: string | null,
): Promise<Map<string, KpiResult>[]> {
  const historyFrom =
    knownHistoryFrom === undefined ? await fullHistoryFrom(warehouse, config) : knownHistoryFrom;
  const windows = periods.map(({ period }) => rollingMonths(period.from, period.to));
  const churn =
    known ?? (await monthlyChurn(warehouse, members, [...new Set(windows.flat())].sort()));
  const result: Map<string, KpiResult>[] = [];
  for (const [i, { period, previous }] of periods.entries()) {
    // Simple CLV takes APV and orders per buyer over the year before `to`.
    const yearFrom = addDays(period.to, -365);
    const figures = await periodFigures(warehouse, members, period, previous, yearFrom);
    const spend = await periodSpend(warehouse, config, segmentation, members, period);
    const kpis = new Map<string, KpiResult>();
    for (const [segment, f] of figures) {
      const window = windows[i] ?? [];
      const rolling = meansOver(churn.get(segment), window);
      const clvPredicted = predicted[i]?.get(segment) ?? null;
      const segmentSpend = spend.get(segment) ?? null;
      const values = kpisOf(f, rolling, f.year, segmentSpend, clvPredicted);
      const notes = kpiNotesOf(values, {
        figures: f,
        window,
        churn: rolling,
        year: f.year,
        spend: segmentSpend,
        attributable: spendAttributable(config, segmentation, segment),
        clvPredicted,
        historyFrom,
      });
      kpis.set(segment, { values, notes });
    }
    result.push(kpis);
  }
  return result;
}

/** The KPIs of a segment with no customers: zero counts and sums, null ratios. */
export function emptyKpis(): KpiResult {
  const values = kpisOf(EMPTY_FIGURES, undefined, null, null);
  const notes = kpiNotesOf(values, {
    figures: EMPTY_FIGURES,
    window: [],
    churn: undefined,
    year: null,
    spend: null,
    attributable: true,
    clvPredicted: null,
    historyFrom: null,
  });
  return { values, notes };
}

/**
 * The KPIs from a period's figures, its rolling churn, its year before `to`, its spend, and
 * the mean predicted CLV when a model has been fitted.
 */
export function kpisOf(
  f: PeriodFigures,
  churn: ChurnFigures | undefined,
  year: YearFigures | null,
  spend: number | null,
  clvPredicted: number | null = null,
): KpiValues {
  const classified = f.orders + f.canceled + f.returned;
  const meanChurn = churn?.meanChurn ?? null;
  const clvRolling = ratio(churn?.meanArpu ?? null, meanChurn);
  const apvYear = year ? ratio(year.revenue, year.orders) : null;
  const ordersPerBuyerYear = year ? ratio(year.orders, year.buyers) : null;
  const clvSimple =
    apvYear === null || ordersPerBuyerYear === null || meanChurn === null
      ? null
      : ratio(apvYear * ordersPerBuyerYear, 12 * meanChurn);
  const cac = ratio(spend, f.newBuyers);
  return {
    revenue: f.revenue,
    orders: f.orders,
    buyers: f.buyers,
    apv: ratio(f.revenue, f.orders),
    purchaseFrequency: ratio(f.orders, f.buyers),
    cancelRate: ratio(f.canceled + f.returned, classified),
    returnRate: ratio(f.returned, classified),
    newBuyers: f.newBuyers,
    returningBuyers: f.buyers - f.newBuyers,
    retentionRate: ratio(f.retained, f.previousBuyers),
    repeatRate: ratio(f.repeatBuyers, f.everBuyers),
    churn: meanChurn,
    arpu: churn?.meanArpu ?? null,
    clvHistoric: ratio(f.lifetimeRevenue, f.everBuyers),
    clvRolling,
    clvSimple,
    clvPredicted,
    cac,
    clvToCac: ratio(clvPredicted ?? clvRolling, cac),
  };
}
