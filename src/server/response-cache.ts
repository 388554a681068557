/**
 * Answers computed from the derived tables, kept until the next refresh changes them. Callers
 * asking for the same thing at once share one computation.
 */
export class ResponseCache {
  private readonly entries = new Map<string, Promise<unknown>>();
  private generation = 0;

  constructor(private readonly maxEntries = 2_000) {}

  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const found = this.entries.get(key);
    if (found) return found as Promise<T>;
    const generation = this.generation;
    const pending = compute();
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, pending);
    // Failures are not kept: the next caller tries again.
    pending.catch(() => {
      if (this.generation === generation && this.entries.get(key) === pending) {
        this.entries.delete(key);
      }
    });
    return pending;
  }

  /** Forgets everything: the derived tables changed. */
  clear(): void {
    this.generation += 1;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
