import { syncDeliveries, type SyncOptions, type SyncOutcome } from './sync-deliveries.js';
import type { StoreAccess } from './store-access.js';

/**
 * Runs syncs one at a time, every `syncSeconds` and on request, so that two syncs never
 * attempt the same delivery at once. `stop` ends the timer and waits for the running sync.
 */
export class DeliveryLoop {
  private running: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly store: StoreAccess,
    private readonly options: Omit<SyncOptions, 'activationId'>,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Starts the periodic sync (none when `syncSeconds` is 0). */
  start(): void {
    const every = this.options.settings.syncSeconds;
    if (every <= 0 || this.stopped) return;
    this.timer = setInterval(() => {
      this.syncNow().catch(this.onError);
    }, every * 1000);
    this.timer.unref();
  }

  /** A sync after the one running, of every activation or one. */
  syncNow(activationId?: string): Promise<SyncOutcome> {
    const next = this.running
      .catch(() => undefined)
      .then(() => syncDeliveries(this.store, { ...this.options, activationId }));
    this.running = next;
    return next;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running.catch(() => undefined);
  }
}
