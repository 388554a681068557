import { recordMembership } from '../../src/segments/record-membership.js';
import type { Warehouse } from '../../src/store/warehouse.js';
import { importedShop } from './imported-shop.js';
import type { TempProject } from './temp-project.js';

/** The shop's customers: c01 … c12. */
export const SHOP_CUSTOMERS = Array.from(
  { length: 12 },
  (_, i) => `c${String(i + 1).padStart(2, '0')}`,
);

/**
 * Email consent: c01–c08 accept the newsletter, c07 and c08 revoke it later, so c01–c06 are
 * subscribed. Every customer but c12 has an `email` attribute (`cNN@example.test`).
 */
export const SUBSCRIBED = ['c01', 'c02', 'c03', 'c04', 'c05', 'c06'];

function events(): string {
  const lines = ['event_id,customer_id,type,timestamp,order_id,amount,currency,category,action'];
  SHOP_CUSTOMERS.forEach((id, i) => {
    lines.push(
      `p${id},${id},purchase,2024-0${(i % 6) + 1}-10T12:00:00Z,o${id},${10 * (i + 1)},EUR,,`,
    );
    if (i < 8) lines.push(`a${id},${id},consent,2024-01-01T00:00:00Z,,,,newsletter,accept`);
    if (i === 6 || i === 7)
      lines.push(`r${id},${id},consent,2024-02-01T00:00:00Z,,,,newsletter,revoke`);
  });
  return lines.join('\n');
}

function customers(): string {
  const lines = ['customer_id,email,country'];
  for (const id of SHOP_CUSTOMERS)
    lines.push(`${id},${id === 'c12' ? '' : `${id}@example.test`},DE`);
  return `${lines.join('\n')}\n`;
}

/** Twelve customers with emails and consent, refreshed: what activations are tested on. */
export function activationShop(config?: object): Promise<TempProject> {
  return importedShop({
    config,
    files: [
      { kind: 'events', content: events() },
      { kind: 'customers', content: customers() },
    ],
    refresh: 'all',
  });
}

let evaluation = 0;

/**
 * Makes an audience (once) and records an evaluation in which exactly `members` belong to it,
 * through the same recordMembership a refresh uses.
 */
export async function setMembers(
  warehouse: Warehouse,
  audienceId: string,
  members: readonly string[],
  options: { includeUnsubscribed?: boolean } = {},
): Promise<void> {
  await warehouse.run(
    `INSERT INTO audiences
     SELECT $id, $id, '', 'test', '{"version":1,"match":"all","conditions":[]}', 1, $include,
            NULL, now(), now(), 'test', NULL
     WHERE $id NOT IN (SELECT audience_id FROM audiences)`,
    { id: audienceId, include: options.includeUnsubscribed ?? false },
  );
  evaluation += 1;
  const second = String(evaluation % 60).padStart(2, '0');
  const minute = String(Math.floor(evaluation / 60) % 60).padStart(2, '0');
  await recordMembership(
    warehouse,
    audienceId,
    {
      sql: 'SELECT customer_id FROM customer_features WHERE list_contains($ids, customer_id)',
      params: { ids: [...members] },
    },
    { at: `2026-01-01 00:${minute}:${second}`, source: 'edit' },
  );
}
