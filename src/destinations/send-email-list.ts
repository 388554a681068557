import type { EmailListConfig } from './destination-config.js';
import { memberColumns } from './delivery-member.js';
import type { DueDelivery } from './due-delivery.js';
import { postJson } from './post-json.js';

/**
 * Sends a delivery the way ESP member APIs take list changes: one call of subscribe and
 * unsubscribe operations, the address from the configured attribute, the chosen values as
 * merge fields, a bearer token and the delivery's idempotency key.
 */
export async function sendEmailList(
  config: EmailListConfig,
  token: string,
  delivery: DueDelivery,
  options: { timeoutMs: number },
): Promise<void> {
  const operations = delivery.members
    .filter((member) => member.email !== null)
    .map((member) => {
      const values = memberColumns(member);
      return {
        op: member.change === 'entered' ? 'subscribe' : 'unsubscribe',
        email: member.email,
        customerId: member.customerId,
        fields: Object.fromEntries(config.fields.map((field) => [field, values[field] ?? null])),
      };
    });
  await postJson(
    config.url,
    JSON.stringify({ operations }),
    { authorization: `Bearer ${token}`, 'idempotency-key': delivery.id },
    options.timeoutMs,
  );
}
