/**
 * The demo shop as a ready project, built once per size into `bench/.cache/demo-<customers>/`
 * (seed 1) and reused: `initProject` + `openStore` + `runDemo`, exactly what `clv demo` does.
 * A marker file is written last, so a half-built folder (a killed build) is rebuilt.
 *
 * Generation holds every event's columns in memory (about 1.3 GB of heap at 1 M customers, 1.4 GB
 * RSS), so the build runs in a child process with a larger heap (this file with `--worker`).
 *
 * Standalone: `node --import tsx bench/make-demo-store.ts [--customers N]`.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { reportResult, runChild } from './child-worker.js';
import { initProject } from '../src/config/init-project.js';
import { CONFIG_FILE, STORE_FILE } from '../src/config/project.js';
import { MAX_DEMO_CUSTOMERS } from '../src/demo/generate.js';
import { runDemo } from '../src/demo/run-demo.js';
import { openStore } from '../src/store/open-store.js';
import { timed } from './measure.js';

export const DEMO_SEED = 1;
/** Written last by a successful build; its absence means the folder must be (re)built. */
const MARKER_FILE = 'bench-complete.json';
const HEAP_MB = 8192;
const thisFile = fileURLToPath(import.meta.url);

export interface DemoStore {
  /** The project folder. */
  dir: string;
  storeFile: string;
  configFile: string;
  customers: number;
  seed: number;
  /** Rows of the store's events table. */
  events: number;
  /** True when this call built the store; false when it came from the cache. */
  built: boolean;
  /** Seconds the build took (generation, CSV files and import), whenever it was built. */
  buildSeconds: number;
  /** ISO time the build finished. */
  builtAt: string;
}

/** What the marker file holds. */
type Marker = Omit<DemoStore, 'built'>;

/** The cache folder of the demo project of that size. */
export function demoStoreDir(cacheDir: string, customers: number): string {
  return join(cacheDir, `demo-${customers}`);
}

/**
 * Returns the demo project of `customers` customers, building it first when the cache has no
 * complete one. `limitMinutes` bounds the build (default: 60 minutes per million customers,
 * at least 15).
 */
export async function makeDemoStore(
  cacheDir: string,
  customers: number,
  limitMinutes = Math.max(15, (customers / 1_000_000) * 60),
): Promise<DemoStore> {
  if (!Number.isSafeInteger(customers) || customers < 1 || customers > MAX_DEMO_CUSTOMERS) {
    throw new Error(
      `the demo shop has 1 to ${MAX_DEMO_CUSTOMERS.toLocaleString('en')} customers, not ${customers}`,
    );
  }
  const dir = demoStoreDir(cacheDir, customers);
  const cached = await readMarker(dir, customers);
  if (cached) return { ...cached, built: false };
  // Whatever is there is a half-built store: start again from an empty folder.
  await rm(dir, { recursive: true, force: true });
  const marker = await buildInChild(dir, customers, limitMinutes);
  return { ...marker, built: true };
}

async function readMarker(dir: string, customers: number): Promise<Marker | null> {
  const text = await readFile(join(dir, MARKER_FILE), 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const marker = JSON.parse(text) as Marker;
    const complete =
      marker.customers === customers && marker.seed === DEMO_SEED && marker.events > 0;
    // The folder may have moved since it was built: paths are taken from where it is now.
    return complete
      ? { ...marker, dir, storeFile: join(dir, STORE_FILE), configFile: join(dir, CONFIG_FILE) }
      : null;
  } catch {
    return null;
  }
}

function buildInChild(dir: string, customers: number, limitMinutes: number): Promise<Marker> {
  const args = [
    `--max-old-space-size=${HEAP_MB}`,
    '--import',
    'tsx',
    thisFile,
    '--worker',
    '--dir',
    dir,
    '--customers',
    String(customers),
  ];
  return runChild<Marker>(args, {
    cwd: dirname(dirname(thisFile)),
    limitMs: limitMinutes * 60_000,
    label: 'demo store build',
  });
}

// ---- worker side: the build itself --------------------------------------------------------

async function build(dir: string, customers: number): Promise<Marker> {
  const made = await timed(async () => {
    const { project } = await initProject(dir);
    const warehouse = await openStore(project);
    try {
      await runDemo(warehouse, project, { customers, seed: DEMO_SEED });
      const [row] = await warehouse.query<{ n: number }>('SELECT count(*) AS n FROM events');
      return { project, events: row?.n ?? 0 };
    } finally {
      await warehouse.close();
    }
  });
  const { project, events } = made.value;
  if (events <= 0) throw new Error('the demo store has no events');
  // The generated CSV files are only the import's input: the store holds everything.
  await rm(project.demoDataDir, { recursive: true, force: true });
  const marker: Marker = {
    dir: project.dir,
    storeFile: project.storeFile,
    configFile: project.configFile,
    customers,
    seed: DEMO_SEED,
    events,
    buildSeconds: Number(made.seconds.toFixed(1)),
    builtAt: new Date().toISOString(),
  };
  await writeFile(join(dir, MARKER_FILE), `${JSON.stringify(marker, null, 2)}\n`, 'utf8');
  return marker;
}

function parseCustomers(text: string | undefined): number {
  if (text === undefined) return 1_000_000;
  const customers = Number(text.replaceAll('_', ''));
  if (!Number.isSafeInteger(customers) || customers < 1) {
    throw new Error(`--customers must be a positive whole number, not ${JSON.stringify(text)}`);
  }
  return customers;
}

/**
 * The command line of a demo worker (this file's, and the scale benchmark's that writes the
 * demo's files): `--worker --dir DIR --customers N`, N checked (default 1 M).
 */
export function demoWorkerArgs(argv: string[]): {
  worker: boolean;
  dir: string | undefined;
  customers: number;
} {
  const { values } = parseArgs({
    args: argv,
    options: {
      worker: { type: 'boolean', default: false },
      dir: { type: 'string' },
      customers: { type: 'string' },
    },
  });
  return { worker: values.worker, dir: values.dir, customers: parseCustomers(values.customers) };
}

async function main(argv: string[]): Promise<void> {
  const { worker, dir, customers } = demoWorkerArgs(argv);
  if (worker) {
    if (!dir) throw new Error('--worker needs --dir');
    const marker = await build(dir, customers);
    reportResult(marker);
    return;
  }
  const store = await makeDemoStore(join(dirname(thisFile), '.cache'), customers);
  const how = store.built ? 'built' : `cached, built ${store.builtAt}`;
  console.log(
    `demo store: ${store.dir}, ${store.customers.toLocaleString('en')} customers, ` +
      `${store.events.toLocaleString('en')} events, build ${store.buildSeconds.toFixed(1)} s (${how})`,
  );
}

if (process.argv[1] === thisFile) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  });
}

/**
 * A project in a new temp folder (`clv-bench-<name>-…`) holding a copy of the cached demo
 * store and its config, for a benchmark that writes to it; the caller removes the folder.
 */
export async function copyDemoStore(store: DemoStore, name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `clv-bench-${name}-`));
  await copyFile(store.storeFile, join(dir, STORE_FILE));
  if (existsSync(`${store.storeFile}.wal`)) {
    await copyFile(`${store.storeFile}.wal`, join(dir, `${STORE_FILE}.wal`));
  }
  await copyFile(store.configFile, join(dir, CONFIG_FILE));
  return dir;
}
