import type { Config } from '../config/schema.js';
import type { Warehouse } from '../store/warehouse.js';
import { compileAudienceRule, parseRule, requireFeatures, ruleScope } from './audience-rule.js';
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
 * Estimates a rule on the latest refresh: one aggregate query over `customer_features` joined
 * with the compiled rule, and a top-N for the sample. `audienceId` is the audience being edited,
 * so that a rule reaching back to it is refused as a cycle. A 409 before the first refresh.
 */
export async function estimateAudience(
  warehouse: Warehouse,
  config: Config,
  input: { rule: unknown; audienceId?: string },
): Promise<AudienceEstimate> {
  const rule = parseRule(input.rule);
  await requireFeatures(warehouse);
  const scope = await ruleScope(warehouse, config);
  const rules = input.audienceId ? new Map(scope.rules).set(input.audienceId, rule) : scope.rules;
  const compiled = compileAudienceRule(rule, { ...scope, rules }, input.audienceId);
  const [totals] = await warehouse.query<{
    as_of: string;
    members: number;
    known: number;
    revenue: number;
    historic_clv: number;
    predicted_clv: number | null;
  }>(
    `WITH members AS (${compiled.sql})
     SELECT strftime((SELECT as_of FROM store_as_of), '%Y-%m-%dT%H:%M:%SZ') AS as_of,
            count(m.customer_id) AS members,
            count(*) AS known,
            coalesce(sum(f.revenue) FILTER (WHERE m.customer_id IS NOT NULL), 0) AS revenue,
            coalesce(sum(f.historic_clv) FILTER (WHERE m.customer_id IS NOT NULL), 0) AS historic_clv,
            sum(f.predicted_clv) FILTER (WHERE m.customer_id IS NOT NULL) AS predicted_clv
     FROM customer_features f LEFT JOIN members m USING (customer_id)`,
    compiled.params,
  );
  const sample = await warehouse.query<{
    customer_id: string;
    revenue: number;
    predicted_clv: number | null;
    p_alive: number | null;
  }>(
    `SELECT f.customer_id, f.revenue, f.predicted_clv, f.p_alive
     FROM customer_features f SEMI JOIN (${compiled.sql}) m USING (customer_id)
     ORDER BY f.predicted_clv DESC NULLS LAST, f.customer_id COLLATE C
     LIMIT ${SAMPLE_SIZE}`,
    compiled.params,
  );
  const names = await audienceNames(warehouse);
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
