import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The webhook signature header's value: `sha256=` and the hex HMAC-SHA256 of
 * "<timestamp>.<body>" under the destination's secret. Signing the timestamp with the body
 * lets a receiver refuse old requests replayed.
 */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Whether a received signature is the one the secret gives, compared in constant time. */
export function signatureMatches(
  secret: string,
  timestamp: string,
  body: string,
  received: string,
): boolean {
  const expected = Buffer.from(webhookSignature(secret, timestamp, body));
  const actual = Buffer.from(received);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
