/**
 * Import benchmark. On one events CSV: (a) DuckDB's bare `read_csv` into a fresh database,
 * (b) `importFile` into a fresh project, (c) the same file again into that project (every row a
 * duplicate); then the same rows as Parquet and as NDJSON (written from the CSV by the engine,
 * typed as its reader types them), each read bare by the engine's reader and imported into a
 * fresh project. Each step runs in its own child process (this file with `--worker`), so each
 * starts from a fresh process and has its own peak RSS.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { initProject } from '../src/config/init-project.js';
import { openProject } from '../src/config/project.js';
import { importFile } from '../src/ingest/import-file.js';
import type { ImportSummary } from '../src/ingest/import-summary.js';
import { openStore } from '../src/store/open-store.js';
import { machineInfo, measure, megabytes, timed } from './measure.js';
import { reportResult, runChild } from './child-worker.js';
import type { BenchContext } from './bench-context.js';

/**
 * The goals: the product imports at least 0.7× as fast as DuckDB's bare reader, and neither
 * import (new rows, or all duplicates) adds more than 2 GB to the process's memory.
 */
const GOAL = 0.7;
const MEMORY_GOAL_MB = 2048;
const STEPS = [
  'baseline',
  'product',
  'reimport',
  'parquet-bare',
  'parquet',
  'ndjson-bare',
  'ndjson',
] as const;
type Step = (typeof STEPS)[number];
type Format = 'csv' | 'parquet' | 'ndjson';

const LABELS: Record<Step, string> = {
  baseline: 'a  DuckDB read_csv (bare)',
  product: 'b  clv import, new project',
  reimport: 'c  clv import, same file again',
  'parquet-bare': 'd  DuckDB read_parquet (bare)',
  parquet: 'e  clv import of the Parquet file',
  'ndjson-bare': 'f  DuckDB read_json (bare)',
  ndjson: 'g  clv import of the NDJSON file',
};

/** The file each step reads, and the engine's bare reader of its format. */
const STEP_FORMAT: Record<Step, Format> = {
  baseline: 'csv',
  product: 'csv',
  reimport: 'csv',
  'parquet-bare': 'parquet',
  parquet: 'parquet',
  'ndjson-bare': 'ndjson',
  ndjson: 'ndjson',
};
const BARE_READER: Record<Format, string> = {
  csv: 'read_csv',
  parquet: 'read_parquet',
  ndjson: 'read_json',
};

interface StepResult {
  step: Step;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  /** Peak RSS during the step minus RSS before it, MB. */
  peakRssMb: number;
  rssBeforeMb: number;
  rssPeakMb: number;
  /** Opening (and for b creating) the store before the step, seconds. */
  openSeconds: number;
  /** Closing the store after the step, seconds. */
  closeSeconds: number;
  /** Size of the database file after the step. */
  storeBytes: number;
  details: Record<string, unknown>;
}

const thisFile = fileURLToPath(import.meta.url);

export async function run(context: BenchContext): Promise<void> {
  const events = await context.eventsFile();
  const { rows } = context;
  const work = await mkdtemp(join(tmpdir(), 'clv-bench-import-'));
  const results: Partial<Record<Step, StepResult>> = {};
  try {
    const files = { csv: events.file, ...(await otherFormats(events.file, work)) };
    // One project per format: (c) imports the CSV again into (b)'s.
    const dirs: Record<Format, { bare: string; product: string }> = {
      csv: { bare: join(work, 'csv-bare'), product: join(work, 'csv') },
      parquet: { bare: join(work, 'parquet-bare'), product: join(work, 'parquet') },
      ndjson: { bare: join(work, 'ndjson-bare'), product: join(work, 'ndjson') },
    };
    for (const step of STEPS) {
      const format = STEP_FORMAT[step];
      const dir = isBare(step) ? dirs[format].bare : dirs[format].product;
      await mkdir(dir, { recursive: true });
      console.log(`running ${LABELS[step].slice(3)} ...`);
      const result = await runWorker(context, step, files[format], dir);
      results[step] = result;
      console.log(
        `  ${result.seconds.toFixed(2)} s, peak RSS +${result.peakRssMb.toFixed(0)} MB` +
          `, store ${megabytes(result.storeBytes)} MB`,
      );
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const all = STEPS.map((step) => required(results[step]));
  const [a, b, c] = all;
  const ratioOf = (bare: Step, product: Step): number =>
    required(results[product]).rowsPerSecond / required(results[bare]).rowsPerSecond;
  const ratio = ratioOf('baseline', 'product');
  const ratios = {
    csv: Number(ratio.toFixed(3)),
    parquet: Number(ratioOf('parquet-bare', 'parquet').toFixed(3)),
    ndjson: Number(ratioOf('ndjson-bare', 'ndjson').toFixed(3)),
  };
  const peakMb = Math.max(...all.filter((r) => !isBare(r.step)).map((r) => r.peakRssMb));
  const fastEnough = ratio >= GOAL;
  const smallEnough = peakMb < MEMORY_GOAL_MB;
  const pass = fastEnough && smallEnough;

  console.log('');
  console.log(table(all));
  console.log(
    `\nb speed / a speed: ${ratio.toFixed(2)} (goal >= ${GOAL}): ${fastEnough ? 'PASS' : 'BELOW GOAL'}` +
      `; Parquet e / d: ${ratios.parquet.toFixed(2)}; NDJSON g / f: ${ratios.ndjson.toFixed(2)}`,
  );
  console.log(
    `peak RSS of the imports: +${peakMb.toFixed(0)} MB (goal < ${MEMORY_GOAL_MB} MB): ` +
      `${smallEnough ? 'PASS' : 'ABOVE GOAL'}`,
  );

  const file = await context.writeResults('import', {
    benchmark: 'import',
    measuredAt: new Date().toISOString(),
    rows,
    file: { name: relative(context.rootDir, events.file), bytes: events.bytes },
    machine: machineInfo(),
    steps: Object.fromEntries(all.map((r) => [r.step, rounded(r)])),
    speedRatio: Number(ratio.toFixed(3)),
    speedRatios: ratios,
    goal: GOAL,
    peakRssMb: Number(peakMb.toFixed(0)),
    memoryGoalMb: MEMORY_GOAL_MB,
    pass,
  });
  console.log(`results written to ${relative(context.rootDir, file)}`);
  if (!a || !b || !c) throw new Error('the CSV steps produced no result');
}

function isBare(step: Step): boolean {
  return step === 'baseline' || step.endsWith('-bare');
}

/** The CSV's rows as Parquet and NDJSON, typed as the engine's CSV reader types them. */
async function otherFormats(
  csv: string,
  dir: string,
): Promise<Record<'parquet' | 'ndjson', string>> {
  const parquet = join(dir, 'events.parquet');
  const ndjson = join(dir, 'events.ndjson');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const source = `read_csv(${sqlString(csv)})`;
    await connection.run(
      `COPY (SELECT * FROM ${source}) TO ${sqlString(parquet)} (FORMAT parquet)`,
    );
    await connection.run(`COPY (SELECT * FROM ${source}) TO ${sqlString(ndjson)} (FORMAT json)`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return { parquet, ndjson };
}

function required(result: StepResult | undefined): StepResult {
  if (!result) throw new Error('a benchmark step produced no result');
  return result;
}

function table(results: StepResult[]): string {
  const head = ['step', 'rows', 'seconds', 'rows/s', 'peak RSS MB'];
  const body = results.map((r) => [
    LABELS[r.step],
    r.rows.toLocaleString('en'),
    r.seconds.toFixed(2),
    Math.round(r.rowsPerSecond).toLocaleString('en'),
    r.peakRssMb.toFixed(0),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function rounded(result: StepResult): StepResult {
  const r3 = (n: number): number => Number(n.toFixed(3));
  return {
    ...result,
    seconds: r3(result.seconds),
    rowsPerSecond: Math.round(result.rowsPerSecond),
    peakRssMb: r3(result.peakRssMb),
    rssBeforeMb: r3(result.rssBeforeMb),
    rssPeakMb: r3(result.rssPeakMb),
    openSeconds: r3(result.openSeconds),
    closeSeconds: r3(result.closeSeconds),
  };
}

/** Runs one step in a child process and reads back its result; bounded by a time limit. */
function runWorker(
  context: BenchContext,
  step: Step,
  file: string,
  dir: string,
): Promise<StepResult> {
  // Generous: about 6 minutes per million rows, at least 10 minutes.
  const limitMs = Math.max(10 * 60_000, (context.rows / 1_000_000) * 6 * 60_000);
  const args = ['--import', 'tsx', thisFile, '--worker', step, '--file', file, '--dir', dir];
  args.push('--rows', String(context.rows));
  return runChild<StepResult>(args, { cwd: context.rootDir, limitMs, label: step });
}

// ---- worker side -------------------------------------------------------------------------

interface WorkerArgs {
  step: Step;
  file: string;
  dir: string;
  rows: number;
}

async function worker(args: WorkerArgs): Promise<StepResult> {
  if (isBare(args.step)) return baselineStep(args);
  return productStep(args, args.step === 'reimport');
}

async function baselineStep({ step, file, dir, rows }: WorkerArgs): Promise<StepResult> {
  const storeFile = join(dir, 'baseline.duckdb');
  const opened = await timed(async () => {
    const instance = await DuckDBInstance.create(storeFile);
    return { instance, connection: await instance.connect() };
  });
  const { instance, connection } = opened.value;
  const sql = `CREATE TABLE t AS SELECT * FROM ${BARE_READER[STEP_FORMAT[step]]}(${sqlString(file)})`;
  const measured = await measure(() => connection.run(sql));
  const count = await connection.runAndReadAll('SELECT count(*) AS n FROM t');
  const stored = Number(count.getRows()[0]?.[0] ?? -1);
  const described = await connection.runAndReadAll('DESCRIBE t');
  const columnTypes = Object.fromEntries(
    described
      .getRowObjects()
      .map((row) => [String(row['column_name']), String(row['column_type'])]),
  );
  const closed = await timed(async () => {
    connection.closeSync();
    instance.closeSync();
  });
  if (stored !== rows) throw new Error(`${step}: table t has ${stored} rows, expected ${rows}`);
  return {
    step,
    rows: stored,
    seconds: measured.seconds,
    rowsPerSecond: stored / measured.seconds,
    peakRssMb: measured.peakRssMb,
    rssBeforeMb: measured.rssBeforeMb,
    rssPeakMb: measured.rssPeakMb,
    openSeconds: opened.seconds,
    closeSeconds: closed.seconds,
    storeBytes: await sizeOf(storeFile),
    details: { sql, columnTypes },
  };
}

async function productStep(
  { step, file, dir, rows }: WorkerArgs,
  again: boolean,
): Promise<StepResult> {
  const opened = await timed(async () => {
    const project = again ? await openProject(dir) : (await initProject(dir)).project;
    return { project, warehouse: await openStore(project) };
  });
  const { project, warehouse } = opened.value;
  const measured = await measure(() =>
    importFile(warehouse, project, { file, kind: 'events' }),
  ).catch(async (error: unknown) => {
    await warehouse.close();
    throw error;
  });
  const closed = await timed(() => warehouse.close());
  const summary: ImportSummary = measured.value;
  const expected = again
    ? { read: rows, inserted: 0, duplicates: rows, rejected: 0 }
    : { read: rows, inserted: rows, duplicates: 0, rejected: 0 };
  const actual = {
    read: summary.read,
    inserted: summary.inserted,
    duplicates: summary.duplicates,
    rejected: summary.rejected,
  };
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(
      `${step}: the import summary is wrong: got ${JSON.stringify(actual)}, ` +
        `expected ${JSON.stringify(expected)}`,
    );
  }
  return {
    step,
    rows: summary.read,
    seconds: measured.seconds,
    rowsPerSecond: summary.read / measured.seconds,
    peakRssMb: measured.peakRssMb,
    rssBeforeMb: measured.rssBeforeMb,
    rssPeakMb: measured.rssPeakMb,
    openSeconds: opened.seconds,
    closeSeconds: closed.seconds,
    storeBytes: await sizeOf(project.storeFile),
    details: { summary: { ...actual, seconds: summary.seconds } },
  };
}

function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

async function sizeOf(file: string): Promise<number> {
  return (await stat(file)).size;
}

function parseWorkerArgs(argv: string[]): WorkerArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      worker: { type: 'string' },
      file: { type: 'string' },
      dir: { type: 'string' },
      rows: { type: 'string' },
    },
  });
  const step = STEPS.find((name) => name === values.worker);
  const rows = Number(values.rows);
  if (!step || !values.file || !values.dir || !Number.isSafeInteger(rows)) {
    throw new Error(`bad worker arguments: ${argv.join(' ')}`);
  }
  return { step, file: values.file, dir: values.dir, rows };
}

if (process.argv[1] === thisFile && process.argv.includes('--worker')) {
  worker(parseWorkerArgs(process.argv.slice(2))).then(
    (result) => {
      reportResult(result);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exitCode = 1;
    },
  );
}
