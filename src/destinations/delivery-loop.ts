import { syncDeliveries, type SyncOptions, type SyncOutcome } from './sync-deliveries.js';
import type { StoreAccess } from './store-access.js';

const NOTHING: SyncOutcome = {
  queued: 0,
  entries: 0,
  exits: 0,
  attempted: 0,
  delivered: 0,
  retrying: 0,
  dead: 0,
};

/**
 * Runs syncs one at a time, every `syncSeconds` and on request, so that two syncs never
 * attempt the same delivery at once. `stop` ends the timer and waits for the running sync.
 */
export class DeliveryLoop {
  private running: Promise<unknown> = Promise.resolve();
  private pending = 0;
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
      // A tick while a sync runs or waits is skipped, so that slow receivers do not pile syncs up.
      if (this.pending > 0 || this.stopped) return;
      this.syncNow().catch(this.onError);
    }, every * 1000);
    this.timer.unref();
  }

  /** A sync after the one running, of every activation or one; none once stopped. */
  syncNow(activationId?: string): Promise<SyncOutcome> {
    if (this.stopped) {
      return Promise.resolve({ ...NOTHING });
    }
    this.pending += 1;
    const next = this.running
      .catch(() => undefined)
      .then(() => syncDeliveries(this.store, { ...this.options, activationId }))
      .finally(() => {
        this.pending -= 1;
      });
    this.running = next;
    return next;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running.catch(() => undefined);
  }
}
