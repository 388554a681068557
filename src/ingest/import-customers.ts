import type { KindImporter } from './kind-importer.js';
import { requireColumns } from './require-columns.js';
import { validatedTable } from './validated-table.js';

/**
 * Customers: upserted attribute by attribute. Within a file and across files the later value
 * of an attribute wins; an empty cell leaves the stored value alone.
 */
export const importCustomers: KindImporter = {
  validate({ warehouse, staged, config, tag }) {
    const idColumn = config.columns.customerId;
    requireColumns(staged, [{ key: 'columns.customerId', name: idColumn }]);
    return validatedTable(
      warehouse,
      staged,
      `customers_${tag}`,
      `SELECT *, CASE WHEN customer_id IS NULL THEN 'missing customer id' END AS reason
       FROM (
         SELECT __line AS line, ${staged.carry}, ${staged.field(idColumn)} AS customer_id,
                coalesce(${staged.properties([idColumn])}, '{}'::JSON) AS attributes
         FROM ${staged.relation}
       )`,
    );
  },

  async store({ warehouse, tag }, validated, importId) {
    const changed = `customers_${tag}_changed`;
    await warehouse.scratch.fromQuery(
      changed,
      `
      WITH valid AS (SELECT customer_id, line, attributes FROM ${validated} WHERE reason IS NULL),
      counted AS (
        SELECT customer_id, count(*) AS rows, ${warehouse.dialect.argMax('attributes', 'line')} AS last
        FROM valid GROUP BY customer_id
      ),
      -- A customer on one row of the file keeps that row. Only customers on several rows have
      -- them merged in order: the engine holds an ordered list in memory, and one for every
      -- customer ran out of the import's memory limit at 3 M customers (1 GB).
      merged AS (
        SELECT customer_id, last AS attributes FROM counted WHERE rows = 1
        UNION ALL
        SELECT customer_id,
               list_reduce(list(attributes ORDER BY line), (a, b) -> json_merge_patch(a, b))
        FROM valid WHERE customer_id IN (SELECT customer_id FROM counted WHERE rows > 1)
        GROUP BY customer_id
      )
      -- A row changes a customer when it brings an attribute the store does not hold as given.
      -- Attributes are looked up by key in a map: -> would read a key such as $[ as a JSON path.
      SELECT merged.customer_id,
             json_merge_patch(coalesce(stored.attributes, '{}'::JSON), merged.attributes)
               AS attributes
      FROM merged LEFT JOIN customers stored ON stored.customer_id = merged.customer_id
      WHERE stored.customer_id IS NULL
         OR list_bool_or(list_transform(json_keys(merged.attributes),
              k -> (try_cast(stored.attributes AS MAP(VARCHAR, JSON)))[k]::VARCHAR
                   IS DISTINCT FROM (try_cast(merged.attributes AS MAP(VARCHAR, JSON)))[k]::VARCHAR))`,
    );
    const inserted = await warehouse.run(
      `INSERT INTO customers SELECT customer_id, attributes, $importId FROM ${changed}
       ON CONFLICT (customer_id) DO UPDATE SET attributes = excluded.attributes,
         import_id = excluded.import_id`,
      { importId },
    );
    await warehouse.scratch.drop(changed);
    return inserted;
  },
};
