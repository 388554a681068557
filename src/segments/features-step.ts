import type { ComputedStep } from '../model/derived-table.js';
import { rfmGroups } from '../metrics/reports/rfm-groups.js';
import { TABLE } from '../model/table-names.js';

// Each named group as a condition on the r and f scores; the groups cover the grid disjointly.
const RFM_GROUP_SQL = `CASE ${rfmGroups
  .map((group) => {
    const cells = group.cells
      .map((c) => `(m.r BETWEEN ${c.r[0]} AND ${c.r[1]} AND m.f BETWEEN ${c.f[0]} AND ${c.f[1]})`)
      .join(' OR ');
    return `WHEN ${cells} THEN '${group.group}'`;
  })
  .join(' ')} END`;

/**
 * The refresh step after the predictions: `customer_features`, one row per known customer with
 * every derived value a rule may test (see `feature-fields.ts`), and `store_as_of`, the instant
 * relative windows count back from (the latest event the refresh saw). Rules compile to queries
 * over these two and the raw events, so an estimate reads one narrow table.
 */
export const featuresStep: ComputedStep = async ({ warehouse, config, schema }) => {
  await warehouse.run(
    `CREATE TABLE ${schema}.${TABLE.storeAsOf} AS
     SELECT coalesce(max(ts), TIMESTAMP '1970-01-01') AS as_of FROM events`,
  );
  await warehouse.run(
    `CREATE TABLE ${schema}.${TABLE.customerFeatures} AS
     WITH as_of AS (SELECT as_of FROM ${schema}.${TABLE.storeAsOf}),
     consent AS (
       SELECT customer_id,
              ${warehouse.dialect.anyTrue('subscribed')} FILTER (WHERE channel = 'email') AS email_subscribed,
              ${warehouse.dialect.anyTrue('subscribed')} FILTER (WHERE channel = 'sms') AS sms_subscribed
       FROM consent_history WHERE valid_to IS NULL
       GROUP BY customer_id
     ),
     ranked AS (
       SELECT s.customer_id,
              ntile(10) OVER (ORDER BY coalesce(p.predicted_clv, 0) DESC, ${warehouse.dialect.inByteOrder('s.customer_id')})
                AS clv_decile,
              ntile(10) OVER (ORDER BY s.revenue DESC, ${warehouse.dialect.inByteOrder('s.customer_id')}) AS revenue_decile
       FROM customer_summary s LEFT JOIN customer_predictions p USING (customer_id)
     )
     SELECT k.customer_id,
            coalesce(c.email_subscribed, false) AS email_subscribed,
            coalesce(c.sms_subscribed, false) AS sms_subscribed,
            coalesce(s.revenue, 0)::DOUBLE AS revenue,
            coalesce(s.orders, 0)::BIGINT AS orders,
            s.first_order_at, s.last_order_at,
            CASE WHEN s.last_order_at IS NOT NULL
                 THEN floor(epoch((SELECT as_of FROM as_of) - s.last_order_at) / 86400)::BIGINT
            END AS days_since_last_order,
            coalesce(s.revenue, 0)::DOUBLE AS historic_clv,
            p.predicted_clv, p.p_alive, p.churn_risk,
            r.clv_decile::BIGINT AS clv_decile, r.revenue_decile::BIGINT AS revenue_decile,
            ${RFM_GROUP_SQL} AS rfm_group,
            ${warehouse.dialect.monthLabel('s.first_day')} AS cohort_month,
            json_extract_string(a.attributes, $channelPointer) AS acquisition_channel,
            a.attributes
     FROM known_customers k
     LEFT JOIN customer_summary s USING (customer_id)
     LEFT JOIN customer_predictions p USING (customer_id)
     LEFT JOIN ranked r USING (customer_id)
     LEFT JOIN rfm m USING (customer_id)
     LEFT JOIN consent c USING (customer_id)
     LEFT JOIN customers a USING (customer_id)`,
    { channelPointer: jsonPointer(config.acquisitionChannelAttribute) },
  );
  const [count] = await warehouse.query<{ n: number }>(
    `SELECT count(*) AS n FROM ${schema}.${TABLE.customerFeatures}`,
  );
  return {
    tables: [
      { name: TABLE.customerFeatures, rows: count?.n ?? 0 },
      { name: TABLE.storeAsOf, rows: 1 },
    ],
    warnings: [],
  };
};

/** A JSON Pointer (RFC 6901) to one key, whatever characters the key holds. */
export function jsonPointer(key: string): string {
  return `/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
}
