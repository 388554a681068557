import { spawn, type ChildProcess } from 'node:child_process';
import { watch } from 'node:fs';
import { cp } from 'node:fs/promises';
import { openProject } from '../../src/config/project.js';
import { openStore } from '../../src/store/open-store.js';
import type { AbandonedImport } from '../../src/store/recover-imports.js';
import { listeningUrl } from '../helpers/listening-url.js';
import { CLI } from '../helpers/run-cli.js';

/** Kills per kill test: a few by default, the 50 with CLV_THOROUGH=1. */
export const KILLS = process.env['CLV_THOROUGH'] ? 50 : 5;
/** Kills of a server, which starts for each: one per path by default, 50 in all when thorough. */
export const SERVER_KILLS = process.env['CLV_THOROUGH'] ? 50 : 2;

/**
 * Milliseconds after the write-ahead log appears (the commit has begun) to kill at: first
 * within the few milliseconds the log is being written, then on through the checkpoint.
 */
const DELAYS = [0, 1, 2, 3, 5, 8, 13, 21, 34, 55];
export const killDelay = (k: number): number => DELAYS[k % DELAYS.length] ?? 0;

/** What a test compares before and after a kill: every event and every import's row. */
export interface StoreState {
  events: number;
  /** A sum of hashes of every event's stored columns but its import id. */
  checksum: string;
  /** The imports' rows but their ids and times, in id order. */
  imports: { kind: string; file: string; read: number; inserted: number; duplicates: number }[];
  importIds: number[];
  abandonedIds: number[];
}

/** The store's state as `clv` sees it: opened (and so recovered) the way every command opens it. */
export async function storeState(
  dir: string,
): Promise<{ state: StoreState; abandoned: AbandonedImport[] }> {
  const abandoned: AbandonedImport[] = [];
  const store = await openStore(await openProject(dir), {
    onAbandonedImport: (item) => abandoned.push(item),
  });
  try {
    const [events] = await store.query<{ n: number; checksum: string }>(
      `SELECT count(*) AS n,
              coalesce(sum(hash(event_id, customer_id, type, kind, ts, order_id, amount,
                original_amount, currency, status, properties::VARCHAR, source_line)::HUGEINT), 0)
                ::VARCHAR AS checksum
       FROM events`,
    );
    const imports = await store.query<StoreState['imports'][number] & { import_id: number }>(
      `SELECT import_id, kind, file, rows_read AS read, inserted, duplicates
       FROM imports ORDER BY import_id`,
    );
    const gone = await store.query<{ import_id: number }>(
      'SELECT import_id FROM abandoned_imports ORDER BY import_id',
    );
    return {
      state: {
        events: events?.n ?? 0,
        checksum: events?.checksum ?? '',
        imports: imports.map(({ import_id: _, ...row }) => row),
        importIds: imports.map((row) => row.import_id),
        abandonedIds: gone.map((row) => row.import_id),
      },
      abandoned,
    };
  } finally {
    await store.close();
  }
}

/** A copy of a project folder (config, store, rejects) under `target`. */
export async function copyProject(source: string, target: string): Promise<string> {
  await cp(source, target, { recursive: true });
  return target;
}

/**
 * Resolves when the store's write-ahead log appears in `dir`, which a large import first
 * writes when it commits (the scratch work before runs in temporary tables, which it does
 * not log). `stop` ends the watch.
 */
export function walAppears(dir: string): { appeared: Promise<void>; stop(): void } {
  let resolve: () => void = () => undefined;
  const appeared = new Promise<void>((done) => (resolve = done));
  const watcher = watch(dir, (_event, name) => {
    if (name === 'clv.duckdb.wal') resolve();
  });
  return { appeared, stop: () => watcher.close() };
}

/** Runs `clv ARGS` and SIGKILLs it `delayMs` after the commit begins; says whether it was killed. */
export async function killDuringCommit(
  args: readonly string[],
  dir: string,
  delayMs: number,
): Promise<{ killed: boolean; stdout: string }> {
  const wal = walAppears(dir);
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  return killWhen(child, wal, delayMs);
}

/** SIGKILLs `child` `delayMs` after the log appears; resolves once it has exited. */
export async function killWhen(
  child: ChildProcess,
  wal: { appeared: Promise<void>; stop(): void },
  delayMs: number,
): Promise<{ killed: boolean; stdout: string }> {
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<{ killed: boolean }>((resolve) =>
    child.once('exit', (_code, signal) => resolve({ killed: signal === 'SIGKILL' })),
  );
  void wal.appeared.then(() => {
    const kill = (): void => void child.kill('SIGKILL');
    if (delayMs === 0) kill();
    else setTimeout(kill, delayMs);
  });
  try {
    return { ...(await exited), stdout };
  } finally {
    wal.stop();
  }
}

/** An events CSV of `rows` purchases, ids `prefix0`, `prefix1`, … */
export function eventsCsv(rows: number, prefix: string): string {
  const lines = ['event_id,customer_id,type,timestamp,amount'];
  for (let i = 0; i < rows; i += 1) {
    lines.push(
      `${prefix}${i},c${i % 5000},purchase,2024-0${1 + (i % 9)}-1${i % 10}T10:00:00Z,${i % 97}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** `clv serve` on a free loopback port, resolved with its address once it listens. */
export async function serve(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--project', dir, '--port', '0', '--json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  try {
    return { child, url: await listeningUrl(child.stdout) };
  } catch (error) {
    throw new Error(`clv serve did not start: ${stderr}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

/** Stops a server the way Ctrl-C does and waits for it to exit. */
export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
