import { randomBytes } from 'node:crypto';
import { addDestination, listDestinations } from '../destinations/destinations.js';
import { DEMO_AUTHOR } from './demo-activations.js';
import type { Warehouse } from '../store/warehouse.js';

export const DEMO_DESTINATION = 'Demo webhook (disabled)';

/**
 * A webhook destination pointing nowhere and disabled, so that the destination pages have
 * something to show and the demo's historic activations a destination; once. Its secret is
 * random and not kept anywhere else. Returns its id.
 */
export async function addDemoDestination(
  warehouse: Warehouse,
  projectDir: string,
): Promise<string> {
  const existing = await listDestinations(warehouse);
  const held = existing.find((destination) => destination.name === DEMO_DESTINATION);
  if (held) return held.id;
  const added = await addDestination(
    warehouse,
    projectDir,
    {
      name: DEMO_DESTINATION,
      kind: 'webhook',
      config: { url: 'https://example.invalid/clv-webhook' },
      secret: randomBytes(24).toString('base64url'),
      enabled: false,
    },
    DEMO_AUTHOR,
  );
  return added.id;
}
