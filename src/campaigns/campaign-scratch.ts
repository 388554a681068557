import type { Config } from '../config/schema.js';
import type { SqlParams, Warehouse } from '../store/warehouse.js';

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
 * The step's in-memory scratch tables (temporary, named for this run, dropped when it ends):
 * - `actions`: per campaign × audience key × channel × raw action, its events, first and last
 *   time, canonical action (NULL when no list maps it) and `k`, the number of its campaign ×
 *   audience × channel (NULL for the unmapped), the one pass over the campaign events that
 *   everything small is counted from;
 * - `keys`: per `k`, its campaign, audience key and channel;
 * - `sends`: per campaign × audience, the send instant.
 * (Per `k` × customer, the first time of each action is `campaign_recipients` itself.)
 * Grouping by the small integer `k` rather than three strings, and keeping what is read again
 * in memory rather than in the store, is what keeps the step within a few bare scans.
 */
export interface CampaignScratch {
  actions: string;
  keys: string;
  sends: string;
}

export function campaignScratch(warehouse: Warehouse): CampaignScratch {
  const tag = warehouse.scratchTag();
  return {
    actions: `campaign_actions_${tag}`,
    keys: `campaign_keys_${tag}`,
    sends: `campaign_sends_${tag}`,
  };
}

export async function dropScratch(warehouse: Warehouse, scratch: CampaignScratch): Promise<void> {
  for (const table of Object.values(scratch)) {
    await warehouse.run(`DROP TABLE IF EXISTS ${table}`);
  }
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
 * in the small `actions` table. With `only`, just those actions (needs `actionParams`).
 */
export function mappedEvents(
  scratch: CampaignScratch,
  only?: readonly (typeof ACTIONS)[number][],
): string {
  // Only some actions: their raw values are tested before the join, which then sees fewer rows.
  const raw = only
    ? `AND list_contains(flatten([${only.map((a) => `$${a}`).join(', ')}]), e.campaign_action)`
    : '';
  return `(
    SELECT e.customer_id, a.k, a.action, e.ts
    FROM events e
    JOIN ${scratch.actions} a
      ON a.campaign_id = e.campaign_id AND a.audience_key = coalesce(e.audience_id, '')
     AND a.channel = coalesce(e.campaign_channel, '') AND a.raw_action = e.campaign_action
    WHERE e.kind = 'campaign' AND a.k IS NOT NULL ${raw}
  )`;
}
