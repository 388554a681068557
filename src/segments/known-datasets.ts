import { datasetTable } from '../query/saved-queries.js';
import type { Warehouse } from '../store/warehouse.js';

/** How a dataset column's values are tested: as numbers, as dates (by their UTC day) or as text. */
export type DatasetColumnKind = 'number' | 'date' | 'text';

/** A column of a dataset table: its engine type and the kind of value a rule tests it as. */
export interface DatasetColumn {
  type: string;
  kind: DatasetColumnKind;
}

/** A dataset a rule may read: its table in the store and its columns by name, in table order. */
export interface KnownDataset {
  table: string;
  columns: ReadonlyMap<string, DatasetColumn>;
}

/** Datasets by name. */
export type KnownDatasets = ReadonlyMap<string, KnownDataset>;

const NUMBER_TYPE =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL(\(\d+,\s*\d+\))?)$/;
const DATE_TYPE = /^(DATE|TIMESTAMP(_S|_MS|_NS)?|TIMESTAMP WITH TIME ZONE)$/;

/** The kind of value a column of this engine type holds, for a rule's tests. */
export function columnKind(type: string): DatasetColumnKind {
  if (NUMBER_TYPE.test(type)) return 'number';
  if (DATE_TYPE.test(type)) return 'date';
  return 'text';
}

/**
 * The datasets audience rules may read: saved queries marked as datasets whose table the last
 * refresh left in the store with a `customer_id` column (one without it names no customers).
 * Names come from the store's catalogue, so a rule's names are checked against them, never
 * trusted.
 */
export async function knownDatasets(warehouse: Warehouse): Promise<KnownDatasets> {
  const rows = await warehouse.query<{ dataset: string; name: string; type: string }>(
    `SELECT q.dataset, c.column_name AS name, c.data_type AS type
     FROM saved_queries q
     JOIN duckdb_columns() c
       ON c.database_name = current_database() AND c.schema_name = 'main'
      AND c.table_name = $prefix || q.dataset
     WHERE q.dataset IS NOT NULL
     ORDER BY q.dataset, c.column_index`,
    { prefix: datasetTable('') },
  );
  const found = new Map<string, { table: string; columns: Map<string, DatasetColumn> }>();
  for (const row of rows) {
    let dataset = found.get(row.dataset);
    if (!dataset) {
      dataset = { table: datasetTable(row.dataset), columns: new Map() };
      found.set(row.dataset, dataset);
    }
    dataset.columns.set(row.name, { type: row.type, kind: columnKind(row.type) });
  }
  return new Map([...found].filter(([, dataset]) => dataset.columns.has('customer_id')));
}
