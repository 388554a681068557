import type { Condition, ConditionType } from './rule-types';
import { firstTest } from './value-tests';

/** Each kind of condition: its name in the "add" menu and what it tests. */
export const CONDITION_TYPES: Record<ConditionType, { label: string; hint: string }> = {
  value: { label: 'Customer value', hint: 'revenue, orders, CLV, churn risk, deciles, RFM group…' },
  attribute: { label: 'Attribute', hint: 'any attribute of the customers in the store' },
  consent: { label: 'Consent', hint: 'email or SMS subscribed' },
  event: { label: 'Event', hint: 'did (or did not do) an event type, how often, when' },
  purchase: { label: 'Purchase', hint: 'successful, canceled or returned orders' },
  campaign: { label: 'Campaign', hint: 'received, opened or clicked a campaign' },
  audience: { label: 'Audience', hint: 'member (or not) of another audience' },
  dataset: { label: 'Dataset', hint: 'has a row (or not) in a dataset of saved queries' },
};

export const CONDITION_KEYS = Object.keys(CONDITION_TYPES) as ConditionType[];

/**
 * A new condition of a type, with the first choices filled in (an attribute or dataset name
 * when known).
 */
export function newCondition(
  type: ConditionType,
  firstAttribute = '',
  firstDataset = '',
): Condition {
  switch (type) {
    case 'value':
      return { type, field: 'predicted_clv', test: { op: 'gt', value: 0 } };
    case 'attribute':
      return { type, attribute: firstAttribute, test: firstTest('text') };
    case 'consent':
      return { type, channel: 'email', subscribed: true };
    case 'event':
      return { type, eventType: '', count: { atLeast: 1 }, window: { lastDays: 30 } };
    case 'purchase':
      return { type, outcome: 'success', count: { atLeast: 1 }, window: { lastDays: 90 } };
    case 'campaign':
      return { type, action: 'opened', channel: 'email', window: { lastDays: 30 } };
    case 'audience':
      return { type, audienceId: '', member: true };
    case 'dataset':
      return { type, dataset: firstDataset, member: true };
  }
}
