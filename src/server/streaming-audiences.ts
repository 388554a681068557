import type { Config } from '../config/schema.js';
import { evaluateStreaming } from '../segments/streaming-evaluation.js';
import type { Warehouse } from '../store/warehouse.js';
import type { Lane } from './lane.js';

/**
 * Runs the streaming audiences' evaluation behind ingest: each committed batch's import is
 * noted, and one evaluation at a time covers every import noted since the last, so a burst of
 * batches costs one evaluation, not one each, and ingest never waits for it. Evaluations go
 * through `lane`, which the refresh's audience evaluation shares: the two never write
 * membership at once.
 */
/** How far streaming evaluation runs behind ingest, for `/status`. */
export interface StreamingLag {
  /** Evaluations run since the server started (one covers every batch noted before it). */
  evaluations: number;
  /** From the commit of the oldest batch an evaluation covered to the evaluation's end, ms. */
  lastLagMs: number | null;
  maxLagMs: number | null;
  pendingBatches: number;
}

export class StreamingAudiences {
  private pending: number[] = [];
  private oldestPending = 0;
  private running: Promise<void> | null = null;
  private readonly figures = {
    evaluations: 0,
    lastLagMs: null as number | null,
    maxLagMs: null as number | null,
  };

  constructor(
    private readonly warehouse: Warehouse,
    private readonly config: Config,
    private readonly lane: Lane,
    private readonly onError: (error: unknown) => void,
    /** After each evaluation, failed or not: membership may have changed. */
    private readonly onEvaluated: () => void = () => undefined,
  ) {}

  noteImport(importId: number): void {
    if (this.pending.length === 0) this.oldestPending = performance.now();
    this.pending.push(importId);
    this.running ??= this.drain();
  }

  lag(): StreamingLag {
    return { ...this.figures, pendingBatches: this.pending.length };
  }

  /** Resolves once every import noted so far has been evaluated. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const imports = this.pending;
        const since = this.oldestPending;
        this.pending = [];
        await this.lane
          .run(() => evaluateStreaming(this.warehouse, this.config, imports))
          .catch(this.onError);
        this.onEvaluated();
        const lag = Math.round(performance.now() - since);
        this.figures.evaluations += 1;
        this.figures.lastLagMs = lag;
        this.figures.maxLagMs = Math.max(this.figures.maxLagMs ?? 0, lag);
      }
    } finally {
      this.running = null;
    }
  }
}
