import type { Warehouse } from '../store/warehouse.js';
import { ruleSchema, type Rule } from './rule-schema.js';

/**
 * The current rule of every audience not deleted, by id. A stored rule that no longer
 * validates (saved by a later version, edited by hand) is left out rather than guessed at.
 */
export async function liveAudienceRules(warehouse: Warehouse): Promise<Map<string, Rule>> {
  const rows = await warehouse.query<{ id: string; rule: string }>(
    `SELECT audience_id AS id, CAST(rule AS VARCHAR) AS rule FROM audiences
     WHERE deleted_at IS NULL ORDER BY audience_id`,
  );
  const rules = new Map<string, Rule>();
  for (const row of rows) {
    const parsed = ruleSchema.safeParse(JSON.parse(row.rule));
    if (parsed.success) rules.set(row.id, parsed.data);
  }
  return rules;
}
