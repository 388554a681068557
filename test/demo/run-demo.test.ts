import { describe, expect, it } from 'vitest';
import { DEMO_AUDIENCE_IDS } from '../../src/demo/demo-audiences.js';
import { generateDemo } from '../../src/demo/generate.js';
import { runDemo } from '../../src/demo/run-demo.js';
import { TEMPLATE_KEYS } from '../../src/segments/audience-templates.js';
import { listDestinations } from '../../src/destinations/destinations.js';
import { directAccess } from '../../src/destinations/store-access.js';
import { syncDeliveries } from '../../src/destinations/sync-deliveries.js';
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

/** The audiences, activations and control groups the demo saved, as plain rows. */
async function campaignRecords(t: TempProject) {
  return {
    audiences: await t.query(
      `SELECT audience_id, name, template FROM audiences ORDER BY audience_id`,
    ),
    activations: await t.query(
      `SELECT a.activation_id, a.audience_id, d.name AS destination, a.holdout_share,
              strftime(a.created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at,
              strftime(a.stopped_at, '%Y-%m-%dT%H:%M:%SZ') AS stopped_at, a.created_by,
              a.synced_evaluations, a.synced_through, a.last_error,
              coalesce((SELECT list(c.customer_id ORDER BY c.customer_id) FROM activation_controls c
               WHERE c.activation_id = a.activation_id), []) AS controls,
              (SELECT count(*) FROM activation_controls c WHERE c.activation_id = a.activation_id
                 AND c.controlled_at <> a.created_at)::INTEGER AS controls_at_other_times
       FROM activations a JOIN destinations d USING (destination_id)
       ORDER BY a.activation_id`,
    ),
  };
}

describe('the demo store', () => {
  it('saves the campaigns’ audiences under their fixed ids and each send’s stopped activation with its control group', async () => {
    const t = await tempProject();
    try {
      await runDemo(t.warehouse, t.project, { customers: 300, seed: 5 });
      const generated = generateDemo({
        customers: 300,
        seed: 5,
        churnWindowDays: t.project.config.churnWindowDays,
      });
      const { audiences, activations } = await campaignRecords(t);
      // By the fixed ids: the other audiences' ids are random and may start alike.
      const fixed = new Set<unknown>(Object.values(DEMO_AUDIENCE_IDS));
      expect(audiences.filter((row) => fixed.has(row.audience_id))).toEqual([
        {
          audience_id: DEMO_AUDIENCE_IDS.newsletter,
          name: 'Newsletter subscribers',
          template: null,
        },
        { audience_id: DEMO_AUDIENCE_IDS.sms, name: 'SMS subscribers', template: null },
        { audience_id: DEMO_AUDIENCE_IDS.vip, name: 'VIP', template: 'vip' },
        { audience_id: DEMO_AUDIENCE_IDS.winback, name: 'Winback', template: 'winback' },
      ]);
      // The other three templates, as before, for seven audiences in all.
      expect(audiences).toHaveLength(7);
      expect(new Set(audiences.map((row) => row.template))).toEqual(
        new Set([null, ...TEMPLATE_KEYS]),
      );
      expect(activations).toEqual(
        generated.activations
          .map((a) => ({
            activation_id: a.id,
            audience_id: a.audienceId,
            destination: 'Demo webhook (disabled)',
            holdout_share: 0.1,
            created_at: a.createdAt,
            stopped_at: a.stoppedAt,
            created_by: 'demo',
            synced_evaluations: null,
            synced_through: null,
            last_error: null,
            controls: [...a.controls].sort(),
            controls_at_other_times: 0,
          }))
          .sort((x, y) => (x.activation_id < y.activation_id ? -1 : 1)),
      );
      // One per campaign: the demo's 50 sends, each with its own activation.
      expect(activations.length).toBe(50);
      // Stopped: a pass of the delivery loop queues and sends nothing for them.
      const outcome = await syncDeliveries(directAccess(t.warehouse), {
        projectDir: t.project.dir,
        settings: t.project.config.destinations,
      });
      expect(outcome).toMatchObject({ queued: 0, attempted: 0 });
      const [deliveries] = await t.query<{ n: number }>(
        'SELECT count(*)::INTEGER AS n FROM deliveries',
      );
      expect(deliveries?.n).toBe(0);
    } finally {
      await t.cleanup();
    }
  });

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
      const stored = await campaignRecords(a.t);
      // Running the demo again on the same store adds nothing.
      const again = await runDemo(a.t.warehouse, a.t.project, { customers: 300, seed: 7 });
      expect(again.map((s) => s.inserted)).toEqual([0, 0, 0, 0]);
      expect((await a.t.query(FINGERPRINT))[0]).toEqual(a.fingerprint);
      expect(await campaignRecords(a.t)).toEqual(stored);
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
