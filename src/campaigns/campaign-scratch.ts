import type { Config } from '../config/schema.js';
import { TABLE } from '../model/table-names.js';
import type { SqlParams, Warehouse } from '../store/warehouse.js';
import type { SqlDialect } from '../store/sql-dialect.js';

/** The six canonical actions, in funnel order. */
export const ACTIONS = [
  'sent',
  'delivered',
  'opened',
  'clicked',
  'unsubscribed',
  'bounced',
] as const;

/**
 * The step's working tables:
 * - `actions` (a scratch table, named for this run, dropped when it ends): per campaign × audience
 *   key × channel × raw action, its events, first and last time, canonical action (NULL when
 *   no list maps it) and `k`, the number of its campaign × audience × channel (NULL for the
 *   unmapped), the one pass over the campaign events that everything small is counted from;
 * - `sends` (a scratch table): per campaign × audience, the send instant;
 * - `keys` (`campaign_keys`, in the refresh's schema): per `k`, its campaign, audience key,
 *   channel and send instant. It stays, because `campaign_recipients` is a view of the
 *   recipients' rows keyed by `k` (`campaign_recipient_rows`) joined to it.
 * Grouping and joining by the small integer `k` rather than three strings, and storing it once
 * per recipient instead of the strings, is cheaper than carrying the strings through.
 */
export interface CampaignScratch {
  actions: string;
  keys: string;
  sends: string;
}

export function campaignScratch(warehouse: Warehouse, schema: string): CampaignScratch {
  const tag = warehouse.scratchTag();
  return {
    actions: `campaign_actions_${tag}`,
    keys: `${schema}.${TABLE.campaignKeys}`,
    sends: `campaign_sends_${tag}`,
  };
}

/** Drops the scratch tables; `keys` belongs to the refresh. */
export async function dropScratch(warehouse: Warehouse, scratch: CampaignScratch): Promise<void> {
  for (const table of [scratch.actions, scratch.sends]) await warehouse.scratch.drop(table);
}

/** Microseconds of a number of days (the windows may be fractional). */
export function dayMicros(days: number): number {
  return Math.round(days * 86_400_000_000);
}

/** The bound lists of raw values of each canonical action (`$sent`, `$delivered`, …). */
export function actionParams(config: Config): SqlParams {
  const values = config.campaign.actionValues;
  return Object.fromEntries(ACTIONS.map((action) => [action, values[action]]));
}

/**
 * The mapped campaign events as (customer, k, canonical action, time): the events read in
 * place (copying them costs more than scanning them again), their action and `k` looked up
 * in the small `actions` table. With `only`, a bound list of raw actions, just those events.
 */
export function mappedEvents(dialect: SqlDialect, scratch: CampaignScratch, only?: string): string {
  // Only some actions: their raw values are tested before the join, which then sees fewer rows.
  const raw = only ? `AND ${dialect.listContains(only, 'e.campaign_action')}` : '';
  return `(
    SELECT e.customer_id, a.k, a.action, e.ts
    FROM events e
    JOIN ${scratch.actions} a
      ON a.campaign_id = e.campaign_id AND a.audience_key = coalesce(e.audience_id, '')
     AND a.channel = coalesce(e.campaign_channel, '') AND a.raw_action = e.campaign_action
    WHERE e.kind = 'campaign' AND a.k IS NOT NULL ${raw}
  )`;
}
