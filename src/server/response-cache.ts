interface Entry {
  answer: Promise<unknown>;
  compute: () => Promise<unknown>;
  sizeOf: (answer: unknown) => number;
  /** Its size once computed; 0 while it is under way. */
  bytes: number;
  /** What besides a refresh makes it stale (see `forgetTagged`); null for nothing. */
  tag: string | null;
  /** The request that asked for it, to ask again after a restart; null when none can. */
  source: string | null;
}

export interface ResponseCacheOptions {
  /** The most the kept answers may weigh together, as their sizes say. */
  maxBytes: number;
  /** The most answers kept, whatever they weigh. */
  maxEntries?: number;
}

/**
 * How many of the most recently asked answers a refresh computes again. The dashboard's pages
 * ask for about 20 cached answers at their default filters (`npm run bench -- pages`): all of
 * them and as many again besides, so that a team reading the dashboard finds every page it
 * read ready after a refresh, not the last few (on a shop of a million customers an answer
 * computed afresh takes up to 9 s).
 */
export const RENEWED_ANSWERS = 40;

/** What an answer weighs when its caller does not say: a short text and its key. */
const SMALL_ANSWER_BYTES = 256;

/**
 * Answers computed from the derived tables, kept until the next refresh changes them. Callers
 * asking for the same thing at once share one computation. It keeps at most `maxBytes` of
 * answers: past that the least recently used go first, and an answer larger than the whole
 * budget is served but not kept.
 */
export class ResponseCache {
  // In order of use: a hit moves its entry to the end, so the first is the least recent.
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private total = 0;
  /** Renewals under way (a newer refresh's may start before an older one has stopped). */
  private renewals = 0;
  private readonly maxBytes: number;
  private readonly maxEntries: number;

  constructor(options: ResponseCacheOptions) {
    this.maxBytes = options.maxBytes;
    this.maxEntries = options.maxEntries ?? 2_000;
  }

  /**
   * The answer for `key`, computed once; `sizeOf` says what a computed answer weighs; `tag`
   * names what besides a refresh makes it stale; `source` is the request that asks for it, which
   * a restarted server can send again (see `recentSources`).
   */
  get<T>(
    key: string,
    compute: () => Promise<T>,
    sizeOf: (answer: T) => number = () => SMALL_ANSWER_BYTES,
    tag: string | null = null,
    source: string | null = null,
  ): Promise<T> {
    const found = this.entries.get(key);
    if (found) {
      this.touch(key);
      return found.answer as Promise<T>;
    }
    const answer = compute();
    // The entry gives back only what `compute` made, so the answer is a T when it is weighed.
    const entry: Entry = {
      answer,
      compute,
      sizeOf: (value) => sizeOf(value as T),
      bytes: 0,
      tag,
      source,
    };
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.evict(this.entries.keys().next().value);
    answer.then(
      (value) => {
        // Cleared or evicted while it was computed: it weighs nothing here.
        if (this.entries.get(key) !== entry) return;
        entry.bytes = key.length + entry.sizeOf(value);
        this.total += entry.bytes;
        if (entry.bytes > this.maxBytes) this.evict(key);
        while (this.total > this.maxBytes && this.entries.size > 0)
          this.evict(this.entries.keys().next().value);
      },
      // Failures are not kept: the next caller tries again.
      () => {
        if (this.entries.get(key) === entry) this.evict(key);
      },
    );
    return answer;
  }

  /**
   * Forgets the answers of that tag (one under way too: its caller gets it, nobody after): what
   * they read changed without a refresh.
   */
  forgetTagged(tag: string): void {
    for (const [key, entry] of [...this.entries]) if (entry.tag === tag) this.evict(key);
  }

  /** Forgets everything: the derived tables changed. */
  clear(): void {
    this.generation += 1;
    this.entries.clear();
    this.total = 0;
  }

  /**
   * Forgets everything, then computes again, one at a time, the `count` answers most recently
   * asked for, so that the first visitor after a refresh finds the dashboard's figures ready
   * instead of waiting for them (seconds on a large shop). A failure is left for a caller.
   */
  async renew(count = RENEWED_ANSWERS): Promise<void> {
    const recent = [...this.entries.entries()].reverse().slice(0, count);
    this.clear();
    const generation = this.generation;
    this.renewals += 1;
    try {
      for (const [key, entry] of recent) {
        // A newer refresh started over: its own renewal takes it from here.
        if (this.generation !== generation) return;
        await this.get(key, entry.compute, entry.sizeOf, entry.tag, entry.source).catch(
          () => undefined,
        );
      }
      // Computed the most recent first, they were kept in reverse: back to the order of use.
      for (const [key] of [...recent].reverse()) this.touch(key);
    } finally {
      this.renewals -= 1;
    }
  }

  /**
   * The requests behind the `count` answers most recently asked for, the most recent first: what
   * a restarted server asks again (see `warm-answers.ts`).
   */
  recentSources(count = RENEWED_ANSWERS): string[] {
    const sources: string[] = [];
    for (const entry of [...this.entries.values()].reverse()) {
      if (sources.length === count) break;
      if (entry.source !== null && !sources.includes(entry.source)) sources.push(entry.source);
    }
    return sources;
  }

  /**
   * Runs `work` (answers asked again by other means than `renew`) as a renewal: `renewing` says
   * so meanwhile. `work` is told whether a refresh has since started over, to stop.
   */
  async renewWith(work: (current: () => boolean) => Promise<void>): Promise<void> {
    const generation = this.generation;
    this.renewals += 1;
    try {
      await work(() => this.generation === generation);
    } finally {
      this.renewals -= 1;
    }
  }

  /**
   * Puts the answers of these requests (the most recent first) back in that order of use, after
   * they were asked again the most recent first.
   */
  arrange(sources: readonly string[]): void {
    for (const source of [...sources].reverse()) {
      for (const [key, entry] of [...this.entries]) if (entry.source === source) this.touch(key);
    }
  }

  /** Whether answers read before the last refresh (or before a restart) are being computed again. */
  get renewing(): boolean {
    return this.renewals > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** What the kept answers weigh together. */
  get bytes(): number {
    return this.total;
  }

  /** Makes the entry the most recently used. */
  private touch(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.entries.set(key, entry);
  }

  private evict(key: string | undefined): void {
    if (key === undefined) return;
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.total -= entry.bytes;
  }
}
