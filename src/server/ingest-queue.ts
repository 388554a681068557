import type { BatchOutcome } from '../ingest/ingest-batch.js';

interface Waiting {
  events: readonly unknown[];
  resolve(outcome: BatchOutcome): void;
  reject(error: unknown): void;
}

/**
 * Group commit: requests that arrive while a batch is being committed wait together and go
 * into the next batch, one transaction for all of them. Each request's reply is sent only
 * after that commit, with its own events' outcomes.
 */
export class IngestQueue {
  private waiting: Waiting[] = [];
  private flushing = false;

  constructor(
    private readonly store: (events: readonly unknown[]) => Promise<BatchOutcome>,
    /** Largest batch in events; a bigger request is still one batch of its own. */
    private readonly maxBatch = 20_000,
    private readonly onCommitted: (outcome: BatchOutcome) => void = () => undefined,
    /**
     * Requests that must be a batch of their own. Events without an id are known by their
     * content and their position among identical ones in the batch, so merging such a request
     * with others would change which of them count as duplicates.
     */
    private readonly alone: (events: readonly unknown[]) => boolean = () => false,
  ) {}

  submit(events: readonly unknown[]): Promise<BatchOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ events, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.waiting.length > 0) {
        const group = this.take();
        const events = group.flatMap((request) => request.events);
        try {
          const outcome = await this.store(events);
          this.onCommitted(outcome);
          split(outcome, group);
        } catch (error) {
          for (const request of group) request.reject(error);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private take(): Waiting[] {
    const group: Waiting[] = [];
    let size = 0;
    while (this.waiting.length > 0) {
      const next = this.waiting[0];
      if (!next) break;
      const single = this.alone(next.events);
      if (group.length > 0 && (single || size + next.events.length > this.maxBatch)) break;
      group.push(next);
      size += next.events.length;
      this.waiting.shift();
      if (single) break;
    }
    return group;
  }
}

/** Hands each request the outcomes of its own events, indexed from its own first event. */
function split(outcome: BatchOutcome, group: readonly Waiting[]): void {
  let offset = 0;
  for (const request of group) {
    const end = offset + request.events.length;
    const mine = <T extends { index: number }>(items: readonly T[]): T[] =>
      items
        .filter((item) => item.index >= offset && item.index < end)
        .map((item) => ({ ...item, index: item.index - offset }));
    const duplicates = mine(outcome.duplicates);
    const rejected = mine(outcome.rejected);
    request.resolve({
      importId: outcome.importId,
      accepted: request.events.length - duplicates.length - rejected.length,
      duplicates,
      rejected,
    });
    offset = end;
  }
}
