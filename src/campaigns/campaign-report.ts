import type { Config } from '../config/schema.js';
import { ClvError } from '../shared/errors.js';
import type { Warehouse } from '../store/warehouse.js';
import {
  audienceNamer,
  funnelRows,
  readFunnel,
  requireCampaignTables,
  summaries,
} from './campaign-read.js';
import type { CampaignDay, CampaignReport, ClvMovementRow } from './campaign-types.js';
import { readLift } from './read-lift.js';
import { inByteOrder } from '../store/sql-dialect.js';

/** One campaign's response analysis; an id no campaign event carries is `not_found`. */
export async function campaignReport(
  warehouse: Warehouse,
  config: Config,
  id: string,
): Promise<CampaignReport> {
  void config;
  const state = await requireCampaignTables(warehouse);
  const [row] = await readFunnel(warehouse, 'campaign', 'campaign_id = $id', { id });
  if (!row) throw new ClvError('not_found', `no campaign "${id}"`);
  const name = await audienceNamer(warehouse);
  const channels = funnelRows(
    await readFunnel(warehouse, 'channel', 'campaign_id = $id', { id }),
    name,
  );
  const [campaign] = summaries([row], channels, await readLift(warehouse, [id], name));
  if (!campaign) throw new ClvError('not_found', `no campaign "${id}"`);
  const daily = await warehouse.query<CampaignDay & Record<string, string | number>>(
    `SELECT day::VARCHAR AS day, audience_key AS "audienceKey", channel,
            sent::DOUBLE AS sent, delivered::DOUBLE AS delivered, opened::DOUBLE AS opened,
            clicked::DOUBLE AS clicked, unsubscribed::DOUBLE AS unsubscribed,
            bounced::DOUBLE AS bounced, attributed_orders::DOUBLE AS "attributedOrders",
            attributed_revenue::DOUBLE AS "attributedRevenue"
     FROM campaign_daily WHERE campaign_id = $id
     ORDER BY day, ${inByteOrder(warehouse.dialect, 'audience_key', 'channel')}`,
    { id },
  );
  const movement = await warehouse.query<{
    audience_key: string;
    responder: boolean;
    customers: number;
    clv_before: number | null;
    clv_now: number | null;
    p_alive_before: number | null;
    p_alive_now: number | null;
  }>(
    `SELECT audience_key, responder, customers::DOUBLE AS customers, clv_before, clv_now,
            p_alive_before, p_alive_now
     FROM campaign_clv_movement WHERE campaign_id = $id
     ORDER BY ${warehouse.dialect.inByteOrder('audience_key')}, responder DESC`,
    { id },
  );
  const clvMovement: ClvMovementRow[] = movement.map((m) => ({
    audience: name(m.audience_key),
    responder: m.responder,
    customers: m.customers,
    clvBefore: m.clv_before,
    clvNow: m.clv_now,
    pAliveBefore: m.p_alive_before,
    pAliveNow: m.p_alive_now,
  }));
  return {
    campaign,
    attribution: state.attribution,
    funnel: channels.get(id) ?? [],
    daily,
    clvMovement,
    clvMovementReason: state.clvMovementReason,
  };
}
