import { TABLE } from '../model/table-names.js';
import type { SqlParams, SqlValue } from '../store/warehouse.js';
import { ClvError } from '../shared/errors.js';
import { FEATURE_FIELDS } from './feature-fields.js';
import { jsonPointer } from './features-step.js';
import { datasetConditionSql } from './dataset-condition.js';
import type { KnownDatasets } from './known-datasets.js';
import type { ParamType, RuleDialect } from './rule-dialect.js';
import {
  RULE_LIMITS,
  type CampaignCondition,
  type Condition,
  type EventCondition,
  type Match,
  type PurchaseCondition,
  type Rule,
  type RuleCount,
  type RuleNode,
  type RuleWindow,
  type ValueTest,
} from './rule-schema.js';

/** What the compiler checks names against and how it reaches other audiences. */
export interface CompileContext {
  dialect: RuleDialect;
  /** Attribute names a rule may test (configured drill-downs and those found at refresh). */
  knownAttributes: ReadonlySet<string>;
  /**
   * The datasets a rule may read (saved queries materialised at refresh, with a customer_id
   * column), by name; none when not given. Their table and column names are the only ones a
   * dataset condition may write into the SQL.
   */
  knownDatasets?: KnownDatasets;
  /** The current rule of a saved audience, or null when there is none by that id. */
  resolveAudience: (audienceId: string) => Rule | null;
  /** The audience being compiled, so that a rule reaching back to it is refused. */
  audienceId?: string;
  /**
   * The relation with one row per customer and the columns of `customer_features` (default);
   * streaming evaluation passes a table of the batch's customers read live. Must be a name the
   * caller chose, never user input.
   */
  source?: string;
  /**
   * The relation events are counted in (default `events`): streaming evaluation passes the
   * events of the batch's customers, copied once, instead of a scan of every event per rule.
   * Never user input.
   */
  events?: string;
}

/** A rule as one query: `SELECT customer_id FROM … WHERE …` and its bound values. */
export interface CompiledRule {
  sql: string;
  /**
   * The relations (the source aliased `f`, with the joins of counted conditions) and the
   * condition alone: a caller that reads other columns of the same rows (an estimate's sums)
   * selects them `FROM from WHERE where` instead of joining the ids back.
   */
  from: string;
  where: string;
  params: SqlParams;
}

// Which campaign actions each response reads.
const CAMPAIGN_ACTIONS: Record<CampaignCondition['action'], readonly string[]> = {
  received: ['sent', 'delivered'],
  opened: ['opened'],
  clicked: ['clicked'],
};

/** The relations counted conditions count rows of, and their aliases in a rule's query. */
type CountedRelation = 'events' | 'orders';
const COUNT_ALIAS: Record<CountedRelation, string> = { events: 'e', orders: 'o' };

/** The rows a counted condition counts: a relation, filters on it, and what to count. */
interface CountedRows {
  from: CountedRelation;
  filters: string[];
  measure?: string;
}

const SOURCE_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * Compiles a rule into one query over the customer features and the raw events. Semantics, which
 * the TypeScript reference evaluation in the tests follows:
 * - every condition is true or false, never unknown: a test on a missing value is false, except
 *   `missing`; `none` holds when no condition of the group holds;
 * - counted conditions (event, purchase, campaign) default to "at least once" and count events,
 *   orders, or distinct campaigns inside the window: `lastDays` D is after the as-of instant
 *   minus D × 24 h, `{ from, to }` is [from, to) in UTC;
 * - a dataset condition holds when the dataset's table has a row for the customer (whose column
 *   passes the test: numbers and dates as such, other columns as text), or has none when
 *   `member` is false; it reads the table as it is;
 * - an audience condition inlines that audience's current rule (cycles are refused, and so is a
 *   rule that reaches more than RULE_LIMITS.inlinedConditions conditions, each audience
 *   condition and every condition of the rules it inlines counted);
 * - text reads as a number only when it is written as one (digits, optional sign, fraction and
 *   exponent, blanks around) and finite, and as a date when its first ten characters are a
 *   calendar date YYYY-MM-DD; a date test on a time tests its UTC day.
 * Every value is a bound parameter; attribute, dataset and column names must be known; nothing
 * typed is pasted but a known dataset's table and column names.
 */
export function compileRule(rule: Rule, context: CompileContext): CompiledRule {
  const source = context.source ?? TABLE.customerFeatures;
  if (!SOURCE_NAME.test(source)) throw new Error(`not a source table name: ${source}`);
  if (context.events !== undefined && !SOURCE_NAME.test(context.events)) {
    throw new Error(`not an events table name: ${context.events}`);
  }
  const compiler = new RuleCompiler(context);
  const path = context.audienceId ? [context.audienceId] : [];
  const where = compiler.group(rule.match, rule.conditions, path);
  // The joins exist once the condition has been compiled: it adds them as it meets counts.
  // A source narrower than every customer (a streaming batch's) narrows the counts' scans too.
  const from = `${source} f${compiler.joins(source === TABLE.customerFeatures ? null : source)}`;
  return {
    sql: `SELECT f.customer_id FROM ${from} WHERE ${where}`,
    from,
    where,
    params: compiler.params,
  };
}

class RuleCompiler {
  readonly params: Record<string, SqlValue> = {};
  private next = 0;
  private conditions = 0;
  private readonly counts: Record<CountedRelation, { filter: string; aggregate: string }[]> = {
    events: [],
    orders: [],
  };

  constructor(private readonly context: CompileContext) {}

  private get dialect(): RuleDialect {
    return this.context.dialect;
  }

  private bind(value: SqlValue, type: ParamType): string {
    const name = `p${++this.next}`;
    this.params[name] = value;
    return this.dialect.param(name, type);
  }

  group(match: Match, nodes: readonly RuleNode[], path: readonly string[]): string {
    if (nodes.length === 0) return match === 'any' ? 'false' : 'true';
    const parts = nodes.map((node) => this.node(node, path));
    if (match === 'all') return `(${parts.join(' AND ')})`;
    if (match === 'any') return `(${parts.join(' OR ')})`;
    return `(NOT (${parts.join(' OR ')}))`;
  }

  private node(node: RuleNode, path: readonly string[]): string {
    if (node.type === 'group') return this.group(node.match, node.conditions, path);
    // Checked as the conditions come, so that audiences of audiences never grow a huge query.
    if (++this.conditions > RULE_LIMITS.inlinedConditions) {
      throw new ClvError(
        'bad_input',
        `with the rules of the audiences it uses written out, a rule holds at most ${RULE_LIMITS.inlinedConditions} conditions`,
      );
    }
    return `coalesce(${this.condition(node, path)}, false)`;
  }

  private condition(condition: Condition, path: readonly string[]): string {
    switch (condition.type) {
      case 'attribute': {
        if (!this.context.knownAttributes.has(condition.attribute)) {
          throw new ClvError(
            'bad_input',
            `unknown attribute ${JSON.stringify(condition.attribute)}: known are ${[...this.context.knownAttributes].sort().join(', ') || 'none'}`,
          );
        }
        const pointer = this.bind(jsonPointer(condition.attribute), 'text');
        return this.test(this.dialect.jsonText('f.attributes', pointer), 'text', condition.test);
      }
      case 'consent':
        return `(f.${condition.channel === 'email' ? 'email_subscribed' : 'sms_subscribed'} = ${condition.subscribed ? 'true' : 'false'})`;
      case 'value': {
        const field = FEATURE_FIELDS[condition.field];
        if (!field)
          throw new ClvError('bad_input', `unknown field ${JSON.stringify(condition.field)}`);
        return this.test(`f.${condition.field}`, field.kind, condition.test);
      }
      case 'event':
        return this.event(condition);
      case 'purchase':
        return this.purchase(condition);
      case 'campaign':
        return this.campaign(condition);
      case 'audience':
        return this.audience(condition.audienceId, condition.member, path);
      case 'dataset':
        return datasetConditionSql(condition, this.context.knownDatasets ?? new Map(), (v, k, t) =>
          this.test(v, k, t),
        );
    }
  }

  /** A test of one value; `kind` says how the value is stored (text, number, date). */
  private test(value: string, kind: 'text' | 'number' | 'date', test: ValueTest): string {
    const number = kind === 'text' ? this.dialect.tryNumber(value) : value;
    const date =
      kind === 'text'
        ? this.dialect.tryDate(value)
        : kind === 'date'
          ? this.dialect.day(value)
          : value;
    switch (test.op) {
      case 'exists':
        return `(${value} IS NOT NULL)`;
      case 'missing':
        return `(${value} IS NULL)`;
      case 'equals':
        return `(${value} = ${this.bind(test.value, 'text')})`;
      case 'not':
        return `(${value} <> ${this.bind(test.value, 'text')})`;
      case 'contains':
        return this.dialect.contains(value, this.bind(test.value, 'text'));
      case 'in':
        return this.dialect.inList(value, this.bind(test.values, 'textList'));
      case 'notIn':
        return `(NOT ${this.dialect.inList(value, this.bind(test.values, 'textList'))})`;
      case 'gt':
        return `(${number} > ${this.bind(test.value, 'number')})`;
      case 'gte':
        return `(${number} >= ${this.bind(test.value, 'number')})`;
      case 'lt':
        return `(${number} < ${this.bind(test.value, 'number')})`;
      case 'lte':
        return `(${number} <= ${this.bind(test.value, 'number')})`;
      case 'between':
        return `(${number} BETWEEN ${this.bind(test.min, 'number')} AND ${this.bind(test.max, 'number')})`;
      case 'before':
        return `(${date} < ${this.bind(test.date, 'date')})`;
      case 'after':
        return `(${date} > ${this.bind(test.date, 'date')})`;
      case 'onOrBefore':
        return `(${date} <= ${this.bind(test.date, 'date')})`;
      case 'onOrAfter':
        return `(${date} >= ${this.bind(test.date, 'date')})`;
      case 'withinLastDays':
        return `(${date} >= ${this.daysBeforeAsOf(test.days)})`;
      case 'moreThanDaysAgo':
        return `(${date} < ${this.daysBeforeAsOf(test.days)})`;
    }
  }

  private daysBeforeAsOf(days: number): string {
    return this.dialect.addDays(this.dialect.day(asOf()), `-${this.bind(days, 'integer')}`);
  }

  private window(column: string, window: RuleWindow | undefined): string[] {
    if (!window) return [];
    if ('lastDays' in window) {
      return [
        `${column} > ${this.dialect.minusDays(asOf(), this.bind(window.lastDays, 'integer'))}`,
      ];
    }
    return [
      `${column} >= ${this.bind(`${window.from} 00:00:00`, 'timestamp')}`,
      `${column} < ${this.bind(`${window.to} 00:00:00`, 'timestamp')}`,
    ];
  }

  /**
   * Whether the customer's count of matching rows lies in the asked range (0 included when
   * asked). Every count over one relation is one filtered aggregate of a single grouped scan
   * joined to the customers (see `joins`): a subquery per condition made the engine's planning
   * time grow faster than the number of conditions. The rows are described only when the range
   * needs them, so that a range every count or no count meets binds no value it leaves out.
   */
  private counted(count: RuleCount | undefined, rows: () => CountedRows): string {
    const atLeast = count?.atLeast ?? (count?.atMost === undefined ? 1 : 0);
    const atMost = count?.atMost;
    if (atMost !== undefined && atMost < atLeast) return 'false';
    if (atLeast === 0 && atMost === undefined) return 'true';
    const { from, filters, measure = 'count(*)' } = rows();
    const counts = this.counts[from];
    const filter = filters.length > 0 ? filters.join(' AND ') : 'true';
    counts.push({ filter, aggregate: `${measure} FILTER (WHERE ${filter})` });
    const n = `coalesce(${COUNT_ALIAS[from]}.n${counts.length}, 0)`;
    const low = atLeast === 0 ? null : `${n} >= ${this.bind(atLeast, 'integer')}`;
    const high = atMost === undefined ? null : `${n} <= ${this.bind(atMost, 'integer')}`;
    return `(${[low, high].filter((part) => part !== null).join(' AND ')})`;
  }

  /** The grouped scans the counted conditions read, joined to the customers by id. */
  joins(narrowTo: string | null): string {
    return (Object.keys(this.counts) as CountedRelation[])
      .filter((from) => this.counts[from].length > 0)
      .map((from) => {
        const counts = this.counts[from];
        const alias = COUNT_ALIAS[from];
        const columns = counts.map((c, i) => `${c.aggregate} AS n${i + 1}`).join(', ');
        const any = counts.map((c) => `(${c.filter})`).join(' OR ');
        const narrow = narrowTo ? ` AND customer_id IN (SELECT customer_id FROM ${narrowTo})` : '';
        const relation = from === 'events' ? (this.context.events ?? 'events') : from;
        return ` LEFT JOIN (SELECT customer_id, ${columns} FROM ${relation} WHERE (${any})${narrow} GROUP BY customer_id) ${alias} ON ${alias}.customer_id = f.customer_id`;
      })
      .join('');
  }

  private event(condition: EventCondition): string {
    return this.counted(condition.count, () => {
      const filters = [`type = ${this.bind(condition.eventType, 'text')}`];
      for (const property of condition.properties ?? []) {
        const pointer = this.bind(jsonPointer(property.key), 'text');
        filters.push(
          `coalesce(${this.test(this.dialect.jsonText('properties', pointer), 'text', property.test)}, false)`,
        );
      }
      filters.push(...this.window('ts', condition.window));
      return { from: 'events', filters };
    });
  }

  private purchase(condition: PurchaseCondition): string {
    return this.counted(condition.count, () => {
      const filters =
        condition.outcome === 'any' ? [] : [`outcome = ${this.bind(condition.outcome, 'text')}`];
      filters.push(...this.window('ts', condition.window));
      return { from: TABLE.orders, filters };
    });
  }

  private campaign(condition: CampaignCondition): string {
    return this.counted(condition.count, () => {
      const filters = [
        `kind = 'campaign'`,
        this.dialect.inList(
          'campaign_action',
          this.bind(CAMPAIGN_ACTIONS[condition.action], 'textList'),
        ),
        'campaign_id IS NOT NULL',
      ];
      if (condition.campaignId !== undefined) {
        filters.push(`campaign_id = ${this.bind(condition.campaignId, 'text')}`);
      }
      if (condition.channel !== undefined) {
        filters.push(`campaign_channel = ${this.bind(condition.channel, 'text')}`);
      }
      filters.push(...this.window('ts', condition.window));
      return { from: 'events', filters, measure: 'count(DISTINCT campaign_id)' };
    });
  }

  private audience(audienceId: string, member: boolean, path: readonly string[]): string {
    if (path.includes(audienceId)) {
      throw new ClvError(
        'bad_input',
        `audience rules refer to each other in a cycle: ${[...path, audienceId].map((id) => JSON.stringify(id)).join(' → ')}`,
      );
    }
    const rule = this.context.resolveAudience(audienceId);
    if (!rule) throw new ClvError('bad_input', `no audience ${JSON.stringify(audienceId)}`);
    const inner = this.group(rule.match, rule.conditions, [...path, audienceId]);
    return member ? inner : `(NOT ${inner})`;
  }
}

function asOf(): string {
  return `(SELECT as_of FROM ${TABLE.storeAsOf})`;
}
