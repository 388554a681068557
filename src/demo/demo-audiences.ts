import type { AudienceInput } from '../segments/audiences.js';

/**
 * The audiences the demo's campaigns go to, saved with these fixed ids so that the campaign
 * events in the generated files can name them before the store has any audience.
 */
export const DEMO_AUDIENCE_IDS = {
  newsletter: 'aud_de00000e01',
  sms: 'aud_de00000e02',
  vip: 'aud_de00000e03',
  winback: 'aud_de00000e04',
} as const;

export interface DemoAudience {
  id: string;
  input: AudienceInput;
}

/** The four audiences, as `createAudience` takes them (the VIP and winback ones from templates). */
export const demoAudiences: readonly DemoAudience[] = [
  {
    id: DEMO_AUDIENCE_IDS.newsletter,
    input: {
      name: 'Newsletter subscribers',
      description: 'Customers subscribed to email: the monthly newsletter goes to them',
      rule: {
        version: 1,
        match: 'all',
        conditions: [{ type: 'consent', channel: 'email', subscribed: true }],
      },
    },
  },
  {
    id: DEMO_AUDIENCE_IDS.sms,
    input: {
      name: 'SMS subscribers',
      description: 'Customers subscribed to SMS: the monthly text offer goes to them',
      rule: {
        version: 1,
        match: 'all',
        conditions: [{ type: 'consent', channel: 'sms', subscribed: true }],
      },
    },
  },
  { id: DEMO_AUDIENCE_IDS.vip, input: { template: 'vip' } },
  { id: DEMO_AUDIENCE_IDS.winback, input: { template: 'winback' } },
];
