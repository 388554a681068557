import { describe, expect, it } from 'vitest';
import { listCampaigns } from '../../src/campaigns/list-campaigns.js';
import { refreshAll } from '../../src/pipeline/refresh-all.js';
import { Random } from '../../src/shared/random.js';
import { importedShop } from '../helpers/imported-shop.js';
import { insertActivation, insertAudience } from './campaign-shop.js';

const TREATED = 3000;
const CONTROL = 1000;
// The planted effect: within the 7 days after the send, a treated customer buys with
// probability 0.30, a control customer with 0.15; a buyer spends uniformly 20 to 80 (mean 50).
// So the conversion difference is 0.15 and the revenue per customer difference 0.15 · 50 = 7.5.
const P_TREATED = 0.3;
const P_CONTROL = 0.15;
const SEND = Date.UTC(2024, 4, 1);
const DAY = 86_400_000;

function shop(seed: number): { events: string; control: string[] } {
  const random = new Random(seed);
  const lines = [
    'event_id,customer_id,type,timestamp,order_id,amount,campaign_id,channel,action,audience_id',
  ];
  const iso = (ms: number) => new Date(ms).toISOString();
  const control: string[] = [];
  for (let i = 0; i < TREATED + CONTROL; i++) {
    const id = `c${i}`;
    const treated = i < TREATED;
    // An order before the campaign, so that every customer has a history.
    lines.push(
      `h${i},${id},purchase,${iso(SEND - random.uniform(30, 120) * DAY)},h${i},${random.uniform(20, 80).toFixed(2)},,,,`,
    );
    if (treated) lines.push(`s${i},${id},campaign,${iso(SEND)},,,spring,email,sent,aud_p`);
    else control.push(id);
    if (random.chance(treated ? P_TREATED : P_CONTROL)) {
      const at = SEND + random.uniform(0, 6.9) * DAY;
      lines.push(`o${i},${id},purchase,${iso(at)},o${i},${random.uniform(20, 80).toFixed(2)},,,,`);
    }
  }
  // The store's latest event, well after the window closed.
  lines.push(`late,c0,purchase,${iso(SEND + 60 * DAY)},late,10,,,,`);
  return { events: lines.join('\n'), control };
}

describe('lift on a shop with a planted effect', () => {
  it('recovers the planted differences within their 95 % intervals', async () => {
    const { events, control } = shop(20_240_501);
    const t = await importedShop({
      config: { refresh: { cron: null } },
      files: [{ kind: 'events', content: events }],
    });
    try {
      await insertAudience(t.warehouse, 'aud_p', 'Planted', null);
      await insertActivation(
        t.warehouse,
        'act_p',
        'aud_p',
        '2024-04-29 00:00:00',
        control,
        '2024-04-30 00:00:00',
      );
      await refreshAll(t.warehouse, t.project.config);
      const list = await listCampaigns(t.warehouse, t.project.config);
      const lift = list.campaigns[0]?.lift[0];
      expect(lift?.treated.customers).toBe(TREATED);
      expect(lift?.control.customers).toBe(CONTROL);
      const conversion = lift?.conversion;
      expect(conversion?.low).toBeLessThan(P_TREATED - P_CONTROL);
      expect(conversion?.high).toBeGreaterThan(P_TREATED - P_CONTROL);
      expect(conversion?.significant).toBe(true);
      const revenue = lift?.revenuePerCustomer;
      expect(revenue?.low).toBeLessThan(7.5);
      expect(revenue?.high).toBeGreaterThan(7.5);
      expect(revenue?.significant).toBe(true);
    } finally {
      await t.cleanup();
    }
  });
});
