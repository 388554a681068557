import { importedShop } from './imported-shop.js';
import type { TempProject } from './temp-project.js';

/**
 * A shop small enough to compute every metric by hand (UTC, churn window 31 days, 1 GBP =
 * 1.25 EUR). Orders: A (c1, Jan 10, 100, returned Jan 20), B (c1, Feb 5, 50, no status so
 * success), C (c2, Jan 15, 80 GBP = 100, amount on its second event), E (c3, Mar 1, 30,
 * canceled at the same instant), e8 (c3, Mar 2, 20, no order id), F (c4, Mar 3, 10, "pending"
 * so other). Consent: c1 accepts the newsletter Jan 1, revokes and accepts again Feb 1.
 */
export const HAND_MADE_EVENTS = [
  'event_id,customer_id,type,timestamp,order_id,amount,currency,status,category,action',
  'e1,c1,purchase,2024-01-10T12:00:00Z,A,100,EUR,success,,',
  'e2,c1,purchase,2024-01-20T12:00:00Z,A,,,returned,,',
  'e3,c1,purchase,2024-02-05T12:00:00Z,B,50,EUR,,,',
  'e4,c2,purchase,2024-01-15T12:00:00Z,C,,,success,,',
  'e5,c2,purchase,2024-01-16T12:00:00Z,C,80,GBP,success,,',
  'e6,c3,purchase,2024-03-01T10:00:00Z,E,30,EUR,success,,',
  'e7,c3,purchase,2024-03-01T10:00:00Z,E,,,canceled,,',
  'e8,c3,purchase,2024-03-02T09:00:00Z,,20,EUR,success,,',
  'e9,c4,purchase,2024-03-03T09:00:00Z,F,10,EUR,pending,,',
  'e10,c1,consent,2024-01-01T00:00:00Z,,,,,newsletter,accept',
  'e11,c1,consent,2024-02-01T00:00:00Z,,,,,newsletter,revoke',
  'e12,c1,consent,2024-02-01T00:00:00Z,,,,,newsletter,accept',
].join('\n');

/** Acquisition channels: c1 and c2 social, c3 search, c4 none. */
export const HAND_MADE_CUSTOMERS =
  'customer_id,acquisition_channel\nc1,social\nc2,social\nc3,search\nc4,\n';

/** Spend: social 100 in January, 30 in February, 10 in March; search 8 in March. */
export const HAND_MADE_COSTS =
  'month,channel,spend\n2024-01,social,100\n2024-02,social,30\n2024-03,social,10\n2024-03,search,8\n';

/** The hand-made shop in a temp project, not refreshed; `costs` and `customers` are optional. */
export function handMadeShop(
  options: { costs?: boolean; customers?: boolean; config?: object } = {},
): Promise<TempProject> {
  return importedShop({
    config: { churnWindowDays: 31, ...options.config },
    files: [
      { kind: 'rates', content: 'currency,rate_to_base\nGBP,1.25\n' },
      { kind: 'events', content: HAND_MADE_EVENTS },
      options.customers && { kind: 'customers', content: HAND_MADE_CUSTOMERS },
      options.costs && { kind: 'costs', content: HAND_MADE_COSTS },
    ],
  });
}
