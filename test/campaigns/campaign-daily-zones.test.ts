import { describe, expect, it } from 'vitest';
import { refreshAll } from '../../src/pipeline/refresh-all.js';
import { Random } from '../../src/shared/random.js';
import { importedShop } from '../helpers/imported-shop.js';

// The daily counts convert 15-minute buckets, not each time, to the project's zone: they must
// give what converting each time gives, across a change to summer time, in a zone 5:45 ahead
// of UTC, and in one whose offset had seconds (Monrovia, −0:44:30 until 1972).
const ZONES: [string, number][] = [
  ['Europe/Berlin', Date.UTC(2024, 2, 30, 20)],
  ['Asia/Kathmandu', Date.UTC(2024, 5, 1, 17)],
  ['Africa/Monrovia', Date.UTC(1972, 0, 6, 20)],
];

function events(start: number, seed: number): string {
  const random = new Random(seed);
  const lines = ['event_id,customer_id,type,timestamp,campaign_id,channel,action,audience_id'];
  for (let i = 0; i < 400; i++) {
    // Within 16 hours of `start`, to the second: local midnights and the zone change inside.
    const at = new Date(start + Math.floor(random.uniform(0, 16 * 3600)) * 1000).toISOString();
    const action = ['sent', 'opened', 'clicked'][i % 3] ?? 'sent';
    lines.push(`e${i},c${random.int(1, 150)},campaign,${at},camp,email,${action},aud`);
  }
  return lines.join('\n');
}

describe('campaign_daily in zones with odd offsets and a change to summer time', () => {
  it('counts each first action on its local day, as converting each time does', async () => {
    for (const [index, [timezone, start]] of ZONES.entries()) {
      const t = await importedShop({
        config: { timezone, refresh: { cron: null } },
        files: [{ kind: 'events', content: events(start, index + 1) }],
      });
      try {
        await refreshAll(t.warehouse, t.project.config);
        const reference = await t.query<{ day: string; action: string; n: number }>(
          `SELECT CAST(timezone('${timezone}', timezone('UTC', first_at)) AS DATE)::VARCHAR AS day,
                  action, count(*)::DOUBLE AS n
           FROM (
             UNPIVOT (SELECT customer_id, sent_at, opened_at, clicked_at FROM campaign_recipients)
             ON sent_at, opened_at, clicked_at INTO NAME action VALUE first_at
           )
           GROUP BY ALL ORDER BY ALL`,
        );
        const daily = await t.query<{ day: string; action: string; n: number }>(
          `SELECT day::VARCHAR AS day, action, n::DOUBLE AS n FROM (
             UNPIVOT (SELECT day, sent AS sent_at, opened AS opened_at, clicked AS clicked_at
                      FROM campaign_daily)
             ON sent_at, opened_at, clicked_at INTO NAME action VALUE n
           ) WHERE n > 0 ORDER BY ALL`,
        );
        expect(daily, timezone).toEqual(reference);
        expect(new Set(reference.map((r) => r.day)).size, timezone).toBeGreaterThan(1);
      } finally {
        await t.cleanup();
      }
    }
  });
});
