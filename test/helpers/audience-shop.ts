import { importedShop } from './imported-shop.js';
import type { TempProject } from './temp-project.js';

/**
 * Four customers whose audiences are counted by hand. a: three successful orders (100, 50,
 * 30; a fourth of 99 canceled), email subscribed, DE. b: one order of 20, email revoked, FR.
 * c: no order, a page view. d: one returned order of 70 (so no revenue), no attributes. The
 * latest event is 2024-06-30 12:00, the as-of instant.
 */
export const AUDIENCE_SHOP_EVENTS = `event_id,customer_id,type,timestamp,order_id,amount,status,category,action,path
1,a,purchase,2024-01-10T10:00:00Z,o1,100,,,,
2,a,purchase,2024-03-05T10:00:00Z,o2,50,,,,
3,a,purchase,2024-06-20T10:00:00Z,o3,30,,,,
4,a,purchase,2024-06-21T10:00:00Z,o4,99,canceled,,,
5,b,purchase,2024-02-01T10:00:00Z,o5,20,,,,
6,a,consent,2024-01-01T00:00:00Z,,,,newsletter,accept,
7,b,consent,2024-01-01T00:00:00Z,,,,newsletter,accept,
8,b,consent,2024-02-02T00:00:00Z,,,,newsletter,revoke,
9,c,page_view,2024-06-29T10:00:00Z,,,,,,/sale
11,d,purchase,2024-05-01T10:00:00Z,o6,70,returned,,,
13,d,page_view,2024-06-30T12:00:00Z,,,,,,/home
`;

export const AUDIENCE_SHOP_CUSTOMERS = `customer_id,country,acquisition_channel
a,DE,ads
b,FR,organic
c,DE,
`;

/** The audience shop in a temp project, refreshed in full unless `refresh` says otherwise. */
export function audienceShop(refresh: 'all' | 'none' = 'all'): Promise<TempProject> {
  return importedShop({
    files: [
      { kind: 'events', content: AUDIENCE_SHOP_EVENTS },
      { kind: 'customers', content: AUDIENCE_SHOP_CUSTOMERS },
    ],
    refresh,
  });
}
