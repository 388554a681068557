/**
 * Runs async work one piece at a time, in order. Everything that writes events goes through
 * one lane: their uniqueness is checked against committed rows, so two writers at once could
 * both store the same event id.
 */
export class Lane {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(work, work);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
