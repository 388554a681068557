import { ClvError } from '../shared/errors.js';
import { ident } from '../store/sql-text.js';
import type { DatasetColumnKind, KnownDatasets } from './known-datasets.js';
import { TEST_KIND, type DatasetCondition, type ValueTest } from './rule-schema.js';

const TABLE_NAME = /^[a-z_][a-z0-9_]*$/;

/** Writes the SQL of a test of one value of a kind (the rule compiler's, binding its values). */
export type TestWriter = (value: string, kind: DatasetColumnKind, test: ValueTest) => string;

/**
 * A dataset condition as SQL over the customer aliased `f`: EXISTS (or NOT EXISTS) a row of the
 * dataset's table for the customer, whose column passes the test. The dataset and the column
 * must be known (a 400 naming the known ones), and the test of the column's kind (a text column
 * takes every test); only their names from the store's catalogue reach the SQL.
 */
export function datasetConditionSql(
  condition: DatasetCondition,
  known: KnownDatasets,
  test: TestWriter,
): string {
  const dataset = known.get(condition.dataset);
  if (!dataset || !dataset.columns.has('customer_id')) {
    throw new ClvError(
      'bad_input',
      `unknown dataset ${JSON.stringify(condition.dataset)}: known are ${[...known.keys()].sort().join(', ') || 'none'} (saved queries marked as datasets with a customer_id column, after a refresh)`,
    );
  }
  if (!TABLE_NAME.test(dataset.table)) throw new Error(`not a dataset table: ${dataset.table}`);
  const id =
    dataset.columns.get('customer_id')?.type === 'VARCHAR'
      ? 'd.customer_id'
      : 'CAST(d.customer_id AS VARCHAR)';
  const filters = [`${id} = f.customer_id`];
  if (condition.column !== undefined && condition.test !== undefined) {
    const column = dataset.columns.get(condition.column);
    if (!column) {
      throw new ClvError(
        'bad_input',
        `unknown column ${JSON.stringify(condition.column)} of dataset ${condition.dataset}: known are ${[...dataset.columns.keys()].join(', ')}`,
      );
    }
    const wants = TEST_KIND[condition.test.op];
    if (column.kind !== 'text' && wants !== 'any' && wants !== column.kind) {
      throw new ClvError(
        'bad_input',
        `${condition.dataset}.${condition.column} is a ${column.kind}: ${condition.test.op} tests a ${wants}`,
      );
    }
    // The name is the catalogue's, equal to the one typed; quoted as any column name may be.
    const name = `d.${ident(condition.column)}`;
    const value =
      column.kind === 'text' && column.type !== 'VARCHAR' ? `CAST(${name} AS VARCHAR)` : name;
    filters.push(`coalesce(${test(value, column.kind, condition.test)}, false)`);
  }
  const exists = `EXISTS (SELECT 1 FROM ${dataset.table} d WHERE ${filters.join(' AND ')})`;
  return condition.member ? exists : `(NOT ${exists})`;
}
