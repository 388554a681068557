import { z } from 'zod';
import type { SavedQuery } from '../../query/saved-queries.js';
import { instant } from './shared-responses.js';

// A saved query, field for field as src/query/saved-queries.ts declares it; the check at the
// end fails the typecheck when the two part.

const value = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const savedQuerySchema = z.strictObject({
  id: z.string().describe('qry_ and 10 hex digits'),
  name: z.string(),
  description: z.string(),
  sql: z.string(),
  parameters: z
    .array(z.strictObject({ name: z.string(), type: z.enum(['date', 'number', 'string']) }))
    .describe('the {{name}} placeholders of the SQL, in order'),
  defaults: z.record(z.string(), value).describe('values the parameters take when none are given'),
  dataset: z
    .string()
    .nullable()
    .describe('materialised after every refresh into dataset_<name>; null: run on request'),
  owner: z.string(),
  version: z.number().int(),
  createdAt: instant,
  updatedAt: instant,
  updatedBy: z.string(),
  datasetRun: z
    .strictObject({
      refreshId: z.number().int(),
      rows: z.number().int().nullable(),
      error: z
        .string()
        .nullable()
        .describe('why the last materialisation failed; its table is the one before'),
    })
    .nullable(),
});

export const savedQueryListSchema = z.strictObject({ queries: z.array(savedQuerySchema) });

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const savedIsSchema: Same<SavedQuery, z.output<typeof savedQuerySchema>> = true;
void savedIsSchema;
