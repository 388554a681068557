import type { DerivedTable } from '../derived-table.js';
import { TABLE } from '../table-names.js';

/**
 * Per customer and consent category, the intervals of each state: a consent event starts a
 * state that lasts until the next event of the same category. Events at the same instant are
 * ordered by import, the later one winning (the earlier gets an empty interval).
 */
export const consentHistory: DerivedTable = {
  name: TABLE.consentHistory,
  description:
    'per customer and category: action, subscribed (an accept value), channel (email, sms or other), valid_from, valid_to (UTC; NULL while current)',
  dependsOn: [],
  sql: (d) => `
    SELECT customer_id, consent_category AS category, consent_action AS action,
           ${d.listContains('$acceptValues', 'consent_action')} AS subscribed,
           CASE WHEN ${d.listContains('$emailCategories', 'consent_category')} THEN 'email'
                WHEN ${d.listContains('$smsCategories', 'consent_category')} THEN 'sms'
                ELSE 'other' END AS channel,
           ts AS valid_from,
           lead(ts) OVER (PARTITION BY customer_id, consent_category
                          ORDER BY ts, import_id, source_line) AS valid_to,
           import_id, source_line
    FROM events
    WHERE kind = 'consent'`,
  // A customer's intervals come from their own consent events alone.
  incremental: {
    key: 'customer_id',
    changed: `SELECT DISTINCT customer_id FROM events
               WHERE kind = 'consent' AND import_id > $since`,
    inputs: (changedKeys, generation) => `
      events AS (
        SELECT * FROM ${generation}.events
        WHERE kind = 'consent' AND customer_id IN (SELECT customer_id FROM ${changedKeys})
      )`,
  },
  params: (config) => ({
    acceptValues: config.consent.acceptValues,
    emailCategories: config.consent.emailCategories,
    smsCategories: config.consent.smsCategories,
  }),
};
