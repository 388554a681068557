import type { SqlParams, Warehouse } from '../store/warehouse.js';
import { customerItemsOfIdsSql, type CustomerItemRow } from './customer-item.js';
import { queryPage } from './paging.js';

/** How a list of customers is chosen and ordered, on the few columns that decide it. */
export interface Ranking {
  /**
   * A SELECT of `customer_id` and the columns `orderBy` names, one row per listed customer,
   * whose values are those the customer's item has (the same columns, computed the same way).
   */
  ranked: string;
  params: SqlParams;
  /** An ORDER BY list over the columns of `ranked` that ends in `customer_id`, so it is total. */
  orderBy: string;
}

/**
 * One page of customer items in the order of `ranking`, and how many customers it lists.
 * Ranking every known customer's whole item (attributes, summary and predictions joined, a
 * million rows at a million customers) cost 1 to 3 s a page; the ranking reads a narrow
 * relation, and only the page's customers, a few hundred at most, are joined to their items.
 */
export async function rankedItemsPage(
  warehouse: Warehouse,
  predictions: string,
  ranking: Ranking,
  page: { limit: number; offset: number },
): Promise<{ rows: CustomerItemRow[]; total: number }> {
  const { rows: ids, total } = await queryPage<{ customer_id: string }>(
    warehouse,
    ranking.ranked,
    ranking.params,
    ranking.orderBy,
    page,
  );
  if (ids.length === 0) return { rows: [], total };
  const order = new Map(ids.map((row, i) => [row.customer_id, i]));
  const rows = await warehouse.query<CustomerItemRow>(
    customerItemsOfIdsSql(predictions, warehouse.dialect),
    {
      ids: [...order.keys()],
    },
  );
  rows.sort((a, b) => (order.get(a.customer_id) ?? 0) - (order.get(b.customer_id) ?? 0));
  return { rows, total };
}
