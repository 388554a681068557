import type { DerivedTable } from '../derived-table.js';
import { TABLE } from '../table-names.js';

/** Values kept per attribute: enough for a segment filter, bounded for shops with ids as values. */
export const TOP_VALUES_KEPT = 20;

/**
 * The most common values of every customer attribute, read as segmentations read them (the
 * text of each key, empty text counting as no value), so a dashboard can offer every attribute
 * and its values without a query per attribute.
 */
export const attributeValues: DerivedTable = {
  name: TABLE.attributeValues,
  description: `attribute, value, customers (with that value), rank (1 = most customers, ties by value; the top ${TOP_VALUES_KEPT} per attribute)`,
  dependsOn: [],
  sql: `
    WITH entries AS (
      SELECT unnest(map_entries(
               try_cast(try_cast(attributes AS JSON) AS MAP(VARCHAR, VARCHAR)))) AS entry
      FROM customers
    ),
    counted AS (
      SELECT entry.key AS attribute, entry.value AS value, count(*)::INTEGER AS customers
      FROM entries WHERE nullif(entry.value, '') IS NOT NULL
      GROUP BY ALL
    ),
    ranked AS (
      SELECT attribute, value, customers,
             row_number() OVER (PARTITION BY attribute ORDER BY customers DESC, value)::INTEGER
               AS rank
      FROM counted
    )
    SELECT * FROM ranked WHERE rank <= ${TOP_VALUES_KEPT}`,
};
