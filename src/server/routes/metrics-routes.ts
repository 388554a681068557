import { z } from 'zod';
import { metricsReport } from '../../metrics/metrics-report.js';
import { channelsReport } from '../../metrics/reports/channels.js';
import { cohortsReport } from '../../metrics/reports/cohorts.js';
import { decilesReport } from '../../metrics/reports/deciles.js';
import { npsReport } from '../../metrics/reports/nps.js';
import { rfmReport } from '../../metrics/reports/rfm.js';
import { segmentGroupsReport } from '../../metrics/reports/segment-groups.js';
import { route } from '../route.js';
import {
  channelsReportSchema,
  cohortsReportSchema,
  decilesReportSchema,
  metricsReportSchema,
  npsReportSchema,
  rfmReportSchema,
  segmentGroupsSchema,
} from '../responses/metrics-responses.js';
import { date, periodAndSegment } from './query-fields.js';

const asOf = z.object({
  to: date.optional().describe('as of this day (default: the end of the default period)'),
});

/** The same reports as `clv metrics` and its sub-commands, as JSON. */
export const metricsRoutes = [
  route({
    method: 'GET',
    path: '/metrics',
    tag: 'metrics',
    summary: 'Every KPI of the period against the previous period, per segment',
    description:
      'The JSON of `clv metrics --json`: { period, previousPeriod, currency, kpis, segments? }.',
    access: 'read',
    cached: true,
    dates: ['query.from', 'query.to'],
    query: z.object({
      ...periodAndSegment,
      series: z.enum(['month']).optional().describe('add monthly series'),
      compare: z
        .enum(['previous', 'year'])
        .optional()
        .describe('compare with the period just before (default) or the same dates a year earlier'),
    }),
    response: metricsReportSchema,
    handler: ({ query, context }) =>
      context.reads.use((w) => metricsReport(w, context.config, query)),
  }),
  route({
    method: 'GET',
    path: '/metrics/segments',
    tag: 'metrics',
    summary: 'The groups of a segmentation and their customers, as of a day (for drill-downs)',
    access: 'read',
    cached: true,
    dates: ['query.to'],
    query: asOf.extend({ segment: z.string().describe('email, sms or attribute:NAME') }),
    response: segmentGroupsSchema,
    handler: ({ query, context }) =>
      context.reads.use((w) => segmentGroupsReport(w, context.config, query)),
  }),
  route({
    method: 'GET',
    path: '/metrics/cohorts',
    tag: 'metrics',
    summary: 'Retention and cumulative revenue per customer by monthly cohort',
    access: 'read',
    cached: true,
    dates: ['query.to'],
    query: asOf,
    response: cohortsReportSchema,
    handler: ({ query, context }) =>
      context.reads.use((w) => cohortsReport(w, context.config, query)),
  }),
  route({
    method: 'GET',
    path: '/metrics/deciles',
    tag: 'metrics',
    summary: 'Buyers in ten groups by lifetime revenue or predicted CLV',
    access: 'read',
    cached: true,
    dates: ['query.to'],
    query: asOf.extend({ by: z.enum(['revenue', 'predicted']).optional() }),
    response: decilesReportSchema,
    handler: ({ query, context }) =>
      context.reads.use((w) => decilesReport(w, context.config, query)),
  }),
  route({
    method: 'GET',
    path: '/metrics/rfm',
    tag: 'metrics',
    summary: 'Recency, frequency and monetary scores and the groups they make',
    access: 'read',
    cached: true,
    dates: ['query.to'],
    query: asOf,
    response: rfmReportSchema,
    handler: ({ query, context }) => context.reads.use((w) => rfmReport(w, context.config, query)),
  }),
  route({
    method: 'GET',
    path: '/metrics/channels',
    tag: 'metrics',
    summary: 'New buyers, spend, CAC, CLV:CAC and payback per acquisition channel',
    access: 'read',
    cached: true,
    dates: ['query.from', 'query.to'],
    query: z.object({ from: date.optional(), to: date.optional() }),
    response: channelsReportSchema,
    handler: ({ query, context }) =>
      context.reads.use((w) => channelsReport(w, context.config, query)),
  }),
  route({
    method: 'GET',
    path: '/metrics/nps',
    tag: 'metrics',
    summary: 'Net promoter score and the value of each NPS group',
    access: 'read',
    cached: true,
    dates: ['query.to'],
    query: asOf,
    response: npsReportSchema,
    handler: ({ query, context }) => context.reads.use((w) => npsReport(w, context.config, query)),
  }),
];
