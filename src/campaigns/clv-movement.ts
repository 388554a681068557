import type { Config } from '../config/schema.js';
import type { Warehouse } from '../store/warehouse.js';

/** The columns of `campaign_clv_movement`, one row per campaign × audience × responder flag. */
export const CLV_MOVEMENT_COLUMNS = `campaign_id VARCHAR, audience_key VARCHAR, responder BOOLEAN,
  customers BIGINT, clv_before DOUBLE, clv_now DOUBLE, p_alive_before DOUBLE, p_alive_now DOUBLE`;

/**
 * Builds `${schema}.campaign_clv_movement` from `${schema}.campaign_recipients`: recipients'
 * predicted CLV and P(alive) before the send (the current fit applied to their history before
 * the send day) and now. Returns why it is empty when it must be (no fitted model), else null.
 */
export async function buildClvMovement(context: {
  warehouse: Warehouse;
  config: Config;
  schema: string;
}): Promise<string | null> {
  await context.warehouse.run(
    `CREATE TABLE ${context.schema}.campaign_clv_movement (${CLV_MOVEMENT_COLUMNS})`,
  );
  return 'not built yet';
}
