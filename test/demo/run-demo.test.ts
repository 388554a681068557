import { describe, expect, it } from 'vitest';
import { runDemo } from '../../src/demo/run-demo.js';
import { listDestinations } from '../../src/destinations/destinations.js';
import { storeOverview } from '../../src/store/store-overview.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';

// A fingerprint of everything the import stored, independent of import ids and timings.
const FINGERPRINT = `
  SELECT (SELECT md5(string_agg(concat_ws('|', event_id, customer_id, type, kind, ts, order_id,
            amount, currency, status, consent_category, consent_action, campaign_id,
            campaign_channel, campaign_action, audience_id, survey_score, properties::VARCHAR),
            '\n' ORDER BY event_id)) FROM events) AS events,
         (SELECT md5(string_agg(customer_id || attributes::VARCHAR, '\n' ORDER BY customer_id))
            FROM customers) AS customers,
         (SELECT md5(string_agg(month || channel || spend, '\n' ORDER BY month, channel))
            FROM costs) AS costs`;

async function demoStore(seed: number): Promise<{ t: TempProject; fingerprint: unknown }> {
  const t = await tempProject();
  const imports = await runDemo(t.warehouse, t.project, { customers: 300, seed });
  for (const summary of imports) expect(summary.rejected).toBe(0);
  return { t, fingerprint: (await t.query(FINGERPRINT))[0] };
}

describe('the demo store', () => {
  it('is identical for the same seed and different for another, through the import path', async () => {
    const a = await demoStore(7);
    const b = await demoStore(7);
    const c = await demoStore(8);
    try {
      expect(b.fingerprint).toEqual(a.fingerprint);
      expect(c.fingerprint).not.toEqual(a.fingerprint);
      const overview = await storeOverview(a.t.warehouse);
      expect(overview.customers).toBe(300);
      expect(Object.keys(overview.eventsByKind).sort()).toEqual([
        'campaign',
        'consent',
        'purchase',
        'survey',
      ]);
      // Running the demo again on the same store adds nothing.
      const again = await runDemo(a.t.warehouse, a.t.project, { customers: 300, seed: 7 });
      expect(again.map((s) => s.inserted)).toEqual([0, 0, 0, 0]);
      expect((await a.t.query(FINGERPRINT))[0]).toEqual(a.fingerprint);
      // One disabled webhook pointing nowhere, also after the second run.
      const destinations = await listDestinations(a.t.warehouse);
      expect(destinations.map((d) => [d.name, d.kind, d.enabled, d.hasSecret])).toEqual([
        ['Demo webhook (disabled)', 'webhook', false, true],
      ]);
    } finally {
      await Promise.all([a.t.cleanup(), b.t.cleanup(), c.t.cleanup()]);
    }
  });

  it('converts foreign-currency orders with the demo rates', async () => {
    const { t } = await demoStore(3);
    try {
      const rows = await t.query<{ currency: string; bad: number; n: number }>(`
        SELECT e.currency, count(*) FILTER (WHERE abs(e.amount - e.original_amount * coalesce(r.rate_to_base, 1)) > 1e-9) AS bad,
               count(*) AS n
        FROM events e LEFT JOIN rates r USING (currency)
        WHERE e.amount IS NOT NULL GROUP BY 1 ORDER BY 1`);
      expect(rows.map((r) => r.currency)).toEqual(['EUR', 'GBP', 'SEK']);
      expect(rows.every((r) => r.bad === 0 && r.n > 0)).toBe(true);
    } finally {
      await t.cleanup();
    }
  });
});
