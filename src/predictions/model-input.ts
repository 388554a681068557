import type { SpendSummary } from '../predict/summary.js';
import type { SqlParams, Warehouse } from '../store/warehouse.js';

/** Distinct purchase histories in whole days, each with how many customers share it. */
export interface DayHistories {
  frequency: Float64Array;
  recencyDays: Float64Array;
  ageDays: Float64Array;
  weight: Float64Array;
}

/**
 * Groups a purchase summary (the `purchase_summary` table, or the same query with a cutoff)
 * into distinct (frequency, recency, T): the models' cost follows these, not the customers.
 */
export async function readHistories(
  warehouse: Warehouse,
  source: string,
  params?: SqlParams,
): Promise<DayHistories> {
  const columns = await warehouse.numericColumns(
    `SELECT frequency, recency_days, age_days, count(*) AS weight
     FROM ${source} GROUP BY ALL ORDER BY ALL`,
    params,
  );
  return {
    frequency: column(columns, 'frequency'),
    recencyDays: column(columns, 'recency_days'),
    ageDays: column(columns, 'age_days'),
    weight: column(columns, 'weight'),
  };
}

/** Repeat buyers' (frequency, mean repeat spend), and how many were left out for spending 0. */
export async function readSpend(
  warehouse: Warehouse,
  source: string,
  params?: SqlParams,
): Promise<{ spend: SpendSummary; withoutSpend: number }> {
  const columns = await warehouse.numericColumns(
    `SELECT frequency, monetary, count(*) AS weight
     FROM ${source} WHERE frequency > 0 AND monetary > 0 GROUP BY ALL ORDER BY ALL`,
    params,
  );
  const [left] = await warehouse.query<{ n: number }>(
    `SELECT count(*) AS n FROM ${source} WHERE frequency > 0 AND NOT monetary > 0`,
    params,
  );
  return {
    spend: {
      frequency: column(columns, 'frequency'),
      monetary: column(columns, 'monetary'),
      weight: column(columns, 'weight'),
    },
    withoutSpend: left?.n ?? 0,
  };
}

/** Histories in the model's time unit. */
export function inUnits(
  histories: DayHistories,
  unitDays: number,
): { frequency: Float64Array; recency: Float64Array; age: Float64Array; weight: Float64Array } {
  return {
    frequency: histories.frequency,
    recency: histories.recencyDays.map((days) => days / unitDays),
    age: histories.ageDays.map((days) => days / unitDays),
    weight: histories.weight,
  };
}

function column(columns: Record<string, Float64Array>, name: string): Float64Array {
  return columns[name] ?? new Float64Array(0);
}
