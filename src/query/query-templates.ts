import type { SavedQueryInput } from './saved-queries.js';

/** A saved query the product ships, ready to save as it is or to adapt. */
export interface QueryTemplate extends Required<SavedQueryInput> {
  key: string;
}

/**
 * The example dataset: Adobe-style CLV deciles of the customers active over a lookback (a
 * successful order within `lookback_days` before the store's as-of instant), one row per
 * customer: its decile by predicted CLV (customers without a prediction last, ties by id), its
 * revenue over the lookback and its predicted CLV. The lookback is the default of its
 * parameter. Audiences can test its columns; the summary below reads it.
 */
const clvDeciles: QueryTemplate = {
  key: 'clv-deciles',
  name: 'CLV deciles',
  description:
    'per customer with a successful order in the lookback: its decile by predicted CLV (1 highest), revenue in the lookback, predicted CLV',
  dataset: 'clv_deciles',
  defaults: { lookback_days: 365 },
  sql: `WITH as_of AS (SELECT max(as_of) AS at FROM store_as_of),
active AS (
  SELECT o.customer_id, sum(o.amount) AS revenue
  FROM orders o, as_of
  WHERE o.outcome = 'success'
    AND o.ts > as_of.at - to_days(CAST({{lookback_days}} AS INTEGER)) AND o.ts <= as_of.at
  GROUP BY o.customer_id
)
SELECT a.customer_id,
       ntile(10) OVER (ORDER BY p.predicted_clv DESC NULLS LAST, a.customer_id) AS decile,
       round(a.revenue, 2) AS revenue, p.predicted_clv
FROM active a LEFT JOIN customer_predictions p USING (customer_id)
ORDER BY decile, a.customer_id`,
};

/** The deciles of the dataset above, a row each: what the CLV deciles dashboard charts. */
const clvDecilesSummary: QueryTemplate = {
  key: 'clv-deciles-summary',
  name: 'CLV deciles summary',
  description:
    'per predicted-CLV decile of the active customers (dataset clv_deciles): customers, revenue in the lookback, mean predicted CLV, share of predicted CLV',
  dataset: null,
  defaults: {},
  sql: `SELECT decile, count(*) AS customers, round(sum(revenue), 2) AS revenue,
       round(avg(predicted_clv), 2) AS avg_predicted_clv,
       round(sum(predicted_clv) / sum(sum(predicted_clv)) OVER (), 4) AS share_of_predicted_clv
FROM dataset_clv_deciles
GROUP BY decile
ORDER BY decile`,
};

/**
 * The decile share over time: each month's revenue of successful orders by the customers'
 * current predicted-CLV decile, and its share of the month. `from` and `to` (days, null for
 * all) bound the months; a dashboard binds them to its date range.
 */
const clvDecileShare: QueryTemplate = {
  key: 'clv-decile-share',
  name: 'CLV decile share over time',
  description:
    "per month and predicted-CLV decile (the customers' current one): revenue of successful orders and its share of the month",
  dataset: null,
  defaults: { from: null, to: null },
  sql: `WITH monthly AS (
  SELECT strftime(o.day, '%Y-%m') AS month, f.clv_decile AS decile, sum(o.amount) AS revenue
  FROM orders o JOIN customer_features f USING (customer_id)
  WHERE o.outcome = 'success' AND f.clv_decile IS NOT NULL
    AND (CAST({{from}} AS DATE) IS NULL OR o.day >= CAST({{from}} AS DATE))
    AND (CAST({{to}} AS DATE) IS NULL OR o.day <= CAST({{to}} AS DATE))
  GROUP BY ALL
)
SELECT month, decile, round(revenue, 2) AS revenue,
       round(revenue / sum(revenue) OVER (PARTITION BY month), 4) AS share
FROM monthly
ORDER BY month, decile`,
};

/**
 * Retention by consent, as the glossary defines retention (of the buyers of the previous
 * period, the share that are buyers of this one), for email and SMS subscribers and
 * non-subscribers (their consent now). The period is `from`..`to` (default: the year up to the
 * store's as-of day); the previous period is as long, just before it.
 */
const retentionByConsent: QueryTemplate = {
  key: 'retention-by-consent',
  name: 'Retention by consent',
  description:
    'retention rate of email and SMS subscribers and non-subscribers: buyers of the previous period, those who bought again in the period, and their share',
  dataset: null,
  defaults: { from: null, to: null },
  sql: `WITH bounds AS (
  SELECT coalesce(CAST({{to}} AS DATE), CAST(max(as_of) AS DATE)) AS period_end,
         coalesce(CAST({{from}} AS DATE), CAST(max(as_of) AS DATE) - INTERVAL 364 DAY) AS period_start
  FROM store_as_of
),
periods AS (
  SELECT period_start, period_end,
         CAST(period_start - (period_end - period_start) - INTERVAL 1 DAY AS DATE) AS previous_start
  FROM bounds
),
buyers AS (
  SELECT o.customer_id,
         bool_or(o.day >= p.period_start) AS this_period,
         bool_or(o.day < p.period_start) AS previous_period
  FROM orders o, periods p
  WHERE o.outcome = 'success' AND o.day >= p.previous_start AND o.day <= p.period_end
  GROUP BY o.customer_id
),
consents AS (
  SELECT customer_id, 'email' AS channel, email_subscribed AS subscribed FROM customer_features
  UNION ALL
  SELECT customer_id, 'sms', sms_subscribed FROM customer_features
)
SELECT c.channel || CASE WHEN c.subscribed THEN ' subscribers' ELSE ' non-subscribers' END AS segment,
       count(*) FILTER (WHERE b.previous_period) AS previous_buyers,
       count(*) FILTER (WHERE b.previous_period AND b.this_period) AS retained,
       round(count(*) FILTER (WHERE b.previous_period AND b.this_period)
             / nullif(count(*) FILTER (WHERE b.previous_period), 0), 4) AS retention_rate
FROM buyers b JOIN consents c USING (customer_id)
GROUP BY ALL
ORDER BY segment`,
};

export const QUERY_TEMPLATES: readonly QueryTemplate[] = [
  clvDeciles,
  clvDecilesSummary,
  clvDecileShare,
  retentionByConsent,
];

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
