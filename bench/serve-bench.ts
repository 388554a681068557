/**
 * Serve benchmark, against `clv serve` on the demo shop in a child process on loopback, with
 * autocannon as the load generator (bounded in time and in requests):
 * (1) the metrics endpoint at concurrency 10, answered from the cache the server keeps until
 *     the next refresh, and the same endpoint computed afresh (a different period per request,
 *     one at a time), beside a bare Fastify route returning a constant (the ceiling);
 * (2) batched ingest: batches of 1,000 new events at concurrency 4, every reply sent after
 *     commit; afterwards the store must hold exactly the acknowledged events.
 * (3) the same ingest with 20 streaming audiences re-evaluated behind every batch: its rate
 *     against (2)'s, and how far the evaluation ran behind the commits.
 */
import autocannon from 'autocannon';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openProject } from '../src/config/project.js';
import { openStore } from '../src/store/open-store.js';
import { exited, runCli, serveCold, start } from './serve-child.js';
import {
  removeStreamingAudiences,
  saveStreamingAudiences,
  streamingRules,
} from './streaming-audiences.js';
import { machineInfo } from './measure.js';
import type { BenchContext } from './bench-context.js';

const BATCH = 1_000;
/** How long each load runs; a smoke run (`--smoke`) only shows that every step still works. */
const FULL = {
  latencySeconds: 10,
  latencyMaxRequests: 50_000,
  ingestSeconds: 15,
  ingestMaxRequests: 1_000,
  coldRequests: 24,
};
const SMOKE: typeof FULL = {
  latencySeconds: 1,
  latencyMaxRequests: 200,
  ingestSeconds: 1,
  ingestMaxRequests: 4,
  coldRequests: 2,
};
type Sizes = typeof FULL;
const GOALS = {
  metricsP95Ms: 50,
  ingestEventsPerSecond: 100_000,
  streamingIngestRatio: 0.8,
  streamingLagMs: 1000,
};
const STREAMING_AUDIENCES = 20;

interface Latency {
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  perSecond: number;
}

export async function run(context: BenchContext): Promise<void> {
  const cli = join(context.rootDir, 'dist', 'bin', 'clv.js');
  if (!existsSync(cli)) throw new Error('build first: npm run build');
  const sizes = context.smoke ? SMOKE : FULL;
  // The smoke run's shop is as small as the others' (`--customers`); the full one is the demo's own.
  const demoSize = context.smoke ? ['--customers', String(context.customers)] : [];
  const project = join(
    context.cacheDir,
    context.smoke ? `serve-demo-${context.customers}` : 'serve-demo',
  );
  if (!existsSync(join(project, 'clv.duckdb'))) {
    console.log(`making the demo shop in ${project} …`);
    // The load generator is one caller: the per-key limit would measure itself, not the server.
    await mkdir(project, { recursive: true });
    await writeFile(
      join(project, 'clv.config.json'),
      JSON.stringify({ server: { rateLimitPerMinute: 100_000_000 }, refresh: { cron: null } }),
    );
    await runCli(cli, ['demo', '--project', project, ...demoSize]);
    await runCli(cli, ['refresh', '--project', project]);
  }
  // Each run ingests new events; a copy of the store would be cleaner but costs more than the
  // refresh-free ingest it measures, so the events of earlier runs stay (ids are unique per run).
  const runTag = Date.now().toString(36);

  const bare = await start(process.execPath, [
    '--import',
    'tsx',
    fileURLToPath(new URL('./bare-server.ts', import.meta.url)),
  ]);
  const ceiling = await load(`${bare.url}/constant`, 10, sizes);
  bare.child.kill();

  const server = await serveCold(cli, project);
  try {
    const metricsUrl = `${server.url}/api/v1/metrics`;
    const firstStarted = performance.now();
    const first = await fetch(metricsUrl);
    if (first.status !== 200) throw new Error(`metrics answered ${first.status}`);
    await first.arrayBuffer();
    const firstMs = performance.now() - firstStarted;
    const cached = await load(metricsUrl, 10, sizes);
    const cold = await coldLatency(server.url, sizes.coldRequests);
    const before = await eventCount(server.url);
    const ingest = await ingestLoad(`${server.url}/api/v1/events`, runTag, sizes);
    server.child.kill('SIGTERM');
    await exited(server.child);
    const stored = await storedEvents(project, runTag);
    const streaming = await streamingIngest(cli, project, `${runTag}s`, sizes);
    const results = {
      benchmark: 'serve',
      machine: machineInfo(),
      goals: GOALS,
      ceiling,
      metricsCached: cached,
      metricsFirstRequestMs: firstMs,
      metricsCold: cold,
      cachedP95OverCeilingP95: cached.p95 / ceiling.p95,
      ingest: {
        ...ingest,
        eventsBefore: before,
        storedAfter: stored,
        // Every acknowledged event is stored; requests cut off when the run's time ran out may
        // have committed too without their reply being counted (at most one per connection).
        durable:
          stored >= ingest.acknowledgedEvents && stored - ingest.acknowledgedEvents <= 4 * BATCH,
      },
      streaming: {
        audiences: STREAMING_AUDIENCES,
        ...streaming,
        ratioToPlainIngest: streaming.ingest.eventsPerSecond / ingest.eventsPerSecond,
      },
    };
    const ms = (value: number): string => `${value.toFixed(2)} ms`;
    console.log(
      [
        `ceiling (bare Fastify, constant): p50 ${ms(ceiling.p50)}, p95 ${ms(ceiling.p95)}, p99 ${ms(ceiling.p99)}, ${ceiling.perSecond.toFixed(0)} req/s`,
        `GET /api/v1/metrics, concurrency 10 (cached until the next refresh): p50 ${ms(cached.p50)}, p95 ${ms(cached.p95)}, p99 ${ms(cached.p99)}, ${cached.perSecond.toFixed(0)} req/s, ${cached.errors} errors (goal p95 < ${GOALS.metricsP95Ms} ms)`,
        `  first request ${ms(firstMs)}; computed afresh, one at a time (${sizes.coldRequests} periods): p50 ${ms(cold.p50)}, p95 ${ms(cold.p95)}`,
        `POST /api/v1/events, batches of ${BATCH}, concurrency 4: ${ingest.eventsPerSecond.toFixed(0)} events/s (goal ${GOALS.ingestEventsPerSecond}), ${ingest.acknowledgedEvents} acknowledged in ${ingest.seconds.toFixed(1)} s, batch p50 ${ms(ingest.p50)} p95 ${ms(ingest.p95)}`,
        `  stored after the run: ${stored} for ${ingest.acknowledgedEvents} acknowledged (${results.ingest.durable ? 'every acknowledged event; the rest were in flight when the run stopped' : 'MISMATCH'})`,
        `with ${STREAMING_AUDIENCES} streaming audiences: ${streaming.ingest.eventsPerSecond.toFixed(0)} events/s, ${results.streaming.ratioToPlainIngest.toFixed(2)}× the plain ingest (goal ≥ ${GOALS.streamingIngestRatio}), batch p95 ${ms(streaming.ingest.p95)}; ${streaming.lag.evaluations} evaluations, lag from commit to recorded membership: last ${streaming.lag.lastLagMs ?? '–'} ms, largest ${streaming.lag.maxLagMs ?? '–'} ms (goal < ${GOALS.streamingLagMs} ms)`,
      ].join('\n'),
    );
    console.log(`results: ${await context.writeResults('serve', results)}`);
  } finally {
    server.child.kill('SIGKILL');
    await rm(join(project, 'uploads'), { recursive: true, force: true });
  }
}

/** Ingest again with streaming audiences saved, on a server started afresh; they are removed after. */
async function streamingIngest(cli: string, project: string, tag: string, sizes: Sizes) {
  await saveStreamingAudiences(project, streamingRules(STREAMING_AUDIENCES));
  const server = await serveCold(cli, project);
  try {
    const ingest = await ingestLoad(`${server.url}/api/v1/events`, tag, sizes);
    // The last evaluations finish behind the last replies; bounded wait.
    let lag = await streamingLag(server.url);
    for (let i = 0; i < 100 && lag.pendingBatches > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      lag = await streamingLag(server.url);
    }
    return { ingest, lag };
  } finally {
    server.child.kill('SIGTERM');
    await exited(server.child);
    await removeStreamingAudiences(project);
  }
}

async function streamingLag(base: string) {
  const status = (await (await fetch(`${base}/api/v1/status`)).json()) as {
    streamingAudiences: {
      evaluations: number;
      lastLagMs: number | null;
      maxLagMs: number | null;
      pendingBatches: number;
    };
  };
  return status.streamingAudiences;
}

async function load(url: string, connections: number, sizes: Sizes): Promise<Latency> {
  const times: number[] = [];
  let errors = 0;
  const result = await cannon(
    {
      url,
      connections,
      duration: sizes.latencySeconds,
      maxOverallRequests: sizes.latencyMaxRequests,
    },
    (status, responseTime) => {
      if (status === 200) times.push(responseTime);
      else errors += 1;
    },
  );
  return {
    ...percentiles(times),
    requests: times.length,
    errors: errors + result.errors,
    perSecond: times.length / result.duration,
  };
}

async function coldLatency(base: string, requests: number): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < requests; i++) {
    // A different period each time: nothing of it can come from the cache.
    const to = new Date(Date.UTC(2026, 9, 1 - i * 7)).toISOString().slice(0, 10);
    const started = performance.now();
    const response = await fetch(`${base}/api/v1/metrics?to=${to}`);
    await response.arrayBuffer();
    if (response.status === 200) times.push(performance.now() - started);
  }
  return percentiles(times);
}

async function ingestLoad(url: string, tag: string, sizes: Sizes) {
  let batch = 0;
  const times: number[] = [];
  let acknowledged = 0;
  const result = await cannon(
    {
      url,
      connections: 4,
      duration: sizes.ingestSeconds,
      maxOverallRequests: sizes.ingestMaxRequests,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          setupRequest: (request) => ({ ...request, body: batchBody(tag, (batch += 1)) }),
        },
      ],
    },
    (status, responseTime) => {
      if (status === 200) {
        acknowledged += 1;
        times.push(responseTime);
      }
    },
  );
  const acknowledgedEvents = acknowledged * BATCH;
  return {
    requests: result.requests.total,
    acknowledgedEvents,
    seconds: result.duration,
    eventsPerSecond: acknowledgedEvents / result.duration,
    ...percentiles(times),
  };
}

/** autocannon run to completion, reporting each response's status and time in ms. */
function cannon(
  options: autocannon.Options,
  onResponse: (status: number, ms: number) => void,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, result: autocannon.Result) =>
      error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result),
    );
    instance.on('response', (_client, status, _bytes, responseTime) =>
      onResponse(status, responseTime),
    );
  });
}

function batchBody(tag: string, batch: number): string {
  const events = [];
  for (let i = 0; i < BATCH; i++) {
    events.push({
      event_id: `bench-${tag}-${batch}-${i}`,
      customer_id: `B${(batch * 7 + i) % 5000}`,
      type: 'purchase',
      timestamp: '2026-10-30T12:00:00Z',
      amount: 10 + (i % 90),
      currency: 'EUR',
    });
  }
  return JSON.stringify(events);
}

function percentiles(values: number[]): { p50: number; p95: number; p99: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

async function eventCount(base: string): Promise<number> {
  const status = (await (await fetch(`${base}/api/v1/status`)).json()) as {
    lastRefresh: { events: number } | null;
    eventsSinceRefresh: number;
  };
  return (status.lastRefresh?.events ?? 0) + status.eventsSinceRefresh;
}

async function storedEvents(dir: string, tag: string): Promise<number> {
  const store = await openStore(await openProject(dir));
  try {
    const [row] = await store.query<{ n: number }>(
      `SELECT count(*) AS n FROM events WHERE starts_with(event_id, $prefix)`,
      { prefix: `bench-${tag}-` },
    );
    return row?.n ?? 0;
  } finally {
    await store.close();
  }
}
