import type { Config } from '../config/schema.js';
import { requireDerivedTables } from '../model/store-state.js';
import { ClvError } from '../shared/errors.js';
import type { Warehouse } from '../store/warehouse.js';
import {
  customerItemsSql,
  predictionsRelation,
  toCustomerItem,
  type CustomerItem,
  type CustomerItemRow,
} from './customer-item.js';
import { checkPaging, queryPage, type PageRequest, type RankedPage } from './paging.js';
import { predictionGap } from './prediction-gap.js';

export const DEFAULT_MIN_CHURN_RISK = 0.5;

export interface AtRiskOptions extends PageRequest {
  /** Lowest churn risk (1 − P(alive)) listed, 0..1; default 0.5. */
  minChurnRisk?: number;
}

export interface AtRiskItem extends CustomerItem {
  churnRisk: number;
}

/**
 * High-value customers the model thinks are likely lost. The bar is the historic CLV of the
 * top 20 % of buyers: buyers ranked by historic CLV, the bar is the value of the one at rank
 * ceil(n / 5). A customer is high-value when their historic CLV or their predicted CLV reaches
 * the bar (so a customer the model expects to become valuable counts too), and is listed when
 * their churn risk is at least `minChurnRisk`; ordered by historic CLV descending, then id.
 * Customers without a prediction have no churn risk and are never listed.
 */
export async function atRiskCustomers(
  warehouse: Warehouse,
  _config: Config,
  options: AtRiskOptions = {},
): Promise<RankedPage<AtRiskItem>> {
  const page = checkPaging(options);
  const minChurnRisk = options.minChurnRisk ?? DEFAULT_MIN_CHURN_RISK;
  if (!Number.isFinite(minChurnRisk) || minChurnRisk < 0 || minChurnRisk > 1) {
    throw new ClvError(
      'bad_input',
      `minChurnRisk must be a number from 0 to 1, not ${String(minChurnRisk)}`,
    );
  }
  await requireDerivedTables(warehouse);
  const sql = `
    WITH ranked AS (
      SELECT revenue, row_number() OVER (ORDER BY revenue DESC) AS rank, count(*) OVER () AS n
      FROM customer_summary
    ),
    bar AS (SELECT min(revenue)::DOUBLE AS bar FROM ranked WHERE rank <= ceil(n / 5))
    SELECT items.* FROM (${customerItemsSql(await predictionsRelation(warehouse))}) items, bar
    WHERE items.churn_risk >= $minChurnRisk
      AND (items.historic_clv >= bar.bar OR items.predicted_clv >= bar.bar)`;
  const { rows, total } = await queryPage<CustomerItemRow>(
    warehouse,
    sql,
    { minChurnRisk },
    'historic_clv DESC, customer_id',
    page,
  );
  const items = rows.map((row) => ({ ...toCustomerItem(row), churnRisk: row.churn_risk ?? 0 }));
  const note = total === 0 ? await predictionGap(warehouse, 'churn') : null;
  return { items, total, ...page, note };
}
