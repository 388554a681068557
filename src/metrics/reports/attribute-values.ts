import type { Config } from '../../config/schema.js';
import { requireDerivedTables } from '../../model/store-state.js';
import type { Warehouse } from '../../store/warehouse.js';
import { knownAttributes } from '../attributes.js';

/** Every known attribute and its most common values: what a segment filter offers. */
export interface AttributeValuesReport {
  attributes: {
    name: string;
    /** Listed in the project's `drilldowns`. */
    configured: boolean;
    /** The most common values (at most 20), most customers first, ties by value. */
    values: { value: string; customers: number }[];
  }[];
}

/**
 * The known attributes (the configured drill-downs first, then every attribute found at the
 * last refresh) with their top values, read from the table the refresh wrote.
 */
export async function attributeValuesReport(
  warehouse: Warehouse,
  config: Config,
): Promise<AttributeValuesReport> {
  await requireDerivedTables(warehouse);
  const rows = await warehouse.query<{ attribute: string; value: string; customers: number }>(
    `SELECT attribute, value, customers FROM attribute_values ORDER BY attribute, rank`,
  );
  const found = await knownAttributes(warehouse, config);
  const configured = new Set(config.drilldowns);
  const valuesOf = new Map<string, { value: string; customers: number }[]>();
  for (const { attribute, value, customers } of rows) {
    valuesOf.set(attribute, [...(valuesOf.get(attribute) ?? []), { value, customers }]);
  }
  const ordered = [...config.drilldowns, ...found.filter((name) => !configured.has(name)).sort()];
  return {
    attributes: [...new Set(ordered)].map((name) => ({
      name,
      configured: configured.has(name),
      values: valuesOf.get(name) ?? [],
    })),
  };
}
