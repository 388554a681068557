import type { Config } from '../../config/schema.js';
import type { Warehouse } from '../../store/warehouse.js';
import { ratio } from '../ratio.js';
import { rfmScoresSql } from '../../model/tables/rfm.js';
import { resolveAsOfSource } from '../report-inputs.js';
import { inRfmGroup, rfmGroups } from './rfm-groups.js';
import { TABLE } from '../../model/table-names.js';

export interface RfmGroupRow {
  group: string;
  rule: string;
  customers: number;
  /** The group's part of the buyers before asOf; null when there are none. */
  share: number | null;
  revenue: number;
  meanRecencyDays: number | null;
  meanFrequency: number | null;
  meanMonetary: number | null;
}

export interface RfmReport {
  asOf: string;
  groups: RfmGroupRow[];
  /** Customers per (R, F) cell, every one of the 25 cells, best first. */
  scores: { r: number; f: number; customers: number }[];
}

/** The (R, F) grid over the scores of `source`: the derived rfm table or its query. */
const cellsSql = (source: string): string => `
  SELECT r, f, count(*) AS customers, sum(monetary) AS revenue,
         sum(recency_days) AS recency_days, sum(frequency) AS frequency
  FROM ${source}
  GROUP BY r, f`;

// Sums over the buyers of one (R, F) cell of the grid.
type Cell = {
  r: number;
  f: number;
  customers: number;
  revenue: number;
  recency_days: number;
  frequency: number;
};

/** Buyers before `asOf` scored by recency, frequency and monetary value, and their groups. */
export async function rfmReport(
  warehouse: Warehouse,
  _config: Config,
  options: { to?: string } = {},
): Promise<RfmReport> {
  const { asOf, derived } = await resolveAsOfSource(warehouse, options.to);
  const rows = derived
    ? await warehouse.query<Cell>(cellsSql(TABLE.rfm))
    : await warehouse.query<Cell>(cellsSql(`(${rfmScoresSql(warehouse.dialect)})`), { asOf });
  const buyers = rows.reduce((n, row) => n + row.customers, 0);
  const groups = rfmGroups.map((group): RfmGroupRow => {
    const members = rows.filter((row) => inRfmGroup(group, row.r, row.f));
    const sum = (pick: (row: Cell) => number): number =>
      members.reduce((n, row) => n + pick(row), 0);
    const customers = sum((row) => row.customers);
    const revenue = sum((row) => row.revenue);
    return {
      group: group.group,
      rule: group.rule,
      customers,
      share: ratio(customers, buyers),
      revenue,
      meanRecencyDays: ratio(
        sum((row) => row.recency_days),
        customers,
      ),
      meanFrequency: ratio(
        sum((row) => row.frequency),
        customers,
      ),
      meanMonetary: ratio(revenue, customers),
    };
  });
  const count = (r: number, f: number): number =>
    rows.find((row) => row.r === r && row.f === f)?.customers ?? 0;
  const scores = [5, 4, 3, 2, 1].flatMap((r) =>
    [5, 4, 3, 2, 1].map((f) => ({ r, f, customers: count(r, f) })),
  );
  return { asOf, groups, scores };
}
