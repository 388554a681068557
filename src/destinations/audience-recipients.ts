import { jsonPointer } from '../segments/features-step.js';
import { tableExists } from '../model/store-state.js';
import { TABLE } from '../model/table-names.js';
import type { Warehouse } from '../store/warehouse.js';

/** A current member of an audience with what a destination may be sent about them. */
export interface Recipient {
  customerId: string;
  emailSubscribed: boolean;
  email: string | null;
  predictedClv: number | null;
  pAlive: number | null;
  revenue: number | null;
}

type RecipientRow = {
  customer_id: string;
  email_subscribed: boolean | null;
  email: string | null;
  predicted_clv: number | null;
  p_alive: number | null;
  revenue: number | null;
};

// Before the first refresh there are no features: nobody counts as consenting, no values.
const NO_FEATURES = `SELECT NULL::VARCHAR AS customer_id, NULL::BOOLEAN AS email_subscribed,
  NULL::JSON AS attributes, NULL::DOUBLE AS predicted_clv, NULL::DOUBLE AS p_alive,
  NULL::DOUBLE AS revenue WHERE false`;

async function features(warehouse: Warehouse): Promise<string> {
  return (await tableExists(warehouse, TABLE.customerFeatures))
    ? `SELECT customer_id, email_subscribed, attributes, predicted_clv, p_alive, revenue
       FROM ${TABLE.customerFeatures}`
    : NO_FEATURES;
}

function recipient(row: RecipientRow): Recipient {
  const email = row.email?.trim() ?? '';
  return {
    customerId: row.customer_id,
    emailSubscribed: row.email_subscribed === true,
    email: email === '' ? null : email,
    predictedClv: row.predicted_clv,
    pAlive: row.p_alive,
    revenue: row.revenue,
  };
}

/** The audience's members now (its open stays) with their consent and values. */
export async function currentMembers(
  warehouse: Warehouse,
  audienceId: string,
  emailAttribute: string,
): Promise<Recipient[]> {
  const rows = await warehouse.query<RecipientRow>(
    `WITH f AS (${await features(warehouse)})
     SELECT m.customer_id, f.email_subscribed,
            json_extract_string(f.attributes, $pointer) AS email,
            f.predicted_clv, f.p_alive, f.revenue
     FROM audience_members m LEFT JOIN f USING (customer_id)
     WHERE m.audience_id = $audience AND m.exited_at IS NULL
     ORDER BY m.customer_id`,
    { audience: audienceId, pointer: jsonPointer(emailAttribute) },
  );
  return rows.map(recipient);
}

/** The values of customers who left, for the exits that name them. */
export async function customersByIds(
  warehouse: Warehouse,
  ids: readonly string[],
  emailAttribute: string,
): Promise<Map<string, Recipient>> {
  if (ids.length === 0) return new Map();
  const rows = await warehouse.query<RecipientRow>(
    `WITH f AS (${await features(warehouse)})
     SELECT customer_id, email_subscribed, json_extract_string(attributes, $pointer) AS email,
            predicted_clv, p_alive, revenue
     FROM f WHERE ${warehouse.dialect.listContains('$ids', 'customer_id')}`,
    { ids, pointer: jsonPointer(emailAttribute) },
  );
  return new Map(rows.map((row) => [row.customer_id, recipient(row)]));
}
