import { FEATURE_FIELDS } from './feature-fields.js';
import type {
  CampaignCondition,
  Condition,
  EventCondition,
  Match,
  PurchaseCondition,
  Rule,
  RuleCount,
  RuleNode,
  RuleWindow,
  ValueTest,
} from './rule-schema.js';

export interface RuleTextOptions {
  /** The name of a saved audience, or null when there is none by that id (the id is shown). */
  audienceName?: (audienceId: string) => string | null;
}

const PLAIN_NAME = /^[\p{L}\p{N}_.-]+$/u;
const OUTCOME_NOUN: Record<PurchaseCondition['outcome'], string> = {
  success: 'orders',
  canceled: 'canceled orders',
  returned: 'returned orders',
  any: 'orders of any outcome',
};

/**
 * A rule as one line a person reads: `all of: country is "DE"; orders at least 2; any of: (…)`.
 * Typed texts are quoted as JSON strings, so a value holding `;` or `"` cannot blur the line.
 */
export function ruleText(rule: Rule, options: RuleTextOptions = {}): string {
  return groupText(rule.match, rule.conditions, options);
}

function groupText(match: Match, nodes: readonly RuleNode[], options: RuleTextOptions): string {
  if (nodes.length === 0) return match === 'any' ? 'no one' : 'everyone';
  const parts = nodes.map((node) => {
    if (node.type !== 'group') return conditionText(node, options);
    const inner = groupText(node.match, node.conditions, options);
    // A nested group is bracketed so that its parts do not read as the outer group's.
    return node.conditions.length === 0 ? inner : inner.replace(/^(\w+ of: )(.*)$/s, '$1($2)');
  });
  return `${match} of: ${parts.join('; ')}`;
}

function conditionText(condition: Condition, options: RuleTextOptions): string {
  switch (condition.type) {
    case 'attribute':
      return `${name(condition.attribute)} ${testText(condition.test)}`;
    case 'consent':
      return `${condition.subscribed ? '' : 'not '}subscribed to ${condition.channel === 'email' ? 'email' : 'SMS'}`;
    case 'value': {
      const label = FEATURE_FIELDS[condition.field].label;
      // "Orders" reads "orders" mid-sentence; "CLV decile" and "P(alive)" keep their capitals.
      const lower = /^\p{Lu}\p{Ll}/u.test(label) ? label[0]?.toLowerCase() + label.slice(1) : label;
      return `${lower} ${testText(condition.test)}`;
    }
    case 'event':
      return eventText(condition);
    case 'purchase': {
      const noun = OUTCOME_NOUN[condition.outcome];
      const counted = never(condition.count)
        ? `no ${noun}`
        : `${noun} ${countText(condition.count) ?? 'at least 1'}`;
      return `${counted}${windowText(condition.window)}`;
    }
    case 'campaign':
      return campaignText(condition);
    case 'audience': {
      const shown = options.audienceName?.(condition.audienceId) ?? condition.audienceId;
      return `${condition.member ? '' : 'not '}member of audience ${JSON.stringify(shown)}`;
    }
    case 'dataset': {
      const row =
        condition.column !== undefined && condition.test !== undefined
          ? ` with ${name(condition.column)} ${testText(condition.test)}`
          : '';
      return `${condition.member ? '' : 'not '}in dataset ${condition.dataset}${row}`;
    }
  }
}

function eventText(condition: EventCondition): string {
  const filters = (condition.properties ?? []).map(
    (filter) => `${name(filter.key)} ${testText(filter.test)}`,
  );
  const withText = filters.length > 0 ? ` with ${filters.join(' and ')}` : '';
  const type = JSON.stringify(condition.eventType);
  const times = countText(condition.count, 'times');
  const head = never(condition.count)
    ? `did not do ${type}${withText}`
    : `did ${type}${withText}${times ? ` ${times}` : ''}`;
  return `${head}${windowText(condition.window)}`;
}

function campaignText(condition: CampaignCondition): string {
  const target =
    condition.campaignId === undefined
      ? 'any campaign'
      : `campaign ${JSON.stringify(condition.campaignId)}`;
  const channel =
    condition.channel === undefined ? '' : ` on channel ${JSON.stringify(condition.channel)}`;
  const campaigns = countText(condition.count, 'campaigns');
  const head = never(condition.count)
    ? `not ${condition.action} ${target}${channel}`
    : `${condition.action} ${target}${channel}${campaigns ? ` (${campaigns})` : ''}`;
  return `${head}${windowText(condition.window)}`;
}

function testText(test: ValueTest): string {
  switch (test.op) {
    case 'equals':
      return `is ${JSON.stringify(test.value)}`;
    case 'not':
      return `is not ${JSON.stringify(test.value)}`;
    case 'contains':
      return `contains ${JSON.stringify(test.value)}`;
    case 'in':
      return `is one of ${test.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'notIn':
      return `is none of ${test.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'exists':
      return 'is set';
    case 'missing':
      return 'is missing';
    case 'gt':
      return `greater than ${test.value}`;
    case 'gte':
      return `at least ${test.value}`;
    case 'lt':
      return `less than ${test.value}`;
    case 'lte':
      return `at most ${test.value}`;
    case 'between':
      return `between ${test.min} and ${test.max}`;
    case 'before':
      return `before ${test.date}`;
    case 'after':
      return `after ${test.date}`;
    case 'onOrBefore':
      return `on or before ${test.date}`;
    case 'onOrAfter':
      return `on or after ${test.date}`;
    case 'withinLastDays':
      return `within the last ${days(test.days)}`;
    case 'moreThanDaysAgo':
      return `more than ${days(test.days)} ago`;
  }
}

/** Whether a count asks for none at all ("did not"). */
function never(count: RuleCount | undefined): boolean {
  return count?.atMost === 0 && !count.atLeast;
}

function countText(count: RuleCount | undefined, unit?: string): string | null {
  if (!count) return null;
  const of = unit ? ` ${unit}` : '';
  if (count.atLeast !== undefined && count.atMost !== undefined) {
    return `between ${count.atLeast} and ${count.atMost}${of}`;
  }
  if (count.atMost !== undefined) return `at most ${count.atMost}${of}`;
  return `at least ${count.atLeast ?? 1}${of}`;
}

function windowText(window: RuleWindow | undefined): string {
  if (!window) return '';
  if ('lastDays' in window) return ` in the last ${days(window.lastDays)}`;
  return ` from ${window.from} until ${window.to}`;
}

function days(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

function name(key: string): string {
  return PLAIN_NAME.test(key) ? key : JSON.stringify(key);
}

/**
 * Whether a rule, with the rules of the audiences it uses, reads only what changes with each
 * ingested batch (attributes, consent, raw events and campaign events) and no value a refresh
 * computes (`value` and `purchase` conditions read derived tables). A dataset condition does
 * not hold a rule back: it reads the dataset's table as the last refresh left it. An audience that cannot be
 * resolved, or that reaches back to itself, makes the rule not streaming.
 */
export function isStreamingRule(
  rule: Rule,
  resolveAudience: (audienceId: string) => Rule | null,
): boolean {
  const streams = (nodes: readonly RuleNode[], path: readonly string[]): boolean =>
    nodes.every((node) => {
      switch (node.type) {
        case 'group':
          return streams(node.conditions, path);
        case 'value':
        case 'purchase':
          return false;
        case 'audience': {
          if (path.includes(node.audienceId)) return false;
          const inner = resolveAudience(node.audienceId);
          return inner !== null && streams(inner.conditions, [...path, node.audienceId]);
        }
        default:
          return true;
      }
    });
  return streams(rule.conditions, []);
}
