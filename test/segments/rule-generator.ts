import { Random } from '../../src/shared/random.js';
import { FEATURE_FIELDS, type FeatureField } from '../../src/segments/feature-fields.js';
import { RULE_LIMITS, TEST_KIND, type TestOp } from '../../src/segments/rule-schema.js';
import {
  ATTRIBUTE_KEYS,
  AUDIENCES,
  CAMPAIGN_IDS,
  CHANNELS,
  CONFIGURED_ONLY,
  DATASETS,
  DATE_TEXTS,
  EVENT_TYPES,
  HOSTILE,
  NUMBER_TEXTS,
  OUTCOMES,
  PROPERTY_KEYS,
  TEXT_VALUES,
  TIER_COLUMNS,
} from './fuzz-store.js';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** A random rule as JSON, and whether the schema is meant to accept it. */
export interface GeneratedRule {
  rule: Json;
  valid: boolean;
  /** What was made invalid, for the failure message. */
  poison: string | null;
}

const NUMBERS = [0, -0, 1, 7, 12, 41, 0.5, 1000, 1e12, 1e308, -1e308, 5e-324, -5e-324, -3];
const DATES = [
  '2024-01-05',
  '2024-06-30',
  '2024-06-29',
  '2024-06-01',
  '2024-02-29',
  '1970-01-01',
  '1969-12-31',
  '0000-01-01',
  '9999-12-31',
];
const DAYS = [0, 1, 2, 10, 30, 365, 36_600, 1_000_000_000];
const COUNTS = [0, 1, 2, 3, 5, 1_000_000_000];
const LAST_DAYS = [1, 2, 7, 30, 365, 36_600];
const POISONS = [
  'empty string',
  'long string',
  'NUL',
  'not finite',
  'bad count',
  'bad date',
  'bad lastDays',
  'wrong kind',
  'too deep',
  'too many',
  'extra key',
  'version',
  'unknown type',
  'empty list',
  'long list',
  'campaign without target',
  'empty count',
  'bad dataset name',
  'column without test',
] as const;
type Poison = (typeof POISONS)[number];
const OPS = Object.keys(TEST_KIND) as TestOp[];
const FIELDS = Object.keys(FEATURE_FIELDS) as FeatureField[];

/** Random rules from a seed: mostly valid, some with one thing the schema must refuse. */
export class RuleGenerator {
  private readonly random: Random;
  private poison: Poison | null = null;
  private poisoned = false;
  private conditions = 0;

  constructor(seed: number) {
    this.random = new Random(seed);
  }

  next(): GeneratedRule {
    const r = this.random;
    this.poison = r.chance(0.2) ? this.pick(POISONS) : null;
    this.poisoned = false;
    this.conditions = 0;
    const shape = r.int(0, 99);
    let conditions: Json[];
    if (this.poison === 'too many' || shape === 0) {
      // Exactly at the limit, or one past it.
      const n = RULE_LIMITS.conditions + (this.poison === 'too many' ? 1 : 0);
      conditions = Array.from({ length: n }, () => this.condition());
      if (this.poison === 'too many') this.poisoned = true;
    } else if (this.poison === 'too deep' || shape === 1) {
      conditions = [this.chain(1, this.poison === 'too deep' ? RULE_LIMITS.depth : 5)];
      if (this.poison === 'too deep') this.poisoned = true;
    } else {
      conditions = this.children(1);
    }
    if (this.poison !== null && !this.poisoned) {
      conditions.push(this.condition(true));
    }
    const rule: JsonObject = {
      version: this.poison === 'version' ? 2 : 1,
      match: this.pick(['all', 'any', 'none']),
      conditions,
    };
    return { rule, valid: this.poison === null, poison: this.poison };
  }

  private pick<T>(values: readonly T[]): T {
    return values[this.random.int(0, values.length - 1)] as T;
  }

  /** Groups nested `depth` deep from `at`, each with a condition beside the next group. */
  private chain(at: number, depth: number): Json {
    const inner: Json[] = [this.condition()];
    if (depth > 1) inner.push(this.chain(at + 1, depth - 1));
    return { type: 'group', match: this.pick(['all', 'any', 'none']), conditions: inner };
  }

  private children(depth: number): Json[] {
    const n = this.random.int(0, depth === 1 ? 5 : 3);
    return Array.from({ length: n }, () =>
      depth < RULE_LIMITS.depth - 1 && this.random.chance(0.25) && this.conditions < 40
        ? {
            type: 'group',
            match: this.pick(['all', 'any', 'none']),
            conditions: this.children(depth + 1),
          }
        : this.condition(),
    );
  }

  /** A random user-typed text: often one the store holds, sometimes hostile. */
  private text(pool: readonly string[]): string {
    if (this.take('empty string')) return '';
    if (this.take('long string')) return 'y'.repeat(RULE_LIMITS.text + 1);
    if (this.take('NUL')) return `a\u0000b`;
    const value = this.random.chance(0.7) ? this.pick(pool) : this.pick(HOSTILE);
    return value === '' ? 'x' : value;
  }

  private number(): number {
    if (this.take('not finite')) return this.pick([NaN, Infinity, -Infinity]);
    return this.random.chance(0.8) ? this.pick(NUMBERS) : this.random.uniform(-100, 2000);
  }

  private date(): string {
    if (this.take('bad date')) return this.pick(['2024-02-30', '2024-1-5', '24-01-05', 'x']);
    if (this.random.chance(0.7)) return this.pick(DATES);
    const day = new Date(Date.UTC(2022, 0, 1) + this.random.int(0, 1000) * 86_400_000);
    return day.toISOString().slice(0, 10);
  }

  private count(): Json {
    if (this.take('empty count')) return {};
    const n = (): number =>
      this.take('bad count') ? this.pick([-1, 1.5, 2e9]) : this.pick(COUNTS);
    const which = this.random.int(0, 2);
    if (which === 0) return { atLeast: n() };
    if (which === 1) return { atMost: n() };
    return { atLeast: n(), atMost: n() };
  }

  private window(): Json {
    if (this.random.chance(0.5)) {
      const days = this.take('bad lastDays')
        ? this.pick([0, 36_601, 2.5])
        : this.random.chance(0.7)
          ? this.pick(LAST_DAYS)
          : this.random.int(1, 1000);
      return { lastDays: days };
    }
    return { from: this.date(), to: this.date() };
  }

  private test(
    kind: 'text' | 'number' | 'date' | 'any',
    values: readonly string[],
    schemaKnowsKind = true,
  ): Json {
    // Every test reads an attribute, so only a typed field can be tested the wrong way; a
    // dataset column's kind is known only when the rule is compiled.
    const wrong = kind !== 'any' && schemaKnowsKind && this.take('wrong kind');
    const ops = OPS.filter((op) =>
      wrong
        ? TEST_KIND[op] !== kind && TEST_KIND[op] !== 'any'
        : kind === 'any' || TEST_KIND[op] === kind || TEST_KIND[op] === 'any',
    );
    const op = this.pick(ops);
    switch (TEST_KIND[op]) {
      case 'any':
        return { op };
      case 'text':
        if (op === 'in' || op === 'notIn') {
          if (this.take('empty list')) return { op, values: [] };
          const n = this.take('long list') ? RULE_LIMITS.listValues + 1 : this.random.int(1, 4);
          return { op, values: Array.from({ length: n }, () => this.text(values)) };
        }
        return { op, value: this.text(values) };
      case 'number':
        return op === 'between'
          ? { op, min: this.number(), max: this.number() }
          : { op, value: this.number() };
      case 'date':
        if (op === 'withinLastDays' || op === 'moreThanDaysAgo') {
          return { op, days: this.take('bad count') ? -1 : this.pick(DAYS) };
        }
        return { op, date: this.date() };
    }
  }

  /** Takes the poison when it is this one and not yet taken (sometimes later, to spread it). */
  private take(poison: Poison, force = false): boolean {
    if (this.poison !== poison || this.poisoned) return false;
    if (!force && !this.random.chance(0.3)) return false;
    this.poisoned = true;
    return true;
  }

  private condition(forcePoison = false): Json {
    this.conditions += 1;
    if (forcePoison && this.poison !== null) return this.poisonedCondition(this.poison);
    const values = [...TEXT_VALUES, ...NUMBER_TEXTS, ...DATE_TEXTS];
    const type = this.random.int(0, 7);
    const counted = (): JsonObject => {
      const extra: JsonObject = {};
      if (this.random.chance(0.6)) extra['count'] = this.count();
      if (this.random.chance(0.6)) extra['window'] = this.window();
      return extra;
    };
    const node = ((): JsonObject => {
      switch (type) {
        case 0:
          return {
            type: 'attribute',
            attribute: this.random.chance(0.9)
              ? this.pick([...ATTRIBUTE_KEYS, CONFIGURED_ONLY])
              : this.text(['unknown']),
            test: this.test('any', values),
          };
        case 1:
          return {
            type: 'consent',
            channel: this.pick(['email', 'sms']),
            subscribed: this.random.chance(0.5),
          };
        case 2: {
          const field = this.pick(FIELDS);
          const pool =
            field === 'rfm_group'
              ? ['champions', 'at_risk', 'loyal']
              : field === 'cohort_month'
                ? ['2024-01', '2023-11']
                : ['ads', 'organic', "'"];
          return { type: 'value', field, test: this.test(FEATURE_FIELDS[field].kind, pool) };
        }
        case 3: {
          const properties = Array.from({ length: this.random.int(0, 3) }, () => ({
            key: this.text(PROPERTY_KEYS),
            test: this.test('any', values),
          }));
          return {
            type: 'event',
            eventType: this.text(EVENT_TYPES),
            ...(properties.length > 0 ? { properties } : {}),
            ...counted(),
          };
        }
        case 4:
          return {
            type: 'purchase',
            outcome: this.pick([...OUTCOMES.filter((o) => o !== 'other'), 'any']),
            ...counted(),
          };
        case 5: {
          const target: JsonObject = {};
          const which = this.take('campaign without target') ? -1 : this.random.int(0, 2);
          if (which === 0 || which === 2) target['campaignId'] = this.text(CAMPAIGN_IDS);
          if (which === 1 || which === 2) target['channel'] = this.text(CHANNELS);
          return {
            type: 'campaign',
            action: this.pick(['received', 'opened', 'clicked']),
            ...target,
            ...counted(),
          };
        }
        case 6:
          return this.datasetCondition(values);
        default:
          return {
            type: 'audience',
            audienceId: this.random.chance(0.9)
              ? this.pick([...AUDIENCES.keys(), 'aud_nope'])
              : this.text(['aud_unknown']),
            member: this.random.chance(0.5),
          };
      }
    })();
    if (this.take('extra key')) node['sql'] = 'DROP TABLE events';
    if (this.take('unknown type')) node['type'] = 'script';
    return node;
  }

  /** A dataset condition: mostly on `tiers`, its column tested as its kind or (refused) not. */
  private datasetCondition(values: readonly string[]): JsonObject {
    const dataset = this.take('bad dataset name')
      ? this.pick(['tiers; DROP TABLE events', 'Tiers', '', 'x'.repeat(49)])
      : this.random.chance(0.7)
        ? 'tiers'
        : this.pick([...DATASETS, 'nope']);
    const node: JsonObject = { type: 'dataset', dataset, member: this.random.chance(0.5) };
    if (this.take('column without test')) return { ...node, column: 'tier' };
    if (this.random.chance(0.3)) return node;
    const column = this.random.chance(0.9)
      ? this.pick([...Object.keys(TIER_COLUMNS), 'n', 'nope'])
      : this.text(['tier']);
    const kind = TIER_COLUMNS[column] ?? 'any';
    return {
      ...node,
      column,
      test: this.test(this.random.chance(0.8) ? kind : 'any', values, false),
    };
  }

  /** A condition that carries the poison for sure. */
  private poisonedCondition(poison: Poison): Json {
    this.poisoned = true;
    switch (poison) {
      case 'empty string':
        return { type: 'event', eventType: '' };
      case 'long string':
        return { type: 'event', eventType: 'y'.repeat(RULE_LIMITS.text + 1) };
      case 'NUL':
        return {
          type: 'attribute',
          attribute: 'country',
          test: { op: 'equals', value: 'D\u0000E' },
        };
      case 'not finite':
        return { type: 'value', field: 'revenue', test: { op: 'gt', value: NaN } };
      case 'bad count':
        return { type: 'purchase', outcome: 'any', count: { atLeast: -1 } };
      case 'bad date':
        return {
          type: 'purchase',
          outcome: 'any',
          window: { from: '2024-02-30', to: '2024-03-01' },
        };
      case 'bad lastDays':
        return { type: 'purchase', outcome: 'any', window: { lastDays: 0 } };
      case 'wrong kind':
        return { type: 'value', field: 'rfm_group', test: { op: 'gt', value: 1 } };
      case 'empty list':
        return { type: 'attribute', attribute: 'country', test: { op: 'in', values: [] } };
      case 'long list':
        return {
          type: 'attribute',
          attribute: 'country',
          test: {
            op: 'in',
            values: Array.from({ length: RULE_LIMITS.listValues + 1 }, () => 'DE'),
          },
        };
      case 'campaign without target':
        return { type: 'campaign', action: 'opened' };
      case 'empty count':
        return { type: 'purchase', outcome: 'any', count: {} };
      case 'bad dataset name':
        return { type: 'dataset', dataset: `tiers"; DROP TABLE events; --`, member: true };
      case 'column without test':
        return { type: 'dataset', dataset: 'tiers', member: true, column: 'tier' };
      case 'extra key':
        return { type: 'consent', channel: 'email', subscribed: true, sql: '1=1' };
      case 'unknown type':
        return { type: 'script', code: 'DROP TABLE events' };
      case 'version':
        this.poisoned = true;
        return { type: 'consent', channel: 'email', subscribed: true };
      case 'too deep':
      case 'too many':
        return { type: 'consent', channel: 'email', subscribed: true };
    }
  }
}
