import type { Config } from '../config/schema.js';
import type { Warehouse } from '../store/warehouse.js';
import type { Members } from './members.js';
import { monthlyChurn, rollingMonths, type ChurnFigures } from './monthly-churn.js';
import type { Period } from './period.js';
import { EMPTY_FIGURES, periodFigures, type PeriodFigures } from './period-figures.js';
import { ratio } from './ratio.js';
import type { Segmentation } from './segments.js';
import { periodSpend } from './spend.js';

export const KPI_KEYS = [
  'revenue',
  'orders',
  'buyers',
  'apv',
  'purchaseFrequency',
  'cancelRate',
  'returnRate',
  'newBuyers',
  'returningBuyers',
  'retentionRate',
  'repeatRate',
  'clvHistoric',
  'clvRolling',
  'clvSimple',
  'clvPredicted',
  'cac',
  'clvToCac',
] as const;

export type KpiKey = (typeof KPI_KEYS)[number];
export type KpiValues = Record<KpiKey, number | null>;

/** Days before a local date, as a local date. */
function daysBefore(date: string, days: number): string {
  const t = Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
  );
  return new Date(t - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Every KPI of the glossary for one period, per segment of `members`. `previous` is the period
 * before `period`, needed for retention.
 */
export async function periodKpis(
  warehouse: Warehouse,
  config: Config,
  members: Members,
  segmentation: Segmentation,
  period: Period,
  previous: Period,
): Promise<Map<string, KpiValues>> {
  const figures = await periodFigures(warehouse, members, period, previous);
  const churn = await monthlyChurn(warehouse, members, rollingMonths(period.from, period.to));
  // Simple CLV takes APV and orders per buyer over the year before `to`.
  const yearBefore = { from: daysBefore(period.to, 365), to: period.to };
  const year = await periodFigures(warehouse, members, yearBefore, yearBefore);
  const spend = await periodSpend(warehouse, config, segmentation, members, period);
  const kpis = new Map<string, KpiValues>();
  for (const [segment, f] of figures) {
    kpis.set(segment, kpisOf(f, churn.get(segment), year.get(segment), spend.get(segment) ?? null));
  }
  return kpis;
}

/** The KPIs of a segment with no customers: zero counts and sums, null ratios. */
export function emptyKpis(): KpiValues {
  return kpisOf(EMPTY_FIGURES, undefined, undefined, null);
}

/** The KPIs from a period's figures, its rolling churn, its year before `to`, and its spend. */
export function kpisOf(
  f: PeriodFigures,
  churn: ChurnFigures | undefined,
  year: PeriodFigures | undefined,
  spend: number | null,
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
  // No model is fitted yet (predicted CLV comes with the predict step), so CLV:CAC uses rolling CLV.
  const clvPredicted: number | null = null;
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
    clvHistoric: ratio(f.lifetimeRevenue, f.everBuyers),
    clvRolling,
    clvSimple,
    clvPredicted,
    cac,
    clvToCac: ratio(clvPredicted ?? clvRolling, cac),
  };
}
