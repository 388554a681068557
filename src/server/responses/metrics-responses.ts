import { z } from 'zod';
import { KPI_KEYS, type KpiKey } from '../../metrics/kpis.js';
import { ABSENT_REASON_CODES, ABSENT_REASONS } from '../../metrics/absent-reasons.js';
import { day, period } from './shared-responses.js';

const absentReason = z
  .enum(ABSENT_REASON_CODES)
  .nullable()
  .describe(
    `why the value is null, or no-orders for a period without any order (its counts then read 0); null when there is nothing to explain. ${Object.entries(
      ABSENT_REASONS,
    )
      .map(([code, text]) => `${code}: ${text}`)
      .join('; ')}`,
  );

const shortHistory = z
  .boolean()
  .describe(
    'true when its churn rests on months that start less than churnWindowDays after the first successful order: nobody could churn yet, so it is biased low and CLV high',
  );

const kpi = z.strictObject({
  value: z.number().nullable().describe('null when the KPI has no value in the period'),
  previous: z.number().nullable().describe('the value in the period compared with'),
  change: z
    .number()
    .nullable()
    .describe('(value − previous) / previous; null when either is null or previous is 0'),
  changePoints: z
    .number()
    .nullable()
    .optional()
    .describe(
      'rates only: (value − previous) × 100, in percentage points; null when either is null',
    ),
  reason: absentReason,
  previousReason: absentReason.describe('the same for previous'),
  insufficientHistory: z
    .strictObject({ value: shortHistory, previous: shortHistory })
    .describe('whether value and previous rest on too little history to show churn'),
  series: z
    .array(
      z.strictObject({
        month: z.string().describe('YYYY-MM'),
        value: z.number().nullable(),
        yearEarlier: z.number().nullable().describe('the same month a year earlier'),
        reason: absentReason,
        yearEarlierReason: absentReason.describe('the same for yearEarlier'),
        insufficientHistory: z.strictObject({ value: shortHistory, yearEarlier: shortHistory }),
      }),
    )
    .optional()
    .describe('with `series=month`: each month of the period'),
});

/** Every KPI by its key (see docs/metrics.md). */
const kpis = z.strictObject(
  Object.fromEntries(KPI_KEYS.map((key) => [key, kpi])) as Record<KpiKey, typeof kpi>,
);

export const metricsReportSchema = z.strictObject({
  period,
  previousPeriod: period.describe('the period compared with'),
  currency: z.string().describe('the base currency every amount is in'),
  kpis,
  segments: z
    .array(z.strictObject({ segment: z.string(), customers: z.number(), kpis }))
    .optional()
    .describe('with `segment`: the KPIs of each group'),
  predictions: z
    .strictObject({
      status: z
        .enum(['ok', 'degenerate', 'failed', 'none'])
        .describe(
          'ok; degenerate: predicted CLV comes from a stated fallback, flagged; failed: no predicted CLV, so CLV:CAC uses rolling CLV; none: never refreshed with models',
        ),
      reason: z.string().nullable().describe('why it is not ok; null when ok'),
    })
    .describe('what predicted CLV (and CLV:CAC, which uses it) rests on'),
});

export const segmentGroupsSchema = z.strictObject({
  segmentation: z.string(),
  asOf: day,
  groups: z.array(z.strictObject({ segment: z.string(), customers: z.number() })),
  note: z
    .string()
    .nullable()
    .describe('why the groups say little (a configured attribute no customer has); else null'),
});

export const cohortsReportSchema = z.strictObject({
  asOf: day,
  cohorts: z.array(
    z.strictObject({
      cohort: z.string().describe("YYYY-MM: the local month of its customers' first order"),
      customers: z.number(),
      retention: z
        .array(z.number())
        .describe('per month offset k ≥ 0: the share of the cohort with an order in month k'),
      cumulativeRevenuePerCustomer: z
        .array(z.number())
        .describe('per month offset k: revenue of the cohort in months 0..k, per customer'),
    }),
  ),
});

export const decilesReportSchema = z.strictObject({
  asOf: day,
  by: z.enum(['revenue', 'predicted']),
  deciles: z.array(
    z.strictObject({
      decile: z.number(),
      customers: z.number(),
      revenue: z
        .number()
        .describe('sum of the ranking value: lifetime revenue, or predicted CLV (by=predicted)'),
      share: z.number().nullable().describe("the decile's part of the total; null when it is 0"),
      mean: z.number(),
      min: z.number(),
      max: z.number(),
    }),
  ),
});

export const rfmReportSchema = z.strictObject({
  asOf: day,
  groups: z.array(
    z.strictObject({
      group: z.string(),
      rule: z.string().describe('the scores that make the group, in words'),
      customers: z.number(),
      share: z.number().nullable().describe("the group's part of the buyers; null without any"),
      revenue: z.number(),
      meanRecencyDays: z.number().nullable(),
      meanFrequency: z.number().nullable(),
      meanMonetary: z.number().nullable(),
    }),
  ),
  scores: z
    .array(z.strictObject({ r: z.number(), f: z.number(), customers: z.number() }))
    .describe('customers per (R, F) cell, every one of the 25 cells, best first'),
});

export const channelsReportSchema = z.strictObject({
  period,
  currency: z.string(),
  channels: z.array(
    z.strictObject({
      channel: z.string(),
      customers: z.number(),
      newBuyers: z.number().describe('customers whose first successful order is in the period'),
      buyers: z.number().describe('customers with a successful order in the period'),
      revenue: z.number(),
      spend: z
        .number()
        .describe('acquisition spend of the months that start in the period; 0 without costs'),
      cac: z
        .number()
        .nullable()
        .describe('spend / newBuyers; null without new buyers or without costs in the period'),
      clvHistoric: z.number().nullable().describe("mean lifetime revenue of the channel's buyers"),
      clvRolling: z.number().nullable().describe("rolling CLV of the channel's customers"),
      clvPredicted: z
        .number()
        .nullable()
        .describe("mean predicted CLV of the channel's customers; null without a fitted model"),
      clvToCac: z
        .number()
        .nullable()
        .describe("the glossary's CLV:CAC: predicted CLV when fitted, else rolling CLV, / CAC"),
      clvToCacBasis: z.enum(['predicted', 'rolling']).describe('which CLV clvToCac divides'),
      clvHistoricToCac: z.number().nullable().describe('historic CLV / CAC, for comparison'),
      insufficientHistory: shortHistory.describe(
        'true when clvToCac rests on rolling churn of months less than churnWindowDays after the first successful order',
      ),
      paybackMonths: z
        .number()
        .nullable()
        .describe("months of the channel's revenue per buyer that pay back its CAC"),
    }),
  ),
});

export const npsReportSchema = z.strictObject({
  asOf: day,
  nps: z
    .number()
    .nullable()
    .describe('(promoters − detractors) / respondents × 100; null without respondents'),
  respondents: z.number(),
  groups: z.array(
    z.strictObject({
      group: z.enum(['promoters', 'passives', 'detractors']),
      customers: z.number(),
      clvHistoric: z.number().nullable().describe("mean lifetime revenue of the group's buyers"),
      apv: z.number().nullable(),
      retentionRate: z
        .number()
        .nullable()
        .describe('of those who bought in the year before last, the share who bought again'),
    }),
  ),
});
