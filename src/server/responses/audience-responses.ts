import { z } from 'zod';
import { TEMPLATE_KEYS } from '../../segments/audience-templates.js';
import { ruleSchema } from '../../segments/rule-schema.js';

const audienceId = z.string().describe("'aud_' and 10 hex digits");

const audienceSummaryFields = {
  id: audienceId,
  name: z.string(),
  description: z.string(),
  owner: z
    .string()
    .describe('the name of the API key that created it; local when open or on the CLI'),
  version: z.number().describe('1 at creation, one more with each edit'),
  includeUnsubscribed: z
    .boolean()
    .describe('email destinations also receive members without email consent'),
  template: z.string().nullable().describe('the template it was created from'),
  createdAt: z.string().describe('UTC, ISO 8601'),
  updatedAt: z.string().describe('UTC, ISO 8601'),
  updatedBy: z.string(),
  streaming: z
    .boolean()
    .describe('the rule reads only attributes, consent and raw events: ingest can evaluate it'),
  members: z.number().nullable().describe('current members; null before its first evaluation'),
  entered: z
    .number()
    .nullable()
    .describe('entries since the latest refresh evaluation (included); null before one'),
  exited: z.number().nullable().describe('exits since the latest refresh evaluation (included)'),
  revenue: z.number().nullable().describe('sum over the current members; null when not evaluated'),
  historicClv: z.number().nullable(),
  predictedClv: z.number().nullable().describe('null also when no member has a prediction'),
  lastEvaluatedAt: z.string().nullable(),
  error: z.string().nullable().describe('why the latest evaluation failed; null when it did not'),
};

export const audienceSummarySchema = z.strictObject(audienceSummaryFields);

export const audienceListSchema = z.strictObject({ audiences: z.array(audienceSummarySchema) });

export const audienceSchema = z.strictObject({
  ...audienceSummaryFields,
  rule: ruleSchema,
  ruleText: z.string().describe('the rule as readable text'),
  versions: z.array(
    z.strictObject({
      version: z.number(),
      name: z.string(),
      description: z.string(),
      changedBy: z.string(),
      changedAt: z.string(),
    }),
  ),
});

export const audienceTemplatesSchema = z.strictObject({
  templates: z.array(
    z.strictObject({
      key: z.enum(TEMPLATE_KEYS),
      name: z.string(),
      description: z.string(),
      rule: ruleSchema,
    }),
  ),
});

export const audienceEstimateSchema = z.strictObject({
  asOf: z.string().describe('the store’s as-of instant relative windows count back from (UTC)'),
  members: z.number(),
  knownCustomers: z.number(),
  share: z.number().nullable().describe('members / knownCustomers; null without customers'),
  revenue: z.number(),
  historicClv: z.number(),
  predictedClv: z.number().nullable().describe('null when no member has a prediction'),
  sample: z
    .array(
      z.strictObject({
        customerId: z.string(),
        revenue: z.number(),
        predictedClv: z.number().nullable(),
        pAlive: z.number().nullable(),
      }),
    )
    .describe('up to 20 members, highest predicted CLV first, then by id'),
  ruleText: z.string(),
});

export const deletedAudienceSchema = z.strictObject({ deleted: audienceId });

export const audienceMembersSchema = z.strictObject({
  total: z.number(),
  members: z.array(
    z.strictObject({
      customerId: z.string(),
      enteredAt: z.string().describe('start of the current stay, UTC'),
      revenue: z.number().nullable(),
      predictedClv: z.number().nullable(),
      pAlive: z.number().nullable(),
      emailSubscribed: z.boolean(),
    }),
  ),
});

export const audienceHistorySchema = z.strictObject({
  days: z.array(
    z.strictObject({
      day: z.string().describe('UTC day YYYY-MM-DD'),
      members: z.number().describe('members at the end of the day'),
      entered: z.number(),
      exited: z.number(),
    }),
  ),
});
