import type { Config } from '../config/schema.js';
import { knownAttributes } from '../metrics/attributes.js';
import { tableExists } from '../model/store-state.js';
import { TABLE } from '../model/table-names.js';
import { ClvError } from '../shared/errors.js';
import type { Warehouse } from '../store/warehouse.js';
import { compileRule, type CompiledRule } from './compile-rule.js';
import { duckdbRuleDialect } from './duckdb-rule-dialect.js';
import { knownDatasets, type KnownDatasets } from './known-datasets.js';
import { ruleSchema, type Rule, type RuleNode } from './rule-schema.js';
import { isStreamingRule } from './rule-text.js';

/**
 * A rule as sent (JSON or already parsed): its shape checked by `ruleSchema`, a 400 naming
 * each wrong place as `rule.conditions.0.test.op: …`.
 */
export function parseRule(value: unknown, field = 'rule'): Rule {
  const result = ruleSchema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    field: [field, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  throw new ClvError('bad_input', issues.map((i) => `${i.field}: ${i.message}`).join('; '), {
    details: issues,
  });
}

/** The current rules of every live audience, by id, for `audience` conditions. */
export async function liveRules(warehouse: Warehouse): Promise<Map<string, Rule>> {
  const rows = await warehouse.query<{ id: string; rule: string }>(
    `SELECT audience_id AS id, rule::VARCHAR AS rule FROM audiences WHERE deleted_at IS NULL`,
  );
  return new Map(rows.map((row) => [row.id, JSON.parse(row.rule) as Rule]));
}

/** Whether the store has been refreshed since audiences exist (so rules have their tables). */
export async function hasFeatures(warehouse: Warehouse): Promise<boolean> {
  const [found] = await warehouse.query<{ n: number }>(
    `SELECT count(DISTINCT table_name) AS n FROM information_schema.tables
     WHERE ${warehouse.dialect.listContains('$names', 'table_name')}`,
    { names: [TABLE.customerFeatures, TABLE.storeAsOf] },
  );
  return found?.n === 2;
}

/** A 409 saying to refresh, before the first refresh builds what rules read. */
export async function requireFeatures(warehouse: Warehouse): Promise<void> {
  if (!(await hasFeatures(warehouse))) {
    throw new ClvError(
      'conflict',
      'no customer features yet: run clv refresh first (audiences are evaluated on refreshed data)',
    );
  }
}

/** What a rule is compiled against: the known attributes and datasets, the other audiences' rules. */
export interface RuleScope {
  knownAttributes: ReadonlySet<string>;
  knownDatasets: KnownDatasets;
  rules: ReadonlyMap<string, Rule>;
}

/**
 * The known attributes (configured drill-downs, and those found at the last refresh), the
 * datasets in the store and the live rules. Given the rule about to be compiled, only what it
 * reads is loaded: an estimate of a rule without attribute, dataset or audience conditions asks
 * the store nothing more.
 */
export async function ruleScope(
  warehouse: Warehouse,
  config: Config,
  forRule?: Rule,
): Promise<RuleScope> {
  const needs = forRule
    ? ruleNeeds(forRule)
    : { attributes: true, datasets: true, audiences: true };
  // Another audience's rule may test any attribute.
  const attributes =
    needs.attributes || needs.audiences
      ? (await tableExists(warehouse, TABLE.customerAttributes))
        ? await knownAttributes(warehouse, config)
        : config.drilldowns
      : [];
  return {
    knownAttributes: new Set(attributes),
    // Another audience's rule may read any dataset too.
    knownDatasets: needs.datasets || needs.audiences ? await knownDatasets(warehouse) : new Map(),
    rules: needs.audiences ? await liveRules(warehouse) : new Map(),
  };
}

/** Whether a rule has attribute, dataset and audience conditions anywhere in it. */
export function ruleNeeds(rule: Rule): {
  attributes: boolean;
  datasets: boolean;
  audiences: boolean;
} {
  const needs = { attributes: false, datasets: false, audiences: false };
  const visit = (nodes: readonly RuleNode[]): void => {
    for (const node of nodes) {
      if (node.type === 'group') visit(node.conditions);
      else if (node.type === 'attribute') needs.attributes = true;
      else if (node.type === 'dataset') needs.datasets = true;
      else if (node.type === 'audience') needs.audiences = true;
    }
  };
  visit(rule.conditions);
  return needs;
}

/**
 * The rule of audience `audienceId` (or of a new one) compiled for the warehouse's engine; a
 * 400 for an unknown attribute, dataset or column, a missing audience or a cycle. `rules` may carry the rule being
 * saved, so that a cycle through it is found before it is stored.
 */
export function compileAudienceRule(
  rule: Rule,
  scope: RuleScope,
  audienceId?: string,
  source?: string,
): CompiledRule {
  return compileRule(rule, {
    dialect: duckdbRuleDialect,
    knownAttributes: scope.knownAttributes,
    knownDatasets: scope.knownDatasets,
    resolveAudience: (id) => (id === audienceId ? rule : (scope.rules.get(id) ?? null)),
    audienceId,
    source,
  });
}

/**
 * Whether the rule reads only attributes, consent and raw events (event and campaign
 * conditions), so that ingest can re-evaluate it; values of the refresh (orders, predictions)
 * and purchases (the derived orders) make it wait for a refresh.
 */
export function isStreaming(rule: Rule, rules: ReadonlyMap<string, Rule>): boolean {
  return isStreamingRule(rule, (id) => rules.get(id) ?? null);
}

/** The audiences whose rules name `audienceId` in an audience condition. */
export function audiencesUsing(audienceId: string, rules: ReadonlyMap<string, Rule>): string[] {
  const uses = (nodes: readonly RuleNode[]): boolean =>
    nodes.some((node) =>
      node.type === 'group'
        ? uses(node.conditions)
        : node.type === 'audience' && node.audienceId === audienceId,
    );
  return [...rules]
    .filter(([id, rule]) => id !== audienceId && uses(rule.conditions))
    .map(([id]) => id);
}
