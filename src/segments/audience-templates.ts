import type { Config } from '../config/schema.js';
import { ClvError } from '../shared/errors.js';
import type { Rule } from './rule-schema.js';

export const TEMPLATE_KEYS = [
  'high-value-at-risk',
  'winback',
  'vip',
  'one-time-buyers',
  'newsletter-non-subscribers',
] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

export interface AudienceTemplate {
  key: TemplateKey;
  name: string;
  description: string;
  rule: Rule;
}

/**
 * The audiences offered in one click, as rules on `customer_features`. Deciles rank buyers by
 * value descending, so "top 20 %" is decile ≤ 2; winback's "no order for longer than the churn
 * window" reads the project's own `churnWindowDays`.
 */
export function audienceTemplates(config: Config): AudienceTemplate[] {
  return [
    {
      key: 'high-value-at-risk',
      name: 'High value at risk',
      description: 'Top 20 % by predicted CLV whom the model thinks more likely lost than not',
      rule: {
        version: 1,
        match: 'all',
        conditions: [
          { type: 'value', field: 'clv_decile', test: { op: 'lte', value: 2 } },
          { type: 'value', field: 'churn_risk', test: { op: 'gt', value: 0.5 } },
        ],
      },
    },
    {
      key: 'winback',
      name: 'Winback',
      description: `No order for more than the churn window (${config.churnWindowDays} days), top 30 % by revenue, email subscribed`,
      rule: {
        version: 1,
        match: 'all',
        conditions: [
          {
            type: 'value',
            field: 'days_since_last_order',
            test: { op: 'gt', value: config.churnWindowDays },
          },
          { type: 'value', field: 'revenue_decile', test: { op: 'lte', value: 3 } },
          { type: 'consent', channel: 'email', subscribed: true },
        ],
      },
    },
    {
      key: 'vip',
      name: 'VIP',
      description: 'The top 10 % of buyers by predicted CLV',
      rule: {
        version: 1,
        match: 'all',
        conditions: [{ type: 'value', field: 'clv_decile', test: { op: 'lte', value: 1 } }],
      },
    },
    {
      key: 'one-time-buyers',
      name: 'One-time buyers',
      description: 'Customers with exactly one successful order, to nurture towards a second',
      rule: {
        version: 1,
        match: 'all',
        conditions: [{ type: 'value', field: 'orders', test: { op: 'between', min: 1, max: 1 } }],
      },
    },
    {
      key: 'newsletter-non-subscribers',
      name: 'High-CLV newsletter non-subscribers',
      description: 'Top 30 % by predicted CLV who have not subscribed to email',
      rule: {
        version: 1,
        match: 'all',
        conditions: [
          { type: 'value', field: 'clv_decile', test: { op: 'lte', value: 3 } },
          { type: 'consent', channel: 'email', subscribed: false },
        ],
      },
    },
  ];
}

/** One template by its key; a 400 naming the keys otherwise. */
export function audienceTemplate(config: Config, key: string): AudienceTemplate {
  const found = audienceTemplates(config).find((template) => template.key === key);
  if (!found) {
    throw new ClvError(
      'bad_input',
      `template: no template ${JSON.stringify(key)}: the templates are ${TEMPLATE_KEYS.join(', ')}`,
    );
  }
  return found;
}
