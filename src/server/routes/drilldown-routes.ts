import { z } from 'zod';
import { attributeValuesReport } from '../../metrics/reports/attribute-values.js';
import { orderOutcomesReport } from '../../metrics/reports/order-outcomes.js';
import { route } from '../route.js';
import { attributeValuesSchema, orderOutcomesSchema } from '../responses/drilldown-responses.js';
import { periodAndSegment } from './query-fields.js';

/** What a dashboard drills down by (attributes and their values), and order outcomes by month. */
export const drilldownRoutes = [
  route({
    method: 'GET',
    path: '/metrics/attributes',
    tag: 'metrics',
    summary: 'Every known customer attribute with its most common values (for drill-downs)',
    description:
      'The configured `drilldowns` first, then every attribute found in the customers table at the last refresh; each with its top 20 values by customers.',
    access: 'read',
    cached: true,
    response: attributeValuesSchema,
    handler: ({ context }) => context.reads.use((w) => attributeValuesReport(w, context.config)),
  }),
  route({
    method: 'GET',
    path: '/metrics/order-outcomes',
    tag: 'metrics',
    summary: 'Successful, canceled and returned orders (count and value) per month',
    description:
      'The orders of the period by month and outcome, with the cancel and return rates, for all customers or one group of a segmentation (`segment` and `group`).',
    access: 'read',
    cached: true,
    dates: ['query.from', 'query.to'],
    query: z.object({
      ...periodAndSegment,
      group: z.string().optional().describe('one group of the segmentation, e.g. subscribed'),
    }),
    response: orderOutcomesSchema,
    handler: ({ query, context }) =>
      context.reads.use((w) => orderOutcomesReport(w, context.config, query)),
  }),
];
