// A campaign with a lift and one without, and a report on it, for the widgets' tests.
import type { CampaignList, CampaignReport, CampaignSummary, Lift } from '../../api/types';

const vip = { key: 'aud_00000000a1', name: 'VIP', known: true };
const none = { key: '', name: 'No audience', known: false };

export const LIFT: Lift = {
  audience: vip,
  activationId: 'act_00000000b1',
  sendAt: '2026-03-05T08:00:00.000Z',
  windowDays: 7,
  treated: {
    customers: 900,
    converters: 90,
    conversionRate: 0.1,
    revenue: 9000,
    revenuePerCustomer: 10,
  },
  control: {
    customers: 100,
    converters: 5,
    conversionRate: 0.05,
    revenue: 400,
    revenuePerCustomer: 4,
  },
  conversion: { value: 0.05, low: 0.0021, high: 0.0912, method: 'newcombe', significant: true },
  revenuePerCustomer: { value: 6, low: -1.5, high: 13.25, method: 'welch', significant: false },
};

/** The funnel's counts, rates and attributed revenue of the whole campaign. */
const FIGURES = {
  sent: 1000,
  delivered: 950,
  opened: 380,
  clicked: 95,
  unsubscribed: 4,
  bounced: 50,
  sentEvents: 1000,
  deliveredEvents: 950,
  openedEvents: 500,
  clickedEvents: 120,
  unsubscribedEvents: 4,
  bouncedEvents: 50,
  recipients: 1000,
  deliveryRate: 0.95,
  openRate: 0.4,
  clickRate: 0.1,
  clickToOpenRate: 0.25,
  unsubscribeRate: 4 / 950,
  attributedOrders: 40,
  attributedRevenue: 2500,
  revenuePerRecipient: 2.5,
};

/** Per audience × channel: two audiences by email, one by SMS. */
const FUNNEL = [
  { ...FIGURES, audience: vip, channel: 'email', opened: 300 },
  { ...FIGURES, audience: none, channel: 'email', opened: 80 },
  { ...FIGURES, audience: vip, channel: 'sms', opened: 0 },
];

export const CAMPAIGN: CampaignSummary = {
  id: 'CMP-2026-03-EMAIL',
  firstSendAt: '2026-03-05T08:00:00.000Z',
  lastEventAt: '2026-03-09T10:00:00.000Z',
  channels: ['email'],
  audiences: [vip, none],
  lift: [LIFT],
  liftAbsent: [{ audience: none, reason: 'no-audience', message: 'sent to no audience' }],
  ...FIGURES,
  funnel: FUNNEL,
};

export const LIST: CampaignList = {
  asOf: '2026-10-31T23:00:00.000Z',
  attribution: { clickDays: 7, openDays: 3 },
  campaigns: [CAMPAIGN],
  winback: [
    {
      audience: { key: 'aud_00000000c1', name: 'Winback', known: true },
      windows: [
        {
          days: 30,
          treated: { eligible: 200, reactivated: 30, share: 0.15 },
          control: { eligible: 20, reactivated: 1, share: 0.05 },
          difference: {
            value: 0.1,
            low: -0.02,
            high: 0.17,
            method: 'newcombe',
            significant: false,
          },
        },
        {
          days: 90,
          treated: { eligible: 0, reactivated: 0, share: null },
          control: { eligible: 0, reactivated: 0, share: null },
          difference: null,
        },
      ],
      reason: null,
    },
  ],
};

export const REPORT: CampaignReport = {
  campaign: CAMPAIGN,
  attribution: { clickDays: 7, openDays: 3 },
  funnel: FUNNEL,
  daily: [
    {
      day: '2026-03-05',
      audienceKey: vip.key,
      channel: 'email',
      sent: 900,
      delivered: 860,
      opened: 250,
      clicked: 60,
      unsubscribed: 2,
      bounced: 40,
      attributedOrders: 10,
      attributedRevenue: 600,
    },
    {
      day: '2026-03-05',
      audienceKey: '',
      channel: 'email',
      sent: 100,
      delivered: 90,
      opened: 30,
      clicked: 5,
      unsubscribed: 0,
      bounced: 10,
      attributedOrders: 2,
      attributedRevenue: 100,
    },
    {
      day: '2026-03-07',
      audienceKey: vip.key,
      channel: 'email',
      sent: 0,
      delivered: 0,
      opened: 100,
      clicked: 30,
      unsubscribed: 2,
      bounced: 0,
      attributedOrders: 28,
      attributedRevenue: 1800,
    },
  ],
  clvMovement: [
    {
      audience: vip,
      responder: true,
      customers: 95,
      clvBefore: 120,
      clvNow: 150,
      pAliveBefore: 0.7,
      pAliveNow: 0.9,
    },
    {
      audience: vip,
      responder: false,
      customers: 805,
      clvBefore: 100,
      clvNow: 95,
      pAliveBefore: 0.6,
      pAliveNow: 0.55,
    },
  ],
  clvMovementReason: null,
};
