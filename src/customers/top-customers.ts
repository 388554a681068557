import type { Config } from '../config/schema.js';
import { requireDerivedTables } from '../model/store-state.js';
import { ClvError } from '../shared/errors.js';
import type { Warehouse } from '../store/warehouse.js';
import { predictionsRelation, toCustomerItem, type CustomerItem } from './customer-item.js';
import { checkPaging, type PageRequest, type RankedPage } from './paging.js';
import { predictionGap } from './prediction-gap.js';
import { rankedItemsPage, type Ranking } from './ranked-page.js';

export type TopBasis = 'predicted' | 'historic';

export interface TopOptions extends PageRequest {
  by: TopBasis;
}

// Only customers that have the value are ranked: buyers for historic CLV, customers with a
// prediction for predicted CLV (none when the model could not be fitted). Each reads the one
// table its value comes from, as `customerItemsSql` computes it.
const RANKINGS: Record<TopBasis, (predictions: string) => Omit<Ranking, 'params'>> = {
  historic: () => ({
    ranked: `SELECT customer_id, coalesce(revenue, 0)::DOUBLE AS historic_clv
             FROM customer_summary WHERE first_day IS NOT NULL`,
    orderBy: 'historic_clv DESC, customer_id',
  }),
  predicted: (predictions) => ({
    ranked: `SELECT customer_id, predicted_clv FROM ${predictions}
             WHERE predicted_clv IS NOT NULL`,
    orderBy: 'predicted_clv DESC, customer_id',
  }),
};

/** The customers of highest predicted or historic CLV, ties by customer id. */
export async function topCustomers(
  warehouse: Warehouse,
  _config: Config,
  options: TopOptions,
): Promise<RankedPage<CustomerItem>> {
  const ranking = (RANKINGS as Partial<Record<string, (typeof RANKINGS)[TopBasis]>>)[options.by];
  if (!ranking) {
    throw new ClvError('bad_input', `by must be predicted or historic, not "${options.by}"`);
  }
  const page = checkPaging(options);
  await requireDerivedTables(warehouse);
  const predictions = await predictionsRelation(warehouse);
  const { rows, total } = await rankedItemsPage(
    warehouse,
    predictions,
    { ...ranking(predictions), params: {} },
    page,
  );
  const note =
    total === 0 && options.by === 'predicted' ? await predictionGap(warehouse, 'clv') : null;
  return { items: rows.map(toCustomerItem), total, ...page, note };
}
