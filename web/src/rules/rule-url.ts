// A rule in the dashboard's address (`?rule=` JSON), so "create audience from this" and a
// builder in progress are links. The server validates what is saved; this only refuses what
// the builder could not draw.
import { CONDITION_TYPES } from './condition-types';
import { FEATURE_FIELDS } from './feature-fields';
import type { Rule, RuleNode, ValueTest } from './rule-types';
import { TEST_OPS } from './value-tests';

export const RULE_PARAM = 'rule';

/** The builder's address for a new audience starting from a rule (and a name). */
export function builderHref(rule: Rule, name?: string): string {
  const params = new URLSearchParams({ [RULE_PARAM]: JSON.stringify(rule) });
  if (name) params.set('name', name);
  return `/audiences/new?${params.toString()}`;
}

/** The rule of an address, or null when there is none or it is not one the builder can show. */
export function ruleFromSearch(search: URLSearchParams): Rule | null {
  const text = search.get(RULE_PARAM);
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return isRule(value) ? value : null;
  } catch {
    return null;
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isMatch = (v: unknown) => v === 'all' || v === 'any' || v === 'none';
const isText = (v: unknown) => typeof v === 'string';
const isNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const optional = (v: unknown, check: (v: unknown) => boolean) => v === undefined || check(v);

function isRule(value: unknown): value is Rule {
  return (
    isObject(value) &&
    value.version === 1 &&
    isMatch(value.match) &&
    Array.isArray(value.conditions) &&
    value.conditions.every((node) => isNode(node, 1))
  );
}

function isNode(node: unknown, depth: number): node is RuleNode {
  if (!isObject(node) || depth > 8) return false;
  switch (node.type) {
    case 'group':
      return (
        isMatch(node.match) &&
        Array.isArray(node.conditions) &&
        node.conditions.every((n) => isNode(n, depth + 1))
      );
    case 'attribute':
      return isText(node.attribute) && isTest(node.test);
    case 'value':
      return isText(node.field) && node.field in FEATURE_FIELDS && isTest(node.test);
    case 'consent':
      return (
        (node.channel === 'email' || node.channel === 'sms') && typeof node.subscribed === 'boolean'
      );
    case 'audience':
      return isText(node.audienceId) && typeof node.member === 'boolean';
    case 'dataset':
      return (
        isText(node.dataset) &&
        typeof node.member === 'boolean' &&
        optional(node.column, isText) &&
        optional(node.test, isTest) &&
        (node.column === undefined) === (node.test === undefined)
      );
    case 'event':
      return (
        isText(node.eventType) &&
        optional(
          node.properties,
          (p) => Array.isArray(p) && p.every((f) => isObject(f) && isText(f.key) && isTest(f.test)),
        ) &&
        counted(node)
      );
    case 'purchase':
      return isText(node.outcome) && counted(node);
    case 'campaign':
      return (
        isText(node.action) &&
        optional(node.campaignId, isText) &&
        optional(node.channel, isText) &&
        counted(node)
      );
    default:
      return typeof node.type === 'string' && node.type in CONDITION_TYPES && false;
  }
}

function counted(node: Json): boolean {
  return (
    optional(
      node.count,
      (c) => isObject(c) && optional(c.atLeast, isNumber) && optional(c.atMost, isNumber),
    ) &&
    optional(
      node.window,
      (w) => isObject(w) && (isNumber(w.lastDays) || (isText(w.from) && isText(w.to))),
    )
  );
}

function isTest(test: unknown): test is ValueTest {
  if (!isObject(test) || !isText(test.op) || !((test.op as string) in TEST_OPS)) return false;
  const op = test.op as ValueTest['op'];
  switch (op) {
    case 'equals':
    case 'not':
    case 'contains':
      return isText(test.value);
    case 'in':
    case 'notIn':
      return Array.isArray(test.values) && test.values.every(isText);
    case 'exists':
    case 'missing':
      return true;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return isNumber(test.value);
    case 'between':
      return isNumber(test.min) && isNumber(test.max);
    case 'before':
    case 'after':
    case 'onOrBefore':
    case 'onOrAfter':
      return isText(test.date);
    case 'withinLastDays':
    case 'moreThanDaysAgo':
      return isNumber(test.days);
  }
}
