import { apiUrl, request } from './client';
import type { CustomerProfile, TimelineEvent } from './types';

/** The API's largest page. */
const PAGE = 500;
/** A bound on the pages read, so a runaway history cannot loop: 100,000 events. */
const MAX_PAGES = 200;

/** Every event of a customer, newest first, read page by page (for a full CSV). */
export async function allCustomerEvents(customerId: string): Promise<TimelineEvent[]> {
  const events: TimelineEvent[] = [];
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const profile = await request<CustomerProfile>(
      apiUrl(`/customers/${encodeURIComponent(customerId)}`, {
        eventsLimit: PAGE,
        eventsOffset: page * PAGE,
      }),
    );
    events.push(...profile.timeline.items);
    if (profile.timeline.items.length < PAGE || events.length >= profile.timeline.total) break;
  }
  return events;
}
