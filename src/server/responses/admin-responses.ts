import { z } from 'zod';
import { ROLES } from '../../keys/api-keys.js';
import { modelState } from './shared-responses.js';

export const refreshSummarySchema = z
  .strictObject({
    refreshId: z.number(),
    startedAt: z.string().describe('UTC, ISO 8601'),
    seconds: z.number(),
    lastImportId: z
      .number()
      .nullable()
      .describe('the derived tables reflect every import up to this one'),
    events: z.number(),
    tables: z.array(z.strictObject({ name: z.string(), rows: z.number() })),
    warnings: z.array(z.string()).describe('what the model fits want people to know'),
    models: z.array(modelState),
    modelChange: z
      .strictObject({ from: z.string(), to: z.string() })
      .nullable()
      .describe('the purchase model chosen differs from the one of the refresh before'),
    build: z
      .discriminatedUnion('mode', [
        z.strictObject({
          mode: z.literal('incremental'),
          fromRefresh: z.number().describe('the refresh whose tables this one built on'),
          tables: z.array(z.string()).describe('the tables built in part; the others in full'),
        }),
        z.strictObject({
          mode: z.literal('full'),
          reason: z.string().describe('why no table was built in part'),
        }),
      ])
      .describe('how the tables were built: in part on the last refresh’s, or in full'),
    audiences: z
      .strictObject({
        evaluated: z.number(),
        failed: z.number().describe('their errors are in each audience’s `error`'),
        seconds: z.number().describe('the time evaluating the audiences added to the refresh'),
      })
      .describe('every live audience is evaluated after the refresh publishes'),
  })
  .nullable()
  .describe('null when a scheduled refresh it joined found nothing new');

const keyInfo = {
  keyId: z.string(),
  name: z.string().nullable(),
  role: z.enum(ROLES),
  createdAt: z.string(),
};

export const keyListSchema = z.array(
  z.strictObject({ ...keyInfo, revokedAt: z.string().nullable() }),
);

export const createdKeySchema = z.strictObject({
  ...keyInfo,
  key: z.string().describe('the secret: shown once, not stored'),
});

export const revokedKeySchema = z.strictObject({ keyId: z.string(), revokedAt: z.string() });
