import { randomBytes } from 'node:crypto';

/** A new id: the prefix and 10 hex characters (`dst_3fa9…`, `act_…`). */
export function newId(prefix: 'dst' | 'act'): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/** A delivery's id, which is also the idempotency key it is sent with: 16 random bytes. */
export function newDeliveryId(): string {
  return `dlv_${randomBytes(16).toString('hex')}`;
}

/** Whether text has the shape of one of our ids, so that nothing else is echoed in errors. */
export function isId(prefix: 'dst' | 'act' | 'aud', text: string): boolean {
  return new RegExp(`^${prefix}_[0-9a-f]{10}$`).test(text);
}
