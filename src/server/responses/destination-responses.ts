import { z } from 'zod';
import { DESTINATION_KINDS } from '../../destinations/destination-config.js';
import { instant } from './shared-responses.js';

export const destinationSchema = z.strictObject({
  id: z.string().describe("'dst_' and 10 hex characters"),
  name: z.string(),
  kind: z.enum(DESTINATION_KINDS),
  enabled: z.boolean().describe('a disabled destination is sent nothing until enabled'),
  config: z
    .record(z.string(), z.unknown())
    .describe("the kind's settings, defaults filled in; never a secret"),
  hasSecret: z.boolean().describe('whether a signing secret or bearer token is stored (sealed)'),
  createdAt: instant,
  createdBy: z.string().describe("the API key's name, or local"),
});

export const destinationListSchema = z.strictObject({ destinations: z.array(destinationSchema) });

export const deletedSchema = z.strictObject({ deleted: z.string() });

export const activationSchema = z.strictObject({
  id: z.string().describe("'act_' and 10 hex characters"),
  audienceId: z.string(),
  destinationId: z.string(),
  createdAt: instant,
  createdBy: z.string(),
  holdoutShare: z.number().describe('share of the audience withheld as the control group, 0..0.5'),
  controlMembers: z.number().describe('customers withheld so far (the control group)'),
  state: z.enum(['active', 'stopped']),
  lastDeliveredAt: instant.nullable(),
  pending: z.number().describe('deliveries waiting for their (next) attempt'),
  delivered: z.number(),
  dead: z.number().describe('deliveries given up after the configured attempts'),
  lastError: z.string().nullable().describe('the latest failure, of queueing or of a delivery'),
});

export const activationListSchema = z.strictObject({ activations: z.array(activationSchema) });

export const deliverySchema = z.strictObject({
  id: z.string().describe('the idempotency key every attempt of this delivery is sent with'),
  kind: z
    .enum(['full', 'changes'])
    .describe('full: the whole membership; changes: entries and exits'),
  createdAt: instant,
  members: z.number(),
  entries: z.number(),
  exits: z.number(),
  status: z.enum(['pending', 'delivered', 'dead']),
  attempts: z.number(),
  nextAttemptAt: instant.nullable(),
  lastError: z.string().nullable(),
  deliveredAt: instant.nullable(),
});

export const deliveryListSchema = z.strictObject({ deliveries: z.array(deliverySchema) });

export const syncOutcomeSchema = z.strictObject({
  queued: z.number().describe('deliveries queued for new entries and exits'),
  entries: z.number(),
  exits: z.number(),
  attempted: z.number().describe('delivery attempts made'),
  delivered: z.number(),
  retrying: z.number().describe('attempts that failed and will be retried'),
  dead: z.number().describe('deliveries given up by this sync'),
});
