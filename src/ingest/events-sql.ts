import { describeLimits, type AcceptedRanges } from '../config/accepted-ranges.js';
import type { Config } from '../config/schema.js';
import type { SqlParams } from '../store/warehouse.js';
import { consumedFields } from './event-fields.js';
import type { Staged } from '../store/staged.js';

/**
 * The statement that turns staged rows into typed event rows, each with the reason it cannot
 * be stored (NULL when it can). Reasons are checked in order; the first that applies is given.
 */
export function typedEventsSql(staged: Staged, config: Config, rateCount: number): string {
  const { columns, purchase, consent, campaign, survey } = config;
  const f = (name: string): string => staged.field(name);
  const consumed = consumedFields(config);
  // Source columns may carry any name, so nothing in this select refers to its own aliases.
  const kind = `CASE ${f(columns.type)}
    WHEN $purchaseType THEN 'purchase' WHEN $consentType THEN 'consent'
    WHEN $campaignType THEN 'campaign' WHEN $surveyType THEN 'survey' ELSE 'other' END`;
  // Rates are bound as a CASE rather than joined: a join could reorder rows, and rows must
  // stay in file order for their line numbers.
  const rateCases = Array.from(
    { length: rateCount },
    (_, i) => `WHEN $currency${i} THEN $rate${i}`,
  );
  const rateOf = (currency: string): string =>
    `CASE ${currency} WHEN $baseCurrency THEN 1.0 ${rateCases.join(' ')} END`;
  return `
    WITH fields AS (
      SELECT __line AS line, ${staged.carry},
        ${f(columns.eventId)} AS event_id_raw,
        ${f(columns.customerId)} AS customer_id,
        ${f(columns.type)} AS type,
        ${f(columns.timestamp)} AS ts_raw,
        ${f(purchase.orderId)} AS order_id_raw,
        ${f(purchase.amount)} AS amount_raw,
        upper(${f(purchase.currency)}) AS currency_raw,
        ${f(purchase.status)} AS status_raw,
        ${f(consent.category)} AS category_raw,
        ${f(consent.action)} AS consent_action_raw,
        ${f(campaign.campaignId)} AS campaign_id_raw,
        ${f(campaign.channel)} AS channel_raw,
        ${f(campaign.action)} AS campaign_action_raw,
        ${f(campaign.audienceId)} AS audience_raw,
        ${f(survey.score)} AS score_raw,
        ${f(survey.csat)} AS csat_raw,
        CASE WHEN ${f(columns.eventId)} IS NULL THEN 'h:' || ${staged.hash}
             ELSE ${f(columns.eventId)} END AS event_id,
        ${kind} AS kind,
        CASE ${kind}
          WHEN 'purchase' THEN ${staged.properties(consumed.purchase)}
          WHEN 'consent' THEN ${staged.properties(consumed.consent)}
          WHEN 'campaign' THEN ${staged.properties(consumed.campaign)}
          WHEN 'survey' THEN ${staged.properties(consumed.survey)}
          ELSE ${staged.properties(consumed.other)}
        END AS properties
      FROM ${staged.relation}
    ),
    parsed AS (
      SELECT fields.*,
        try_cast(ts_raw AS TIMESTAMPTZ) AS tstz,
        CASE WHEN kind = 'purchase' THEN try_cast(amount_raw AS DOUBLE) END AS amount_num,
        CASE WHEN kind = 'purchase' THEN coalesce(currency_raw, $baseCurrency) END AS currency,
        CASE WHEN kind = 'survey' THEN try_cast(score_raw AS DOUBLE) END AS score_num,
        CASE WHEN kind = 'survey' THEN try_cast(csat_raw AS DOUBLE) END AS csat_num
      FROM fields
    ),
    rated AS (
      SELECT parsed.*, ${rateOf('parsed.currency')} AS rate FROM parsed
    )
    SELECT
      line,
      CASE
        WHEN customer_id IS NULL THEN 'missing customer id'
        WHEN type IS NULL THEN 'missing event type'
        WHEN ts_raw IS NULL THEN 'missing timestamp'
        WHEN tstz IS NULL THEN 'unparseable timestamp: ' || ts_raw
        WHEN NOT isfinite(tstz) THEN 'timestamp is not a point in time: ' || ts_raw
        WHEN tstz < $minTimestamp::TIMESTAMPTZ THEN 'timestamp before ' || $minLabel || ': ' || ts_raw
        WHEN tstz > $maxTimestamp::TIMESTAMPTZ THEN 'timestamp after ' || $maxLabel || ': ' || ts_raw
        WHEN kind = 'purchase' AND amount_raw IS NOT NULL AND (amount_num IS NULL OR NOT isfinite(amount_num))
          THEN 'non-numeric amount: ' || amount_raw
        WHEN kind = 'purchase' AND amount_num < 0 THEN 'negative amount: ' || amount_raw
        WHEN kind = 'purchase' AND amount_num > $maxAmount
          THEN 'amount above ' || $amountLabel || ': ' || amount_raw
        WHEN kind = 'purchase' AND amount_num IS NOT NULL AND rate IS NULL
          THEN 'currency without a rate: ' || currency
        -- A product past the largest double is infinite, which compares above any limit.
        WHEN kind = 'purchase' AND amount_num * rate > $maxAmount
          THEN 'amount above ' || $amountLabel || ' once converted to ' || $baseCurrency || ': '
               || amount_raw || ' ' || currency
        WHEN kind = 'consent' AND category_raw IS NULL THEN 'consent without a category'
        WHEN kind = 'consent' AND consent_action_raw IS NULL THEN 'consent without an action'
        WHEN kind = 'survey' AND score_raw IS NOT NULL AND NOT coalesce(score_num BETWEEN 0 AND 10, false)
          THEN 'survey score is not a number from 0 to 10: ' || score_raw
        WHEN kind = 'survey' AND csat_raw IS NOT NULL AND NOT coalesce(csat_num BETWEEN 1 AND 5, false)
          THEN 'survey csat is not a number from 1 to 5: ' || csat_raw
      END AS reason,
      event_id,
      event_id_raw IS NULL AS hashed_id,
      customer_id,
      type,
      kind,
      tstz AT TIME ZONE 'UTC' AS ts,
      CASE WHEN kind = 'purchase' THEN order_id_raw END AS order_id,
      amount_num * rate AS amount,
      amount_num AS original_amount,
      CASE WHEN amount_num IS NOT NULL OR currency_raw IS NOT NULL THEN currency END AS currency,
      CASE WHEN kind = 'purchase' THEN status_raw END AS status,
      CASE WHEN kind = 'consent' THEN category_raw END AS consent_category,
      CASE WHEN kind = 'consent' THEN consent_action_raw END AS consent_action,
      CASE WHEN kind = 'campaign' THEN campaign_id_raw END AS campaign_id,
      CASE WHEN kind = 'campaign' THEN channel_raw END AS campaign_channel,
      CASE WHEN kind = 'campaign' THEN campaign_action_raw END AS campaign_action,
      CASE WHEN kind = 'campaign' THEN audience_raw END AS audience_id,
      score_num AS survey_score,
      csat_num AS survey_csat,
      properties,
      ${staged.carried.join(', ')}
    FROM rated`;
}

/**
 * Parameters of the typed-events query: the mapped type names, the exchange rates and the
 * accepted ranges.
 */
export function typedEventsParams(
  config: Config,
  rates: readonly { currency: string; rate_to_base: number }[],
  ranges: AcceptedRanges,
): SqlParams {
  const labels = describeLimits(config, ranges);
  const bound: Record<string, string | number> = {};
  rates.forEach((rate, i) => {
    bound[`currency${i}`] = rate.currency;
    bound[`rate${i}`] = rate.rate_to_base;
  });
  return {
    ...bound,
    purchaseType: config.purchase.type,
    consentType: config.consent.type,
    campaignType: config.campaign.type,
    surveyType: config.survey.type,
    baseCurrency: config.baseCurrency,
    minTimestamp: ranges.minTimestamp,
    maxTimestamp: ranges.maxTimestamp,
    maxAmount: ranges.maxAmount,
    minLabel: labels.min,
    maxLabel: labels.max,
    amountLabel: labels.amount,
  };
}
