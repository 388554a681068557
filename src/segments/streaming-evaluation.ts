import type { Config } from '../config/schema.js';
import { tableExists } from '../model/store-state.js';
import { TABLE } from '../model/table-names.js';
import type { Warehouse } from '../store/warehouse.js';
import { knownAttributes } from '../metrics/attributes.js';
import { liveRules } from './audience-rule.js';
import { compileRule } from './compile-rule.js';
import { duckdbRuleDialect } from './duckdb-rule-dialect.js';
import { knownDatasets } from './known-datasets.js';
import { createLiveFeatures } from './live-features.js';
import { recordMembership, type MembershipChange } from './record-membership.js';
import { isStreamingRule } from './rule-text.js';

/**
 * Re-evaluates the streaming audiences (rules on attributes, consent and raw events only) for
 * the customers of the given imports, reading their attributes and consent live, and records
 * who entered and left. Before the first refresh there is nothing to evaluate against (no
 * as-of instant, no known attributes): it does nothing, and the refresh evaluates everyone.
 */
export async function evaluateStreaming(
  warehouse: Warehouse,
  config: Config,
  importIds: readonly number[],
  at: Date = new Date(),
): Promise<MembershipChange[]> {
  if (importIds.length === 0 || !(await tableExists(warehouse, TABLE.storeAsOf))) return [];
  const rules = await liveRules(warehouse);
  const resolveAudience = (id: string) => rules.get(id) ?? null;
  const streaming = [...rules].filter(([, rule]) => isStreamingRule(rule, resolveAudience));
  if (streaming.length === 0) return [];
  const known = new Set(await knownAttributes(warehouse, config));
  // Datasets change only at refresh: a dataset condition reads the table as the last one left it.
  const datasets = await knownDatasets(warehouse);
  const stamp = at.toISOString().replace('T', ' ').replace('Z', '');
  return warehouse.withScratchTable('stream_scope', (scope) =>
    warehouse.withScratchTable('stream_live', (live) =>
      warehouse.withScratchTable('stream_events', async (events) => {
        // Ids of one coalesced run are near each other; a range reads the events' zone maps.
        await warehouse.scratch.fromQuery(
          scope,
          `SELECT DISTINCT customer_id FROM events WHERE import_id BETWEEN $first AND $last`,
          { first: Math.min(...importIds), last: Math.max(...importIds) },
        );
        await createLiveFeatures(warehouse, config, scope, live);
        // One scan of the events for every rule's counts: those of the batch's customers.
        await warehouse.scratch.fromQuery(
          events,
          `SELECT customer_id, type, kind, ts, properties, campaign_id, campaign_channel,
                  campaign_action
           FROM events WHERE customer_id IN (SELECT customer_id FROM ${scope})`,
        );
        // One commit for every audience of the batch, not one each.
        return warehouse.transaction(async () => {
          const changes: MembershipChange[] = [];
          for (const [audienceId, rule] of streaming) {
            const compiled = compileRule(rule, {
              dialect: duckdbRuleDialect,
              knownAttributes: known,
              knownDatasets: datasets,
              resolveAudience,
              audienceId,
              source: live,
              events,
            });
            changes.push(
              await recordMembership(warehouse, audienceId, compiled, {
                at: stamp,
                source: 'stream',
                scope,
                inTransaction: true,
              }),
            );
          }
          return changes;
        });
      }),
    ),
  );
}
