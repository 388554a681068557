import { randomBytes } from 'node:crypto';

// The id check lives in shared/ so that segments can check an audience id the same way.
export { isId } from '../shared/ids.js';

/** A new id: the prefix and 10 hex characters (`dst_3fa9…`, `act_…`). */
export function newId(prefix: 'dst' | 'act'): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/** A delivery's id, which is also the idempotency key it is sent with: 16 random bytes. */
export function newDeliveryId(): string {
  return `dlv_${randomBytes(16).toString('hex')}`;
}
