import type { Config } from '../config/schema.js';
import { attributeValueSql, checkAttribute } from '../metrics/attributes.js';
import { requireDerivedTables } from '../model/store-state.js';
import type { SqlParams, Warehouse } from '../store/warehouse.js';
import {
  customerItemsSql,
  predictionsRelation,
  toCustomerItem,
  type CustomerItem,
  type CustomerItemRow,
} from './customer-item.js';
import { checkPaging, queryPage, type Page, type PageRequest } from './paging.js';

export interface SearchOptions extends PageRequest {
  /** Part of the customer id, matched literally and without regard to case. */
  q?: string;
  /** An attribute that must equal this value (compared as text). */
  attribute?: { name: string; value: string };
}

/**
 * Customers whose id contains `q` and, when given, whose attribute equals the value (both
 * filters narrow; with neither, every known customer), ordered by customer id.
 */
export async function searchCustomers(
  warehouse: Warehouse,
  config: Config,
  options: SearchOptions = {},
): Promise<Page<CustomerItem>> {
  const page = checkPaging(options);
  await requireDerivedTables(warehouse);
  const conditions: string[] = [];
  const params: Record<string, string> = {};
  if (options.q !== undefined && options.q !== '') {
    // contains(), unlike LIKE, has no wildcards: % and _ in q are plain characters.
    conditions.push('contains(lower(customer_id), lower($q))');
    params['q'] = options.q;
  }
  if (options.attribute) {
    conditions.push(`${attributeValueSql('attributes', 'name')} = $value`);
    params['name'] = await checkAttribute(warehouse, config, options.attribute.name, 'attribute');
    params['value'] = options.attribute.value;
  }
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  const sql = `SELECT * FROM (${customerItemsSql(await predictionsRelation(warehouse))}) ${where}`;
  const { rows, total } = await queryPage<CustomerItemRow>(
    warehouse,
    sql,
    params satisfies SqlParams,
    'customer_id',
    page,
  );
  return { items: rows.map(toCustomerItem), total, ...page };
}
