import { createHash } from 'node:crypto';

const TWO_TO_64 = 2 ** 64;

/**
 * Where a customer falls in [0, 1) for an audience: the first 8 bytes of
 * SHA-256("<audience id>\0<customer id>") as a fraction. The same pair always falls in the same
 * place, so a control group is the same on every sync and for every activation of the audience.
 */
export function holdoutPoint(audienceId: string, customerId: string): number {
  const digest = createHash('sha256').update(`${audienceId}\u0000${customerId}`).digest();
  return Number(digest.readBigUInt64BE(0)) / TWO_TO_64;
}

/** Whether the customer is withheld from an activation that holds out `share` of the audience. */
export function isControl(audienceId: string, customerId: string, share: number): boolean {
  return share > 0 && holdoutPoint(audienceId, customerId) < share;
}
