import { describe, expect, it } from 'vitest';
import { listCampaigns } from '../../src/campaigns/list-campaigns.js';
import { importedShop } from '../helpers/imported-shop.js';

// Touches at the same instant: a click before an open, then the smaller campaign id, then the
// smaller audience key (byte order: 'B' before 'a').
const EVENTS = `event_id,customer_id,type,timestamp,order_id,amount,campaign_id,channel,action,audience_id
t1,x,campaign,2024-05-01T10:00:00Z,,,b,email,clicked,
t2,x,campaign,2024-05-01T10:00:00Z,,,a,email,clicked,
t3,x,campaign,2024-05-01T10:00:00Z,,,0,email,opened,
o1,x,purchase,2024-05-01T11:00:00Z,o1,10,,,,
t4,y,campaign,2024-05-02T10:00:00Z,,,c,email,clicked,a
t5,y,campaign,2024-05-02T10:00:00Z,,,c,email,clicked,B
o2,y,purchase,2024-05-02T11:00:00Z,o2,20,,,,
`;

describe('campaign attribution at equal touch times', () => {
  it('prefers a click, then the smaller campaign id, then the smaller audience key', async () => {
    const t = await importedShop({
      config: { refresh: { cron: null } },
      files: [{ kind: 'events', content: EVENTS }],
      refresh: 'all',
    });
    try {
      const rows = await t.query<{ order_key: string; campaign_id: string; audience_key: string }>(
        `SELECT order_key, campaign_id, audience_key FROM campaign_attributions ORDER BY order_key`,
      );
      // o1: '0' is the smallest id but only opened; of the clicks 'a' < 'b'.
      // o2: both clicks are campaign c; audience 'B' (0x42) < 'a' (0x61).
      expect(rows).toEqual([
        { order_key: 'o1', campaign_id: 'a', audience_key: '' },
        { order_key: 'o2', campaign_id: 'c', audience_key: 'B' },
      ]);
    } finally {
      await t.cleanup();
    }
  });

  it('asks for a refresh when the last one was made before campaigns were analysed', async () => {
    const t = await importedShop({
      config: { refresh: { cron: null } },
      files: [{ kind: 'events', content: EVENTS }],
      refresh: 'all',
    });
    try {
      await t.warehouse.run('DROP VIEW campaign_state');
      await expect(listCampaigns(t.warehouse, t.project.config)).rejects.toMatchObject({
        code: 'conflict',
        message: expect.stringMatching(/run clv refresh first/),
      });
    } finally {
      await t.cleanup();
    }
  });
});
