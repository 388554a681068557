import { compileRule } from '../../src/segments/compile-rule.js';
import { duckdbRuleDialect } from '../../src/segments/duckdb-rule-dialect.js';
import { recordMembership } from '../../src/segments/record-membership.js';
import { ruleSchema } from '../../src/segments/rule-schema.js';
import type { Warehouse } from '../../src/store/warehouse.js';
import { importedShop } from './imported-shop.js';
import type { TempProject } from './temp-project.js';

/** The shop's customers: c01 … c12. */
export const SHOP_CUSTOMERS = Array.from(
  { length: 12 },
  (_, i) => `c${String(i + 1).padStart(2, '0')}`,
);

/**
 * Email consent: c01–c08 accept the newsletter, c07 and c08 revoke it later, so c01–c06 are
 * subscribed. Every customer but c12 has an `email` attribute (`cNN@example.test`).
 */
export const SUBSCRIBED = ['c01', 'c02', 'c03', 'c04', 'c05', 'c06'];

function events(): string {
  const lines = ['event_id,customer_id,type,timestamp,order_id,amount,currency,category,action'];
  SHOP_CUSTOMERS.forEach((id, i) => {
    lines.push(
      `p${id},${id},purchase,2024-0${(i % 6) + 1}-10T12:00:00Z,o${id},${10 * (i + 1)},EUR,,`,
    );
    if (i < 8) lines.push(`a${id},${id},consent,2024-01-01T00:00:00Z,,,,newsletter,accept`);
    if (i === 6 || i === 7)
      lines.push(`r${id},${id},consent,2024-02-01T00:00:00Z,,,,newsletter,revoke`);
  });
  return lines.join('\n');
}

function customers(): string {
  const lines = ['customer_id,email,country'];
  for (const id of SHOP_CUSTOMERS)
    lines.push(`${id},${id === 'c12' ? '' : `${id}@example.test`},DE`);
  return `${lines.join('\n')}\n`;
}

/** Twelve customers with emails and consent, refreshed: what activations are tested on. */
export function activationShop(config?: object): Promise<TempProject> {
  return importedShop({
    config,
    files: [
      { kind: 'events', content: events() },
      { kind: 'customers', content: customers() },
    ],
    refresh: 'all',
  });
}

let evaluation = 0;

// Stored with the test audiences: reads a derived value, so streaming evaluation leaves them
// alone; a refresh that evaluates audiences would select every customer who bought.
const FIXTURE_RULE = JSON.stringify({
  version: 1,
  match: 'all',
  conditions: [{ type: 'value', field: 'revenue', test: { op: 'gte', value: 0 } }],
});

async function ensureAudience(
  warehouse: Warehouse,
  audienceId: string,
  rule: string,
  includeUnsubscribed: boolean,
): Promise<void> {
  await warehouse.run(
    `INSERT INTO audiences
     SELECT $id, $id, '', 'test', $rule::JSON, 1, $include, NULL, now(), now(), 'test', NULL
     WHERE $id NOT IN (SELECT audience_id FROM audiences)`,
    { id: audienceId, rule, include: includeUnsubscribed },
  );
}

/**
 * Makes an audience with a real rule (once) and records its evaluation through compileRule and
 * recordMembership, as a refresh does; returns how many customers it holds.
 */
export async function ruleAudience(
  warehouse: Warehouse,
  audienceId: string,
  rule: unknown,
): Promise<number> {
  const parsed = ruleSchema.parse(rule);
  await ensureAudience(warehouse, audienceId, JSON.stringify(parsed), false);
  const compiled = compileRule(parsed, {
    dialect: duckdbRuleDialect,
    knownAttributes: new Set(),
    resolveAudience: () => null,
  });
  const change = await recordMembership(warehouse, audienceId, compiled, {
    at: '2026-01-01 00:00:00',
    source: 'edit',
  });
  return change.members;
}

/**
 * Makes an audience (once) and records an evaluation in which exactly `members` belong to it,
 * through the same recordMembership a refresh uses.
 */
export async function setMembers(
  warehouse: Warehouse,
  audienceId: string,
  members: readonly string[],
  options: { includeUnsubscribed?: boolean } = {},
): Promise<void> {
  await ensureAudience(warehouse, audienceId, FIXTURE_RULE, options.includeUnsubscribed ?? false);
  evaluation += 1;
  const second = String(evaluation % 60).padStart(2, '0');
  const minute = String(Math.floor(evaluation / 60) % 60).padStart(2, '0');
  await recordMembership(
    warehouse,
    audienceId,
    {
      sql: 'SELECT customer_id FROM customer_features WHERE list_contains($ids, customer_id)',
      params: { ids: [...members] },
    },
    { at: `2026-01-01 00:${minute}:${second}`, source: 'edit' },
  );
}
