import type { Config } from '../config/schema.js';
import { ClvError } from '../shared/errors.js';
import type { Warehouse } from '../store/warehouse.js';

/** Known names listed in an error at most; a shop may have hundreds. */
const NAMES_SHOWN = 20;

/**
 * The attributes a search or segmentation may name: the configured drill-downs first, then
 * every attribute key found in the customers table at the last refresh.
 */
export async function knownAttributes(warehouse: Warehouse, config: Config): Promise<string[]> {
  const rows = await warehouse.query<{ attribute: string }>(
    `SELECT attribute FROM customer_attributes ORDER BY attribute`,
  );
  return [...new Set([...config.drilldowns, ...rows.map((row) => row.attribute)])];
}

/**
 * `name` when it is a known attribute; otherwise a 400 naming `field` and the known ones. A
 * name is only ever bound as a value, never read as a JSON path, whatever it holds.
 */
export async function checkAttribute(
  warehouse: Warehouse,
  config: Config,
  name: string,
  field: string,
): Promise<string> {
  const known = await knownAttributes(warehouse, config);
  if (known.includes(name)) return name;
  const shown = known.slice(0, NAMES_SHOWN).map((n) => JSON.stringify(n));
  const list =
    known.length === 0
      ? 'there are none (no drilldowns configured, no customer attributes imported)'
      : `the known ones are ${shown.join(', ')}${known.length > NAMES_SHOWN ? `, and ${known.length - NAMES_SHOWN} more` : ''}`;
  throw new ClvError('bad_input', `${field}: unknown attribute ${JSON.stringify(name)}: ${list}`, {
    details: [{ field, message: `unknown attribute`, known: known.slice(0, 100) }],
  });
}

/**
 * SQL for the text of attribute `$param` of the JSON object `column` (JSON or its text), as
 * `->>` gives it, but looked up by exact key: `->>` would read a name such as `$[` or `$..*`
 * as a JSON path. Anything but an object has no attributes.
 */
export function attributeValueSql(column: string, param: string): string {
  return `(try_cast(try_cast(${column} AS JSON) AS MAP(VARCHAR, VARCHAR)))[$${param}]`;
}
