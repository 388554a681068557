// The rule JSON of the server's `src/segments/rule-schema.ts` (version 1), as the builder edits
// it. The server validates every rule it is sent; these types keep the builder to its shape.

export type Match = 'all' | 'any' | 'none';

export type TextOp = 'equals' | 'not' | 'contains';
export type ListOp = 'in' | 'notIn';
export type PresenceOp = 'exists' | 'missing';
export type NumberOp = 'gt' | 'gte' | 'lt' | 'lte';
export type DateOp = 'before' | 'after' | 'onOrBefore' | 'onOrAfter';
export type DaysOp = 'withinLastDays' | 'moreThanDaysAgo';

/** What a condition asks of one value. */
export type ValueTest =
  | { op: TextOp; value: string }
  | { op: ListOp; values: string[] }
  | { op: PresenceOp }
  | { op: NumberOp; value: number }
  | { op: 'between'; min: number; max: number }
  | { op: DateOp; date: string }
  | { op: DaysOp; days: number };
export type TestOp = ValueTest['op'];

/** The last D days before the as-of instant, or [from, to) in UTC. */
export type RuleWindow = { lastDays: number } | { from: string; to: string };
/** At least and / or at most (inclusive); "did not" is `{ atMost: 0 }`. */
export interface RuleCount {
  atLeast?: number;
  atMost?: number;
}

export type FeatureField =
  | 'revenue'
  | 'orders'
  | 'first_order_at'
  | 'last_order_at'
  | 'days_since_last_order'
  | 'historic_clv'
  | 'predicted_clv'
  | 'p_alive'
  | 'churn_risk'
  | 'clv_decile'
  | 'revenue_decile'
  | 'rfm_group'
  | 'cohort_month'
  | 'acquisition_channel';

export interface AttributeCondition {
  type: 'attribute';
  attribute: string;
  test: ValueTest;
}
export interface ConsentCondition {
  type: 'consent';
  channel: 'email' | 'sms';
  subscribed: boolean;
}
export interface ValueCondition {
  type: 'value';
  field: FeatureField;
  test: ValueTest;
}
export interface PropertyFilter {
  key: string;
  test: ValueTest;
}
export interface EventCondition {
  type: 'event';
  eventType: string;
  properties?: PropertyFilter[];
  count?: RuleCount;
  window?: RuleWindow;
}
export interface PurchaseCondition {
  type: 'purchase';
  outcome: 'success' | 'canceled' | 'returned' | 'any';
  count?: RuleCount;
  window?: RuleWindow;
}
export interface CampaignCondition {
  type: 'campaign';
  action: 'received' | 'opened' | 'clicked';
  campaignId?: string;
  channel?: string;
  count?: RuleCount;
  window?: RuleWindow;
}
export interface AudienceCondition {
  type: 'audience';
  audienceId: string;
  member: boolean;
}

/** A row for the customer in a dataset (a saved query materialised at refresh), whose column passes a test. */
export interface DatasetCondition {
  type: 'dataset';
  dataset: string;
  member: boolean;
  /** With `test`, or neither: any row of the customer. */
  column?: string;
  test?: ValueTest;
}

export type Condition =
  | AttributeCondition
  | ConsentCondition
  | ValueCondition
  | EventCondition
  | PurchaseCondition
  | CampaignCondition
  | AudienceCondition
  | DatasetCondition;
export type ConditionType = Condition['type'];

/** A container: all / any / none of its conditions hold. */
export interface RuleGroup {
  type: 'group';
  match: Match;
  conditions: RuleNode[];
}
export type RuleNode = Condition | RuleGroup;

/** A rule: a versioned top-level container. */
export interface Rule {
  version: 1;
  match: Match;
  conditions: RuleNode[];
}

/** The server's bounds on a rule (RULE_LIMITS). */
export const RULE_LIMITS = { depth: 6, conditions: 200, listValues: 1000, text: 500 } as const;

/** A rule that holds for everyone: the builder's blank page. */
export function emptyRule(): Rule {
  return { version: 1, match: 'all', conditions: [] };
}
