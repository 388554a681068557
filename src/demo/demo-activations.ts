import { formatTimestamp } from './calendar.js';
import { HOLDOUT_SHARE, demoSends } from './campaign-schedule.js';
import type { CampaignPlan } from './campaign-responses.js';
import type { Warehouse } from '../store/warehouse.js';

/** A send's historic activation: made an hour before it, stopped a week after, with its control group. */
export interface DemoActivation {
  /** `act_` and 10 hex digits, the same for the same seed. */
  id: string;
  audienceId: string;
  campaignId: string;
  /** ISO 8601 UTC, as the events' timestamps; also the control group's `controlled_at`. */
  createdAt: string;
  stoppedAt: string;
  holdoutShare: number;
  /** The customers held out of the send. */
  controls: string[];
}

function hex(value: number, digits: number): string {
  return value.toString(16).padStart(digits, '0').slice(-digits);
}

/**
 * The activations of the sends that reached someone. Ids are the seed's 8 hex digits and the
 * send's index (fewer than 256 sends), so one run never repeats one.
 */
export function demoActivations(plan: CampaignPlan, seedMix: number): DemoActivation[] {
  return demoSends
    .filter((send) => (plan.treated[send.index] ?? 0) > 0)
    .map((send) => ({
      id: `act_${hex(seedMix, 8)}${hex(send.index, 2)}`,
      audienceId: send.audienceId,
      campaignId: send.campaignId,
      createdAt: formatTimestamp(send.activationAt),
      stoppedAt: formatTimestamp(send.stoppedAt),
      holdoutShare: HOLDOUT_SHARE,
      controls: plan.controls[send.index] ?? [],
    }));
}

function* controlRows(activations: readonly DemoActivation[]): Generator<[string, string]> {
  for (const activation of activations) {
    for (const customer of activation.controls) yield [activation.id, customer];
  }
}

/** Who the demo's activations are created by, as its destination is. */
export const DEMO_AUTHOR = 'demo';

const stamp = (iso: string): string => iso.replace('T', ' ').replace('Z', '');

/**
 * Writes the demo's activations (to `destinationId`, by `demo`) and their control groups in
 * one transaction, in bulk through temp tables. A store that holds demo activations already
 * gets none: the events of a second run (another seed, say) are duplicates the import drops,
 * so its activations would belong to no campaign. Returns how many activations it wrote.
 */
export async function writeDemoActivations(
  warehouse: Warehouse,
  destinationId: string,
  activations: readonly DemoActivation[],
): Promise<number> {
  const [held] = await warehouse.query<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM activations WHERE created_by = $who`,
    { who: DEMO_AUTHOR },
  );
  if ((held?.n ?? 0) > 0 || activations.length === 0) return 0;
  await warehouse.transaction(() =>
    warehouse.withScratchTable('demo_activations', (sends) =>
      warehouse.withScratchTable('demo_controls', async (controls) => {
        await warehouse.scratch.withColumns(sends, [
          ['activation_id', 'text'],
          ['audience_id', 'text'],
          ['holdout_share', 'double'],
          ['created_at', 'text'],
          ['stopped_at', 'text'],
        ]);
        await warehouse.scratch.withColumns(controls, [
          ['activation_id', 'text'],
          ['customer_id', 'text'],
        ]);
        await warehouse.append(
          sends,
          activations.map((a) => [
            a.id,
            a.audienceId,
            a.holdoutShare,
            stamp(a.createdAt),
            stamp(a.stoppedAt),
          ]),
        );
        await warehouse.append(controls, controlRows(activations));
        await warehouse.run(
          `INSERT INTO activations
           SELECT activation_id, audience_id, $destination, holdout_share, created_at::TIMESTAMP,
                  $who, stopped_at::TIMESTAMP, NULL, NULL, NULL
           FROM ${sends}`,
          { destination: destinationId, who: DEMO_AUTHOR },
        );
        await warehouse.run(
          `INSERT INTO activation_controls
           SELECT c.activation_id, c.customer_id, s.created_at::TIMESTAMP
           FROM ${controls} c JOIN ${sends} s USING (activation_id)`,
        );
      }),
    ),
  );
  return activations.length;
}
