import { z } from 'zod';
import type { CampaignList, CampaignReport } from '../../campaigns/campaign-types.js';
import { day, instant } from './shared-responses.js';

// The campaign answers, field for field as src/campaigns/campaign-types.ts declares them; the
// checks at the end fail the typecheck when the two part.

const count = (what: string) => z.number().describe(`distinct customers ${what}`);
const events = (what: string) => z.number().describe(`${what} events`);
const rate = (what: string) => z.number().nullable().describe(`${what}; null when it divides by 0`);

const attributionSchema = z
  .strictObject({
    clickDays: z.number().describe('an order within this many days of a click is attributed'),
    openDays: z.number().describe('an order within this many days of an open is attributed'),
  })
  .describe('the attribution windows in force (config campaign.attribution)');

const campaignAudienceSchema = z.strictObject({
  key: z.string().describe("the events' audience_id; '' for events without one"),
  name: z
    .string()
    .describe('the saved audience’s name; the key when none has it; "No audience" for \'\''),
  known: z.boolean().describe('a saved (live or deleted) audience has this id'),
});

const funnelCountFields = {
  sent: count('sent to'),
  delivered: count('delivered to'),
  opened: count('who opened'),
  clicked: count('who clicked'),
  unsubscribed: count('who unsubscribed'),
  bounced: count('who bounced'),
  sentEvents: events('sent'),
  deliveredEvents: events('delivered'),
  openedEvents: events('opened'),
  clickedEvents: events('clicked'),
  unsubscribedEvents: events('unsubscribed'),
  bouncedEvents: events('bounced'),
  recipients: z.number().describe('customers with any event of the campaign'),
};

const funnelRateFields = {
  deliveryRate: rate('delivered / sent'),
  openRate: rate('opened / delivered (sent when nothing reports deliveries)'),
  clickRate: rate('clicked / delivered (sent when nothing reports deliveries)'),
  clickToOpenRate: rate('clicked / opened'),
  unsubscribeRate: rate('unsubscribed / delivered (sent when nothing reports deliveries)'),
};

const attributedFields = {
  attributedOrders: z.number().describe('successful orders attributed to it (last touch)'),
  attributedRevenue: z.number().describe('their revenue in the base currency'),
  revenuePerRecipient: z
    .number()
    .nullable()
    .describe('attributedRevenue / recipients; null without recipients'),
};

const differenceSchema = z
  .strictObject({
    value: z.number().describe('treated − control'),
    low: z.number().describe('95 % interval, lower end'),
    high: z.number().describe('95 % interval, upper end'),
    method: z
      .enum(['newcombe', 'welch'])
      .describe("'newcombe' (hybrid Wilson score, rates) or 'welch' (Welch's t, revenue)"),
    significant: z.boolean().describe('the interval leaves out 0'),
  })
  .describe('a difference between treated and control with its 95 % interval');

const liftGroupSchema = z.strictObject({
  customers: z.number(),
  converters: z.number().describe('customers with a successful order in the window'),
  conversionRate: z.number(),
  revenue: z.number().describe('successful orders’ revenue in the window'),
  revenuePerCustomer: z.number(),
});

const liftSchema = z.strictObject({
  audience: campaignAudienceSchema,
  activationId: z.string().describe('the activation whose control group is compared'),
  sendAt: instant.describe('the first send of the campaign to this audience (UTC, ISO 8601)'),
  windowDays: z.number().describe('max(clickDays, openDays): orders counted from the send'),
  treated: liftGroupSchema,
  control: liftGroupSchema,
  conversion: differenceSchema.describe('treated − control conversion rate'),
  revenuePerCustomer: differenceSchema.describe('treated − control revenue per customer'),
});

const liftAbsentSchema = z.strictObject({
  audience: campaignAudienceSchema,
  reason: z
    .enum(['no-audience', 'no-activation', 'no-control-group', 'too-few-customers', 'window-open'])
    .describe('why this campaign × audience has no lift'),
  message: z.string().describe('the same in words, for people'),
});

const campaignSummarySchema = z.strictObject({
  id: z.string().describe('the events’ campaign_id'),
  firstSendAt: instant.describe('the first sent event (the first of any action when none is)'),
  lastEventAt: instant,
  channels: z.array(z.string()),
  audiences: z.array(campaignAudienceSchema),
  lift: z.array(liftSchema).describe('one per audience with a control group'),
  liftAbsent: z.array(liftAbsentSchema).describe('the audiences without a lift, and why'),
  ...funnelCountFields,
  ...funnelRateFields,
  ...attributedFields,
});

const winbackGroupSchema = z.strictObject({
  eligible: z.number().describe('members who entered at least the window’s days before as-of'),
  reactivated: z.number().describe('eligible members with a successful order in the window'),
  share: z.number().nullable().describe('reactivated / eligible; null without eligible members'),
});

const winbackSchema = z.strictObject({
  audience: campaignAudienceSchema,
  windows: z.array(
    z.strictObject({
      days: z.union([z.literal(30), z.literal(60), z.literal(90)]),
      treated: winbackGroupSchema,
      control: winbackGroupSchema,
      difference: differenceSchema
        .nullable()
        .describe('treated − control share; null without eligible members in either group'),
    }),
  ),
  reason: z
    .string()
    .nullable()
    .describe('why there is nothing to compare (no control group, say); else null'),
});

const funnelRowSchema = z.strictObject({
  audience: campaignAudienceSchema,
  channel: z.string(),
  ...funnelCountFields,
  ...funnelRateFields,
  ...attributedFields,
});

export const campaignListSchema = z.strictObject({
  asOf: instant
    .nullable()
    .describe('the store’s as-of instant the windows count back from; null before a refresh'),
  attribution: attributionSchema,
  campaigns: z
    .array(
      campaignSummarySchema.extend({
        funnel: z.array(funnelRowSchema).describe('the funnel per audience × channel'),
      }),
    )
    .describe('newest first send first'),
  winback: z.array(winbackSchema).describe('each winback-template audience'),
});

export const campaignReportSchema = z.strictObject({
  campaign: campaignSummarySchema,
  attribution: attributionSchema,
  funnel: z.array(funnelRowSchema).describe('the funnel per audience × channel'),
  daily: z
    .array(
      z.strictObject({
        day: day.describe('a day in the project time zone (YYYY-MM-DD)'),
        audienceKey: z.string(),
        channel: z.string(),
        sent: count('sent to that day'),
        delivered: count('delivered to that day'),
        opened: count('who opened that day'),
        clicked: count('who clicked that day'),
        unsubscribed: count('who unsubscribed that day'),
        bounced: count('who bounced that day'),
        attributedOrders: z.number().describe('attributed orders placed that day'),
        attributedRevenue: z.number().describe('their revenue'),
      }),
    )
    .describe('per day × audience × channel'),
  clvMovement: z
    .array(
      z.strictObject({
        audience: campaignAudienceSchema,
        responder: z.boolean().describe('clicked, or placed an attributed order'),
        customers: z.number(),
        clvBefore: z
          .number()
          .nullable()
          .describe('mean predicted CLV from the current fit on the history before the send day'),
        clvNow: z.number().nullable().describe('mean predicted CLV now'),
        pAliveBefore: z.number().nullable(),
        pAliveNow: z.number().nullable(),
      }),
    )
    .describe('recipients’ predicted CLV and P(alive) before the send and now'),
  clvMovementReason: z
    .string()
    .nullable()
    .describe('why clvMovement is empty (no fitted model, say); null when it is not'),
});

// The schemas and the service's types are one shape: a field added to either fails here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const listIsSchema: Same<CampaignList, z.output<typeof campaignListSchema>> = true;
const reportIsSchema: Same<CampaignReport, z.output<typeof campaignReportSchema>> = true;
void listIsSchema;
void reportIsSchema;
