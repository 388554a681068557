import { z } from 'zod';
import { atRiskCustomers } from '../../customers/at-risk-customers.js';
import { customerProfile } from '../../customers/customer-profile.js';
import { searchCustomers } from '../../customers/search-customers.js';
import { topCustomers } from '../../customers/top-customers.js';
import { route } from '../route.js';
import {
  atRiskPageSchema,
  customerPageSchema,
  customerProfileSchema,
  rankedCustomerPageSchema,
} from '../responses/customer-responses.js';
import { paging } from './query-fields.js';

/** Customers: search, the most valuable, the valuable ones at risk, and one customer's profile. */
export const customerRoutes = [
  route({
    method: 'GET',
    path: '/customers',
    tag: 'customers',
    summary: 'Search customers by part of their id or by an attribute',
    access: 'read',
    cached: true,
    query: z
      .object({
        q: z.string().max(200).optional().describe('part of the customer id (any case)'),
        attribute: z.string().max(200).optional().describe('attribute name; needs value'),
        value: z.string().max(1000).optional().describe('the attribute value to match'),
        ...paging,
      })
      .refine((query) => (query.attribute === undefined) === (query.value === undefined), {
        message: 'attribute and value go together',
        path: ['value'],
      }),
    response: customerPageSchema,
    handler: ({ query, context }) => {
      const { attribute, value, ...rest } = query;
      const options =
        attribute !== undefined && value !== undefined
          ? { ...rest, attribute: { name: attribute, value } }
          : rest;
      return context.reads.use((w) => searchCustomers(w, context.config, options));
    },
  }),
  route({
    method: 'GET',
    path: '/customers/top',
    tag: 'customers',
    summary: 'Customers with the highest predicted or historic CLV',
    access: 'read',
    cached: true,
    query: z.object({ by: z.enum(['predicted', 'historic']).default('predicted'), ...paging }),
    response: rankedCustomerPageSchema,
    handler: ({ query, context }) =>
      context.reads.use((w) => topCustomers(w, context.config, query)),
  }),
  route({
    method: 'GET',
    path: '/customers/at-risk',
    tag: 'customers',
    summary: 'High-value customers likely lost (churn risk at or above the threshold)',
    access: 'read',
    cached: true,
    query: z.object({
      minChurnRisk: z.coerce.number().min(0).max(1).optional().describe('default 0.5'),
      ...paging,
    }),
    response: atRiskPageSchema,
    handler: ({ query, context }) =>
      context.reads.use((w) => atRiskCustomers(w, context.config, query)),
  }),
  route({
    method: 'GET',
    path: '/customers/:id',
    tag: 'customers',
    summary: "One customer's attributes, consents, history, prediction and event timeline",
    access: 'read',
    cached: true,
    params: z.object({ id: z.string().min(1).max(500) }),
    query: z.object({
      eventsLimit: paging.limit,
      eventsOffset: paging.offset,
    }),
    response: customerProfileSchema,
    handler: ({ params, query, context }) =>
      context.reads.use((w) => customerProfile(w, context.config, params.id, query)),
  }),
];
