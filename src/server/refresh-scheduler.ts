import { Cron } from 'croner';
import { ClvError } from '../shared/errors.js';

/** `full`: asked for by hand, every table built in full (`POST /refresh?full=true`). */
export type RefreshReason = 'manual' | 'full' | 'ingest' | 'schedule';

export interface RefreshSchedulerOptions {
  /** Pause after the last ingested batch before the refresh it asks for. */
  debounceMs: number;
  /** Five-field cron in `timezone`, or null for no schedule. */
  cron: string | null;
  timezone: string;
  onError(error: unknown, reason: RefreshReason): void;
}

/**
 * Decides when refreshes run: on request, a while after ingest, and on a schedule. Never two
 * at once: a request during a refresh gets the one that starts right after it (however many
 * asked), since the running one may have missed their data.
 */
export class RefreshScheduler<T> {
  private current: Promise<T> | null = null;
  private next: { promise: Promise<T>; reasons: Set<RefreshReason> } | null = null;
  private debounce: NodeJS.Timeout | null = null;
  private readonly job: Cron | null;
  private stopped = false;

  constructor(
    private readonly refresh: (reason: RefreshReason) => Promise<T>,
    private readonly options: RefreshSchedulerOptions,
  ) {
    this.job = options.cron
      ? schedule(options.cron, options.timezone, () => this.fire('schedule'))
      : null;
  }

  /** A refresh that starts now, or right after the running one. */
  request(reason: RefreshReason): Promise<T> {
    // A follow-up already waiting (or about to start) covers this request too.
    if (this.next) {
      this.next.reasons.add(reason);
      return this.next.promise;
    }
    if (!this.current) {
      this.current = this.start(reason);
      return this.current;
    }
    const running = this.current;
    const reasons = new Set<RefreshReason>([reason]);
    const promise = running
      .catch(() => undefined)
      .then(() => {
        this.next = null;
        this.current = this.start(
          reasons.has('full') ? 'full' : reasons.has('manual') ? 'manual' : reason,
        );
        return this.current;
      });
    this.next = { promise, reasons };
    return promise;
  }

  /** Events were stored: refresh once they stop coming for the debounce time. */
  noteIngest(): void {
    if (this.stopped) return;
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = null;
      this.fire('ingest');
    }, this.options.debounceMs);
    this.debounce.unref();
  }

  get running(): boolean {
    return this.current !== null;
  }

  /** When the schedule fires next, or null. */
  nextScheduled(): Date | null {
    return this.job?.nextRun() ?? null;
  }

  /** Stops the schedule and the debounce, and waits for a running refresh. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.job?.stop();
    if (this.debounce) clearTimeout(this.debounce);
    await this.current?.catch(() => undefined);
    await this.next?.promise.catch(() => undefined);
  }

  private start(reason: RefreshReason): Promise<T> {
    const run: Promise<T> = this.refresh(reason).finally(() => {
      if (this.current === run) this.current = null;
    });
    return run;
  }

  private fire(reason: RefreshReason): void {
    if (this.stopped) return;
    this.request(reason).catch((error: unknown) => this.options.onError(error, reason));
  }
}

function schedule(pattern: string, timezone: string, fire: () => void): Cron {
  try {
    return new Cron(pattern, { timezone, protect: true }, fire);
  } catch (error) {
    throw new ClvError(
      'config',
      `refresh.cron "${pattern}" is not a cron expression: ${(error as Error).message}`,
    );
  }
}
