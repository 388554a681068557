import { campaignsStep } from '../campaigns/campaigns-step.js';
import type { Config } from '../config/schema.js';
import { startQuerySnapshot, type PendingSnapshot } from '../query/query-snapshot.js';
import { hasDatasets } from '../query/saved-queries.js';
import { messageOf } from '../shared/errors.js';
import { refresh, type RefreshStepListener, type RefreshSummary } from '../model/refresh.js';
import { derivedTables } from '../model/registry.js';
import { predictionsStep } from '../predictions/predictions-step.js';
import { evaluateAllAudiences } from '../segments/evaluate-audiences.js';
import { featuresStep } from '../segments/features-step.js';
import type { Warehouse } from '../store/warehouse.js';

/** What a refresh does after publishing its tables, as its progress names it. */
const LATER_STEPS = [
  'writing the query snapshot and the datasets',
  'evaluating the audiences',
] as const;

/** A refresh's summary with what its audience step did. */
export interface FullRefreshSummary extends RefreshSummary {
  audiences: {
    /** Live audiences evaluated. */
    evaluated: number;
    /** Those whose evaluation failed (each failure is in `audience_evaluations.error`). */
    failed: number;
    /** The time the step added after publishing. */
    seconds: number;
  };
}

export interface RefreshAllOptions {
  /**
   * Runs the audience step, which writes membership, where the caller's other writes cannot
   * interleave with it (the server's write lane); default: at once.
   */
  exclusive?: <T>(work: () => Promise<T>) => Promise<T>;
  /** The instant entries and exits are stamped with (default: now); tests pin days with it. */
  audiencesAt?: Date;
  /**
   * The project's query folder: the saved queries marked as datasets are materialised (on a
   * snapshot of the refresh written there) before the audiences are evaluated, so that rules
   * read this refresh's datasets; the snapshot is put in place after them. A snapshot or a
   * dataset that cannot be written is a warning (the next query writes it), never a failed
   * refresh.
   */
  queryDir?: string;
  /** Build every derived table in full (`clv refresh --full`). */
  full?: boolean;
}

/**
 * The whole refresh, in the order the product promises: every derived table, then the
 * predictions that read them, published together; then the datasets (saved queries) on them;
 * then every live audience is evaluated on the published tables and the datasets; then the
 * query service's snapshot is put in place. What `clv refresh`, `POST /refresh` and the
 * schedule run. An audience that fails to evaluate is recorded with its error and does not
 * fail the refresh.
 */
export async function refreshAll(
  warehouse: Warehouse,
  config: Config,
  onStep?: RefreshStepListener,
  options: RefreshAllOptions = {},
): Promise<FullRefreshSummary> {
  // The steps after publishing go on the same bar: at a million customers the snapshot's copy
  // alone took 25 s, which the bar showed as "publishing".
  let total = 0;
  const summary = await refresh(
    warehouse,
    config,
    derivedTables,
    [predictionsStep, featuresStep, campaignsStep],
    onStep &&
      ((step, done, all) => {
        total = all;
        onStep(step, done, all);
      }),
    LATER_STEPS.length,
    { full: options.full ?? false },
  );
  const announce = (step: (typeof LATER_STEPS)[number]): void => {
    onStep?.(step, total - LATER_STEPS.length + LATER_STEPS.indexOf(step), total);
  };
  const warnings = [...summary.warnings];
  const unwritten = (error: unknown): void => {
    warnings.push(
      `the query snapshot was not written (${messageOf(error)}): the next query writes it`,
    );
  };
  let snapshot: PendingSnapshot | null = null;
  // The snapshot copies every offered table (seconds on a large shop): a refresh writes it
  // only when datasets must be made for the audiences; otherwise the first query after it does.
  if (options.queryDir && (await hasDatasets(warehouse))) {
    announce(LATER_STEPS[0]);
    snapshot = await startQuerySnapshot(warehouse, options.queryDir, config.query).catch(
      (error: unknown) => {
        unwritten(error);
        return null;
      },
    );
  }
  const exclusive = options.exclusive ?? (<T>(work: () => Promise<T>) => work());
  announce(LATER_STEPS[1]);
  const evaluated = await exclusive(() =>
    evaluateAllAudiences(warehouse, config, {
      refreshId: summary.refreshId,
      at: options.audiencesAt,
    }),
  ).catch(async (error: unknown) => {
    await snapshot?.abandon();
    throw error;
  });
  await snapshot?.publish().catch(unwritten);
  return {
    ...summary,
    warnings,
    audiences: {
      evaluated: evaluated.audiences.length,
      failed: evaluated.audiences.filter((audience) => audience.error !== null).length,
      seconds: evaluated.seconds,
    },
  };
}
