import type { Config } from '../config/schema.js';

export type EventKind = 'purchase' | 'consent' | 'campaign' | 'survey' | 'other';

/** The source field names an event of each kind consumes; the rest become its properties. */
export function consumedFields(config: Config): Record<EventKind, readonly string[]> {
  const { columns, purchase, consent, campaign, survey } = config;
  const core = [columns.eventId, columns.customerId, columns.type, columns.timestamp];
  return {
    purchase: [...core, purchase.orderId, purchase.amount, purchase.currency, purchase.status],
    consent: [...core, consent.category, consent.action],
    campaign: [
      ...core,
      campaign.campaignId,
      campaign.channel,
      campaign.action,
      campaign.audienceId,
    ],
    survey: [...core, survey.score, survey.csat],
    other: core,
  };
}

/** Required columns of an events file, by config name, so a wrong header fails at once. */
export function requiredEventColumns(config: Config): { key: string; name: string }[] {
  return [
    { key: 'columns.customerId', name: config.columns.customerId },
    { key: 'columns.type', name: config.columns.type },
    { key: 'columns.timestamp', name: config.columns.timestamp },
  ];
}
