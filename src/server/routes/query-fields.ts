import { z } from 'zod';

/** A calendar date as the CLI takes it, one that exists (no 2025-02-30). */
export const date = z.iso
  .date('must be a date YYYY-MM-DD')
  .describe('YYYY-MM-DD, from 1970-01-01 to a year after the latest event');

/** Paging of every list: `limit` (1–500, default 50) items from `offset`. */
export const paging = {
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('items per page (1–500)'),
  offset: z.coerce.number().int().min(0).default(0).describe('items to skip'),
};

/** A report's period and segmentation, as /metrics and the reports beside it take them. */
export const periodAndSegment = {
  from: date.optional().describe('first day of the period'),
  to: date.optional().describe('the day after the period'),
  segment: z.string().optional().describe('email, sms or attribute:NAME'),
};
