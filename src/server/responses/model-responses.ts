import { z } from 'zod';
import { day, modelState } from './shared-responses.js';

const fitStatus = z.enum(['ok', 'degenerate', 'failed']);

/** A fitted model: its parameters and how well they are pinned down. */
export const modelFit = z.strictObject({
  model: z.enum(['bgnbd', 'mbgnbd', 'paretonbd', 'gammagamma', 'sbg']),
  parameterNames: z.array(z.string()).describe('in optimizer order, e.g. ["r", "alpha", "a", "b"]'),
  parameters: z.record(z.string(), z.number()),
  standardErrors: z
    .record(z.string(), z.number().nullable())
    .describe('asymptotic, on the natural scale; null when the information matrix is singular'),
  covariance: z
    .array(z.array(z.number()))
    .nullable()
    .describe('of the log-scale parameters, in parameterNames order; null when singular'),
  logLikelihood: z.number(),
  iterations: z.number(),
  converged: z.boolean(),
  observations: z.number().describe('customers (or cohort members) the fit saw'),
  status: z
    .enum(['ok', 'degenerate'])
    .describe('degenerate: the optimum says little; it still predicts, flagged'),
  reasons: z.array(z.string()).describe('why the fit is degenerate; empty when ok'),
  warnings: z.array(z.string()),
});

const holdoutGroup = z.strictObject({
  frequency: z.string().describe('repeat purchases in the calibration period: "0" … "6", "7+"'),
  customers: z.number(),
  predicted: z.number().describe('mean repeat purchases per customer in the holdout'),
  actual: z.number(),
});

const purchaseModel = z.enum(['bgnbd', 'mbgnbd', 'paretonbd']);
const timeUnit = z.enum(['day', 'week', 'month']);

const holdoutFields = {
  model: purchaseModel,
  timeUnit,
  holdoutFrom: day,
  calibrationEnd: day,
  holdoutEnd: day.describe('the last day with an order: the holdout runs to it'),
  holdoutLength: z.number().describe("the holdout's length in the model's time unit"),
  fit: modelFit.describe('the purchase model fitted on the calibration period'),
  groups: z.array(holdoutGroup),
  total: z.strictObject({ customers: z.number(), predicted: z.number(), actual: z.number() }),
  meanAbsoluteError: z
    .number()
    .nullable()
    .describe('mean over customers of |predicted − actual| holdout purchases'),
  correlation: z
    .number()
    .nullable()
    .describe('Pearson correlation of predicted and actual holdout purchases per customer'),
  value: z
    .strictObject({
      spend: modelState.describe('the spend model fitted on the calibration period'),
      coverage: z
        .strictObject({ customers: z.number(), inside: z.number(), share: z.number() })
        .nullable()
        .describe(
          'customers whose actual holdout spend lies inside their 90 % predictive interval',
        ),
      deciles: z
        .array(
          z.strictObject({
            decile: z.number().describe('1 holds the customers of highest predicted value'),
            customers: z.number(),
            predicted: z.number().describe('mean predicted holdout value per customer'),
            actual: z.number(),
          }),
        )
        .describe('empty without a spend model'),
    })
    .describe('the money forecasts against the holdout'),
};

/** A holdout check as it is made now. */
export const holdoutReportSchema = z.strictObject(holdoutFields);

/** A stored holdout check: those stored by earlier versions lack `fit`, `meanAbsoluteError` and `value`. */
export const storedHoldoutReportSchema = z.strictObject({
  ...holdoutFields,
  fit: holdoutFields.fit.optional(),
  meanAbsoluteError: holdoutFields.meanAbsoluteError.optional(),
  value: holdoutFields.value.optional(),
});

const retentionMonth = z.strictObject({
  month: z.number().describe('months since acquisition'),
  survival: z.number().describe('share of a new cohort still active at the end of the month'),
  retention: z.number().describe('share of those active a month before who still are'),
});

export const modelReportSchema = z.strictObject({
  model: z.enum(['bgnbd', 'mbgnbd', 'paretonbd', 'sbg']),
  timeUnit,
  horizonMonths: z.number(),
  monthlyDiscountRate: z.number(),
  margin: z.number(),
  dataEnd: day.nullable().describe('the last day of the data the models saw'),
  stored: z.boolean().describe('whether the stored predictions come from these fits'),
  purchase: modelFit.nullable(),
  spend: modelFit.nullable(),
  states: z.array(modelState).describe("each model's status, purchase first"),
  selection: z
    .strictObject({
      method: z
        .enum(['holdout', 'fallback'])
        .describe('holdout: the candidates were compared; fallback: the shop was too short to'),
      holdoutFrom: day.nullable(),
      calibrationEnd: day.nullable(),
      holdoutEnd: day.nullable(),
      holdoutDays: z.number().nullable(),
      candidates: z.array(
        z.strictObject({
          model: purchaseModel,
          status: fitStatus,
          reason: z.string().nullable(),
          predictedTotal: z.number().nullable(),
          actualTotal: z.number(),
          totalError: z.number().nullable().describe('|predicted − actual| / actual of the totals'),
          meanAbsoluteError: z
            .number()
            .nullable()
            .describe('mean over customers of |predicted − actual| purchases: what auto ranks by'),
          groups: z.array(holdoutGroup),
        }),
      ),
      chosen: purchaseModel,
      because: z.string().describe('"chosen because …", for people'),
    })
    .nullable()
    .describe('how `auto` chose the purchase model; null for a configured model'),
  predictions: z
    .strictObject({
      customers: z.number(),
      meanProbabilityAlive: z.number().nullable(),
      meanExpectedPurchases: z.number().nullable(),
      meanPredictedClv: z.number().nullable(),
      totalPredictedClv: z.number().nullable(),
    })
    .nullable()
    .describe('over the stored predictions; null when the fits shown are not the stored ones'),
  holdout: holdoutReportSchema.nullable(),
  retention: z
    .strictObject({
      cohorts: z.number(),
      customers: z.number(),
      fit: modelFit,
      observed: z.array(retentionMonth).describe('observed survival pooled over cohorts'),
      projected: z.array(retentionMonth).describe('the sBG curve over the horizon'),
      expectedLifetimeMonths: z
        .number()
        .nullable()
        .describe('of a new customer; null when the model says unbounded'),
      discountedLifetimeMonths: z.number(),
    })
    .nullable()
    .describe('with model=sbg: monthly cohort survival'),
});

const bin = z.strictObject({ from: z.number(), to: z.number(), customers: z.number() });

export const predictionDistributionsSchema = z.strictObject({
  customers: z.number(),
  pAlive: z.array(bin),
  predictedClv: z.array(bin),
  predictedClvAbove: z
    .number()
    .describe('customers above the last CLV bin (the top 1 %, kept apart)'),
});
