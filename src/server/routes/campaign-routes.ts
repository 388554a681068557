import { z } from 'zod';
import { campaignReport } from '../../campaigns/campaign-report.js';
import { listCampaigns } from '../../campaigns/list-campaigns.js';
import { campaignListSchema, campaignReportSchema } from '../responses/campaign-responses.js';
import { AUDIENCES_TAG, route } from '../route.js';
import { date } from './query-fields.js';

/**
 * Campaigns: their funnels, attributed revenue and lift, the winback report, one campaign.
 * Cached until the next refresh, or until an audience is saved, edited or deleted: the answers
 * name saved audiences (and list the live winback ones) as they are now.
 */
export const campaignRoutes = [
  route({
    method: 'GET',
    path: '/campaigns',
    tag: 'campaigns',
    summary: 'Every campaign first sent in the period: funnel, attributed revenue, lift; winback',
    description:
      'The JSON of `clv campaigns list --json`: { asOf, attribution, campaigns, winback }, newest campaign first. 409 before the first refresh.',
    access: 'read',
    cached: AUDIENCES_TAG,
    dates: ['query.from', 'query.to'],
    query: z.object({
      from: date.optional().describe('campaigns first sent on or after this day'),
      to: date.optional().describe('campaigns first sent on or before this day'),
    }),
    response: campaignListSchema,
    handler: ({ query, context }) =>
      context.reads.use((w) => listCampaigns(w, context.config, query)),
  }),
  route({
    method: 'GET',
    path: '/campaigns/:id',
    tag: 'campaigns',
    summary:
      'One campaign: funnel per audience and channel, days, treated vs control, CLV movement',
    description: '404 for a campaign id no event carries.',
    access: 'read',
    cached: AUDIENCES_TAG,
    params: z.object({ id: z.string().min(1).max(500) }),
    response: campaignReportSchema,
    handler: ({ params, context }) =>
      context.reads.use((w) => campaignReport(w, context.config, params.id)),
  }),
];
