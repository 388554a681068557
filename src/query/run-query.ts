import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ClvError } from '../shared/errors.js';
import { bindablePlaceholders, checkedParams, type ParamValue } from './query-placeholders.js';
import type { ResultCell, ResultColumn, WorkerMessage, WorkerRequest } from './worker-protocol.js';

/** A statement to run, and the limits it runs under. */
export interface QueryRun {
  snapshot: string;
  sql: string;
  params?: Readonly<Record<string, ParamValue>>;
  limit: number;
  timeoutSeconds: number;
  memoryMb: number;
}

/** How a finished query ended. */
export interface QueryEnd {
  rowCount: number;
  truncated: boolean;
  seconds: number;
}

/**
 * A running query: its columns are known; its rows come a chunk at a time (read them once);
 * `end` resolves after the last chunk. Leaving the rows early stops the worker.
 */
export interface QueryStream {
  columns: ResultColumn[];
  batches: AsyncIterable<ResultCell[][]>;
  end(): QueryEnd;
}

const MAX_SQL_LENGTH = 100_000;

/**
 * The worker's file beside this one: the built JavaScript, or the source under tsx in tests.
 * `CLV_QUERY_WORKER` names a built worker to use instead (the benchmarks run from source but
 * time the worker a user runs).
 */
function workerCommand(): string[] {
  const chosen = process.env['CLV_QUERY_WORKER'];
  if (chosen) return [chosen];
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) return ['--import', 'tsx', join(dirname(here), 'query-worker.ts')];
  return [join(dirname(here), 'query-worker.js')];
}

/**
 * Runs one statement in a worker process over the query snapshot (see `query-worker.ts`) and
 * resolves once its columns are known. An SQL error is a `bad_input` ClvError with the line and
 * column in its details; past `timeoutSeconds` the worker is killed and the query fails with
 * `timeout`, whether or not rows had started to come.
 */
export async function runQuery(run: QueryRun): Promise<QueryStream> {
  if (run.sql.trim() === '') throw new ClvError('bad_input', 'no statement to run');
  if (run.sql.length > MAX_SQL_LENGTH) {
    throw new ClvError('too_large', `a statement is at most ${MAX_SQL_LENGTH} characters`);
  }
  const request: WorkerRequest = {
    snapshot: run.snapshot,
    sql: bindablePlaceholders(run.sql),
    params: checkedParams(run.params ?? {}),
    limit: run.limit,
    memoryMb: run.memoryMb,
  };
  const started = performance.now();
  const child = spawn(process.execPath, workerCommand(), {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { PATH: process.env['PATH'] ?? '' },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    if (stderr.length < 4000) stderr += text;
  });
  child.stdin.on('error', () => undefined);
  child.stdin.end(JSON.stringify(request));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, run.timeoutSeconds * 1000);
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const lines = createInterface({ input: child.stdout, crlfDelay: Infinity })[
    Symbol.asyncIterator
  ]();
  const stop = async () => {
    clearTimeout(timer);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };

  const next = async (): Promise<WorkerMessage> => {
    const line = await lines.next();
    if (line.done) {
      await stop();
      if (timedOut) {
        throw new ClvError(
          'timeout',
          `the query ran past the time limit of ${run.timeoutSeconds} s and was stopped (query.timeoutSeconds)`,
        );
      }
      throw new ClvError('failure', `the query worker stopped: ${stderr.trim() || 'no answer'}`);
    }
    return JSON.parse(line.value) as WorkerMessage;
  };
  const failed = (message: Extract<WorkerMessage, { t: 'error' }>) =>
    new ClvError('bad_input', message.message, {
      details: message.position ?? undefined,
    });

  let first: WorkerMessage;
  try {
    first = await next();
  } catch (error) {
    await stop();
    throw error;
  }
  if (first.t === 'error') {
    await stop();
    throw failed(first);
  }
  if (first.t !== 'columns') {
    await stop();
    throw new ClvError('failure', 'the query worker answered out of order');
  }
  let ended: QueryEnd | null = null;
  async function* batches(): AsyncGenerator<ResultCell[][]> {
    try {
      for (;;) {
        const message = await next();
        if (message.t === 'rows') yield message.rows;
        else if (message.t === 'end') {
          ended = {
            rowCount: message.rowCount,
            truncated: message.truncated,
            seconds: Number(((performance.now() - started) / 1000).toFixed(3)),
          };
          return;
        } else if (message.t === 'error') throw failed(message);
      }
    } finally {
      await stop();
    }
  }
  return {
    columns: first.columns,
    batches: batches(),
    end() {
      if (!ended) throw new Error('the query has not ended: read its rows first');
      return ended;
    },
  };
}
