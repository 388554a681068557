import type { LoadedDestination } from './destinations.js';
import type { DueDelivery } from './due-delivery.js';
import { DeliveryFailure } from './post-json.js';
import { sendEmailList } from './send-email-list.js';
import { sendWebhook } from './send-webhook.js';
import { writeCsvFile } from './write-csv-file.js';

export interface SendOptions {
  projectDir: string;
  timeoutMs: number;
  now: Date;
}

/** One attempt of a delivery to its destination; throws DeliveryFailure saying why it failed. */
export async function sendDelivery(
  destination: LoadedDestination,
  delivery: DueDelivery,
  options: SendOptions,
): Promise<void> {
  const { settings, secret } = destination;
  switch (settings.kind) {
    case 'csv':
      await writeCsvFile(options.projectDir, settings.config, delivery);
      return;
    case 'webhook':
      await sendWebhook(settings.config, requireSecret(secret), delivery, options);
      return;
    case 'email-list':
      await sendEmailList(settings.config, requireSecret(secret), delivery, options);
      return;
  }
}

function requireSecret(secret: string | null): string {
  if (secret === null) throw new DeliveryFailure('the destination has no secret stored');
  return secret;
}
