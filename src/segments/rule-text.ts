import { FEATURE_FIELDS } from './feature-fields.js';
import type { Condition, Match, Rule, RuleNode, RuleWindow, ValueTest } from './rule-schema.js';

export interface RuleTextOptions {
  /** The name of a saved audience, for `audience` conditions; null when unknown. */
  audienceName?: (id: string) => string | null;
}

// A minimal reading of a rule; the fuller one from the rule-text branch replaces this file.
const JOIN: Record<Match, string> = { all: ' and ', any: ' or ', none: ' or ' };

/** A rule as one line of readable text, e.g. `CLV decile ≤ 2 and churn risk > 0.5`. */
export function ruleText(rule: Rule, options: RuleTextOptions = {}): string {
  const text = group(rule.match, rule.conditions, options, true);
  return text === '' ? 'every known customer' : text;
}

function group(
  match: Match,
  nodes: readonly RuleNode[],
  options: RuleTextOptions,
  top: boolean,
): string {
  if (nodes.length === 0) return match === 'any' ? 'no one' : '';
  const parts = nodes.map((node) =>
    node.type === 'group'
      ? group(node.match, node.conditions, options, false)
      : condition(node, options),
  );
  const joined = parts.filter((part) => part !== '').join(JOIN[match]);
  const wrapped = top && match !== 'none' ? joined : `(${joined})`;
  return match === 'none' ? `not ${wrapped}` : wrapped;
}

function condition(node: Condition, options: RuleTextOptions): string {
  switch (node.type) {
    case 'attribute':
      return `${node.attribute} ${test(node.test)}`;
    case 'consent':
      return `${node.channel} ${node.subscribed ? 'subscribed' : 'not subscribed'}`;
    case 'value':
      return `${FEATURE_FIELDS[node.field].label} ${test(node.test)}`;
    case 'event':
      return `did ${node.eventType}${count(node.count)}${window(node.window)}`;
    case 'purchase':
      return `${node.outcome === 'any' ? 'any' : node.outcome} purchase${count(node.count)}${window(node.window)}`;
    case 'campaign':
      return `${node.action} ${node.campaignId !== undefined ? `campaign ${node.campaignId}` : `a ${node.channel ?? ''} campaign`}${count(node.count)}${window(node.window)}`;
    case 'audience': {
      const name = options.audienceName?.(node.audienceId) ?? node.audienceId;
      return `${node.member ? 'in' : 'not in'} audience ${JSON.stringify(name)}`;
    }
  }
}

function test(value: ValueTest): string {
  switch (value.op) {
    case 'equals':
      return `= ${JSON.stringify(value.value)}`;
    case 'not':
      return `≠ ${JSON.stringify(value.value)}`;
    case 'contains':
      return `contains ${JSON.stringify(value.value)}`;
    case 'in':
      return `is one of ${value.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'notIn':
      return `is none of ${value.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'exists':
      return 'is set';
    case 'missing':
      return 'is missing';
    case 'gt':
      return `> ${value.value}`;
    case 'gte':
      return `≥ ${value.value}`;
    case 'lt':
      return `< ${value.value}`;
    case 'lte':
      return `≤ ${value.value}`;
    case 'between':
      return `between ${value.min} and ${value.max}`;
    case 'before':
    case 'after':
      return `${value.op} ${value.date}`;
    case 'onOrBefore':
      return `on or before ${value.date}`;
    case 'onOrAfter':
      return `on or after ${value.date}`;
    case 'withinLastDays':
      return `within the last ${value.days} days`;
    case 'moreThanDaysAgo':
      return `more than ${value.days} days ago`;
  }
}

function count(value: { atLeast?: number; atMost?: number } | undefined): string {
  if (!value) return '';
  if (value.atMost === 0) return ' never';
  const parts = [];
  if (value.atLeast !== undefined) parts.push(`at least ${value.atLeast}×`);
  if (value.atMost !== undefined) parts.push(`at most ${value.atMost}×`);
  return ` ${parts.join(' and ')}`;
}

function window(value: RuleWindow | undefined): string {
  if (!value) return '';
  return 'lastDays' in value
    ? ` in the last ${value.lastDays} days`
    : ` from ${value.from} to ${value.to}`;
}
