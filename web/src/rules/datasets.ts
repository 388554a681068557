import type { FieldKind } from './feature-fields';

/** A dataset a rule may read, as the builder offers it: its name and its columns' kinds. */
export interface RuleDataset {
  name: string;
  columns: { name: string; kind: FieldKind }[];
}

/** The part of the query schema (GET /query/schema) the builder reads. */
export interface SchemaTables {
  tables: { name: string; group: string; columns: { name: string; type: string }[] }[];
}

const PREFIX = 'dataset_';
const NUMBER_TYPE =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL(\(\d+,\s*\d+\))?)$/;
const DATE_TYPE = /^(DATE|TIMESTAMP(_S|_MS|_NS)?|TIMESTAMP WITH TIME ZONE)$/;

/** How a rule tests a column of this engine type (the server's `columnKind`). */
export function columnKind(type: string): FieldKind {
  if (NUMBER_TYPE.test(type)) return 'number';
  if (DATE_TYPE.test(type)) return 'date';
  return 'text';
}

/**
 * The datasets of the query schema that a rule may read: those with a customer_id column, by
 * name, with the columns a test may read (customer_id left out: every row has one).
 */
export function ruleDatasets(schema: SchemaTables): RuleDataset[] {
  return schema.tables
    .filter(
      (table) =>
        table.group === 'datasets' &&
        table.name.startsWith(PREFIX) &&
        table.columns.some((column) => column.name === 'customer_id'),
    )
    .map((table) => ({
      name: table.name.slice(PREFIX.length),
      columns: table.columns
        .filter((column) => column.name !== 'customer_id')
        .map((column) => ({ name: column.name, kind: columnKind(column.type) })),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
