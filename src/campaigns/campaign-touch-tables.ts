import type { Config } from '../config/schema.js';
import { TABLE } from '../model/table-names.js';
import type { Warehouse } from '../store/warehouse.js';
import {
  ACTIONS,
  actionParams,
  dayMicros,
  mappedEvents,
  type CampaignScratch,
} from './campaign-scratch.js';
import { inByteOrder } from '../store/sql-dialect.js';

/** The campaign events the analysis leaves out, and a few of their raw actions. */
export interface LeftOut {
  unmapped: number;
  examples: string[];
  moreExamples: boolean;
  noCampaign: number;
}

/**
 * One pass over the campaign events: the `actions`, `keys` and `sends` scratch tables (see
 * campaign-scratch.ts). A campaign × audience's send instant is its first `sent` event, else
 * its first event of any action. Returns how many campaign events are left out (an action no
 * list maps, or no campaign id), with a few of the unmapped raw actions.
 */
export async function buildKeys(
  warehouse: Warehouse,
  config: Config,
  scratch: CampaignScratch,
): Promise<LeftOut> {
  const mapping = ACTIONS.map(
    (a) => `WHEN ${warehouse.dialect.listContains(`$${a}`, 'raw_action')} THEN '${a}'`,
  );
  await warehouse.scratch.fromQuery(
    scratch.actions,
    `WITH raw AS (
       SELECT campaign_id, coalesce(audience_id, '') AS audience_key,
              coalesce(campaign_channel, '') AS channel, campaign_action AS raw_action,
              count(*) AS events, min(ts) AS first_at, max(ts) AS last_at
       FROM events WHERE kind = 'campaign'
       GROUP BY campaign_id, audience_key, channel, raw_action
     ),
     mapped AS (
       SELECT *, CASE WHEN campaign_id IS NOT NULL THEN CASE ${mapping.join(' ')} END END AS action
       FROM raw
     ),
     numbered AS (
       SELECT campaign_id, audience_key, channel,
              -- Byte order, so that the attribution's tie-break on k is its tie-break on the names.
              (row_number() OVER (
                ORDER BY ${inByteOrder(warehouse.dialect, 'campaign_id', 'audience_key', 'channel')}
              ))::INTEGER AS k
       FROM (SELECT DISTINCT campaign_id, audience_key, channel FROM mapped
             WHERE action IS NOT NULL)
     )
     SELECT m.*, n.k FROM mapped m LEFT JOIN numbered n USING (campaign_id, audience_key, channel)`,
    actionParams(config),
  );
  await warehouse.scratch.fromQuery(
    scratch.sends,
    `SELECT campaign_id, audience_key,
            coalesce(min(first_at) FILTER (WHERE action = 'sent'), min(first_at)) AS send_at,
            ${warehouse.dialect.anyTrue("action = 'sent'")} AS has_sent
     FROM ${scratch.actions} WHERE k IS NOT NULL
     GROUP BY campaign_id, audience_key`,
  );
  await warehouse.run(
    `CREATE TABLE ${scratch.keys} AS
     SELECT k, campaign_id, audience_key, channel, s.send_at
     FROM (SELECT DISTINCT k, campaign_id, audience_key, channel FROM ${scratch.actions}
           WHERE k IS NOT NULL)
     JOIN ${scratch.sends} s USING (campaign_id, audience_key)`,
  );
  const [left] = await warehouse.query<{
    unmapped: number;
    examples: string[];
    no_campaign: number;
  }>(
    `SELECT coalesce(sum(events) FILTER (WHERE campaign_id IS NOT NULL), 0)::BIGINT AS unmapped,
            coalesce(list(DISTINCT coalesce(raw_action, '(none)')
                          ORDER BY coalesce(raw_action, '(none)'))
                     FILTER (WHERE campaign_id IS NOT NULL), []) AS examples,
            coalesce(sum(events) FILTER (WHERE campaign_id IS NULL), 0)::BIGINT AS no_campaign
     FROM ${scratch.actions} WHERE action IS NULL`,
  );
  return {
    unmapped: left?.unmapped ?? 0,
    examples: (left?.examples ?? []).slice(0, 3),
    moreExamples: (left?.examples ?? []).length > 3,
    noCampaign: left?.no_campaign ?? 0,
  };
}

/**
 * `campaign_attributions`: each successful order with a qualifying touch, attributed to the
 * last one: a click at tc qualifies when tc <= t < tc + clickDays, an open when to <= t <
 * to + openDays; the latest touch wins, at equal times a click before an open, then the
 * smaller campaign id, audience key and channel (byte order).
 */
export async function buildAttributions(
  warehouse: Warehouse,
  config: Config,
  schema: string,
  scratch: CampaignScratch,
): Promise<void> {
  await warehouse.run(
    `CREATE TABLE ${schema}.${TABLE.campaignAttributions} AS
     WITH touches AS (
       SELECT customer_id, k, ts AS touch_at, action = 'clicked' AS is_click,
              ts + to_microseconds(CASE WHEN action = 'clicked' THEN $clickUs ELSE $openUs END::BIGINT)
                AS touch_end
       FROM ${mappedEvents(warehouse.dialect, scratch, '$touchValues')}
       WHERE action IN ('clicked', 'opened')
     ),
     -- The touches carry their key, not its three names, through the join and the ranking:
     -- keys are numbered in the names' byte order, so the smaller key is the smaller names.
     candidates AS (
       SELECT o.order_key, o.customer_id, o.ts AS order_at, o.day, o.amount,
              t.k, t.touch_at, t.is_click,
              row_number() OVER (
                PARTITION BY o.order_key ORDER BY t.touch_at DESC, t.is_click DESC, t.k
              ) AS rank
       FROM orders o JOIN touches t
         ON o.customer_id = t.customer_id AND t.touch_at <= o.ts AND o.ts < t.touch_end
       WHERE o.outcome = 'success'
     )
     SELECT c.order_key, c.customer_id, c.order_at, c.day, c.amount,
            k.campaign_id, k.audience_key, k.channel,
            CASE WHEN c.is_click THEN 'click' ELSE 'open' END AS touch, c.touch_at
     FROM candidates c JOIN ${scratch.keys} k USING (k)
     WHERE c.rank = 1`,
    {
      touchValues: [
        ...config.campaign.actionValues.clicked,
        ...config.campaign.actionValues.opened,
      ],
      clickUs: dayMicros(config.campaign.attribution.clickDays),
      openUs: dayMicros(config.campaign.attribution.openDays),
    },
  );
}

/**
 * `campaign_recipients`: one row per campaign × audience × channel × customer with the first
 * time of any action and of each, the campaign × audience's send instant, and whether the
 * customer responded: clicked (in this campaign × audience × channel), or has an order
 * attributed to the campaign. The CLV movement reads campaign_id, audience_key, customer_id,
 * send_at, responder; the funnel, daily counts and lift read the rows by `k`.
 *
 * Stored as `campaign_recipient_rows` (the key `k`, the customer, the first time of each action
 * and the flag), grouped straight from the events, and a view that adds the key's strings and
 * send instant and the first time of any action: writing those for millions of rows cost more
 * than the grouping, and the view reads them from a few dozen keys.
 */
export async function buildRecipients(
  warehouse: Warehouse,
  schema: string,
  scratch: CampaignScratch,
): Promise<void> {
  const rows = `${schema}.${TABLE.campaignRecipientRows}`;
  const times = ACTIONS.map((a) => `${a}_at`).join(', ');
  await warehouse.run(
    `CREATE TABLE ${rows} AS
     WITH customers AS (
       -- A CASE per action rather than a FILTER clause: a tenth less for the grouping.
       SELECT k, customer_id,
              ${ACTIONS.map((a) => `min(CASE WHEN action = '${a}' THEN ts END) AS ${a}_at`).join(', ')}
       FROM ${mappedEvents(warehouse.dialect, scratch)}
       GROUP BY k, customer_id
     ),
     -- An attributed order makes its customer a responder on every key of its campaign.
     attributed AS (
       SELECT DISTINCT k.k, a.customer_id
       FROM ${schema}.${TABLE.campaignAttributions} a JOIN ${scratch.keys} k USING (campaign_id)
     )
     SELECT c.k, c.customer_id, ${times},
            c.clicked_at IS NOT NULL OR a.customer_id IS NOT NULL AS responder
     FROM customers c LEFT JOIN attributed a USING (k, customer_id)`,
  );
  await warehouse.run(
    `CREATE VIEW ${schema}.${TABLE.campaignRecipients} AS
     SELECT k.campaign_id, k.audience_key, k.channel, r.customer_id,
            least(${ACTIONS.map((a) => `r.${a}_at`).join(', ')}) AS first_event_at,
            ${ACTIONS.map((a) => `r.${a}_at`).join(', ')},
            k.send_at, r.responder
     FROM ${rows} r JOIN ${scratch.keys} k USING (k)`,
  );
}
