import type { Warehouse } from '../store/warehouse.js';
import type { CompiledRule } from './compile-rule.js';

/** What one evaluation of an audience changed. */
export interface MembershipChange {
  audienceId: string;
  /** Members after the evaluation (all of them, also when a scope was given). */
  members: number;
  entered: number;
  exited: number;
}

export interface RecordOptions {
  /** UTC timestamp `YYYY-MM-DD HH:MM:SS[.fff]` the entries and exits are stamped with. */
  at: string;
  source: 'refresh' | 'stream' | 'edit';
  refreshId?: number | null;
  /**
   * A table (`customer_id`) of the only customers this evaluation decides about, as streaming
   * evaluation passes the customers of one batch: others keep their membership. Its name is
   * the caller's, never user input.
   */
  scope?: string;
  /**
   * The caller holds a transaction around this and other evaluations (streaming evaluation
   * commits a batch's audiences together): none is opened here.
   */
  inTransaction?: boolean;
}

const TABLE_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * Evaluates a compiled rule and records the difference with the audience's open stays in
 * `audience_members`: a customer now matching without an open stay enters (a new stay from
 * `at`), an open stay whose customer no longer matches is closed at `at`. The changes and the
 * evaluation's row in `audience_evaluations` are one transaction, so history never holds half
 * an evaluation.
 */
export async function recordMembership(
  warehouse: Warehouse,
  audienceId: string,
  compiled: Pick<CompiledRule, 'sql' | 'params'>,
  options: RecordOptions,
): Promise<MembershipChange> {
  if (options.scope !== undefined && !TABLE_NAME.test(options.scope)) {
    throw new Error(`not a table name: ${options.scope}`);
  }
  const scope = options.scope ? `customer_id IN (SELECT customer_id FROM ${options.scope})` : null;
  return warehouse.withScratchTable('audience_now', async (now) => {
    await warehouse.scratch.fromQuery(
      now,
      `SELECT customer_id FROM (${compiled.sql}) ${scope ? `WHERE ${scope}` : ''}`,
      compiled.params,
    );
    const params = { audience: audienceId, at: options.at };
    const atomically = <T>(work: () => Promise<T>): Promise<T> =>
      options.inTransaction ? work() : warehouse.transaction(work);
    return atomically(async () => {
      const exited = await warehouse.run(
        `UPDATE audience_members SET exited_at = $at::TIMESTAMP
         WHERE audience_id = $audience AND exited_at IS NULL ${scope ? `AND ${scope}` : ''}
           AND customer_id NOT IN (SELECT customer_id FROM ${now})`,
        params,
      );
      const entered = await warehouse.run(
        `INSERT INTO audience_members
         SELECT $audience, n.customer_id, $at::TIMESTAMP, NULL FROM ${now} n
         WHERE n.customer_id NOT IN (
           SELECT customer_id FROM audience_members
           WHERE audience_id = $audience AND exited_at IS NULL)`,
        params,
      );
      const [count] = await warehouse.query<{ n: number }>(
        `SELECT count(*) AS n FROM audience_members
         WHERE audience_id = $audience AND exited_at IS NULL`,
        { audience: audienceId },
      );
      const members = count?.n ?? 0;
      await warehouse.run(
        `INSERT INTO audience_evaluations
         VALUES ($audience, $at::TIMESTAMP, $source, $refresh, $members, $entered, $exited, NULL)`,
        {
          ...params,
          source: options.source,
          refresh: options.refreshId ?? null,
          members,
          entered,
          exited,
        },
      );
      return { audienceId, members, entered, exited };
    });
  });
}
