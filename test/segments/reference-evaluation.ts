import { FEATURE_FIELDS, type FeatureField } from '../../src/segments/feature-fields.js';
import {
  RULE_LIMITS,
  TEST_KIND,
  type CampaignCondition,
  type Condition,
  type DatasetCondition,
  type Match,
  type Rule,
  type RuleCount,
  type RuleNode,
  type RuleWindow,
  type ValueTest,
} from '../../src/segments/rule-schema.js';

/**
 * A store read into plain JavaScript, for evaluating rules without the engine. Times are epoch
 * milliseconds (UTC); an attribute or property is its text (a JSON string as is, a number or
 * boolean as its text, an object as its JSON), absent when missing or JSON null.
 */
export interface ReferenceStore {
  asOf: number;
  customers: readonly ReferenceCustomer[];
  events: readonly ReferenceEvent[];
  orders: readonly ReferenceOrder[];
  /** Saved audiences' current rules by id. */
  audiences: ReadonlyMap<string, Rule>;
  knownAttributes: ReadonlySet<string>;
  /** The datasets a rule may read, by name (those with a customer_id column). */
  datasets: ReadonlyMap<string, ReferenceDataset>;
}

/** A dataset's columns (the kind each is tested as) and rows (values as numbers, epoch ms, texts). */
export interface ReferenceDataset {
  columns: ReadonlyMap<string, 'number' | 'date' | 'text'>;
  rows: readonly ReferenceDatasetRow[];
}

export interface ReferenceDatasetRow {
  customerId: string;
  values: ReadonlyMap<string, number | string | null>;
}

export interface ReferenceCustomer {
  id: string;
  emailSubscribed: boolean;
  smsSubscribed: boolean;
  /** Feature values: numbers, epoch ms for date fields, texts; null when missing. */
  features: Readonly<Record<FeatureField, number | string | null>>;
  attributes: ReadonlyMap<string, string>;
}

export interface ReferenceEvent {
  customerId: string;
  type: string;
  kind: string;
  ts: number;
  campaignId: string | null;
  campaignChannel: string | null;
  campaignAction: string | null;
  properties: ReadonlyMap<string, string>;
}

export interface ReferenceOrder {
  customerId: string;
  ts: number;
  outcome: string;
}

/** Why the reference refuses a rule (the compiler must refuse it too). */
export class ReferenceRefusal extends Error {}

const DAY = 86_400_000;
// A number written in decimal: digits with an optional fraction and exponent, blanks around.
const NUMBER_TEXT = /^[ \t\n\r]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?[ \t\n\r]*$/;
const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The ids of the customers `rule` selects, following the semantics of compile-rule.ts. */
export function referenceMembers(
  store: ReferenceStore,
  rule: Rule,
  audienceId?: string,
): Set<string> {
  const evaluator = new Evaluator(store);
  const path = audienceId === undefined ? [] : [audienceId];
  // Unknown names, cycles and too many conditions written out refuse the rule for everyone.
  if (evaluator.check(rule.conditions, path) > RULE_LIMITS.inlinedConditions) {
    throw new ReferenceRefusal('too many conditions with the audiences written out');
  }
  const selected = new Set<string>();
  for (const customer of store.customers) {
    if (evaluator.group(customer, rule.match, rule.conditions)) selected.add(customer.id);
  }
  return selected;
}

/** Text read as a finite number, or null. */
export function readNumber(text: string): number | null {
  if (!NUMBER_TEXT.test(text)) return null;
  const value = Number(text.trim());
  return Number.isFinite(value) ? value : null;
}

/** The first ten characters read as a calendar date YYYY-MM-DD (epoch ms of its start), or null. */
export function readDate(text: string): number | null {
  const match = DATE_TEXT.exec(text.slice(0, 10));
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(0, 0, 0, 0);
  const valid =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return valid ? date.getTime() : null;
}

/** The start (epoch ms) of the UTC day holding `ms`. */
function dayOf(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

class Evaluator {
  private readonly eventsOf = new Map<string, ReferenceEvent[]>();
  private readonly ordersOf = new Map<string, ReferenceOrder[]>();

  constructor(private readonly store: ReferenceStore) {
    for (const event of store.events) push(this.eventsOf, event.customerId, event);
    for (const order of store.orders) push(this.ordersOf, order.customerId, order);
  }

  /** Refuses unknown names and cycles; returns the conditions with audiences written out. */
  check(nodes: readonly RuleNode[], path: readonly string[]): number {
    let conditions = 0;
    for (const node of nodes) {
      if (node.type === 'group') {
        conditions += this.check(node.conditions, path);
        continue;
      }
      conditions += 1;
      if (node.type === 'attribute' && !this.store.knownAttributes.has(node.attribute)) {
        throw new ReferenceRefusal(`unknown attribute ${node.attribute}`);
      } else if (node.type === 'dataset') {
        this.checkDataset(node);
      } else if (node.type === 'audience') {
        if (path.includes(node.audienceId)) throw new ReferenceRefusal('cycle');
        const rule = this.store.audiences.get(node.audienceId);
        if (!rule) throw new ReferenceRefusal(`no audience ${node.audienceId}`);
        conditions += this.check(rule.conditions, [...path, node.audienceId]);
      }
    }
    return conditions;
  }

  private checkDataset(condition: DatasetCondition): void {
    const dataset = this.store.datasets.get(condition.dataset);
    if (!dataset) throw new ReferenceRefusal(`unknown dataset ${condition.dataset}`);
    if (condition.column === undefined || condition.test === undefined) return;
    const kind = dataset.columns.get(condition.column);
    if (kind === undefined) throw new ReferenceRefusal(`unknown column ${condition.column}`);
    const wants = TEST_KIND[condition.test.op];
    if (kind !== 'text' && wants !== 'any' && wants !== kind) {
      throw new ReferenceRefusal(`${condition.column} is a ${kind}: ${condition.test.op}`);
    }
  }

  group(customer: ReferenceCustomer, match: Match, nodes: readonly RuleNode[]): boolean {
    const holds = (node: RuleNode): boolean =>
      node.type === 'group'
        ? this.group(customer, node.match, node.conditions)
        : this.condition(customer, node);
    if (match === 'all') return nodes.every(holds);
    if (match === 'any') return nodes.some(holds);
    return !nodes.some(holds);
  }

  private condition(customer: ReferenceCustomer, condition: Condition): boolean {
    switch (condition.type) {
      case 'attribute':
        return this.test(customer.attributes.get(condition.attribute) ?? null, condition.test);
      case 'consent':
        return (
          (condition.channel === 'email' ? customer.emailSubscribed : customer.smsSubscribed) ===
          condition.subscribed
        );
      case 'value':
        return this.featureTest(customer, condition.field, condition.test);
      case 'event': {
        const events = (this.eventsOf.get(customer.id) ?? []).filter(
          (event) =>
            event.type === condition.eventType &&
            (condition.properties ?? []).every((filter) =>
              this.test(event.properties.get(filter.key) ?? null, filter.test),
            ) &&
            this.inWindow(event.ts, condition.window),
        );
        return inCount(events.length, condition.count);
      }
      case 'purchase': {
        const orders = (this.ordersOf.get(customer.id) ?? []).filter(
          (order) =>
            (condition.outcome === 'any' || order.outcome === condition.outcome) &&
            this.inWindow(order.ts, condition.window),
        );
        return inCount(orders.length, condition.count);
      }
      case 'campaign':
        return inCount(this.campaigns(customer, condition), condition.count);
      case 'audience': {
        const rule = this.store.audiences.get(condition.audienceId);
        if (!rule) throw new ReferenceRefusal(`no audience ${condition.audienceId}`);
        return this.group(customer, rule.match, rule.conditions) === condition.member;
      }
      case 'dataset':
        return this.inDataset(customer, condition) === condition.member;
    }
  }

  /** Whether the dataset has a row for the customer whose column (if any) passes the test. */
  private inDataset(customer: ReferenceCustomer, condition: DatasetCondition): boolean {
    const dataset = this.store.datasets.get(condition.dataset);
    if (!dataset) throw new ReferenceRefusal(`unknown dataset ${condition.dataset}`);
    const { column, test } = condition;
    return dataset.rows.some((row) => {
      if (row.customerId !== customer.id) return false;
      if (column === undefined || test === undefined) return true;
      const value = row.values.get(column) ?? null;
      const kind = dataset.columns.get(column) ?? 'text';
      if (kind === 'text') return this.test(value === null ? null : String(value), test);
      return this.typedValueTest(value, kind, test);
    });
  }

  private campaigns(customer: ReferenceCustomer, condition: CampaignCondition): number {
    const actions = condition.action === 'received' ? ['sent', 'delivered'] : [condition.action];
    const ids = new Set<string>();
    for (const event of this.eventsOf.get(customer.id) ?? []) {
      if (
        event.kind === 'campaign' &&
        event.campaignId !== null &&
        event.campaignAction !== null &&
        actions.includes(event.campaignAction) &&
        (condition.campaignId === undefined || event.campaignId === condition.campaignId) &&
        (condition.channel === undefined || event.campaignChannel === condition.channel) &&
        this.inWindow(event.ts, condition.window)
      ) {
        ids.add(event.campaignId);
      }
    }
    return ids.size;
  }

  private inWindow(ts: number, window: RuleWindow | undefined): boolean {
    if (!window) return true;
    if ('lastDays' in window) return ts > this.store.asOf - window.lastDays * DAY;
    return ts >= (readDate(window.from) ?? NaN) && ts < (readDate(window.to) ?? NaN);
  }

  private featureTest(customer: ReferenceCustomer, field: FeatureField, test: ValueTest): boolean {
    const value = customer.features[field];
    const kind = FEATURE_FIELDS[field].kind;
    if (kind === 'text') return this.test(value === null ? null : String(value), test);
    return this.typedValueTest(value, kind, test);
  }

  /** A test of a typed value (a number, or a time as epoch ms); null is missing. */
  private typedValueTest(
    value: number | string | null,
    kind: 'number' | 'date',
    test: ValueTest,
  ): boolean {
    if (value === null) return test.op === 'missing';
    if (test.op === 'exists') return true;
    if (test.op === 'missing') return false;
    return this.typedTest(typeof value === 'number' ? value : NaN, kind, test);
  }

  /** A test of a text value (attribute or property): read as a number or date as the test asks. */
  private test(value: string | null, test: ValueTest): boolean {
    if (value === null) return test.op === 'missing';
    switch (test.op) {
      case 'exists':
        return true;
      case 'missing':
        return false;
      case 'equals':
        return value === test.value;
      case 'not':
        return value !== test.value;
      case 'contains':
        return value.includes(test.value);
      case 'in':
        return test.values.includes(value);
      case 'notIn':
        return !test.values.includes(value);
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
      case 'between': {
        const number = readNumber(value);
        return number !== null && this.typedTest(number, 'number', test);
      }
      default: {
        const date = readDate(value);
        return date !== null && this.typedTest(date, 'date', test);
      }
    }
  }

  /** A number test on a number, or a date test on a time (compared by its UTC day). */
  private typedTest(value: number, kind: 'number' | 'date', test: ValueTest): boolean {
    const day = kind === 'date' ? dayOf(value) : value;
    const asOfDay = dayOf(this.store.asOf);
    switch (test.op) {
      case 'gt':
        return value > test.value;
      case 'gte':
        return value >= test.value;
      case 'lt':
        return value < test.value;
      case 'lte':
        return value <= test.value;
      case 'between':
        return value >= test.min && value <= test.max;
      case 'before':
        return day < (readDate(test.date) ?? NaN);
      case 'after':
        return day > (readDate(test.date) ?? NaN);
      case 'onOrBefore':
        return day <= (readDate(test.date) ?? NaN);
      case 'onOrAfter':
        return day >= (readDate(test.date) ?? NaN);
      case 'withinLastDays':
        return day >= asOfDay - test.days * DAY;
      case 'moreThanDaysAgo':
        return day < asOfDay - test.days * DAY;
      default:
        throw new Error(`${test.op} does not test a ${kind}`);
    }
  }
}

/** Whether a count lies in the asked range; no count asked is "at least once". */
function inCount(n: number, count: RuleCount | undefined): boolean {
  const atLeast = count?.atLeast ?? (count?.atMost === undefined ? 1 : 0);
  return n >= atLeast && (count?.atMost === undefined || n <= count.atMost);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
