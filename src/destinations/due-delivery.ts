import type { DeliveryMember } from './delivery-member.js';

/** A delivery about to be attempted. */
export interface DueDelivery {
  id: string;
  activationId: string;
  audienceId: string;
  destinationId: string;
  seq: number;
  kind: 'full' | 'changes';
  createdAt: string;
  attempts: number;
  members: DeliveryMember[];
}
