import type { WebhookConfig } from './destination-config.js';
import { memberColumns } from './delivery-member.js';
import type { DueDelivery } from './due-delivery.js';
import { postJson } from './post-json.js';
import { webhookSignature } from './webhook-signature.js';

/**
 * Sends a delivery as one signed JSON batch. Every attempt carries the same body and
 * `Idempotency-Key`; the timestamp and signature are those of the attempt.
 */
export async function sendWebhook(
  config: WebhookConfig,
  secret: string,
  delivery: DueDelivery,
  options: { timeoutMs: number; now: Date },
): Promise<void> {
  // The change is always sent: without it a batch of changes cannot be read.
  const columns = config.columns.includes('change')
    ? config.columns
    : [...config.columns, 'change'];
  const body = JSON.stringify({
    deliveryId: delivery.id,
    activationId: delivery.activationId,
    audienceId: delivery.audienceId,
    sequence: delivery.seq,
    kind: delivery.kind,
    createdAt: delivery.createdAt,
    members: delivery.members.map((member) => {
      const values = memberColumns(member);
      return Object.fromEntries(columns.map((column) => [column, values[column] ?? null]));
    }),
  });
  const timestamp = String(Math.floor(options.now.getTime() / 1000));
  await postJson(
    config.url,
    body,
    {
      'idempotency-key': delivery.id,
      'x-clv-timestamp': timestamp,
      'x-clv-signature': webhookSignature(secret, timestamp, body),
    },
    options.timeoutMs,
  );
}
