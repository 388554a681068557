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
export class StreamingAudiences {
  private pending: number[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly warehouse: Warehouse,
    private readonly config: Config,
    private readonly lane: Lane,
    private readonly onError: (error: unknown) => void,
  ) {}

  noteImport(importId: number): void {
    this.pending.push(importId);
    this.running ??= this.drain();
  }

  /** Resolves once every import noted so far has been evaluated. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const imports = this.pending;
        this.pending = [];
        await this.lane
          .run(() => evaluateStreaming(this.warehouse, this.config, imports))
          .catch(this.onError);
      }
    } finally {
      this.running = null;
    }
  }
}
