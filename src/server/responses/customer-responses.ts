import { z } from 'zod';
import { attributes, day, instant, page } from './shared-responses.js';

const fitStatus = z.enum(['ok', 'degenerate', 'failed']);

const customerFields = {
  customerId: z.string(),
  attributes,
  firstOrder: day.nullable().describe('local day of the first successful order; null if none'),
  lastOrder: day.nullable(),
  orders: z.number().describe('successful orders'),
  historicClv: z.number().describe('lifetime revenue of the successful orders'),
  predictedClv: z.number().nullable(),
  pAlive: z.number().nullable(),
  predictionReason: z
    .string()
    .nullable()
    .describe('why the prediction is null or rests on a fallback; null when the models were ok'),
};

export const customerItem = z.strictObject(customerFields);

const ranked = {
  note: z
    .string()
    .nullable()
    .describe('why nobody is listed: a model the ranking needs failed; else null'),
};

export const customerPageSchema = page(customerItem);

export const rankedCustomerPageSchema = customerPageSchema.extend(ranked);

export const atRiskPageSchema = page(
  z.strictObject({ ...customerFields, churnRisk: z.number().describe('1 − P(alive)') }),
).extend(ranked);

const timelineEvent = z.strictObject({
  eventId: z.string(),
  ts: instant,
  kind: z.string(),
  type: z.string(),
  orderId: z.string().nullable(),
  amount: z.number().nullable().describe('in the base currency'),
  status: z.string().nullable(),
  category: z.string().nullable().describe('the consent category'),
  action: z.string().nullable().describe("the consent's or the campaign's action"),
  campaignId: z.string().nullable(),
  channel: z.string().nullable(),
  score: z.number().nullable().describe("the survey's score (0–10)"),
  csat: z.number().nullable().describe("the survey's CSAT (1–5)"),
});

export const customerProfileSchema = z.strictObject({
  customerId: z.string(),
  currency: z.string(),
  attributes,
  consents: z.array(
    z.strictObject({
      category: z.string(),
      channel: z.enum(['email', 'sms', 'other']),
      granted: z.boolean(),
      since: instant.nullable().describe('when the current state began; null if never answered'),
      action: z.string().nullable().describe('the latest action; null if never answered'),
    }),
  ),
  historic: z.strictObject({
    orders: z.number(),
    revenue: z.number(),
    firstOrder: day.nullable(),
    lastOrder: day.nullable(),
    apv: z.number().nullable().describe('revenue per successful order; null without one'),
    canceled: z.number(),
    returned: z.number(),
    other: z.number().describe('orders whose status is none of success, canceled or returned'),
  }),
  prediction: z
    .strictObject({
      pAlive: z.number().nullable(),
      churnRisk: z.number().nullable(),
      expectedPurchases: z.number().nullable(),
      expectedSpend: z.number().nullable(),
      predictedClv: z.number().nullable(),
      predictedClvLow: z
        .number()
        .nullable()
        .describe('the 90 % interval of predictedClv (parameter uncertainty only)'),
      predictedClvHigh: z.number().nullable(),
      spendLow: z
        .number()
        .nullable()
        .describe('the 90 % predictive interval of the spend over the horizon (undiscounted)'),
      spendHigh: z.number().nullable(),
      nextPurchaseDate: day
        .nullable()
        .describe('the day by which a purchase is more likely than not; null beyond the horizon'),
      status: fitStatus,
      reason: z.string().nullable().describe('why values are null or rest on a fallback'),
    })
    .nullable()
    .describe('null when the customer has no prediction (never bought, or no model fitted)'),
  timeline: page(timelineEvent),
});
