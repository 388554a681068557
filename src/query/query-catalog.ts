import { derivedTables } from '../model/registry.js';
import { TABLE } from '../model/table-names.js';

/** Where a queryable table comes from, as the schema and the docs group them. */
export type TableGroup = 'raw' | 'derived' | 'predictions' | 'audiences' | 'campaigns' | 'datasets';

/** A table the query service offers, with the one line the schema and the docs give it. */
export interface QueryTable {
  name: string;
  group: TableGroup;
  description: string;
}

/**
 * Everything a query may read, by name: what is not listed here (API keys, destinations and
 * their sealed secrets, delivery payloads, import bookkeeping) is never copied into the query
 * snapshot, so no statement can reach it. docs/query.md lists the same names and lines.
 */
const OWN_TABLES: readonly QueryTable[] = [
  {
    name: 'events',
    group: 'raw',
    description:
      'every event imported or ingested: orders (amount in the base currency, status), consents, campaign actions, survey answers; one row per event_id',
  },
  {
    name: 'customers',
    group: 'raw',
    description: 'customer_id and the attributes of the customers file, as JSON',
  },
  { name: 'costs', group: 'raw', description: 'acquisition spend per month and channel' },
  {
    name: 'rates',
    group: 'raw',
    description: 'currency and its rate to the base currency, used to convert order amounts',
  },
  {
    name: 'refreshes',
    group: 'raw',
    description: 'one row per successful refresh: when, how long, the events it read, its models',
  },
  {
    name: TABLE.customerPredictions,
    group: 'predictions',
    description:
      'per customer with a successful order: P(alive), expected purchases and spend, predicted CLV with its interval',
  },
  {
    name: TABLE.modelFit,
    group: 'predictions',
    description:
      'each model of the last refresh (purchase, spend): status, reason, fitted parameters',
  },
  {
    name: TABLE.customerFeatures,
    group: 'predictions',
    description:
      'per known customer: the features audience rules test (revenue, orders, recency, consents, predictions, RFM group)',
  },
  {
    name: TABLE.storeAsOf,
    group: 'predictions',
    description: 'as_of: the instant the last refresh computed the store as of',
  },
  {
    name: 'audiences',
    group: 'audiences',
    description: 'every saved audience: name, rule, owner, template; deleted ones keep their row',
  },
  {
    name: 'audience_versions',
    group: 'audiences',
    description: 'every version of every audience: who changed what, when',
  },
  {
    name: 'audience_members',
    group: 'audiences',
    description: 'membership over time: a stay from entered_at to exited_at (NULL while a member)',
  },
  {
    name: 'audience_evaluations',
    group: 'audiences',
    description: 'each evaluation of an audience: when, why, members, entries, exits, error',
  },
  {
    name: 'activations',
    group: 'audiences',
    description: 'an audience sent to a destination: holdout share, who started it, when stopped',
  },
  {
    name: 'activation_controls',
    group: 'audiences',
    description: 'the control group of each activation: members withheld, and since when',
  },
  {
    name: TABLE.campaignRecipients,
    group: 'campaigns',
    description:
      'per campaign, audience, channel and customer: when the send was, when each action first happened, and whether the customer responded (clicked or bought)',
  },
  {
    name: TABLE.campaignFunnel,
    group: 'campaigns',
    description:
      'per campaign, audience and channel: sent, delivered, opened, clicked, unsubscribed, bounced, their rates, attributed orders and revenue',
  },
  {
    name: TABLE.campaignDaily,
    group: 'campaigns',
    description: 'per campaign and day: the actions and the attributed orders and revenue',
  },
  {
    name: TABLE.campaignAttributions,
    group: 'campaigns',
    description:
      'each successful order attributed to a campaign: the touch (click or open) it follows, last touch wins',
  },
  {
    name: TABLE.campaignLift,
    group: 'campaigns',
    description:
      'per campaign with a control group: conversion and revenue per customer of treated vs control, the difference with its 95 % interval',
  },
  {
    name: TABLE.campaignWinback,
    group: 'campaigns',
    description:
      'per winback audience: members reactivated within 30, 60 and 90 days, against its control',
  },
  {
    name: TABLE.campaignState,
    group: 'campaigns',
    description:
      'one row: the as-of instant of the campaign tables, the attribution windows in days, why CLV movement is absent (if it is), events no action maps to',
  },
  {
    name: TABLE.campaignClvMovement,
    group: 'campaigns',
    description:
      'per campaign, responders and non-responders: predicted CLV and P(alive) before the send and now',
  },
];

/** Every table the query service offers, derived tables with their own descriptions. */
export const QUERY_TABLES: readonly QueryTable[] = [
  ...OWN_TABLES.filter((table) => table.group === 'raw'),
  ...derivedTables.map((table) => ({
    name: table.name,
    group: 'derived' as const,
    description: table.description,
  })),
  ...OWN_TABLES.filter((table) => table.group !== 'raw'),
];
