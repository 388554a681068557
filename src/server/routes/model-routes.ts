import { z } from 'zod';
import { requireDerivedTables, tableExists } from '../../model/store-state.js';
import { TABLE } from '../../model/table-names.js';
import { predictionDistributions } from '../../predictions/distributions.js';
import { predictReport } from '../../predictions/predict-report.js';
import { latestHoldoutReport } from '../../predictions/stored-reports.js';
import { ClvError } from '../../shared/errors.js';
import { route } from '../route.js';
import { oneHoldoutAtATime } from './holdout-runs.js';
import {
  holdoutReportSchema,
  modelReportSchema,
  predictionDistributionsSchema,
  storedHoldoutReportSchema,
} from '../responses/model-responses.js';
import { date } from './query-fields.js';

const model = z.enum(['bgnbd', 'mbgnbd', 'paretonbd', 'sbg']);

/** The fitted models and their holdout checks, as `clv predict` shows them. */
export const modelRoutes = [
  route({
    method: 'GET',
    path: '/model',
    tag: 'predictions',
    summary: 'The fitted models behind the predictions, or another model fitted on demand',
    access: 'read',
    cached: true,
    query: z.object({
      model: model.optional().describe('default: the purchase model of the last refresh'),
    }),
    response: modelReportSchema,
    handler: ({ query, context }) =>
      context.reads.use((w) => predictReport(w, context.config, query)),
  }),
  route({
    method: 'GET',
    path: '/model/distributions',
    tag: 'predictions',
    summary: 'How P(alive) and predicted CLV spread over the customers (histograms)',
    access: 'read',
    cached: true,
    response: predictionDistributionsSchema,
    handler: ({ context }) =>
      context.reads.use(async (w) => {
        await requireDerivedTables(w);
        // A store refreshed before predictions existed has the derived tables but no predictions.
        if (!(await tableExists(w, TABLE.customerPredictions))) {
          throw new ClvError('conflict', 'no predictions yet: run clv refresh first');
        }
        return predictionDistributions(w);
      }),
  }),
  route({
    method: 'GET',
    path: '/model/holdout',
    tag: 'predictions',
    summary: 'The latest holdout check (predicted against actual purchases per frequency group)',
    access: 'read',
    // No check yet is an answer, not a fault: a new shop has none until one is run.
    response: storedHoldoutReportSchema
      .nullable()
      .describe('null when no holdout check has been run yet: POST /api/v1/model/holdout runs one'),
    handler: ({ context }) => context.reads.use((w) => latestHoldoutReport(w)),
  }),
  route({
    method: 'POST',
    path: '/model/holdout',
    tag: 'predictions',
    summary: 'Fit on the orders before a day, compare with what followed, and store the report',
    access: 'admin',
    dates: ['body.holdoutFrom'],
    body: z.object({
      holdoutFrom: date.describe('first day of the holdout period'),
      model: z.enum(['bgnbd', 'mbgnbd', 'paretonbd']).optional(),
    }),
    response: holdoutReportSchema.nullable().describe('null when no holdout check could be made'),
    handler: ({ body, context }) =>
      oneHoldoutAtATime(context, async () => {
        const report = await context.writes.run(() =>
          predictReport(context.write, context.config, body),
        );
        return report.holdout;
      }),
  }),
];
