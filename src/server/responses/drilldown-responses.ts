import { z } from 'zod';
import { period } from './shared-responses.js';

export const attributeValuesSchema = z.strictObject({
  attributes: z
    .array(
      z.strictObject({
        name: z.string(),
        configured: z.boolean().describe('listed in the project’s `drilldowns`'),
        values: z
          .array(z.strictObject({ value: z.string(), customers: z.number() }))
          .describe('its most common values (at most 20), most customers first, ties by value'),
      }),
    )
    .describe('every known attribute: the configured drill-downs first, then the others by name'),
});

const figures = z.strictObject({
  orders: z.number(),
  value: z.number().describe('the orders’ amounts, in the base currency'),
});

const outcomeTotals = {
  success: figures,
  canceled: figures,
  returned: figures,
  other: figures.describe('orders whose status is none of the mapped values: in neither rate'),
  cancelRate: z
    .number()
    .nullable()
    .describe('(canceled + returned) / (successful + canceled + returned orders); null for none'),
  returnRate: z.number().nullable().describe('returned / (successful + canceled + returned)'),
};

export const orderOutcomesSchema = z.strictObject({
  period,
  currency: z.string(),
  segment: z
    .strictObject({ segmentation: z.string(), group: z.string() })
    .nullable()
    .describe('the group the figures are for; null for all customers'),
  months: z
    .array(z.strictObject({ month: z.string().describe('YYYY-MM'), ...outcomeTotals }))
    .describe('every month overlapping the period, months without orders included'),
  total: z.strictObject(outcomeTotals),
});
