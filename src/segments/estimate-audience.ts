import type { Config } from '../config/schema.js';
import type { Warehouse } from '../store/warehouse.js';
import type { CompiledRule } from './compile-rule.js';
import {
  compileAudienceRule,
  parseRule,
  requireFeatures,
  ruleNeeds,
  ruleScope,
} from './audience-rule.js';
import { audienceNames } from './audiences.js';
import { ruleText } from './rule-text.js';

/** Who a rule would select now, as the builder shows it while one edits. */
export interface AudienceEstimate {
  /** The store's as-of instant the relative windows count back from (UTC). */
  asOf: string;
  members: number;
  knownCustomers: number;
  /** members / knownCustomers; null when the store knows no customer. */
  share: number | null;
  revenue: number;
  historicClv: number;
  /** Null when no member has a prediction (no model fitted). */
  predictedClv: number | null;
  /** Up to 20 members, highest predicted CLV first, then by id. */
  sample: {
    customerId: string;
    revenue: number;
    predictedClv: number | null;
    pAlive: number | null;
  }[];
  ruleText: string;
}

export const SAMPLE_SIZE = 20;

/**
 * The members with the values an estimate sums: the compiled rule's condition read in the same
 * scan of `customer_features` (no join of a million ids back to their rows).
 */
function membersSql(compiled: CompiledRule): string {
  const columns = 'f.customer_id, f.revenue, f.historic_clv, f.predicted_clv, f.p_alive';
  return `SELECT ${columns} FROM ${compiled.from} WHERE ${compiled.where}`;
}

/**
 * Estimates a rule on the latest refresh: one query over `customer_features` with the compiled
 * rule's condition, its sums and its top 20 for the sample. `audienceId` is the audience being edited,
 * so that a rule reaching back to it is refused as a cycle. A 409 before the first refresh.
 */
export async function estimateAudience(
  warehouse: Warehouse,
  config: Config,
  input: { rule: unknown; audienceId?: string },
): Promise<AudienceEstimate> {
  const rule = parseRule(input.rule);
  await requireFeatures(warehouse);
  const scope = await ruleScope(warehouse, config, rule);
  const rules = input.audienceId ? new Map(scope.rules).set(input.audienceId, rule) : scope.rules;
  const compiled = compileAudienceRule(rule, { ...scope, rules }, input.audienceId);
  const [row] = await warehouse.query<{
    as_of: string;
    members: number;
    known: number;
    revenue: number;
    historic_clv: number;
    predicted_clv: number | null;
    sample:
      | {
          customer_id: string;
          revenue: number;
          predicted_clv: number | null;
          p_alive: number | null;
        }[]
      | null;
  }>(
    `WITH m AS MATERIALIZED (${membersSql(compiled)})
     SELECT strftime((SELECT as_of FROM store_as_of), '%Y-%m-%dT%H:%M:%SZ') AS as_of,
            (SELECT count(*) FROM customer_features) AS known,
            count(*) AS members,
            coalesce(sum(revenue), 0) AS revenue,
            coalesce(sum(historic_clv), 0) AS historic_clv,
            sum(predicted_clv) AS predicted_clv,
            (SELECT list(struct_pack(customer_id, revenue, predicted_clv, p_alive)
                         ORDER BY predicted_clv DESC NULLS LAST, ${warehouse.dialect.inByteOrder('customer_id')})
             FROM (SELECT * FROM m ORDER BY predicted_clv DESC NULLS LAST, ${warehouse.dialect.inByteOrder('customer_id')}
                   LIMIT ${SAMPLE_SIZE})) AS sample
     FROM m`,
    compiled.params,
  );
  const totals = row;
  const sample = row?.sample ?? [];
  const names = ruleNeeds(rule).audiences
    ? await audienceNames(warehouse)
    : new Map<string, string>();
  const members = totals?.members ?? 0;
  const known = totals?.known ?? 0;
  return {
    asOf: totals?.as_of ?? '',
    members,
    knownCustomers: known,
    share: known > 0 ? members / known : null,
    revenue: totals?.revenue ?? 0,
    historicClv: totals?.historic_clv ?? 0,
    predictedClv: totals?.predicted_clv ?? null,
    sample: sample.map((row) => ({
      customerId: row.customer_id,
      revenue: row.revenue,
      predictedClv: row.predicted_clv,
      pAlive: row.p_alive,
    })),
    ruleText: ruleText(rule, { audienceName: (id) => names.get(id) ?? null }),
  };
}
