/**
 * Scale benchmark: how the cost of each step grows with the shop. The demo shop (seed 1) at
 * 0.1, 0.3, 1 and 3 M customers (`--sizes`); its files are generated once per size into the
 * cache (a child process with a large heap, this file with `--worker`). For each size a new
 * project, where the built `clv` (a child process, as a user runs it) does every step: import
 * (rates, costs, customers, events), refresh, metrics (`clv metrics` and each of its reports)
 * and predict (the holdout check). Per step: wall seconds and the peak RSS of its processes
 * (the kernel's high-water mark, read from /proc while they run). Then per step the growth
 * exponent: the least-squares slope of log(seconds) over log(customers), 1.0 being linear.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { streamDemo } from '../src/demo/generate.js';
import { writeDemoFiles } from '../src/demo/write-files.js';
import type { DemoFiles } from '../src/demo/types.js';
import type { BenchContext } from './bench-context.js';
import { reportResult, runChild } from './child-worker.js';
import { DEMO_SEED, demoWorkerArgs } from './make-demo-store.js';
import { machineInfo } from './measure.js';

const SIZES = [100_000, 300_000, 1_000_000, 3_000_000];
/**
 * One small size: a smoke run shows that every step still runs; the fit over sizes has its own
 * test (test/bench/scale-growth.test.ts), and a second size cost the smoke run ten seconds.
 */
const SMOKE_SIZES = [100];
/** Six months before the demo shop's last order, as the tests' holdout check uses. */
const HOLDOUT_FROM = '2026-05-01';
const REPORTS = ['cohorts', 'deciles', 'rfm', 'channels', 'nps'] as const;
/**
 * n log n over the sizes measured has a fitted exponent of about 1 + 1/ln(n) (1.08 around a
 * million); above this a step grows faster than n log n.
 */
export const NLOGN_EXPONENT = 1.1;
const GENERATE_HEAP_MB = 16_384;
/** How often a step's processes are looked at for their peak RSS. */
const RSS_POLL_MS = 100;
const thisFile = fileURLToPath(import.meta.url);

type StepName = 'import' | 'refresh' | 'metrics' | 'predict';
const STEPS: readonly StepName[] = ['import', 'refresh', 'metrics', 'predict'];

interface StepRun {
  step: StepName;
  seconds: number;
  /** The highest peak RSS of the step's `clv` processes, MB; null where /proc is unreadable. */
  peakRssMb: number | null;
}

interface SizeRun {
  customers: number;
  events: number;
  steps: StepRun[];
}

interface Growth {
  step: StepName;
  /** Fitted exponent of seconds over customers; null with fewer than two sizes. */
  exponent: number | null;
  /**
   * Between the two largest sizes only: the fit over all of them is pulled down by what every
   * command pays whatever the size (starting, opening the store), which the small sizes show.
   */
  largestExponent: number | null;
  /** Of peak RSS over customers. */
  memoryExponent: number | null;
  withinNLogN: boolean | null;
}

export async function run(context: BenchContext): Promise<void> {
  const cli = join(context.rootDir, 'dist', 'bin', 'clv.js');
  if (!existsSync(cli)) throw new Error('build first: npm run build');
  const sizes = context.smoke ? SMOKE_SIZES : scaleSizes();
  const runs: SizeRun[] = [];
  for (const customers of sizes) {
    const generated = await demoFiles(context, customers);
    console.log(
      `${customers.toLocaleString('en')} customers: ${generated.events.toLocaleString('en')} events`,
    );
    runs.push(await measureSize(cli, customers, generated));
    console.log(table(runs.slice(-1)));
  }
  const growth = STEPS.map((step) => fitGrowth(step, runs));
  console.log(`\n${table(runs)}\n\n${growthTable(growth)}`);
  console.log(
    'incremental refresh: not measured, the product has none yet (every refresh rebuilds all)',
  );
  const results = {
    benchmark: 'scale',
    machine: machineInfo(),
    sizes,
    runs,
    growth,
    nLogNExponent: NLOGN_EXPONENT,
    incrementalRefresh: null,
    ...(context.smoke ? { smoke: true } : {}),
  };
  console.log(`results: ${await context.writeResults('scale', results)}`);
}

/** `CLV_SCALE_SIZES=100000,300000` picks other sizes for a shorter run. */
function scaleSizes(): number[] {
  const text = process.env['CLV_SCALE_SIZES'];
  if (!text) return SIZES;
  const sizes = text.split(',').map((part) => Number(part.trim().replaceAll('_', '')));
  if (sizes.some((n) => !Number.isSafeInteger(n) || n < 1)) {
    throw new Error(`CLV_SCALE_SIZES must list whole numbers of customers, not ${text}`);
  }
  return sizes;
}

interface GeneratedFiles {
  files: DemoFiles;
  events: number;
}

/** The demo shop's files of that size, generated in a child process on first use. */
async function demoFiles(context: BenchContext, customers: number): Promise<GeneratedFiles> {
  const dir = join(context.cacheDir, `scale-${customers}`);
  const marker = join(dir, 'complete.json');
  let made = await readFile(marker, 'utf8')
    .then((text) => JSON.parse(text) as GeneratedFiles)
    .catch(() => null);
  if (!made) {
    await rm(dir, { recursive: true, force: true });
    const args = [`--max-old-space-size=${GENERATE_HEAP_MB}`, '--import', 'tsx', thisFile];
    args.push('--worker', '--dir', dir, '--customers', String(customers));
    made = await runChild<GeneratedFiles>(args, {
      cwd: context.rootDir,
      // Generous: 20 minutes per million customers, at least 5.
      limitMs: Math.max(5, (customers / 1e6) * 20) * 60_000,
      label: `the demo files of ${customers} customers`,
    });
    await writeFile(marker, JSON.stringify(made), 'utf8');
  }
  return made;
}

async function measureSize(
  cli: string,
  customers: number,
  { files, events }: GeneratedFiles,
): Promise<SizeRun> {
  const project = await mkdtemp(join(tmpdir(), 'clv-bench-scale-'));
  const limitMs = Math.max(10, (customers / 1e6) * 30) * 60_000;
  const clv = (args: string[]) => runClv(cli, [...args, '--project', project], limitMs);
  try {
    await clv(['init']);
    const steps: StepRun[] = [];
    const step = async (name: StepName, commands: string[][]): Promise<void> => {
      const started = performance.now();
      let peak: number | null = null;
      for (const args of commands) {
        const rss = await clv(args);
        if (rss !== null) peak = Math.max(peak ?? 0, rss);
      }
      steps.push({ step: name, seconds: (performance.now() - started) / 1000, peakRssMb: peak });
    };
    await step('import', [
      ['import', files.rates, '--kind', 'rates'],
      ['import', files.costs, '--kind', 'costs'],
      ['import', files.customers, '--kind', 'customers'],
      ['import', files.events, '--kind', 'events'],
    ]);
    await step('refresh', [['refresh']]);
    await step('metrics', [['metrics', '--json'], ...REPORTS.map((r) => ['metrics', r, '--json'])]);
    await step('predict', [['predict', '--holdout-from', HOLDOUT_FROM, '--json']]);
    return { customers, events, steps };
  } finally {
    await rm(project, { recursive: true, force: true });
  }
}

/** Runs `clv` to the end (a failure throws) and returns its peak RSS in MB, or null. */
function runClv(cli: string, args: string[], limitMs: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    let peakKb: number | null = null;
    const poll = setInterval(() => {
      const kb = highWaterKb(child.pid);
      if (kb !== null) peakKb = Math.max(peakKb ?? 0, kb);
    }, RSS_POLL_MS);
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      if (code === 0) resolve(peakKb === null ? null : peakKb / 1024);
      else reject(new Error(`clv ${args.join(' ')} failed (${code ?? signal}): ${stderr}`));
    });
  });
}

/** The kernel's peak RSS of a process (VmHWM), in kB; null when it cannot be read. */
function highWaterKb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Least-squares slope of log(y) over log(x). */
export function logSlope(points: readonly [number, number][]): number | null {
  const usable = points.filter(([x, y]) => x > 0 && y > 0);
  if (usable.length < 2) return null;
  const xs = usable.map(([x]) => Math.log(x));
  const ys = usable.map(([, y]) => Math.log(y));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += ((xs[i] ?? 0) - mx) * ((ys[i] ?? 0) - my);
    sxx += ((xs[i] ?? 0) - mx) ** 2;
  }
  return sxx === 0 ? null : sxy / sxx;
}

function fitGrowth(step: StepName, runs: readonly SizeRun[]): Growth {
  const of = (pick: (s: StepRun) => number | null): [number, number][] =>
    runs.flatMap((run) => {
      const found = run.steps.find((s) => s.step === step);
      const value = found ? pick(found) : null;
      return value === null ? [] : [[run.customers, value] as [number, number]];
    });
  const seconds = of((s) => s.seconds);
  const exponent = logSlope(seconds);
  const largestExponent = logSlope(seconds.slice(-2));
  // The steeper of the two decides: growth that only shows at the large end still counts.
  const steepest = Math.max(exponent ?? -Infinity, largestExponent ?? -Infinity);
  return {
    step,
    exponent,
    largestExponent,
    memoryExponent: logSlope(of((s) => s.peakRssMb)),
    withinNLogN: exponent === null ? null : steepest <= NLOGN_EXPONENT,
  };
}

function table(runs: readonly SizeRun[]): string {
  const head = ['customers', 'events', ...STEPS.flatMap((s) => [`${s} s`, `${s} MB`])];
  const rows = runs.map((run) => [
    run.customers.toLocaleString('en'),
    run.events.toLocaleString('en'),
    ...STEPS.flatMap((name) => {
      const found = run.steps.find((s) => s.step === name);
      return [found ? found.seconds.toFixed(2) : '–', found?.peakRssMb?.toFixed(0) ?? '–'];
    }),
  ]);
  return aligned([head, ...rows]);
}

function growthTable(growth: readonly Growth[]): string {
  const fixed = (n: number | null): string => (n === null ? '–' : n.toFixed(2));
  const rows = growth.map((g) => [
    g.step,
    fixed(g.exponent),
    fixed(g.largestExponent),
    fixed(g.memoryExponent),
    g.withinNLogN === null ? '–' : g.withinNLogN ? 'yes' : 'NO',
  ]);
  const head = ['step', 'time exponent', 'two largest', 'memory exponent', 'within n log n'];
  return aligned([head, ...rows]);
}

function aligned(rows: readonly string[][]): string {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
        .join('  '),
    )
    .join('\n');
}

// ---- worker side: the demo files ----------------------------------------------------------

async function generate(dir: string, customers: number): Promise<GeneratedFiles> {
  const demo = streamDemo({ customers, seed: DEMO_SEED });
  const files = await writeDemoFiles(demo, dir);
  return { files, events: demo.eventCount };
}

async function main(argv: string[]): Promise<void> {
  const { worker, dir, customers } = demoWorkerArgs(argv);
  if (!worker || !dir) throw new Error('run through `npm run bench -- scale`');
  reportResult(await generate(dir, customers));
}

if (process.argv[1] === thisFile) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  });
}
