import type { Config } from '../config/schema.js';
import type { Warehouse } from '../store/warehouse.js';
import { periodKpis, type KpiValues } from './kpis.js';
import { shiftMonth } from './monthly-churn.js';
import { previousPeriod, type Period } from './period.js';
import type { Segmentation } from './segments.js';

/** The calendar months that overlap a period, as first days. */
export function monthsOf(period: Period): string[] {
  const months: string[] = [];
  // Bounded: a period of many years still has a few hundred months at most.
  for (
    let m = shiftMonth(period.from, 0);
    m < period.to && months.length < 1200;
    m = shiftMonth(m, 1)
  ) {
    months.push(m);
  }
  return months;
}

/**
 * The KPIs of each month of a period, each month being a period of its own (so monthly
 * retention compares with the month before, and monthly rolling CLV covers the 12 months
 * ending with that month), per segment: `Map<segment, Map<month, KpiValues>>`.
 */
export async function monthlyKpis(
  warehouse: Warehouse,
  config: Config,
  members: string,
  segmentation: Segmentation,
  months: readonly string[],
): Promise<Map<string, Map<string, KpiValues>>> {
  const result = new Map<string, Map<string, KpiValues>>();
  for (const month of months) {
    const period = { from: month, to: shiftMonth(month, 1) };
    const kpis = await periodKpis(
      warehouse,
      config,
      members,
      segmentation,
      period,
      previousPeriod(period),
    );
    for (const [segment, values] of kpis) {
      const bySegment = result.get(segment) ?? new Map<string, KpiValues>();
      bySegment.set(month, values);
      result.set(segment, bySegment);
    }
  }
  return result;
}
