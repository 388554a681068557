/**
 * Benchmarks: `npm run bench -- [name ...] [--rows N] [--customers N] [--keep] [--smoke]
 * [--results DIR] [--cache DIR]`. No name runs them all.
 * A benchmark is a module exporting `run(context)`; adding one is one entry in `benchmarks`.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import type { BenchContext, BenchModule } from './bench-context.js';
import { makeEventsCsv, type EventsFile } from './make-events-csv.js';
import { megabytes } from './measure.js';

interface Benchmark {
  about: string;
  /** What the run is sized by, for its heading; default: `--rows`. */
  size?(context: BenchContext): string;
  load(): Promise<BenchModule>;
}

/** The serve and web benchmarks' shop: the demo's own, or a smoke run's small one. */
function demoShopSize({ smoke, customers }: BenchContext): string {
  return `the demo shop (${(smoke ? customers : 20_000).toLocaleString('en')} customers)`;
}

const benchmarks: Record<string, Benchmark> = {
  import: {
    about: 'events CSV import vs DuckDB read_csv',
    load: () => import('./import-bench.js'),
  },
  refresh: {
    about: 'refresh + all metrics on the demo shop vs a bare GROUP BY',
    size: ({ customers }) => `${customers.toLocaleString('en')} demo customers`,
    load: () => import('./refresh-bench.js'),
  },
  incremental: {
    about: 'a refresh after 10,000 new events, built on the last one, vs a full refresh',
    size: ({ customers }) => `${customers.toLocaleString('en')} demo customers`,
    load: () => import('./incremental-bench.js'),
  },
  predict: {
    about: 'summary, BG/NBD + Gamma-Gamma fits and predictions of simulated customers',
    size: ({ customers }) => `${customers.toLocaleString('en')} simulated customers`,
    load: () => import('./predict-bench.js'),
  },
  audience: {
    about: 'audience estimates (p95 vs a bare aggregate) and 20 audiences evaluated at refresh',
    size: ({ customers }) => `${customers.toLocaleString('en')} demo customers`,
    load: () => import('./audience-bench.js'),
  },
  campaign: {
    about: "the refresh's campaigns step alone vs a bare scan of the campaign events",
    size: ({ customers }) => `${customers.toLocaleString('en')} demo customers`,
    load: () => import('./campaign-bench.js'),
  },
  query: {
    about: "query snapshot and dataset at refresh; the dashboards' saved queries, cold and cached",
    size: ({ customers }) => `${customers.toLocaleString('en')} demo customers`,
    load: () => import('./query-bench.js'),
  },
  serve: {
    about: 'HTTP API on the demo shop: metrics latency vs a bare route, batched ingest',
    size: demoShopSize,
    load: () => import('./serve-bench.js'),
  },
  pages: {
    about: 'every dashboard page in Chromium, first answers after a refresh vs cached answers',
    size: ({ customers }) => `${customers.toLocaleString('en')} demo customers`,
    load: () => import('./pages-bench.js'),
  },
  web: {
    about: 'dashboard in Chromium: cold /overview until the revenue KPI shows, JavaScript size',
    size: demoShopSize,
    load: () => import('./web-bench.js'),
  },
  scale: {
    about: 'import, refresh, metrics and predict with `clv` at 0.1-3 M customers: growth exponents',
    size: ({ smoke }) => (smoke ? '100 demo customers' : '0.1, 0.3, 1 and 3 M demo customers'),
    load: () => import('./scale-bench.js'),
  },
};

const DEFAULT_ROWS = 10_000_000;
const DEFAULT_CUSTOMERS = 1_000_000;
/** A smoke run's sizes: enough for every step to have something to do. */
const SMOKE_ROWS = 2_000;
const SMOKE_CUSTOMERS = 200;
const benchDir = dirname(fileURLToPath(import.meta.url));
const rootDir = dirname(benchDir);

function usage(): string {
  const names = Object.entries(benchmarks)
    .map(([name, bench]) => `  ${name.padEnd(10)} ${bench.about}`)
    .join('\n');
  return `usage: npm run bench -- [name ...] [--rows N] [--customers N] [--keep] [--smoke]
                             [--results DIR] [--cache DIR]
  --rows N        import: rows of generated input (default ${DEFAULT_ROWS.toLocaleString('en')})
  --customers N   refresh, predict: customers of the demo shop (default ${DEFAULT_CUSTOMERS / 1e6} M),
                  built once per size and kept in bench/.cache/demo-N/
  --keep          import: keep the generated input in bench/.cache/ for the next run
  --smoke         every benchmark at a tiny size (${SMOKE_ROWS} rows, ${SMOKE_CUSTOMERS} customers, also
                  for serve and web) and its shortest duration: does it still run? (npm test)
  --results DIR   write <name>.json there instead of bench/results/
  --cache DIR     cache inputs and stores there instead of bench/.cache/
benchmarks:
${names}`;
}

function parseRows(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const rows = Number(text.replaceAll('_', ''));
  if (!Number.isSafeInteger(rows) || rows < 1) {
    throw new Error(`--rows must be a positive whole number, not ${JSON.stringify(text)}`);
  }
  return rows;
}

function parseCustomers(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const customers = Number(text.replaceAll('_', ''));
  if (!Number.isSafeInteger(customers) || customers < 1) {
    throw new Error(`--customers must be a positive whole number, not ${JSON.stringify(text)}`);
  }
  return customers;
}

interface Cli {
  names: string[];
  rows: number;
  customers: number;
  keep: boolean;
  smoke: boolean;
  resultsDir: string;
  cacheDir: string;
}

/** Reads the command line; a usage error is returned as its message. */
function parseCli(argv: string[]): Cli | string {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        rows: { type: 'string' },
        customers: { type: 'string' },
        keep: { type: 'boolean', default: false },
        smoke: { type: 'boolean', default: false },
        results: { type: 'string' },
        cache: { type: 'string' },
      },
    });
    const unknown = positionals.filter((name) => !Object.hasOwn(benchmarks, name));
    if (unknown.length > 0) return `unknown benchmark: ${unknown.join(', ')}`;
    return {
      names: positionals.length > 0 ? [...new Set(positionals)] : Object.keys(benchmarks),
      rows: parseRows(values.rows, values.smoke ? SMOKE_ROWS : DEFAULT_ROWS),
      customers: parseCustomers(
        values.customers,
        values.smoke ? SMOKE_CUSTOMERS : DEFAULT_CUSTOMERS,
      ),
      keep: values.keep,
      smoke: values.smoke,
      resultsDir: resolve(values.results ?? join(benchDir, 'results')),
      cacheDir: resolve(values.cache ?? join(benchDir, '.cache')),
    };
  } catch (error) {
    return (error as Error).message;
  }
}

async function main(argv: string[]): Promise<number> {
  const cli = parseCli(argv);
  if (typeof cli === 'string') {
    console.error(`${cli}\n${usage()}`);
    return 2;
  }
  const { names, rows, customers, keep, smoke, resultsDir, cacheDir } = cli;
  // Generated on first use; held in an object so that the closure's assignment is seen.
  const input: { events: Promise<EventsFile> | null } = { events: null };
  const context: BenchContext = {
    rows,
    customers,
    smoke,
    rootDir,
    benchDir,
    cacheDir,
    eventsFile() {
      input.events ??= makeEventsCsv(cacheDir, rows).then((made) => {
        const how = made.generated ? `generated in ${made.seconds.toFixed(1)} s` : 'cached';
        console.log(
          `events file: ${relative(rootDir, made.file)}, ${made.rows.toLocaleString('en')} rows, ` +
            `${megabytes(made.bytes)} MB (${how})`,
        );
        return made;
      });
      return input.events;
    },
    async writeResults(name, results) {
      await mkdir(resultsDir, { recursive: true });
      const file = join(resultsDir, `${name}.json`);
      // In the project's own style, so that committing a result keeps `npm run lint` clean.
      const style = await resolveConfig(file);
      await writeFile(
        file,
        await format(JSON.stringify(results), { ...style, parser: 'json' }),
        'utf8',
      );
      return file;
    },
  };

  try {
    for (const name of names) {
      const bench = benchmarks[name];
      if (!bench) continue;
      const size = bench.size?.(context) ?? `${rows.toLocaleString('en')} rows`;
      console.log(`\n== ${name}: ${bench.about} (${size})`);
      const module = await bench.load();
      await module.run(context);
    }
  } finally {
    const made = await input.events?.catch(() => null);
    if (made?.generated && !keep) {
      await rm(made.file, { force: true });
      console.log(`removed ${relative(rootDir, made.file)} (pass --keep to keep it)`);
    }
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  },
);
