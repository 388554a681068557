import { describe, expect } from 'vitest';
import { ZodError } from 'zod';
import {
  compileRule,
  type CompileContext,
  type CompiledRule,
} from '../../src/segments/compile-rule.js';
import { duckdbRuleDialect } from '../../src/segments/duckdb-rule-dialect.js';
import { knownDatasets, type KnownDatasets } from '../../src/segments/known-datasets.js';
import { ruleSchema, type Rule, type RuleNode } from '../../src/segments/rule-schema.js';
import { ClvError } from '../../src/shared/errors.js';
import type { Warehouse } from '../../src/store/warehouse.js';
import { projectTest } from '../helpers/project-test.js';
import { HOSTILE, writeFuzzStore } from './fuzz-store.js';
import { referenceMembers, ReferenceRefusal, type ReferenceStore } from './reference-evaluation.js';
import { RuleGenerator } from './rule-generator.js';

// 1,000 rules by default, the issue's 10,000 with CLV_THOROUGH=1.
const RULES = process.env['CLV_THOROUGH'] === '1' ? 10_000 : 1_000;
const SEED = 20_241_205;
const READABLE = new Set([
  'customer_features',
  'store_as_of',
  'events',
  'orders',
  'dataset_tiers',
  'dataset_int_ids',
]);
// Hostile texts that can never be part of the compiler's own SQL.
const NEVER_IN_SQL = HOSTILE.filter((text) => text.length >= 3 && !['$p1', '/*'].includes(text));

// The literals the compiler and the dialect write: a kind and the number and date patterns.
const OWN_LITERALS = [
  `'campaign'`,
  ...`${duckdbRuleDialect.tryNumber('v')} ${duckdbRuleDialect.tryDate('v')}`.matchAll(/'[^']*'/g),
].map((match) => (typeof match === 'string' ? match : match[0]));

const test = projectTest();
// The datasets the fuzz store holds, as the store lists them (set by the first test).
let datasets: KnownDatasets = new Map();

describe(`compileRule on ${RULES} random rules over a hand-made store`, () => {
  test(
    'refuses by schema or by a clear error, or selects exactly what the reference selects',
    async ({ t }) => {
      const store = await writeFuzzStore(t.warehouse, SEED);
      datasets = await knownDatasets(t.warehouse);
      expect([...datasets.keys()].sort()).toEqual(['int_ids', 'tiers']);
      const before = await fingerprint(t.warehouse);
      const generator = new RuleGenerator(SEED);
      const tally = { rules: 0, schema: 0, compiler: 0, ran: 0, members: 0, datasets: 0 };
      const started = performance.now();
      for (let i = 0; i < RULES; i++) {
        const generated = generator.next();
        const about = `rule ${i} (${generated.poison ?? 'valid'}): ${JSON.stringify(generated.rule).slice(0, 2000)}`;
        tally.rules += 1;
        const parsed = ruleSchema.safeParse(generated.rule);
        if (!parsed.success) {
          expect(generated.valid, `${about}\nrefused: ${parsed.error.message}`).toBe(false);
          expect(parsed.error).toBeInstanceOf(ZodError);
          // Every refusal says what is wrong and where.
          for (const issue of parsed.error.issues) {
            expect(issue.message.length, about).toBeGreaterThan(0);
            expect(issue.path.length, `${about}\n${parsed.error.message}`).toBeGreaterThan(0);
          }
          tally.schema += 1;
          continue;
        }
        expect(generated.valid, `${about}\naccepted`).toBe(true);
        const rule = parsed.data;
        // Now and then the rule is compiled as the edit of a saved audience (a cycle back to it).
        const audienceId =
          i % 7 === 0 ? [...store.audiences.keys()][i % store.audiences.size] : undefined;
        const expected = reference(store, rule, audienceId);
        const compiled = compile(store, rule, audienceId);
        if (compiled instanceof ClvError || expected instanceof ReferenceRefusal) {
          const said = compiled instanceof ClvError ? compiled.message : 'compiled';
          expect(expected instanceof ReferenceRefusal, `${about}\ncompiler: ${said}`).toBe(
            compiled instanceof ClvError,
          );
          expect(said, about).toMatch(
            /unknown attribute .*: known are|unknown (dataset|column) .*: known are|is a (number|date): \w+ tests a|no audience "|in a cycle: "|at most 200 conditions/,
          );
          tally.compiler += 1;
          continue;
        }
        checkSql(compiled, about);
        expect(
          sameShape(store, rule, audienceId, compiled),
          `${about}\nthe SQL depends on the texts typed`,
        ).toBe(true);
        const rows = await t.warehouse.query<{ customer_id: string }>(
          compiled.sql,
          compiled.params,
        );
        const got = rows.map((row) => row.customer_id).sort();
        expect(
          got,
          `${about}\n${compiled.sql}\n${JSON.stringify(compiled.params).slice(0, 2000)}`,
        ).toEqual([...expected].sort());
        tally.ran += 1;
        tally.members += got.length;
        if (compiled.sql.includes('dataset_')) tally.datasets += 1;
      }
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `rule fuzz: ${JSON.stringify({ ...tally, seconds: Math.round(seconds * 10) / 10 })}`,
      );
      expect(await fingerprint(t.warehouse)).toEqual(before);
      // Every kind of outcome came up, and some rules select some but not all customers.
      expect(tally.schema).toBeGreaterThan(RULES / 10);
      expect(tally.compiler).toBeGreaterThan(RULES / 50);
      expect(tally.ran).toBeGreaterThan(RULES / 2);
      expect(tally.members).toBeGreaterThan(0);
      expect(tally.datasets).toBeGreaterThan(RULES / 20);
    },
    RULES * 300,
  );

  test('reads only the relations a rule may read, as the engine plans it', async ({ t }) => {
    const store = await writeFuzzStore(t.warehouse, SEED);
    datasets = await knownDatasets(t.warehouse);
    const rule = ruleSchema.parse({
      version: 1,
      match: 'any',
      conditions: [
        { type: 'attribute', attribute: 'age', test: { op: 'gt', value: 3 } },
        { type: 'value', field: 'last_order_at', test: { op: 'withinLastDays', days: 30 } },
        { type: 'event', eventType: 'page_view', window: { lastDays: 7 } },
        { type: 'purchase', outcome: 'returned' },
        { type: 'campaign', action: 'received', channel: 'email' },
        { type: 'audience', audienceId: 'aud_buyers', member: true },
        {
          type: 'dataset',
          dataset: 'tiers',
          member: false,
          column: 'tier',
          test: { op: 'lte', value: 2 },
        },
      ],
    });
    const compiled = compile(store, rule, undefined);
    if (compiled instanceof ClvError) throw compiled;
    const plan = await t.warehouse.query<{ explain_value: string }>(
      `EXPLAIN (FORMAT JSON) ${compiled.sql}`,
      compiled.params,
    );
    const tables = new Set<string>();
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(visit);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === 'Table' && typeof value === 'string') {
            tables.add(value.replace(/^clv\.main\./, ''));
          }
          visit(value);
        }
      }
    };
    visit(JSON.parse(plan.map((row) => row.explain_value).join('')));
    expect([...tables].sort()).toEqual([
      'customer_features',
      'dataset_tiers',
      'events',
      'orders',
      'store_as_of',
    ]);
  });
});

function context(store: ReferenceStore, audienceId: string | undefined): CompileContext {
  return {
    dialect: duckdbRuleDialect,
    knownAttributes: store.knownAttributes,
    knownDatasets: datasets,
    resolveAudience: (id) => store.audiences.get(id) ?? null,
    ...(audienceId === undefined ? {} : { audienceId }),
  };
}

function reference(
  store: ReferenceStore,
  rule: Rule,
  audienceId: string | undefined,
): Set<string> | ReferenceRefusal {
  try {
    return referenceMembers(store, rule, audienceId);
  } catch (error) {
    if (error instanceof ReferenceRefusal) return error;
    throw error;
  }
}

function compile(
  store: ReferenceStore,
  rule: Rule,
  audienceId: string | undefined,
): CompiledRule | ClvError {
  try {
    return compileRule(rule, context(store, audienceId));
  } catch (error) {
    if (error instanceof ClvError) return error;
    throw error;
  }
}

/** The SQL holds no typed text and names only the relations a rule may read. */
function checkSql(compiled: CompiledRule, about: string): void {
  for (const text of NEVER_IN_SQL)
    expect(compiled.sql.includes(text), `${about}: ${text}`).toBe(false);
  const relations = [...compiled.sql.matchAll(/\b(?:FROM|JOIN)\s+([a-z_][a-z0-9_.]*)/gi)].map(
    (m) => m[1],
  );
  for (const relation of relations)
    expect(READABLE.has(relation ?? ''), `${about}: reads ${relation}`).toBe(true);
  // No statement separator, comment or quote but in the literals the compiler writes itself.
  // Quoted names of known dataset columns (one holds a quote) are the store's, not typed.
  let own = compiled.sql.replaceAll(/d\."(?:[^"]|"")*"/g, 'd.column');
  for (const literal of OWN_LITERALS) own = own.replaceAll(literal, '');
  expect(own.match(/[;'"\\]|--|\/\*/), about).toBeNull();
}

/**
 * Whether the rule with every typed text replaced (names known and audiences resolved the same
 * way) compiles to the same SQL: then no typed text can have reached the SQL.
 */
function sameShape(
  store: ReferenceStore,
  rule: Rule,
  audienceId: string | undefined,
  compiled: CompiledRule,
): boolean {
  const names = new Map<string, string>();
  const rename = (text: string): string => {
    let name = names.get(text);
    if (name === undefined) names.set(text, (name = `renamed${names.size}`));
    return name;
  };
  const renamedContext: CompileContext = {
    dialect: duckdbRuleDialect,
    knownAttributes: new Set([...store.knownAttributes].map(rename)),
    // Dataset and column names are the store's, written into the SQL once checked: kept.
    knownDatasets: datasets,
    resolveAudience: (id) => {
      const text = [...names].find(([, name]) => name === id)?.[0];
      const found = text === undefined ? undefined : store.audiences.get(text);
      return found ? renameRule(found, rename) : null;
    },
    ...(audienceId === undefined ? {} : { audienceId: rename(audienceId) }),
  };
  const again = compileRule(renameRule(rule, rename), renamedContext);
  return (
    again.sql === compiled.sql &&
    Object.keys(again.params).length === Object.keys(compiled.params).length
  );
}

function renameRule(rule: Rule, rename: (text: string) => string): Rule {
  return { ...rule, conditions: rule.conditions.map((node) => renameNode(node, rename)) };
}

function renameNode(node: RuleNode, rename: (text: string) => string): RuleNode {
  const test = <T extends { op: string }>(value: T): T => {
    const copy: Record<string, unknown> = { ...value };
    if (typeof copy['value'] === 'string') copy['value'] = rename(copy['value']);
    if (Array.isArray(copy['values'])) copy['values'] = (copy['values'] as string[]).map(rename);
    return copy as T;
  };
  switch (node.type) {
    case 'group':
      return { ...node, conditions: node.conditions.map((child) => renameNode(child, rename)) };
    case 'attribute':
      return { ...node, attribute: rename(node.attribute), test: test(node.test) };
    case 'event':
      return {
        ...node,
        eventType: rename(node.eventType),
        ...(node.properties
          ? { properties: node.properties.map((p) => ({ key: rename(p.key), test: test(p.test) })) }
          : {}),
      };
    case 'campaign':
      return {
        ...node,
        ...(node.campaignId === undefined ? {} : { campaignId: rename(node.campaignId) }),
        ...(node.channel === undefined ? {} : { channel: rename(node.channel) }),
      };
    case 'audience':
      return { ...node, audienceId: rename(node.audienceId) };
    case 'dataset':
      return node.test === undefined ? node : { ...node, test: test(node.test) };
    default:
      return node;
  }
}

/** Row count and an order-free checksum of every table of the store. */
async function fingerprint(warehouse: Warehouse): Promise<Record<string, string>> {
  const tables = await warehouse.query<{ name: string }>(
    `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await warehouse.query<{ n: number; sum: string }>(
      `SELECT count(*) AS n, coalesce(sum(hash(t)::HUGEINT), 0)::VARCHAR AS sum FROM ${name} t`,
    );
    result[name] = `${row?.n}:${row?.sum}`;
  }
  return result;
}
