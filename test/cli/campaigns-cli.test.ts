import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignList, CampaignReport } from '../../src/campaigns/campaign-types.js';
import { campaignShop } from '../campaigns/campaign-shop.js';
import { runClv } from '../helpers/run-cli.js';
import type { TempProject } from '../helpers/temp-project.js';

// The campaign shop (see its helper, where every figure below is worked out): spring to
// "Spring buyers" (4 recipients, open rate 3/3, click rate 2/3, 3 orders for 80 attributed;
// lift 3/4 − 1/3 = +41.7 pp, Newcombe −22.6 to 75.7 pp), flash without audience, and the
// winback-jan send to "Lapsed".
describe('clv campaigns', () => {
  let shop: TempProject;
  beforeAll(async () => {
    shop = await campaignShop();
    // The CLI opens the store itself.
    await shop.warehouse.close();
  });
  afterAll(() => shop.cleanup());

  const clv = (...args: string[]) => runClv([...args, '--project', shop.dir]);

  it('lists the campaigns newest first as JSON, and as a table with lift in words', async () => {
    const json = await clv('campaigns', '--json');
    expect(json.code).toBe(0);
    const list = JSON.parse(json.stdout) as CampaignList;
    expect(list.campaigns.map((c) => c.id)).toEqual(['flash', 'spring', 'winback-jan']);
    expect(list.winback.map((w) => w.audience.name)).toEqual(['Lapsed']);

    const text = await clv('campaigns', 'list', '--from', '2024-03-10', '--to', '2024-03-11');
    expect(text.code).toBe(0);
    const lines = text.stdout.split('\n');
    expect(lines[0]).toBe(
      'Campaigns, newest first (attribution: 7 days after a click, 3 after an open; as of 2024-04-08 00:00 UTC)',
    );
    expect(lines[1]).toMatch(/^campaign +first send +channels +recipients +open rate +click rate/);
    expect(lines[2]).toMatch(
      /^spring +2024-03-10 +email +4 +100\.0 % +66\.7 % +3 +80\.00 +20\.00$/,
    );
    expect(text.stdout).not.toMatch(/^flash/m);
    expect(text.stdout).toContain(
      'spring / Spring buyers: conversion 75.0 % of 4 treated vs 33.3 % of 3 control within 7 days: +41.7 pp (95 % CI -22.6 to 75.7 pp), not significant',
    );
    expect(text.stdout).toContain(
      '  revenue per customer 33.75 vs 8.33 EUR: +25.42 EUR (95 % CI -23.03 to 73.86 EUR), not significant',
    );
    expect(text.stdout).toMatch(/\nWinback: Lapsed\nwithin +treated/);
  });

  it('shows one campaign: funnel per audience and channel, lift, days, CLV movement', async () => {
    const json = await clv('campaigns', 'show', 'spring', '--json');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as CampaignReport;
    expect(report.campaign.id).toBe('spring');

    const text = await clv('campaigns', 'show', 'flash');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Campaign flash: first sent 2024-03-12 08:00 UTC, last event /);
    expect(text.stdout).toContain(
      '2 recipients, open rate 0.0 %, click rate 100.0 %, 1 attributed orders, 60.00 EUR attributed revenue',
    );
    expect(text.stdout).toMatch(/\nNo audience +email +1 +1 +0 +0 +0 +0 +0 /);
    expect(text.stdout).toMatch(/\nNo audience +sms +2 +2 +2 +0 +2 +0 +0 /);
    expect(text.stdout).toContain('flash / No audience: no lift: ');
    expect(text.stdout).toMatch(/\nBy day:\nday +audience/);
  });

  it('names the campaign it does not know and the option that is wrong', async () => {
    const unknown = await clv('campaigns', 'show', 'nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^clv: .*nope/);
    const wrong = await clv('campaigns', 'list', '--from', '2024-13-01');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--from/);
  });
});
