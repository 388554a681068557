/**
 * Predict benchmark. A worker process simulates 1 M customers' (frequency, recency, T,
 * monetary) from BG/NBD and Gamma-Gamma with known parameters (seeded, T = 39 weeks, recency
 * in whole days), stores them as a `purchase_summary` table, and times what `clv refresh` does
 * with it: (1) the summary, grouped into distinct histories and read with the repeat buyers'
 * spend; (2) the fits of both models; (3) the predictions of all customers into
 * `customer_predictions`. The baseline, in the same run, is the engine handing the four
 * summary columns of every customer to JavaScript: the floor of any model that reads them.
 */
import { fileURLToPath } from 'node:url';
import { defaultConfig } from '../src/config/schema.js';
import { bgNbd } from '../src/predict/bg-nbd.js';
import type { ModelFit } from '../src/predict/fit.js';
import { fitGammaGamma } from '../src/predict/gamma-gamma.js';
import { simulateBgNbd, simulateSpend } from '../src/predict/simulate/index.js';
import type { SimulatedCustomers } from '../src/predict/simulate/index.js';
import { inUnits, readHistories, readSpend } from '../src/predictions/model-input.js';
import { writePredictions } from '../src/predictions/predictions-table.js';
import { purchaseState, spendState } from '../src/predictions/model-states.js';
import { DuckDbWarehouse } from '../src/store/duckdb/duckdb-warehouse.js';
import type { Warehouse } from '../src/store/warehouse.js';
import { reportResult, runChild } from './child-worker.js';
import { machineInfo, timed } from './measure.js';
import type { BenchContext } from './bench-context.js';

const TRUTH = {
  bgnbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  gammagamma: { p: 6.25, q: 3.74, gamma: 15.44 },
};
const WEEKS = 39;
const SEED = 20261202;
const GOAL_SECONDS = 3;
/** lifetimes 0.11.3 on this machine, as the issue reports: BG/NBD fit, Gamma-Gamma fit, CLV. */
const LIFETIMES_SECONDS = { fitBgNbd: 17, fitGammaGamma: 5, clv: 8.5 };
const SCHEMA = 'bench';

interface Estimate {
  parameter: string;
  truth: number;
  estimate: number;
  standardError: number | null;
  /** |estimate − truth| / standard error. */
  errors: number | null;
}

interface WorkerResult {
  customers: number;
  distinctHistories: number;
  repeatBuyers: number;
  simulateSeconds: number;
  loadSeconds: number;
  baselineSeconds: number;
  steps: { summary: number; fitBgNbd: number; fitGammaGamma: number; predictions: number };
  pipelineSeconds: number;
  predictionRows: number;
  meanPredictedClv: number;
  estimates: Estimate[];
  peakRssMb: number;
  rssBeforePipelineMb: number;
}

export async function run(context: BenchContext): Promise<void> {
  const customers = context.customers;
  console.log(`simulating ${customers.toLocaleString('en')} customers in a worker…`);
  const result = await runChild<WorkerResult>(
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--worker', String(customers)],
    { cwd: context.rootDir, limitMs: 10 * 60_000, label: 'predict' },
  );
  const lifetimes =
    LIFETIMES_SECONDS.fitBgNbd + LIFETIMES_SECONDS.fitGammaGamma + LIFETIMES_SECONDS.clv;
  const summary = {
    benchmark: 'predict',
    machine: machineInfo(),
    goalSeconds: GOAL_SECONDS,
    lifetimesSeconds: LIFETIMES_SECONDS,
    ...result,
    ratioToBaseline: result.pipelineSeconds / result.baselineSeconds,
    speedupOverLifetimes: lifetimes / result.pipelineSeconds,
    withinTwoStandardErrors: result.estimates.every((e) => e.errors !== null && e.errors <= 2),
  };
  const s = (seconds: number): string => `${seconds.toFixed(3)} s`;
  console.log(
    [
      `${result.customers.toLocaleString('en')} customers, ${result.distinctHistories.toLocaleString('en')} distinct histories, ${result.repeatBuyers.toLocaleString('en')} repeat buyers (simulated in ${s(result.simulateSeconds)}, stored in ${s(result.loadSeconds)})`,
      `baseline: the engine hands 4 columns × ${result.customers.toLocaleString('en')} rows to JS: ${s(result.baselineSeconds)}`,
      `summary ${s(result.steps.summary)}, BG/NBD fit ${s(result.steps.fitBgNbd)}, Gamma-Gamma fit ${s(result.steps.fitGammaGamma)}, predictions ${s(result.steps.predictions)}`,
      `pipeline ${s(result.pipelineSeconds)} (goal ${GOAL_SECONDS} s): ${summary.ratioToBaseline.toFixed(2)}× the baseline, ${summary.speedupOverLifetimes.toFixed(1)}× faster than lifetimes' ${lifetimes} s`,
      `peak RSS ${result.peakRssMb.toFixed(0)} MB (${result.rssBeforePipelineMb.toFixed(0)} MB before the pipeline)`,
      ...result.estimates.map(
        (e) =>
          `  ${e.parameter.padEnd(6)} truth ${e.truth}  estimate ${e.estimate.toPrecision(4)} ± ${e.standardError?.toPrecision(2) ?? '-'}  (${e.errors?.toFixed(2) ?? '-'} SE)`,
      ),
    ].join('\n'),
  );
  console.log(`results: ${await context.writeResults('predict', summary)}`);
}

async function worker(customers: number): Promise<void> {
  const simulated = await timed(async () => {
    const sim = simulateBgNbd(TRUTH.bgnbd, { customers, T: WEEKS, seed: SEED });
    sim.monetary.set(simulateSpend(TRUTH.gammagamma, sim.frequency, SEED));
    return sim;
  });
  const warehouse = await DuckDbWarehouse.open(':memory:');
  const loaded = await timed(() => storeSummary(warehouse, simulated.value));
  const baseline = await timed(() =>
    warehouse.numericColumns(
      `SELECT frequency, recency, T, monetary FROM ${SCHEMA}.purchase_summary`,
    ),
  );
  const rssBefore = process.memoryUsage.rss();
  const config = defaultConfig();
  const source = `${SCHEMA}.purchase_summary`;
  const summary = await timed(async () => ({
    histories: await readHistories(warehouse, source),
    spend: await readSpend(warehouse, source),
  }));
  const purchase = await timed(async () => bgNbd.fit(inUnits(summary.value.histories, 7)));
  const spend = await timed(async () => fitGammaGamma(summary.value.spend.spend));
  const predictions = await timed(async () => {
    const fitted = {
      histories: summary.value.histories,
      purchase: { model: 'bgnbd' as const, fit: purchase.value, error: null },
      spend: { fit: spend.value, error: null, fallbackMedian: null },
    };
    await writePredictions(warehouse, config, SCHEMA, fitted, {
      purchase: purchaseState(fitted.purchase),
      spend: spendState(fitted.spend),
    });
  });
  const [check] = await warehouse.query<{ n: number; clv: number }>(
    `SELECT count(*) AS n, avg(predicted_clv) AS clv FROM ${SCHEMA}.customer_predictions`,
  );
  await warehouse.close();
  const steps = {
    summary: summary.seconds,
    fitBgNbd: purchase.seconds,
    fitGammaGamma: spend.seconds,
    predictions: predictions.seconds,
  };
  reportResult({
    customers,
    distinctHistories: summary.value.histories.weight.length,
    repeatBuyers: summary.value.spend.spend.weight.reduce((a, b) => a + b, 0),
    simulateSeconds: simulated.seconds,
    loadSeconds: loaded.seconds,
    baselineSeconds: baseline.seconds,
    steps,
    pipelineSeconds: Object.values(steps).reduce((a, b) => a + b, 0),
    predictionRows: check?.n ?? 0,
    meanPredictedClv: check?.clv ?? NaN,
    estimates: [
      ...estimates(purchase.value, TRUTH.bgnbd),
      ...estimates(spend.value, TRUTH.gammagamma),
    ],
    // resourceUsage's maxRSS is the process's high-water mark (KB), JS and engine alike.
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    rssBeforePipelineMb: rssBefore / 1024 / 1024,
  } satisfies WorkerResult);
}

function estimates(fit: ModelFit, truth: Record<string, number>): Estimate[] {
  return Object.entries(truth).map(([parameter, value]) => {
    const estimate = fit.parameters[parameter] ?? NaN;
    const standardError = fit.standardErrors[parameter] ?? null;
    return {
      parameter,
      truth: value,
      estimate,
      standardError,
      errors: standardError ? Math.abs(estimate - value) / standardError : null,
    };
  });
}

/**
 * The simulated customers as the `purchase_summary` derived table would hold them: whole
 * days, first purchase on 2025-01-01, observed for 273 days (39 weeks).
 */
async function storeSummary(warehouse: Warehouse, sim: SimulatedCustomers): Promise<void> {
  await warehouse.run(`CREATE SCHEMA ${SCHEMA}`);
  await warehouse.run(
    `CREATE TEMP TABLE simulated (frequency INTEGER, recency_days INTEGER, monetary DOUBLE)`,
  );
  await warehouse.append(
    'simulated',
    (function* () {
      for (let i = 0; i < sim.frequency.length; i++) {
        const monetary = sim.monetary[i] ?? NaN;
        yield [
          sim.frequency[i] ?? 0,
          Math.round((sim.recency[i] ?? 0) * 7),
          Number.isFinite(monetary) ? monetary : null,
        ];
      }
    })(),
  );
  await warehouse.run(
    `CREATE TABLE ${SCHEMA}.purchase_summary AS
     SELECT printf('c%07d', row_number() OVER ()) AS customer_id,
            DATE '2025-01-01' AS first_day, DATE '2025-01-01' + recency_days AS last_day,
            DATE '2025-01-01' + ${WEEKS * 7} AS end_day, frequency, recency_days,
            ${WEEKS * 7} AS age_days, recency_days / 7 AS recency, ${WEEKS} AS T, monetary
     FROM simulated`,
  );
  await warehouse.run('DROP TABLE simulated');
}

if (process.argv.includes('--worker')) {
  await worker(Number(process.argv[process.argv.indexOf('--worker') + 1]));
}
