/** Wrong keys allowed in a minute from one address, and for one key id, before checks stop. */
export const WRONG_KEYS_PER_MINUTE = 60;

const WINDOW_MS = 60_000;
/** Counters kept at most; past it, finished windows go, and if none has, all go. */
const MAX_COUNTERS = 10_000;

/** Failures per name in fixed one-minute windows. */
class FailureCounts {
  private readonly windows = new Map<string, { count: number; since: number }>();

  /** Milliseconds until `name` may fail again; 0 while it is under the limit. */
  wait(name: string, now: number): number {
    const entry = this.windows.get(name);
    if (!entry || now - entry.since >= WINDOW_MS || entry.count < WRONG_KEYS_PER_MINUTE) return 0;
    return entry.since + WINDOW_MS - now;
  }

  note(name: string, now: number): void {
    const entry = this.windows.get(name);
    if (entry && now - entry.since < WINDOW_MS) {
      entry.count += 1;
      return;
    }
    if (this.windows.size >= MAX_COUNTERS) this.prune(now);
    this.windows.set(name, { count: 1, since: now });
  }

  private prune(now: number): void {
    for (const [name, entry] of this.windows) {
      if (now - entry.since >= WINDOW_MS) this.windows.delete(name);
    }
    if (this.windows.size >= MAX_COUNTERS) this.windows.clear();
  }
}

/**
 * Limits the checking of wrong keys without locking out right ones. A key costs a scrypt (tens
 * of ms on a small thread pool) unless it verified before, so an address that sent too many
 * wrong keys gets 429 without a check, except for keys naming an active key id that has not
 * itself had too many wrong secrets: a valid key from a busy address (a script gone wrong on
 * the same machine) still gets in, and a guesser gets at most the limit per key id and minute.
 */
export class WrongKeyLimiter {
  private readonly byAddress = new FailureCounts();
  private readonly byKeyId = new FailureCounts();

  /**
   * Milliseconds to wait before a key from `address` may be checked; 0 when it may be now.
   * `keyId` is the active key the presented one claims to be, null when it names none.
   */
  waitBeforeCheck(address: string, keyId: string | null, now: number): number {
    const addressWait = this.byAddress.wait(address, now);
    if (addressWait === 0 || keyId === null) return addressWait;
    const keyWait = this.byKeyId.wait(keyId, now);
    return keyWait === 0 ? 0 : Math.min(addressWait, keyWait);
  }

  /** Counts a wrong key against its address and the key id it claimed. */
  noteFailure(address: string, keyId: string | null, now: number): void {
    this.byAddress.note(address, now);
    if (keyId !== null) this.byKeyId.note(keyId, now);
  }
}
