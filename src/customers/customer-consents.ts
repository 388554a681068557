import type { Config } from '../config/schema.js';
import type { Warehouse } from '../store/warehouse.js';

/** The consent a customer has now in one category. */
export interface ConsentState {
  category: string;
  channel: 'email' | 'sms' | 'other';
  granted: boolean;
  /** When the current state began (ISO, UTC); null when the customer never answered. */
  since: string | null;
  /** The latest action in the category; null when the customer never answered. */
  action: string | null;
}

type ConsentRow = {
  category: string;
  channel: ConsentState['channel'];
  granted: boolean;
  since: string;
  action: string;
};

// The current state began when the last interval of the other state ended. Intervals of no
// length do not count: an event overruled at the same instant never was in force, so a revoke
// and a later-imported accept at one moment leave an earlier accept unbroken.
const CURRENT_CONSENTS = `
  WITH history AS (
    SELECT category, channel, subscribed, action, valid_from, valid_to
    FROM consent_history WHERE customer_id = $customerId
  ),
  current AS (SELECT * FROM history WHERE valid_to IS NULL)
  SELECT c.category, c.channel, c.subscribed AS granted, c.action,
         strftime(coalesce(
           (SELECT max(h.valid_to) FROM history h
            WHERE h.category = c.category AND h.subscribed IS DISTINCT FROM c.subscribed
              AND h.valid_to > h.valid_from),
           (SELECT min(h.valid_from) FROM history h WHERE h.category = c.category)
         ), '%Y-%m-%dT%H:%M:%S.%gZ') AS since
  FROM current c`;

/**
 * The customer's consent now in each configured email and SMS category (not granted when
 * never answered) and in any other category they answered.
 */
export async function customerConsents(
  warehouse: Warehouse,
  config: Config,
  customerId: string,
): Promise<ConsentState[]> {
  const rows = await warehouse.query<ConsentRow>(CURRENT_CONSENTS, { customerId });
  const answered = new Map(rows.map((row) => [row.category, row]));
  const configured = new Map<string, ConsentState['channel']>();
  for (const category of config.consent.emailCategories) configured.set(category, 'email');
  for (const category of config.consent.smsCategories) {
    if (!configured.has(category)) configured.set(category, 'sms');
  }
  const states: ConsentState[] = [...configured].map(([category, channel]) => {
    const row = answered.get(category);
    return row
      ? { category, channel, granted: row.granted, since: row.since, action: row.action }
      : { category, channel, granted: false, since: null, action: null };
  });
  const others = rows
    .filter((row) => !configured.has(row.category))
    .sort((a, b) => (a.category < b.category ? -1 : a.category > b.category ? 1 : 0));
  for (const row of others) {
    states.push({
      category: row.category,
      channel: row.channel,
      granted: row.granted,
      since: row.since,
      action: row.action,
    });
  }
  return states;
}
