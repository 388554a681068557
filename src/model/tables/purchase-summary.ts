import type { Config } from '../../config/schema.js';
import type { SqlParams } from '../../store/warehouse.js';
import type { DerivedTable } from '../derived-table.js';
import { TABLE } from '../table-names.js';
import type { SqlDialect } from '../../store/sql-dialect.js';

const DAYS_PER_UNIT = { day: 1, week: 7, month: 365.25 / 12 } as const;

/** Days in one unit of the model's time (`model.timeUnit`). */
export function unitDays(config: Config): number {
  return DAYS_PER_UNIT[config.model.timeUnit];
}

/**
 * The purchase models' view of each customer, in whole days as the published work counts
 * them: a purchase day is a local calendar day with a successful order (several orders that
 * day are one purchase, their values summed). frequency = purchase days after the first;
 * recency = days from the first to the last purchase day; T = days from the first purchase day
 * to the observation end day; monetary = mean value of the repeat purchase days. With a
 * `$cutoff` day the history stops before it and the end day is the day before; without one the
 * end day is the latest order's.
 */
export const purchaseSummarySql = (d: SqlDialect): string => `
  WITH purchase_days AS (
    -- Decimals add exactly in any order, so every refresh of the same data fits the same models.
    SELECT customer_id, day, sum(coalesce(amount, 0)) AS value
    FROM orders
    WHERE outcome = 'success' AND ($cutoff::DATE IS NULL OR day < $cutoff::DATE)
    GROUP BY customer_id, day
  ),
  observation AS (
    SELECT coalesce($cutoff::DATE - 1, (SELECT max(day) FROM orders)) AS end_day
  ),
  customers AS (
    SELECT customer_id, min(day) AS first_day, max(day) AS last_day,
           count(*) - 1 AS frequency, sum(value) - ${d.argMin('value', 'day')} AS repeat_value
    FROM purchase_days GROUP BY customer_id
  )
  SELECT customer_id, first_day, last_day, end_day, frequency::INTEGER AS frequency,
         ${d.daysBetween('last_day', 'first_day')}::INTEGER AS recency_days,
         ${d.daysBetween('end_day', 'first_day')}::INTEGER AS age_days,
         ${d.daysBetween('last_day', 'first_day')} / $unitDays AS recency,
         ${d.daysBetween('end_day', 'first_day')} / $unitDays AS T,
         CASE WHEN frequency > 0 THEN CAST(repeat_value AS DOUBLE) / frequency END AS monetary
  FROM customers, observation`;

/** The parameters of purchaseSummarySql. */
export function purchaseSummaryParams(config: Config, cutoff: string | null): SqlParams {
  return { unitDays: unitDays(config), cutoff };
}

/** The summary over all data, which the fitted models and customer predictions come from. */
export const purchaseSummary: DerivedTable = {
  name: TABLE.purchaseSummary,
  description:
    'per customer with a successful order: first_day, last_day, end_day (observation end), frequency (repeat purchase days), recency_days, age_days, recency and T in model.timeUnit, monetary (mean value of repeat purchase days)',
  dependsOn: [TABLE.orders],
  sql: purchaseSummarySql,
  params: (config) => purchaseSummaryParams(config, null),
};
