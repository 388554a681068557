import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  copyFile,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CONFIG_FILE, STORE_FILE, projectPaths } from '../../src/config/project.js';
import { snapshotFiles } from '../../src/query/query-snapshot.js';
import { CLI, runClv } from './run-cli.js';

const ROOT = join(import.meta.dirname, '..', '..');
const PREFIX = 'clv-e2e-demo-';
/** No scheduled refresh: one landing mid-test would change what a test reads. */
const DEMO_CONFIG = { refresh: { cron: null } };
/** Six months before the demo shop's last order (October 2026). */
export const DEMO_HOLDOUT_FROM = '2026-05-01';
const READY_MS = 30_000;
const BUILD_STEP_MS = 4 * 60_000;
/** How long a worker waits for another one's build before giving up. */
const BUILD_WAIT_MS = 10 * 60_000;
/** Cached stores of other builds older than this are removed when a new one is made. */
const STALE_MS = 60 * 60_000;

export interface DemoOptions {
  /** Where the cached store lives (default: the OS temp folder). */
  cacheDir?: string;
  /** Customers of the demo shop (default: `clv demo`'s own, 20,000). */
  customers?: number;
}

export interface ServedDemo {
  /** The server's origin, without a trailing slash: `http://127.0.0.1:PORT`. */
  url: string;
  /** The served project folder: a copy of the cached demo store, removed by `close`. */
  project: string;
  /** With `keys`: a read and an admin key (the API helper uses the admin one). */
  keys: { read: string; admin: string } | null;
  /** GETs `/api/v1<path>` and returns its JSON; any status but 2xx throws. */
  api<T>(path: string): Promise<T>;
  close(): Promise<void>;
}

/**
 * Serves a private copy of the refreshed demo shop with a real `clv serve` child process on a
 * free loopback port, once `GET /api/v1/status` answers 200.
 */
export async function servedDemo(
  options: DemoOptions & {
    /** Create a read and an admin key first, so the server asks for one. */
    keys?: boolean;
    /** Serve a new, empty project instead (never imported, never refreshed). */
    empty?: boolean;
    /**
     * Serve a new project that this fills instead (after `clv init`, before the server starts),
     * e.g. a small shop imported and refreshed with the CLI (see `small-shop.ts`).
     */
    shop?: (project: string) => Promise<void>;
    /** Changes the served copy before the server starts (rows a test needs in the store). */
    prepare?: (project: string) => Promise<void>;
    /**
     * Let the server compute the first visit's answers behind its start (`clv serve` does by
     * default). Off unless asked: two dozen servers each computing 16 answers of the demo shop
     * took CPU from every test running beside them, and no page test is about it.
     */
    warmUp?: boolean;
  } = {},
): Promise<ServedDemo> {
  const store = options.empty || options.shop ? null : await demoStore(options);
  // `clv serve` holds its DuckDB file exclusively: every server gets its own copy.
  const project = await mkdtemp(join(tmpdir(), 'clv-e2e-serve-'));
  try {
    if (store) {
      const copy = (file: string): [string, string] => [file, join(project, relative(store, file))];
      const files = [CONFIG_FILE, STORE_FILE, `${STORE_FILE}.wal`].map((name) =>
        copy(join(store, name)),
      );
      // The refresh wrote the query snapshot (the demo has a dataset); each copy writing it again
      // at its first query cost seconds a server. A copy that `prepare` changes writes its own,
      // so that queries see the change.
      if (!options.prepare) {
        files.push(...snapshotFiles(projectPaths(store).queryDir).map(copy));
        await mkdir(projectPaths(project).queryDir, { recursive: true });
      }
      for (const [source, target] of files) {
        if (existsSync(source)) await copyFile(source, target);
      }
    } else {
      // Written before `clv init`, which keeps it: with the default schedule an empty project
      // was refreshed at the next quarter hour, in the middle of a test of the never-refreshed.
      await writeFile(join(project, CONFIG_FILE), JSON.stringify(DEMO_CONFIG), 'utf8');
      await clv(['init', project]);
      await options.shop?.(project);
    }
    await options.prepare?.(project);
    const keys = options.keys ? await createKeys(project) : null;
    const { child, url } = await startServe(project, options.warmUp === true);
    let closed: Promise<void> | null = null;
    return {
      url,
      project,
      keys,
      async api<T>(path: string): Promise<T> {
        const response = await fetch(`${url}/api/v1${path}`, {
          headers: keys ? { authorization: `Bearer ${keys.admin}` } : {},
        });
        if (!response.ok) {
          throw new Error(
            `GET /api/v1${path} answered ${response.status}: ${await response.text()}`,
          );
        }
        return (await response.json()) as T;
      },
      close() {
        closed ??= stop(child).finally(() =>
          rm(project, { recursive: true, force: true, maxRetries: 3 }),
        );
        return closed;
      },
    };
  } catch (error) {
    await rm(project, { recursive: true, force: true });
    throw error;
  }
}

/**
 * The folder of the refreshed demo shop, built by `clv demo` + `clv refresh` (and a holdout
 * check) on first use and cached under a key of the built CLI, so a test run builds it once and
 * the next run (same build) not at all. Never serve it directly: `servedDemo` serves a copy.
 */
export async function demoStore(options: DemoOptions = {}): Promise<string> {
  const root = options.cacheDir ?? tmpdir();
  const dir = join(root, `${PREFIX}${await buildKey(options.customers)}`);
  // Complete once it exists: it is built elsewhere and renamed into place.
  if (existsSync(join(dir, STORE_FILE))) return dir;
  await mkdir(root, { recursive: true });
  const lock = `${dir}.lock`;
  const deadline = Date.now() + BUILD_WAIT_MS;
  for (;;) {
    if (existsSync(join(dir, STORE_FILE))) return dir;
    if (await takeLock(lock)) {
      try {
        if (!existsSync(join(dir, STORE_FILE))) await build(dir, options.customers);
      } finally {
        await rm(lock, { force: true });
      }
      await pruneStale(root, dir);
      return dir;
    }
    if (Date.now() > deadline) {
      throw new Error(`the demo store ${dir} was not built within ${BUILD_WAIT_MS / 60_000} min`);
    }
    await sleep(250);
  }
}

/** The built CLI's content (every module: the demo and refresh live beyond main.js) and size, and the holdout date. */
async function buildKey(customers: number | undefined): Promise<string> {
  const dist = join(ROOT, 'dist');
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const hash = createHash('sha256').update(
    `customers=${customers ?? 'default'} holdout=${DEMO_HOLDOUT_FROM}\n`,
  );
  const files = (await readdir(dist, { recursive: true }))
    // The dashboard's bundles (dist/web) do not shape the store.
    .filter((file) => file.endsWith('.js') && !file.startsWith('web/'))
    .sort();
  for (const file of files) {
    hash.update(`${file}\n`).update(await readFile(join(dist, file)));
  }
  const duckdb = join(ROOT, 'node_modules', '@duckdb', 'node-api', 'package.json');
  if (existsSync(duckdb)) hash.update(await readFile(duckdb));
  return hash.digest('hex').slice(0, 16);
}

/** Takes the build lock, first clearing one whose process has died (a killed test run). */
async function takeLock(lock: string): Promise<boolean> {
  try {
    await writeFile(lock, String(process.pid), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const owner = Number(await readFile(lock, 'utf8').catch(() => ''));
  const age = Date.now() - ((await stat(lock).catch(() => null))?.mtimeMs ?? Date.now());
  // An empty lock is one being written; only an old one is abandoned.
  const dead = owner > 0 ? !alive(owner) : age > 10_000;
  if (dead) await rm(lock, { force: true });
  return false;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function build(dir: string, customers: number | undefined): Promise<void> {
  // Built beside its final place and renamed: a killed build never looks complete.
  const building = `${dir}.building-${process.pid}`;
  await rm(building, { recursive: true, force: true });
  await mkdir(building, { recursive: true });
  try {
    await writeFile(join(building, CONFIG_FILE), JSON.stringify(DEMO_CONFIG), 'utf8');
    const size = customers === undefined ? [] : ['--customers', String(customers)];
    await clv(['demo', '--project', building, ...size]);
    await clv(['refresh', '--project', building]);
    // A stored holdout check, so the predictions page has its calibration chart.
    await clv(['predict', '--project', building, '--holdout-from', DEMO_HOLDOUT_FROM]);
    await rm(join(building, 'demo-data'), { recursive: true, force: true });
    await rename(building, dir);
  } catch (error) {
    await rm(building, { recursive: true, force: true });
    throw error;
  }
}

async function clv(args: string[]): Promise<void> {
  const result = await runClv(args, { killAfterMs: BUILD_STEP_MS });
  if (result.code !== 0) {
    throw new Error(`clv ${args[0]} exited ${result.code ?? result.signal}: ${result.stderr}`);
  }
}

/**
 * Removes other builds' stores once they are old enough that no running test uses them, and
 * the half-built folders of killed builds.
 */
async function pruneStale(root: string, keep: string): Promise<void> {
  for (const name of await readdir(root).catch(() => [])) {
    const path = join(root, name);
    if (!name.startsWith(PREFIX) || path === keep || name.endsWith('.lock')) continue;
    const builder = /\.building-(\d+)$/.exec(name)?.[1];
    if (builder !== undefined) {
      if (!alive(Number(builder))) await rm(path, { recursive: true, force: true });
      continue;
    }
    const modified = (await stat(path).catch(() => null))?.mtimeMs ?? Date.now();
    if (Date.now() - modified > STALE_MS) await rm(path, { recursive: true, force: true });
  }
}

/** A port no one listens on now; the server is started on it next (a retry covers a race). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

async function startServe(
  project: string,
  warmUp: boolean,
): Promise<{ child: ChildProcess; url: string }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const args = ['--project', project, 'serve', '--port', String(port), '--host', '127.0.0.1'];
    if (!warmUp) args.push('--no-warm-up');
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    // A test that dies without `close` must not leave a server behind.
    const orphan = (): void => void child.kill('SIGKILL');
    process.once('exit', orphan);
    child.once('exit', () => process.off('exit', orphan));
    let output = '';
    const keep = (chunk: Buffer): void => {
      // The server logs every request: only the tail is worth showing.
      output = (output + chunk.toString()).slice(-4000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    if (await ready(url, child)) return { child, url };
    await stop(child);
    if (output.includes('EADDRINUSE') && attempt < 3) continue;
    throw new Error(
      `clv serve in ${project} did not answer ${url}/api/v1/status ` +
        `with 200 within ${READY_MS / 1000} s:\n${output}`,
    );
  }
}

/** Polls the status route until it answers 200 (or 401); false when the server exits or time runs out. */
async function ready(url: string, child: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + READY_MS;
  while (Date.now() < deadline && child.exitCode === null && child.signalCode === null) {
    try {
      const response = await fetch(`${url}/api/v1/status`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      // 401: the store is open and the server wants a key (a demo served with keys).
      if (response.status === 200 || response.status === 401) return true;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  return false;
}

/** SIGTERM (the server closes its store cleanly), SIGKILL after 5 s. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

async function createKeys(project: string): Promise<{ read: string; admin: string }> {
  const keys = { read: '', admin: '' };
  for (const role of ['read', 'admin'] as const) {
    const result = await runClv(['key', 'create', '--role', role, '--project', project, '--json']);
    if (result.code !== 0) throw new Error(`clv key create failed: ${result.stderr}`);
    keys[role] = (JSON.parse(result.stdout) as { key: string }).key;
  }
  return keys;
}
