import { z } from 'zod';
import {
  createActivation,
  listActivations,
  MAX_HOLDOUT_SHARE,
  stopActivation,
} from '../../destinations/activations.js';
import { listDeliveries } from '../../destinations/deliveries.js';
import { anyConfigSchema, DESTINATION_KINDS } from '../../destinations/destination-config.js';
import {
  addDestination,
  listDestinations,
  removeDestination,
} from '../../destinations/destinations.js';
import { getActivation } from '../../destinations/activations.js';
import {
  activationListSchema,
  activationSchema,
  deletedSchema,
  deliveryListSchema,
  destinationListSchema,
  destinationSchema,
  syncOutcomeSchema,
} from '../responses/destination-responses.js';
import { route } from '../route.js';
import { whoCalled } from '../who-called.js';

const id = z.object({ id: z.string().min(1).max(100) });

/** Where audiences are sent, the activations that send them, and their delivery logs. */
export const destinationRoutes = [
  route({
    method: 'GET',
    path: '/destinations',
    tag: 'destinations',
    summary: 'Every destination, without secrets',
    access: 'read',
    response: destinationListSchema,
    handler: async ({ context }) => ({
      destinations: await context.reads.use((w) => listDestinations(w)),
    }),
  }),
  route({
    method: 'POST',
    path: '/destinations',
    tag: 'destinations',
    summary: 'Add a destination: a CSV folder, a signed webhook or an email list',
    description:
      'The secret (webhook signing secret, email-list bearer token) is stored sealed with the project key file and never returned.',
    access: 'admin',
    status: 201,
    body: z.object({
      name: z.string().min(1).max(100),
      kind: z.enum(DESTINATION_KINDS),
      config: anyConfigSchema.optional(),
      secret: z.string().min(1).max(4096).optional(),
      enabled: z.boolean().optional(),
    }),
    response: destinationSchema,
    handler: async ({ body, context, request }) => {
      const who = await whoCalled(request, context);
      return context.writes.run(() =>
        addDestination(context.write, context.project.dir, body, who),
      );
    },
  }),
  route({
    method: 'DELETE',
    path: '/destinations/:id',
    tag: 'destinations',
    summary: 'Remove a destination: its activations stop and its secret is erased',
    access: 'admin',
    params: id,
    response: deletedSchema,
    handler: ({ params, context }) =>
      context.writes.run(() => removeDestination(context.write, params.id)),
  }),
  route({
    method: 'POST',
    path: '/audiences/:id/activations',
    tag: 'destinations',
    summary: 'Send an audience to a destination: its full membership first, then its changes',
    access: 'admin',
    status: 201,
    params: id,
    body: z.object({
      destinationId: z.string().min(1).max(100),
      holdoutShare: z
        .number()
        .min(0)
        .max(MAX_HOLDOUT_SHARE)
        .optional()
        .describe('share of the audience withheld as a control group (deterministic per customer)'),
    }),
    response: activationSchema,
    handler: async ({ params, body, context, request }) => {
      const who = await whoCalled(request, context);
      return context.writes.run(() =>
        createActivation(context.write, { ...body, audienceId: params.id }, who),
      );
    },
  }),
  route({
    method: 'GET',
    path: '/activations',
    tag: 'destinations',
    summary: 'Every activation with the state of its deliveries',
    access: 'read',
    query: z.object({ audienceId: z.string().min(1).max(100).optional() }),
    response: activationListSchema,
    handler: async ({ query, context }) => ({
      activations: await context.reads.use((w) => listActivations(w, query)),
    }),
  }),
  route({
    method: 'DELETE',
    path: '/activations/:id',
    tag: 'destinations',
    summary: 'Stop an activation: nothing more is queued, pending deliveries are given up',
    access: 'admin',
    params: id,
    response: activationSchema,
    handler: ({ params, context }) =>
      context.writes.run(() => stopActivation(context.write, params.id)),
  }),
  route({
    method: 'GET',
    path: '/activations/:id/deliveries',
    tag: 'destinations',
    summary: "An activation's delivery log, newest first",
    access: 'read',
    params: id,
    response: deliveryListSchema,
    handler: async ({ params, context }) => ({
      deliveries: await context.reads.use((w) => listDeliveries(w, params.id)),
    }),
  }),
  route({
    method: 'POST',
    path: '/activations/:id/sync',
    tag: 'destinations',
    summary: "Queue the activation's new changes and deliver what is due now",
    access: 'admin',
    params: id,
    response: syncOutcomeSchema,
    handler: async ({ params, context }) => {
      await context.writes.run(() => getActivation(context.write, params.id));
      return context.deliveries.syncNow(params.id);
    },
  }),
];
