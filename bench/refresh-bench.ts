/**
 * Refresh benchmark. On the cached demo shop (`make-demo-store.ts`, seed 1): (a) the floor, a
 * bare DuckDB GROUP BY customer over the raw events; (b) what `clv refresh` and `clv metrics`
 * do: `refresh`, `metricsReport` by email consent, then every sub-report of
 * `src/metrics/reports/`. Each step runs in its own child process (this file with `--worker`)
 * on its own copy of the store, so neither sees the other's work and each has its own RSS.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Config } from '../src/config/schema.js';
import { CONFIG_FILE, STORE_FILE, openProject } from '../src/config/project.js';
import { metricsReport } from '../src/metrics/metrics-report.js';
import { openStore } from '../src/store/open-store.js';
import type { Warehouse } from '../src/store/warehouse.js';
import { reportResult, runChild } from './child-worker.js';
import { makeDemoStore, type DemoStore } from './make-demo-store.js';
import { machineInfo, measure, megabytes, timed, type Measured } from './measure.js';
import type { BenchContext } from './bench-context.js';
import { refreshAll } from '../src/pipeline/refresh-all.js';

/** The goal for (b): refresh and every metric within this time and this peak RSS. */
const GOAL_SECONDS = 20;
const GOAL_RSS_MB = 3 * 1024;
/** The sub-reports `clv metrics` offers; each file is expected to export `<name>Report`. */
const REPORTS = ['cohorts', 'deciles', 'rfm', 'channels', 'nps'] as const;
const FLOOR_SQL =
  'CREATE TEMP TABLE floor AS SELECT customer_id, count(*) AS events, sum(amount) AS amount, ' +
  'min(ts) AS first_ts, max(ts) AS last_ts FROM events GROUP BY customer_id';

const WORKERS = ['floor', 'product'] as const;
type WorkerKind = (typeof WORKERS)[number];

interface StepResult {
  /** `floor`, `refresh`, `metrics`, or a sub-report's name. */
  step: string;
  label: string;
  status: 'ok' | 'skipped' | 'failed';
  seconds: number;
  /** CPU seconds of the worker during the step (absent when skipped). */
  cpuSeconds?: number;
  /**
   * Cores kept busy by other processes during the step (machine CPU time from /proc/stat minus
   * the worker's, over the wall time); null where /proc/stat cannot be read.
   */
  otherCores?: number | null;
  /** Highest RSS of the worker process during the step, MB. */
  rssPeakMb: number;
  /** That peak minus the RSS before the step, MB. */
  peakRssMb: number;
  note?: string;
  details?: Record<string, unknown>;
}

interface WorkerResult {
  worker: WorkerKind;
  steps: StepResult[];
  /** Wall-clock seconds of all the steps together, with their CPU time and others' load. */
  totalSeconds: number;
  cpuSeconds: number;
  otherCores: number | null;
  /** RSS before the first step and highest RSS over all the steps, MB. */
  rssBeforeMb: number;
  rssPeakMb: number;
  /** Opening the copied store before the steps, and closing it after, seconds. */
  openSeconds: number;
  closeSeconds: number;
  engine: { threads: string; memoryLimit: string };
  notes: string[];
}

interface Ran extends WorkerResult {
  /** 1-minute load average of the machine just before and just after the worker. */
  loadBefore: number;
  loadAfter: number;
}

const thisFile = fileURLToPath(import.meta.url);
const reportsDir = join(dirname(dirname(thisFile)), 'src', 'metrics', 'reports');

export async function run(context: BenchContext): Promise<void> {
  const { customers } = context;
  const store = await makeDemoStore(context.cacheDir, customers);
  const storeBytes = (await stat(store.storeFile)).size;
  const how = store.built ? 'built now' : `cached, built ${store.builtAt}`;
  console.log(
    `demo store: ${relative(context.rootDir, store.dir)}, ${customers.toLocaleString('en')} ` +
      `customers, ${store.events.toLocaleString('en')} events, ${megabytes(storeBytes)} MB; ` +
      `build ${store.buildSeconds.toFixed(1)} s (${how})`,
  );

  const ran: Partial<Record<WorkerKind, Ran>> = {};
  for (const kind of WORKERS) {
    console.log(
      `running ${kind === 'floor' ? 'a  floor: bare GROUP BY' : 'b  refresh + metrics'} ...`,
    );
    const result = await onCopy(store, (dir) => runWorker(kind, dir, customers));
    ran[kind] = result;
    for (const note of result.notes) console.log(`  note: ${note}`);
    console.log(
      `  ${result.totalSeconds.toFixed(2)} s, peak RSS ${result.rssPeakMb.toFixed(0)} MB, ` +
        `load ${result.loadBefore.toFixed(2)} -> ${result.loadAfter.toFixed(2)}`,
    );
  }
  const floor = required(ran.floor);
  const product = required(ran.product);
  const complete = product.steps.every((step) => step.status === 'ok');
  const fast = product.totalSeconds < GOAL_SECONDS;
  const small = product.rssPeakMb < GOAL_RSS_MB;
  const pass = complete && fast && small;
  const ratio = product.totalSeconds / floor.totalSeconds;

  console.log('');
  console.log(table(floor, product));
  const misses = [
    ...(fast ? [] : [`time ${product.totalSeconds.toFixed(1)} s`]),
    ...(small ? [] : [`memory ${product.rssPeakMb.toFixed(0)} MB`]),
    ...(complete ? [] : ['some steps did not run']),
  ];
  console.log(
    `\nb total: ${product.totalSeconds.toFixed(2)} s, peak RSS ${product.rssPeakMb.toFixed(0)} MB ` +
      `(goal: refresh + all metrics under ${GOAL_SECONDS} s and under 3 GB): ` +
      (pass ? 'PASS' : `MISSED (${misses.join(', ')})`),
  );
  console.log(`b total / a floor: ${ratio.toFixed(1)}x`);
  const slowest = [...product.steps].sort((x, y) => y.seconds - x.seconds)[0];
  if (slowest) {
    const share = (100 * slowest.seconds) / product.totalSeconds;
    console.log(`slowest step of b: ${slowest.step}, ${share.toFixed(0)} % of its total`);
  }
  console.log(
    `load: other processes kept ${others(product.otherCores)} of ${cpus().length} cores busy ` +
      `during b (${others(floor.otherCores)} during a); load average ` +
      `${floor.loadBefore.toFixed(2)} before a, ${product.loadAfter.toFixed(2)} after b`,
  );

  const file = await context.writeResults('refresh', {
    benchmark: 'refresh',
    measuredAt: new Date().toISOString(),
    customers,
    store: {
      dir: relative(context.rootDir, store.dir),
      seed: store.seed,
      events: store.events,
      bytes: storeBytes,
      buildSeconds: store.buildSeconds,
      builtAt: store.builtAt,
      builtThisRun: store.built,
    },
    machine: machineInfo(),
    floor: rounded(floor),
    product: rounded(product),
    goal: { seconds: GOAL_SECONDS, rssMb: GOAL_RSS_MB },
    totalSeconds: r3(product.totalSeconds),
    peakRssMb: r3(product.rssPeakMb),
    ratioToFloor: r3(ratio),
    complete,
    pass,
  });
  console.log(`results written to ${relative(context.rootDir, file)}`);
}

/** Runs `work` on a fresh copy of the project (store and config) in a temporary folder. */
async function onCopy<T>(store: DemoStore, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'clv-bench-refresh-'));
  try {
    await copyFile(store.storeFile, join(dir, STORE_FILE));
    if (existsSync(`${store.storeFile}.wal`)) {
      await copyFile(`${store.storeFile}.wal`, join(dir, `${STORE_FILE}.wal`));
    }
    await copyFile(store.configFile, join(dir, CONFIG_FILE));
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function others(cores: number | null): string {
  return cores === null ? '?' : cores.toFixed(1);
}

function required(result: Ran | undefined): Ran {
  if (!result) throw new Error('a benchmark step produced no result');
  return result;
}

function table(floor: Ran, product: Ran): string {
  const head = ['step', 'seconds', 'peak RSS MB', 'CPU s', 'others (cores)'];
  const cores = (n: number | null | undefined): string => (n == null ? '?' : n.toFixed(1));
  const row = (step: StepResult): string[] =>
    step.status === 'skipped'
      ? [step.label, 'skipped', '-', '-', '-']
      : [
          step.label,
          step.status === 'ok' ? step.seconds.toFixed(2) : `failed ${step.seconds.toFixed(2)}`,
          step.rssPeakMb.toFixed(0),
          (step.cpuSeconds ?? 0).toFixed(1),
          cores(step.otherCores),
        ];
  const body = [
    ...floor.steps.map(row),
    ...product.steps.map(row),
    [
      'b  total',
      product.totalSeconds.toFixed(2),
      product.rssPeakMb.toFixed(0),
      product.cpuSeconds.toFixed(1),
      cores(product.otherCores),
    ],
  ];
  const widths = head.map((h, i) =>
    Math.max(h.length, ...body.map((cells) => cells[i]?.length ?? 0)),
  );
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(head), rule, ...body.slice(0, -1).map(line), rule, line(body.at(-1) ?? [])].join(
    '\n',
  );
}

function r3(n: number): number {
  return Number(n.toFixed(3));
}

function rounded(result: Ran): Ran {
  return {
    ...result,
    steps: result.steps.map((step) => ({
      ...step,
      seconds: r3(step.seconds),
      cpuSeconds: step.cpuSeconds === undefined ? undefined : r3(step.cpuSeconds),
      otherCores: step.otherCores == null ? step.otherCores : r3(step.otherCores),
      rssPeakMb: r3(step.rssPeakMb),
      peakRssMb: r3(step.peakRssMb),
    })),
    totalSeconds: r3(result.totalSeconds),
    cpuSeconds: r3(result.cpuSeconds),
    otherCores: result.otherCores === null ? null : r3(result.otherCores),
    rssBeforeMb: r3(result.rssBeforeMb),
    rssPeakMb: r3(result.rssPeakMb),
    openSeconds: r3(result.openSeconds),
    closeSeconds: r3(result.closeSeconds),
    loadBefore: r3(result.loadBefore),
    loadAfter: r3(result.loadAfter),
  };
}

/** Runs one worker in a child process and reads back its result; bounded by a time limit. */
async function runWorker(kind: WorkerKind, dir: string, customers: number): Promise<Ran> {
  // Generous: 30 minutes per million customers, at least 10 minutes.
  const limitMs = Math.max(10 * 60_000, (customers / 1_000_000) * 30 * 60_000);
  const args = ['--import', 'tsx', thisFile, '--worker', kind, '--dir', dir];
  const loadBefore = loadavg()[0] ?? 0;
  const result = await runChild<WorkerResult>(args, {
    cwd: dirname(dirname(thisFile)),
    limitMs,
    label: kind,
  });
  return { ...result, loadBefore, loadAfter: loadavg()[0] ?? 0 };
}

// ---- worker side -------------------------------------------------------------------------

interface MeasuredStep<T> extends Measured<T> {
  /** CPU seconds of the process (the engine's threads included) during the step. */
  cpuSeconds: number;
  otherCores: number | null;
}

/** Clock ticks per second of /proc/stat (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

/** Busy CPU seconds of the whole machine since boot, or null when /proc/stat is unreadable. */
function machineBusySeconds(): number | null {
  try {
    const first = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    // cpu  user nice system idle iowait irq softirq steal ...
    const ticks = first.trim().split(/\s+/).slice(1, 9).map(Number);
    if (!first.startsWith('cpu ') || ticks.length < 8 || ticks.some(Number.isNaN)) return null;
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    return (ticks.reduce((sum, n) => sum + n, 0) - idle) / USER_HZ;
  } catch {
    return null;
  }
}

/**
 * `measure` plus the CPU time used (CPU / wall near the core count: nothing waited) and how
 * many cores other processes kept busy meanwhile: the load the figures were measured under.
 */
async function measureStep<T>(work: () => Promise<T>): Promise<MeasuredStep<T>> {
  const busyBefore = machineBusySeconds();
  const before = process.cpuUsage();
  const measured = await measure(work);
  const used = process.cpuUsage(before);
  const busyAfter = machineBusySeconds();
  const cpuSeconds = (used.user + used.system) / 1e6;
  const otherCores =
    busyBefore === null || busyAfter === null || measured.seconds <= 0
      ? null
      : Math.max(0, (busyAfter - busyBefore - cpuSeconds) / measured.seconds);
  return { ...measured, cpuSeconds, otherCores };
}

function stepOf(step: string, label: string, measured: MeasuredStep<unknown>): StepResult {
  return {
    step,
    label,
    status: 'ok',
    seconds: measured.seconds,
    cpuSeconds: measured.cpuSeconds,
    otherCores: measured.otherCores,
    rssPeakMb: measured.rssPeakMb,
    peakRssMb: measured.peakRssMb,
  };
}

async function floorWorker(dir: string): Promise<WorkerResult> {
  const opened = await timed(async () => {
    const instance = await DuckDBInstance.create(join(dir, STORE_FILE));
    return { instance, connection: await instance.connect() };
  });
  const { instance, connection } = opened.value;
  const close = async (): Promise<void> => {
    connection.closeSync();
    instance.closeSync();
  };
  let result: Omit<WorkerResult, 'closeSeconds'>;
  try {
    const setting = async (name: string): Promise<string> => {
      const reader = await connection.runAndReadAll(`SELECT current_setting('${name}')`);
      return String(reader.getRows()[0]?.[0] ?? '?');
    };
    const engine = {
      threads: await setting('threads'),
      memoryLimit: await setting('memory_limit'),
    };
    const measured = await measureStep(() => connection.run(FLOOR_SQL));
    const counted = await connection.runAndReadAll('SELECT count(*), sum(events) FROM floor');
    const [groups, events] = counted.getRows()[0] ?? [];
    const step = stepOf('floor', 'a  floor: bare GROUP BY customer', measured);
    step.details = { sql: FLOOR_SQL, customers: Number(groups), events: Number(events) };
    result = {
      worker: 'floor',
      steps: [step],
      totalSeconds: measured.seconds,
      cpuSeconds: measured.cpuSeconds,
      otherCores: measured.otherCores,
      rssBeforeMb: measured.rssBeforeMb,
      rssPeakMb: measured.rssPeakMb,
      openSeconds: opened.seconds,
      engine,
      notes: [],
    };
  } catch (error) {
    await close();
    throw error;
  }
  const closed = await timed(close);
  return { ...result, closeSeconds: closed.seconds };
}

type ReportFunction = (
  warehouse: Warehouse,
  config: Config,
  options: Record<string, never>,
) => Promise<unknown>;

interface LoadedReport {
  name: string;
  /** Null when the report cannot run; `note` says why. */
  compute: ReportFunction | null;
  exportName?: string;
  note?: string;
}

/**
 * Imports each sub-report's module. The function is `<name>Report`, or else the one exported
 * function whose name ends in `Report`; a missing file or function is noted, not fatal.
 */
async function loadReports(): Promise<LoadedReport[]> {
  const loaded: LoadedReport[] = [];
  for (const name of REPORTS) {
    const file = join(reportsDir, `${name}.ts`);
    const shown = relative(dirname(dirname(thisFile)), file);
    if (!existsSync(file)) {
      loaded.push({ name, compute: null, note: `${shown} is missing: skipped` });
      continue;
    }
    let module: Record<string, unknown>;
    try {
      module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      loaded.push({ name, compute: null, note: `${shown} does not load (${message}): skipped` });
      continue;
    }
    const candidates = Object.entries(module).filter(
      ([key, value]) => typeof value === 'function' && key.endsWith('Report'),
    );
    const preferred = `${name}Report`;
    const found =
      candidates.find(([key]) => key === preferred) ??
      (candidates.length === 1 ? candidates[0] : undefined);
    if (!found) {
      const names = candidates.map(([key]) => key).join(', ') || 'none';
      loaded.push({
        name,
        compute: null,
        note: `${shown} exports no single report function (${preferred}; found: ${names}): skipped`,
      });
      continue;
    }
    const [exportName, compute] = found;
    loaded.push({ name, exportName, compute: compute as ReportFunction });
  }
  return loaded;
}

/** A few counts that show a report produced something: the length of each top-level list. */
function sizes(value: unknown): Record<string, number> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value)
      .filter((entry): entry is [string, unknown[]] => Array.isArray(entry[1]))
      .map(([key, list]) => [key, list.length]),
  );
}

async function productWorker(dir: string): Promise<WorkerResult> {
  const reports = await loadReports();
  const notes = reports.flatMap((report) => (report.note ? [report.note] : []));
  const project = await openProject(dir);
  const opened = await timed(() => openStore(project));
  const warehouse = opened.value;
  let result: Omit<WorkerResult, 'closeSeconds'>;
  try {
    const [engine] = await warehouse.query<{ threads: string; memory_limit: string }>(
      `SELECT current_setting('threads')::VARCHAR AS threads,
              current_setting('memory_limit') AS memory_limit`,
    );
    const steps: StepResult[] = [];
    const all = await measureStep(async () => {
      // What `clv refresh` does: the derived tables, then the models and predictions.
      // In full: a store refreshed by this version could otherwise be built on, with nothing new.
      const refreshed = await measureStep(() =>
        refreshAll(warehouse, project.config, undefined, { full: true }),
      );
      const refreshStep = stepOf('refresh', 'b  refresh', refreshed);
      refreshStep.details = { events: refreshed.value.events, tables: refreshed.value.tables };
      steps.push(refreshStep);

      const metrics = await measureStep(() =>
        metricsReport(warehouse, project.config, { segment: 'email', series: 'month' }),
      );
      const metricsStep = stepOf('metrics', 'b  metrics --segment email --series month', metrics);
      metricsStep.details = {
        period: metrics.value.period,
        segments: metrics.value.segments?.map(({ segment, customers }) => ({ segment, customers })),
      };
      steps.push(metricsStep);

      for (const report of reports) {
        const label = `b  metrics ${report.name}`;
        if (!report.compute) {
          steps.push({
            step: report.name,
            label,
            status: 'skipped',
            seconds: 0,
            rssPeakMb: 0,
            peakRssMb: 0,
            note: report.note ?? '',
          });
          continue;
        }
        const { compute } = report;
        // A failing report is noted and the others still run: the total is then incomplete.
        const measured = await measureStep(() =>
          compute(warehouse, project.config, {}).then(
            (value) => ({ value, error: null }),
            (error: unknown) => ({
              value: null,
              error: error instanceof Error ? error.message : String(error),
            }),
          ),
        );
        const step = stepOf(report.name, label, measured);
        if (measured.value.error === null) {
          step.details = { function: report.exportName, sizes: sizes(measured.value.value) };
        } else {
          step.status = 'failed';
          step.note = measured.value.error;
          notes.push(`${report.name}: ${report.exportName ?? ''} failed: ${measured.value.error}`);
        }
        steps.push(step);
      }
    });
    result = {
      worker: 'product',
      steps,
      totalSeconds: all.seconds,
      cpuSeconds: all.cpuSeconds,
      otherCores: all.otherCores,
      rssBeforeMb: all.rssBeforeMb,
      // The steps' own samples fall between the overall ones: the peak is the highest of all.
      rssPeakMb: Math.max(all.rssPeakMb, ...steps.map((step) => step.rssPeakMb)),
      openSeconds: opened.seconds,
      engine: { threads: engine?.threads ?? '?', memoryLimit: engine?.memory_limit ?? '?' },
      notes,
    };
  } catch (error) {
    await warehouse.close();
    throw error;
  }
  const closed = await timed(() => warehouse.close());
  return { ...result, closeSeconds: closed.seconds };
}

function parseWorkerArgs(argv: string[]): { kind: WorkerKind; dir: string } {
  const { values } = parseArgs({
    args: argv,
    options: { worker: { type: 'string' }, dir: { type: 'string' } },
  });
  const kind = WORKERS.find((name) => name === values.worker);
  if (!kind || !values.dir) throw new Error(`bad worker arguments: ${argv.join(' ')}`);
  return { kind, dir: values.dir };
}

if (process.argv[1] === thisFile && process.argv.includes('--worker')) {
  const { kind, dir } = parseWorkerArgs(process.argv.slice(2));
  (kind === 'floor' ? floorWorker(dir) : productWorker(dir)).then(
    (result) => {
      reportResult(result);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exitCode = 1;
    },
  );
}
