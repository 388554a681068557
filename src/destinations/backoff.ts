export interface RetryPolicy {
  maxAttempts: number;
  baseSeconds: number;
  maxSeconds: number;
}

/**
 * The wait before the next attempt after `attempts` failed ones: exponential backoff with full
 * jitter (a uniform draw from 0 to base·2^(attempts−1), capped), so that many deliveries
 * failing together do not come back together. `random` is in [0, 1).
 */
export function retryDelaySeconds(attempts: number, policy: RetryPolicy, random: number): number {
  const ceiling = Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** Math.max(0, attempts - 1));
  return ceiling * random;
}

/** Whether a delivery that has failed `attempts` times is given up. */
export function isExhausted(attempts: number, policy: RetryPolicy): boolean {
  return attempts >= policy.maxAttempts;
}
