import { DAY, DEMO_END, HOUR, atShopHours } from './calendar.js';
import type { EventPayload, EventSink } from './event-sink.js';
import type { DemoOrder } from './orders.js';
import type { CustomerProfile } from './customers.js';
import type { Random } from '../shared/random.js';

const scorePayloads: readonly EventPayload[] = Array.from({ length: 11 }, (_, score) => ({
  score,
}));

/** For some buyers, emits one NPS survey after a successful order; frequent buyers score higher. */
export function generateSurvey(
  profile: CustomerProfile,
  orders: readonly DemoOrder[],
  random: Random,
  sink: EventSink,
): void {
  const successful = orders.filter((o) => o.outcome === 'success');
  // Over a third of buyers answer: about 30 % of all customers, as some never buy.
  if (successful.length === 0 || !random.chance(0.36)) return;
  const surveyed = successful[random.int(0, successful.length - 1)] as DemoOrder;
  const at = Math.max(
    atShopHours(surveyed.at + random.uniform(1, 6) * DAY, random),
    surveyed.at + HOUR,
  );
  if (at > DEMO_END) return;
  const loyalty = Math.min(successful.length - 1, 5);
  const score = Math.round(random.normal(6 + 0.75 * loyalty, 1.8));
  sink.push(at, profile.id, 'survey', scorePayloads[Math.min(10, Math.max(0, score))] ?? {});
}
