import { z } from 'zod';

// Pieces several answers share. Every object is strict: an answer's test fails on a field its
// schema does not declare, so the OpenAPI document cannot fall behind the handlers.

/** A day, `YYYY-MM-DD`. */
export const day = z.string().describe('YYYY-MM-DD');

/** A moment in UTC, ISO 8601. */
export const instant = z.string().describe('UTC, ISO 8601');

/** A span of days: from the first day up to, not including, `to`. */
export const period = z.strictObject({
  from: day.describe('the first day (YYYY-MM-DD)'),
  to: day.describe('the day after the last (YYYY-MM-DD)'),
});

/** A model's state at the last refresh (or in a holdout check). */
export const modelState = z.strictObject({
  role: z
    .enum(['purchase', 'spend'])
    .describe('purchase: P(alive) and purchases; spend: value per purchase'),
  model: z.string(),
  status: z
    .enum(['ok', 'degenerate', 'failed'])
    .describe(
      'ok; degenerate: predictions come from the stated fallback, flagged; failed: predictions are null',
    ),
  reason: z
    .string()
    .nullable()
    .describe('why the model is not ok, and what its predictions rest on instead; null when ok'),
});

/** A page of a list: `limit` items from `offset` of `total`. */
export function page<T extends z.ZodType>(item: T) {
  return z.strictObject({
    items: z.array(item),
    total: z.number().describe('items in the whole list'),
    limit: z.number(),
    offset: z.number(),
  });
}

/**
 * A customer's attributes as imported (the customers file): values as they were sent, most
 * often text.
 */
export const attributes = z
  .record(
    z.string(),
    z.union([
      z.string(),
      z.number(),
      z.boolean(),
      z.null(),
      z.array(z.unknown()),
      z.record(z.string(), z.unknown()),
    ]),
  )
  .describe('as imported from the customers file; empty when there are none');
