import type { SavedQueryInput } from './saved-queries.js';

/** A saved query the product ships, ready to save as it is or to adapt. */
export interface QueryTemplate extends Required<SavedQueryInput> {
  key: string;
}

/**
 * The example dataset: Adobe-style CLV deciles of the customers active over a lookback (a
 * successful order within `lookback_days` before the store's as-of instant), ranked by
 * predicted CLV (customers without a prediction last, ties by id), with their revenue over the
 * lookback and their share of the predicted CLV. The lookback is the default of its parameter.
 */
const clvDeciles: QueryTemplate = {
  key: 'clv-deciles',
  name: 'CLV deciles',
  description:
    'customers with a successful order in the lookback, in ten deciles by predicted CLV: customers, revenue in the lookback, mean predicted CLV, share of predicted CLV',
  dataset: 'clv_deciles',
  defaults: { lookback_days: 365 },
  sql: `WITH as_of AS (SELECT max(as_of) AS at FROM store_as_of),
active AS (
  SELECT o.customer_id, sum(o.amount) AS revenue
  FROM orders o, as_of
  WHERE o.outcome = 'success'
    AND o.ts > as_of.at - to_days(CAST({{lookback_days}} AS INTEGER)) AND o.ts <= as_of.at
  GROUP BY o.customer_id
),
ranked AS (
  SELECT a.customer_id, a.revenue, p.predicted_clv,
         ntile(10) OVER (ORDER BY p.predicted_clv DESC NULLS LAST, a.customer_id) AS decile
  FROM active a LEFT JOIN customer_predictions p USING (customer_id)
)
SELECT decile, count(*) AS customers, round(sum(revenue), 2) AS revenue,
       round(avg(predicted_clv), 2) AS avg_predicted_clv,
       round(sum(predicted_clv) / sum(sum(predicted_clv)) OVER (), 4) AS share_of_predicted_clv
FROM ranked
GROUP BY decile
ORDER BY decile`,
};

export const QUERY_TEMPLATES: readonly QueryTemplate[] = [clvDeciles];

/** The template with `key`, or undefined. */
export function queryTemplate(key: string): QueryTemplate | undefined {
  return QUERY_TEMPLATES.find((template) => template.key === key);
}

/** A template's fields as a save takes them. */
export function templateFields(template: QueryTemplate): Required<SavedQueryInput> {
  return {
    name: template.name,
    description: template.description,
    sql: template.sql,
    defaults: template.defaults,
    dataset: template.dataset,
  };
}
