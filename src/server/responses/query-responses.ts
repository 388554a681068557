import { z } from 'zod';
import type { QueryAnswer } from '../../query/query-answer.js';
import type { QuerySchema } from '../../query/query-schema.js';
import type { ResultCell } from '../../query/worker-protocol.js';
import { instant } from './shared-responses.js';

// The query service's answers, field for field as src/query declares them; the checks at the
// end fail the typecheck when the two part.

const columnSchema = z.strictObject({
  name: z.string(),
  type: z.string().describe("the engine's type: VARCHAR, BIGINT, DOUBLE, DATE, DECIMAL(18,2), …"),
});

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
/** A cell: a scalar, or a list or struct of cells (described one level deep: the document's
 * types cannot hold a type that contains itself). */
const cellSchema = z.union([
  scalar,
  z.array(z.custom<ResultCell>()),
  z.record(z.string(), z.custom<ResultCell>()),
]);

export const queryAnswerSchema = z.strictObject({
  columns: z.array(columnSchema),
  rows: z
    .array(z.array(cellSchema))
    .describe(
      'row-major, in column order; integers past 2^53 as text, dates YYYY-MM-DD, times as the engine prints them',
    ),
  rowCount: z.number().int(),
  truncated: z
    .boolean()
    .describe('the statement had more rows than `limit`: only the first are here'),
  limit: z.number().int(),
  seconds: z.number().describe('from the start of the worker to the last row'),
  refreshId: z.number().int().describe('the refresh the tables are as of'),
  asOf: instant.nullable().describe("the store's as-of instant at that refresh"),
});

export const querySchemaSchema = z.strictObject({
  refreshId: z.number().int(),
  asOf: instant.nullable(),
  tables: z.array(
    z.strictObject({
      name: z.string(),
      group: z.enum(['raw', 'derived', 'predictions', 'audiences', 'campaigns', 'datasets']),
      description: z.string().describe('the line docs/query.md gives it'),
      rows: z.number().int(),
      columns: z.array(columnSchema),
    }),
  ),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const answerIsSchema: Same<QueryAnswer, z.output<typeof queryAnswerSchema>> = true;
const schemaIsSchema: Same<QuerySchema, z.output<typeof querySchemaSchema>> = true;
void answerIsSchema;
void schemaIsSchema;
