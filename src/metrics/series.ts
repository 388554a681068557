import type { Warehouse } from '../store/warehouse.js';
import type { Members } from './members.js';
import { kpisOf, type KpiResult } from './kpis.js';
import { kpiNotesOf } from './kpi-notes.js';
import { monthFigures } from './month-figures.js';
import { shiftMonth } from './dates.js';
import { meansOver, monthlyChurn, type ChurnFigures } from './monthly-churn.js';
import type { Period } from './period.js';
import { EMPTY_FIGURES } from './period-figures.js';

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

/** Every month of the 12-month windows ending with each of the months, sorted. */
export function rollingWindows(months: readonly string[]): string[] {
  const window = new Set(
    months.flatMap((m) => Array.from({ length: 12 }, (_, i) => shiftMonth(m, i - 11))),
  );
  return [...window].sort();
}

/**
 * The KPIs of each month, each month taken as a period of its own (monthly retention compares
 * with the month before; monthly rolling CLV covers the 12 months ending with that month), per
 * segment: `Map<segment, Map<month, KpiValues>>`. Spend and simple CLV have no monthly value.
 */
export async function monthlyKpis(
  warehouse: Warehouse,
  members: Members,
  months: readonly string[],
  /** Monthly churn covering every month's rolling window, when the caller has it already. */
  known?: Map<string, ChurnFigures>,
  /** See `fullHistoryFrom`: months whose churn rests on earlier months are flagged. */
  historyFrom: string | null = null,
): Promise<Map<string, Map<string, KpiResult>>> {
  const result = new Map<string, Map<string, KpiResult>>();
  if (months.length === 0) return result;
  const figures = await monthFigures(warehouse, members, months);
  const churn = known ?? (await monthlyChurn(warehouse, members, rollingWindows(months)));
  for (const [segment, byMonth] of figures) {
    const byKpi = new Map<string, KpiResult>();
    for (const month of months) {
      const last12 = Array.from({ length: 12 }, (_, i) => shiftMonth(month, i - 11));
      const rolling = meansOver(churn.get(segment), last12);
      const f = byMonth.get(month) ?? EMPTY_FIGURES;
      const values = kpisOf(f, rolling, null, null);
      const notes = kpiNotesOf(values, {
        figures: f,
        window: last12,
        churn: rolling,
        year: null,
        spend: null,
        attributable: true,
        clvPredicted: null,
        historyFrom,
      });
      byKpi.set(month, { values, notes });
    }
    result.set(segment, byKpi);
  }
  return result;
}
