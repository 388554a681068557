import type { Config } from '../config/schema.js';
import { ClvError, messageOf } from '../shared/errors.js';
import type { Warehouse } from '../store/warehouse.js';
import { compileAudienceRule, hasFeatures, ruleScope, type RuleScope } from './audience-rule.js';
import { liveAudienceRows, nowStamp, type AudienceRow } from './audience-store.js';
import { recordMembership, type RecordOptions } from './record-membership.js';

/** What one evaluation of one audience did: its figures, or why it failed. */
export interface AudienceEvaluation {
  audienceId: string;
  members: number | null;
  entered: number;
  exited: number;
  error: string | null;
}

/**
 * Evaluates one audience and records its entries and exits. A failure (a rule naming an
 * attribute no longer known, an audience since deleted, an engine error) is recorded as an
 * evaluation with its `error` and the membership left as it was, never thrown.
 */
export async function evaluateAudience(
  warehouse: Warehouse,
  audience: Pick<AudienceRow, 'id' | 'rule'>,
  scope: RuleScope,
  options: Omit<RecordOptions, 'scope'>,
): Promise<AudienceEvaluation> {
  try {
    const compiled = compileAudienceRule(audience.rule, scope, audience.id);
    const change = await recordMembership(warehouse, audience.id, compiled, options);
    return { ...change, error: null };
  } catch (error) {
    // Our own errors say what to change; an engine's report keeps its first line, without SQL.
    const message =
      error instanceof ClvError
        ? error.message.slice(0, 1000)
        : `the engine failed: ${(messageOf(error).split('\n')[0] ?? '').slice(0, 300)}`;
    await recordFailure(warehouse, audience.id, message, options);
    return { audienceId: audience.id, members: null, entered: 0, exited: 0, error: message };
  }
}

/** An evaluation row saying why it failed, the membership left as it was. */
async function recordFailure(
  warehouse: Warehouse,
  audienceId: string,
  message: string,
  options: Omit<RecordOptions, 'scope'>,
): Promise<void> {
  // Not recording the failure must not fail the refresh either: the summary still counts it.
  await warehouse
    .run(
      `INSERT INTO audience_evaluations
       SELECT $audience, $at::TIMESTAMP, $source, $refresh, count(*), 0, 0, $error
       FROM audience_members WHERE audience_id = $audience AND exited_at IS NULL`,
      {
        audience: audienceId,
        at: options.at,
        source: options.source,
        refresh: options.refreshId ?? null,
        error: message,
      },
    )
    .catch(() => undefined);
}

/** What the refresh's audience step did, and how long it took. */
export interface AudiencesEvaluated {
  audiences: AudienceEvaluation[];
  seconds: number;
}

/**
 * Evaluates every live audience once, after a refresh has published its tables: the step the
 * refresh ends with. One audience's failure is recorded with it and does not stop the others.
 */
export async function evaluateAllAudiences(
  warehouse: Warehouse,
  config: Config,
  options: { refreshId: number | null; at?: Date },
): Promise<AudiencesEvaluated> {
  const started = performance.now();
  const audiences: AudienceEvaluation[] = [];
  if (await hasFeatures(warehouse)) {
    const scope = await ruleScope(warehouse, config);
    const at = nowStamp(options.at);
    for (const audience of await liveAudienceRows(warehouse)) {
      audiences.push(
        await evaluateAudience(warehouse, audience, scope, {
          at,
          source: 'refresh',
          refreshId: options.refreshId,
        }),
      );
    }
  }
  return { audiences, seconds: Number(((performance.now() - started) / 1000).toFixed(3)) };
}
