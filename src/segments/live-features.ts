import type { Config } from '../config/schema.js';
import type { Warehouse } from '../store/warehouse.js';

/**
 * Creates the scratch table `table` with the columns of `customer_features` a streaming rule may read
 * (customer_id, attributes, email_subscribed, sms_subscribed), read live from the raw tables
 * for the customers of `scope` (a table of customer_id): what the last refresh knew is not
 * enough for a rule evaluated as events arrive. Consent follows the glossary: the latest
 * consent event of each category (ties: later import, later line) decides.
 */
export async function createLiveFeatures(
  warehouse: Warehouse,
  config: Config,
  scope: string,
  table: string,
): Promise<void> {
  const d = warehouse.dialect;
  await warehouse.scratch.fromQuery(
    table,
    `WITH latest AS (
       SELECT customer_id, consent_category AS category,
              ${d.argMax('consent_action', '(ts, import_id, source_line)')} AS action
       FROM events
       WHERE kind = 'consent' AND customer_id IN (SELECT customer_id FROM ${scope})
       GROUP BY customer_id, consent_category
     ),
     consent AS (
       SELECT customer_id,
              ${d.anyTrue(d.listContains('$accept', 'action'))}
                FILTER (WHERE ${d.listContains('$email', 'category')}) AS email_subscribed,
              ${d.anyTrue(d.listContains('$accept', 'action'))}
                FILTER (WHERE ${d.listContains('$sms', 'category')}) AS sms_subscribed
       FROM latest GROUP BY customer_id
     )
     SELECT s.customer_id, a.attributes,
            coalesce(c.email_subscribed, false) AS email_subscribed,
            coalesce(c.sms_subscribed, false) AS sms_subscribed
     FROM ${scope} s
     LEFT JOIN customers a USING (customer_id)
     LEFT JOIN consent c USING (customer_id)`,
    {
      accept: config.consent.acceptValues,
      email: config.consent.emailCategories,
      sms: config.consent.smsCategories,
    },
  );
}
