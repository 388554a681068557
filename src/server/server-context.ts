import type { Project } from '../config/project.js';
import type { Config } from '../config/schema.js';
import { ingestBatch } from '../ingest/ingest-batch.js';
import { lastRefreshIfUnchanged } from '../model/store-state.js';
import { KeyVerifier } from '../keys/key-verifier.js';
import type { Warehouse } from '../store/warehouse.js';
import { IngestQueue } from './ingest-queue.js';
import { Lane } from './lane.js';
import { ReadPool } from './read-pool.js';
import { RefreshScheduler, type RefreshReason } from './refresh-scheduler.js';
import { ResponseCache } from './response-cache.js';
import { AUDIENCE_MEMBERS_TAG } from './route.js';
import { StreamingAudiences } from './streaming-audiences.js';
import { refreshAll, type FullRefreshSummary } from '../pipeline/refresh-all.js';
import { DeliveryLoop } from '../destinations/delivery-loop.js';

/** Everything a route may use: the store's connections, the schedulers, the keys. */
export interface ServerContext {
  project: Project;
  config: Config;
  /** Connections for reads, which keep seeing the last complete refresh while one runs. */
  reads: ReadPool;
  /** The connection that writes events, imports and keys; use it through `writes`. */
  write: Warehouse;
  writes: Lane;
  keys: KeyVerifier;
  refresher: RefreshScheduler<FullRefreshSummary | null>;
  ingest: IngestQueue;
  /** Re-evaluates the streaming audiences for the customers of each ingested batch. */
  streaming: StreamingAudiences;
  /** Serialises the writes of audience membership (streaming and at refresh). */
  audiences: Lane;
  /**
   * Imports and refreshes, one at a time. An import holds the engine to
   * `import.memoryLimitMb`, a setting of the whole engine, not of its connection: a refresh
   * running beside it would be held to it too, and on a large shop fail for want of memory.
   * Ingested batches do not wait for either.
   */
  bulk: Lane;
  cache: ResponseCache;
  /** Queues audience changes for their destinations and delivers them, on schedule and on request. */
  deliveries: DeliveryLoop;
  /** Whether requests need no key: no key exists and the server listens on loopback only. */
  isOpen(): boolean;
  loopback: boolean;
  close(): Promise<void>;
}

export interface ContextOptions {
  loopback: boolean;
  /** Read connections (default 3). */
  readers?: number;
  onRefreshError(error: unknown, reason: RefreshReason): void;
  /** A sync of the destinations failed as a whole (single deliveries fail into their log). */
  onDeliveryError?(error: unknown): void;
  /** A streaming audience evaluation failed (logged; the next batch tries again). */
  onStreamingError?(error: unknown): void;
  /** After each refresh that ran (a scheduled one with nothing new does not). */
  onRefreshed?(summary: FullRefreshSummary, reason: RefreshReason): void;
}

/** Opens the connections and starts the schedulers around an open, migrated store. */
export async function createServerContext(
  project: Project,
  store: Warehouse,
  options: ContextOptions,
): Promise<ServerContext> {
  const { config } = project;
  const reads = await ReadPool.open(store, options.readers ?? 3);
  const write = await store.fork();
  const refreshing = await store.fork();
  const evaluating = await store.fork();
  const writes = new Lane();
  const audiences = new Lane();
  const bulk = new Lane();
  const cache = new ResponseCache({ maxBytes: Math.round(config.server.cacheMb * 1024 * 1024) });
  const streaming = new StreamingAudiences(
    evaluating,
    config,
    audiences,
    options.onStreamingError ?? (() => undefined),
    () => cache.forgetTagged(AUDIENCE_MEMBERS_TAG),
  );
  const keys = await KeyVerifier.load(write);
  // Network waits happen outside the write lane; only the short reads and writes go through it.
  const deliveries = new DeliveryLoop(
    (work) => writes.run(() => work(write)),
    { projectDir: project.dir, settings: config.destinations },
    (error) => options.onDeliveryError?.(error),
  );
  deliveries.start();
  const refresher = new RefreshScheduler<FullRefreshSummary | null>(
    (reason) =>
      bulk.run(async () => {
        // On schedule, a refresh with nothing new to read is skipped.
        if (reason === 'schedule' && (await lastRefreshIfUnchanged(refreshing)) !== null) {
          return null;
        }
        // Membership is written by the refresh, by streaming evaluation and by audience edits:
        // one at a time, through the audiences lane; ingest does not wait for it.
        const summary = await refreshAll(refreshing, config, undefined, {
          exclusive: (work) => audiences.run(work),
          queryDir: project.queryDir,
          full: reason === 'full',
        });
        options.onRefreshed?.(summary, reason);
        // Not awaited: the refresh is done; the answers people were reading are recomputed behind it.
        void cache.renew();
        // The refresh evaluated the audiences: their changes go out now, not at the next tick.
        deliveries.syncNow().catch((error: unknown) => options.onDeliveryError?.(error));
        return summary;
      }),
    {
      debounceMs: config.refresh.debounceSeconds * 1000,
      cron: config.refresh.cron,
      timezone: config.timezone,
      onError: options.onRefreshError,
    },
  );
  const ingest = new IngestQueue(
    (events) => writes.run(() => ingestBatch(write, project, events)),
    20_000,
    (outcome) => {
      if (outcome.accepted > 0) refresher.noteIngest();
      if (outcome.accepted > 0 && outcome.importId !== null) streaming.noteImport(outcome.importId);
    },
    (events) => events.some((event) => !hasEventId(event, config.columns.eventId)),
  );
  return {
    project,
    config,
    deliveries,
    reads,
    write,
    writes,
    keys,
    refresher,
    ingest,
    streaming,
    audiences,
    bulk,
    cache,
    loopback: options.loopback,
    isOpen: () => options.loopback && keys.active === 0,
    async close() {
      // The refresh first: one ending now asks for a sync, which the stopped loop then declines.
      await refresher.stop();
      await deliveries.stop();
      await bulk.run(async () => undefined);
      await writes.run(async () => undefined);
      await streaming.idle();
      await reads.close();
      await evaluating.close();
      await write.close();
      await refreshing.close();
    },
  };
}

function hasEventId(event: unknown, field: string): boolean {
  if (typeof event !== 'object' || event === null) return true;
  const id = (event as Record<string, unknown>)[field];
  return id !== undefined && id !== null && id !== '';
}
