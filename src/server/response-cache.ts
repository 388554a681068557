interface Entry {
  answer: Promise<unknown>;
  compute: () => Promise<unknown>;
  /** When it was last asked for, in asks: the most recent are computed again after a refresh. */
  used: number;
}

/**
 * Answers computed from the derived tables, kept until the next refresh changes them. Callers
 * asking for the same thing at once share one computation.
 */
export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private asks = 0;

  constructor(private readonly maxEntries = 2_000) {}

  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    this.asks += 1;
    const found = this.entries.get(key);
    if (found) {
      found.used = this.asks;
      return found.answer as Promise<T>;
    }
    const generation = this.generation;
    const answer = compute();
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { answer, compute, used: this.asks });
    // Failures are not kept: the next caller tries again.
    answer.catch(() => {
      if (this.generation === generation && this.entries.get(key)?.answer === answer) {
        this.entries.delete(key);
      }
    });
    return answer;
  }

  /** Forgets everything: the derived tables changed. */
  clear(): void {
    this.generation += 1;
    this.entries.clear();
  }

  /**
   * Forgets everything, then computes again, one at a time, the `count` answers most recently
   * asked for, so that the first visitor after a refresh finds the dashboard's figures ready
   * instead of waiting for them (seconds on a large shop). A failure is left for a caller.
   */
  async renew(count = 8): Promise<void> {
    const recent = [...this.entries.entries()]
      .sort(([, a], [, b]) => b.used - a.used)
      .slice(0, count);
    this.clear();
    const generation = this.generation;
    for (const [key, entry] of recent) {
      // A newer refresh started over: its own renewal takes it from here.
      if (this.generation !== generation) return;
      await this.get(key, entry.compute).catch(() => undefined);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
