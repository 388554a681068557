// The answers of the audience and destination routes (issue 14's contract), named for the
// dashboard. Written by hand until the routes are on this branch; then generated like the rest.
import type { Rule } from '../rules/rule-types';

export interface AudienceSummary {
  id: string;
  name: string;
  description: string | null;
  owner: string;
  version: number;
  includeUnsubscribed: boolean;
  template: string | null;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
  streaming: boolean;
  members: number | null;
  entered: number | null;
  exited: number | null;
  revenue: number | null;
  historicClv: number | null;
  predictedClv: number | null;
  lastEvaluatedAt: string | null;
  error: string | null;
}
export interface AudienceList {
  audiences: AudienceSummary[];
}
export interface AudienceVersion {
  version: number;
  name: string;
  description: string | null;
  changedBy: string;
  changedAt: string;
}
export interface Audience extends AudienceSummary {
  rule: Rule;
  ruleText: string;
  versions: AudienceVersion[];
}
export interface AudienceTemplate {
  key: string;
  name: string;
  description: string;
  rule: Rule;
}
export interface AudienceTemplates {
  templates: AudienceTemplate[];
}
export interface AudienceEstimate {
  asOf: string;
  members: number;
  knownCustomers: number;
  share: number | null;
  revenue: number | null;
  historicClv: number | null;
  predictedClv: number | null;
  sample: {
    customerId: string;
    revenue: number | null;
    predictedClv: number | null;
    pAlive: number | null;
  }[];
  ruleText: string;
}
export interface AudienceMember {
  customerId: string;
  enteredAt: string;
  revenue: number | null;
  predictedClv: number | null;
  pAlive: number | null;
  emailSubscribed: boolean | null;
}
export interface AudienceMembers {
  total: number;
  members: AudienceMember[];
}
export interface AudienceHistory {
  days: { day: string; members: number; entered: number; exited: number }[];
}
/** What a save sends: every field for a new audience, any of them for an edit. */
export interface AudienceInput {
  name: string;
  description?: string;
  rule: Rule;
  includeUnsubscribed?: boolean;
  template?: string;
}

export type DestinationKind = 'csv' | 'webhook' | 'email-list';
export interface Destination {
  id: string;
  name: string;
  kind: DestinationKind;
  enabled: boolean;
  config: Record<string, unknown>;
  hasSecret: boolean;
  createdAt: string;
  createdBy: string;
}
export interface Destinations {
  destinations: Destination[];
}
export interface Activation {
  id: string;
  audienceId: string;
  destinationId: string;
  createdAt: string;
  createdBy: string;
  holdoutShare: number;
  controlMembers: number;
  state: 'active' | 'stopped';
  lastDeliveredAt: string | null;
  pending: number;
  delivered: number;
  dead: number;
  lastError: string | null;
}
export interface Activations {
  activations: Activation[];
}
export interface Delivery {
  id: string;
  kind: 'full' | 'changes';
  createdAt: string;
  members: number;
  entries: number;
  exits: number;
  status: 'pending' | 'delivered' | 'dead';
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  deliveredAt: string | null;
}
export interface Deliveries {
  deliveries: Delivery[];
}
