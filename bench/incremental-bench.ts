/**
 * Incremental refresh benchmark. On a copy of the cached demo shop (`make-demo-store.ts`,
 * seed 1): a full refresh (the baseline, measured in the same run), then 10,000 new purchase
 * events for about 5,000 customers through the ingest path (returns of 2,500 existing orders
 * and 7,500 new orders), then the refresh that builds on the full one; both as `clv refresh`
 * runs them (tables, models, campaigns, audiences), with the time of each step of the second.
 */
import { rm } from 'node:fs/promises';
import { openProject } from '../src/config/project.js';
import { ingestBatch } from '../src/ingest/ingest-batch.js';
import { refreshAll } from '../src/pipeline/refresh-all.js';
import { openStore } from '../src/store/open-store.js';
import type { Warehouse } from '../src/store/warehouse.js';
import type { BenchContext } from './bench-context.js';
import { copyDemoStore, makeDemoStore } from './make-demo-store.js';
import { machineInfo, timed } from './measure.js';

/** The issue's goal: after 10,000 new events into the 1 M-customer demo, a refresh under 2 s. */
const GOAL_SECONDS = 2;
const NEW_EVENTS = 10_000;
const BATCH = 2_000;

/** Returns of existing orders (a quarter) and new orders for about half as many customers. */
async function newEvents(warehouse: Warehouse, count: number): Promise<Record<string, unknown>[]> {
  const returned = await warehouse.query<{ order_key: string; customer_id: string }>(
    `SELECT order_key, customer_id FROM orders
     WHERE outcome = 'success' AND NOT starts_with(order_key, 'event:')
     ORDER BY hash(order_key) LIMIT $n`,
    { n: Math.floor(count / 4) },
  );
  const buyers = await warehouse.query<{ customer_id: string }>(
    `SELECT customer_id FROM customer_summary ORDER BY hash(customer_id) LIMIT $n`,
    { n: Math.max(1, Math.floor(count / 2) - returned.length) },
  );
  const [latest] = await warehouse.query<{ at: string }>(
    `SELECT strftime(max(ts) + INTERVAL 1 HOUR, '%Y-%m-%dT%H:%M:%SZ') AS at FROM orders`,
  );
  const at = latest?.at ?? '2026-01-01T00:00:00Z';
  const events: Record<string, unknown>[] = returned.map((order, i) => ({
    event_id: `bench-return-${i}`,
    customer_id: order.customer_id,
    type: 'purchase',
    timestamp: at,
    order_id: order.order_key,
    status: 'returned',
  }));
  for (let i = 0; events.length < count; i++) {
    events.push({
      event_id: `bench-order-${i}`,
      customer_id: buyers[i % buyers.length]?.customer_id ?? 'bench-customer',
      type: 'purchase',
      timestamp: at,
      order_id: `bench-order-${i}`,
      amount: 20 + (i % 50),
      status: 'success',
    });
  }
  return events;
}

export async function run(context: BenchContext): Promise<void> {
  const store = await makeDemoStore(context.cacheDir, context.customers);
  const dir = await copyDemoStore(store, 'incremental');
  try {
    const project = await openProject(dir);
    const warehouse = await openStore(project);
    try {
      const full = await timed(() =>
        refreshAll(warehouse, project.config, undefined, { full: true }),
      );
      const count = context.smoke ? 200 : NEW_EVENTS;
      const events = await newEvents(warehouse, count);
      const ingested = await timed(async () => {
        let accepted = 0;
        for (let i = 0; i < events.length; i += BATCH) {
          accepted += (await ingestBatch(warehouse, project, events.slice(i, i + BATCH))).accepted;
        }
        return accepted;
      });
      const steps: { step: string; seconds: number }[] = [];
      let entered = performance.now();
      const inPart = await timed(() =>
        refreshAll(warehouse, project.config, (step) => {
          const now = performance.now();
          const last = steps.at(-1);
          if (last) last.seconds = Number(((now - entered) / 1000).toFixed(3));
          steps.push({ step, seconds: 0 });
          entered = now;
        }),
      );
      const last = steps.at(-1);
      if (last) last.seconds = Number(((performance.now() - entered) / 1000).toFixed(3));
      const customers = new Set(events.map((event) => event.customer_id)).size;
      const ratio = inPart.seconds / Math.max(full.seconds, 1e-9);
      const build = inPart.value.build;
      console.log(
        `full refresh ${full.seconds.toFixed(2)} s; ${ingested.value.toLocaleString('en')} new ` +
          `events for ${customers.toLocaleString('en')} customers ingested in ` +
          `${ingested.seconds.toFixed(2)} s; refresh after them ${inPart.seconds.toFixed(2)} s ` +
          `(${(ratio * 100).toFixed(0)} % of the full one; goal ${GOAL_SECONDS} s: ` +
          `${inPart.seconds < GOAL_SECONDS ? 'met' : 'NOT met'}); ` +
          (build.mode === 'incremental'
            ? `built in part: ${build.tables.join(', ')}`
            : `built in full: ${build.reason}`),
      );
      const slowest = [...steps].sort((a, b) => b.seconds - a.seconds).slice(0, 5);
      console.log(
        `slowest steps: ${slowest.map((s) => `${s.step} ${s.seconds.toFixed(2)} s`).join('; ')}`,
      );
      const file = await context.writeResults('incremental', {
        benchmark: 'incremental',
        measuredAt: new Date().toISOString(),
        customers: store.customers,
        events: store.events,
        smoke: context.smoke,
        machine: machineInfo(),
        fullSeconds: Number(full.seconds.toFixed(3)),
        newEvents: ingested.value,
        newEventCustomers: customers,
        ingestSeconds: Number(ingested.seconds.toFixed(3)),
        inPartSeconds: Number(inPart.seconds.toFixed(3)),
        ratioToFull: Number(ratio.toFixed(3)),
        build,
        steps,
        goalSeconds: GOAL_SECONDS,
        pass: build.mode === 'incremental' && inPart.seconds < GOAL_SECONDS,
      });
      console.log(`results: ${file}`);
    } finally {
      await warehouse.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
