/**
 * Campaign benchmark. On a copy of the cached demo shop (`make-demo-store.ts`, seed 1), refreshed
 * once: the refresh's campaigns step alone (every campaign table, lift and winback included),
 * built again in a schema of its own as a refresh builds it, against a baseline measured in the
 * same run: a bare scan of the campaign events (their count per campaign). Median of a few
 * rounds of each, and their ratio.
 */
import { rm } from 'node:fs/promises';
import { campaignsStep } from '../src/campaigns/campaigns-step.js';
import { openProject } from '../src/config/project.js';
import { TABLE } from '../src/model/table-names.js';
import { usableEvents } from '../src/model/usable-events.js';
import { refreshAll } from '../src/pipeline/refresh-all.js';
import type { Warehouse } from '../src/store/warehouse.js';
import { openStore } from '../src/store/open-store.js';
import type { BenchContext } from './bench-context.js';
import { copyDemoStore, makeDemoStore } from './make-demo-store.js';
import { machineInfo, timed } from './measure.js';

/** The goal: the campaign tables of the 1 M-customer demo in under 5 s at refresh. */
const GOAL_SECONDS = 5;
const SCHEMA = 'bench_campaigns';
/** The tables of earlier refresh steps that the campaigns step reads from its own schema. */
const EARLIER_STEPS_TABLES = [
  TABLE.storeAsOf,
  TABLE.orders,
  TABLE.purchaseSummary,
  TABLE.customerPredictions,
  TABLE.modelFit,
] as const;

const median = (samples: readonly number[]): number =>
  [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? 0;

/** The campaigns step once, in a fresh schema that reads the published tables by plain name. */
async function stepOnce(warehouse: Warehouse, project: Awaited<ReturnType<typeof openProject>>) {
  await warehouse.generations.drop(SCHEMA);
  // Every round from the same state: the refresh's (or the last round's) writes checkpointed,
  // so that no round pays for another's.
  await warehouse.run('CHECKPOINT');
  await warehouse.generations.create(SCHEMA);
  // The step reads what the earlier steps of a refresh leave in its schema: views of the
  // published tables stand in for them, so that no copy is timed.
  for (const table of EARLIER_STEPS_TABLES) {
    await warehouse.run(`CREATE VIEW ${SCHEMA}.${table} AS SELECT * FROM main.${table}`);
  }
  // And reads the events as a refresh reads them: through its view of those in the accepted
  // ranges (a step that read the raw table here once timed half of what it cost in a refresh).
  await usableEvents(warehouse, project.config, SCHEMA);
  return warehouse.generations.readingFirst(SCHEMA, () =>
    timed(() => campaignsStep({ warehouse, config: project.config, schema: SCHEMA })),
  );
}

export async function run(context: BenchContext): Promise<void> {
  const store = await makeDemoStore(context.cacheDir, context.customers);
  const dir = await copyDemoStore(store, 'campaign');
  try {
    const project = await openProject(dir);
    const warehouse = await openStore(project);
    try {
      const refreshed = await timed(() =>
        refreshAll(warehouse, project.config, undefined, { full: true }),
      );
      const [shape] = await warehouse.query<{ events: number; campaigns: number }>(
        `SELECT count(*) AS events, count(DISTINCT campaign_id) AS campaigns
         FROM events WHERE kind = 'campaign'`,
      );
      const rounds = context.smoke ? 1 : 3;
      const step: number[] = [];
      const baseline: number[] = [];
      let tables: { name: string; rows: number }[] = [];
      for (let round = 0; round < rounds; round++) {
        const built = await stepOnce(warehouse, project);
        step.push(built.seconds);
        tables = built.value.tables;
        baseline.push(
          (
            await timed(() =>
              warehouse.query(
                `SELECT campaign_id, count(*) AS n FROM events
                 WHERE kind = 'campaign' GROUP BY campaign_id`,
              ),
            )
          ).seconds,
        );
      }
      await warehouse.generations.drop(SCHEMA);
      const stepSeconds = median(step);
      const baselineSeconds = median(baseline);
      const ratio = stepSeconds / Math.max(baselineSeconds, 1e-9);
      console.log(
        `campaigns step: median ${stepSeconds.toFixed(2)} s over ${rounds} rounds ` +
          `(${shape?.campaigns ?? 0} campaigns, ${(shape?.events ?? 0).toLocaleString('en')} ` +
          `campaign events; goal ${GOAL_SECONDS} s at 1 M customers); baseline (a bare scan of ` +
          `the campaign events) ${baselineSeconds.toFixed(3)} s; ratio ${ratio.toFixed(1)}×; ` +
          `whole refresh ${refreshed.seconds.toFixed(1)} s`,
      );
      const file = await context.writeResults('campaign', {
        benchmark: 'campaign',
        measuredAt: new Date().toISOString(),
        customers: store.customers,
        events: store.events,
        campaignEvents: shape?.events ?? 0,
        campaigns: shape?.campaigns ?? 0,
        smoke: context.smoke,
        machine: machineInfo(),
        refreshSeconds: Number(refreshed.seconds.toFixed(3)),
        step: {
          rounds,
          medianSeconds: Number(stepSeconds.toFixed(3)),
          samples: step.map((s) => Number(s.toFixed(3))),
          tables,
        },
        baseline: { medianSeconds: Number(baselineSeconds.toFixed(4)) },
        ratioToBaseline: Number(ratio.toFixed(2)),
        goalSeconds: GOAL_SECONDS,
        pass: stepSeconds < GOAL_SECONDS,
      });
      console.log(`results: ${file}`);
    } finally {
      await warehouse.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
