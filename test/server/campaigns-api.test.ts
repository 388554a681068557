import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignList, CampaignReport } from '../../src/campaigns/campaign-types.js';
import {
  campaignListSchema,
  campaignReportSchema,
} from '../../src/server/responses/campaign-responses.js';
import { campaignShop } from '../campaigns/campaign-shop.js';
import type { TempProject } from '../helpers/temp-project.js';
import { testServer, type TestServer } from '../helpers/test-server.js';

// The campaign shop (its helper works out every figure) behind the real server, read with a
// read key: the answers are the service's, held to their schemas; errors in the one shape.
describe('GET /api/v1/campaigns and /campaigns/:id', () => {
  let shop: TempProject;
  let api: TestServer;
  beforeAll(async () => {
    shop = await campaignShop();
    api = await testServer(shop);
  });
  afterAll(async () => {
    await api.close();
    await shop.cleanup();
  });

  const get = (path: string) => api.request(`/api/v1${path}`, { key: api.keys.read });

  it('lists the campaigns of the period and shows one, as their schemas declare', async () => {
    const all = await get('/campaigns');
    expect(all.status).toBe(200);
    const list = campaignListSchema.parse(await all.json()) as CampaignList;
    expect(list.campaigns.map((c) => c.id)).toEqual(['flash', 'spring', 'winback-jan']);
    const march = (await (
      await get('/campaigns?from=2024-03-10&to=2024-03-11')
    ).json()) as CampaignList;
    expect(march.campaigns.map((c) => c.id)).toEqual(['spring']);

    const one = await get('/campaigns/spring');
    expect(one.status).toBe(200);
    const report = campaignReportSchema.parse(await one.json()) as CampaignReport;
    // The list's row is the report's campaign with the report's funnel.
    expect({ ...report.campaign, funnel: report.funnel }).toEqual(list.campaigns[1]);
    expect(report.campaign.lift[0]?.conversion.value).toBeCloseTo(5 / 12, 10);
    expect(report.daily.map((d) => d.day)).toEqual([
      '2024-03-10',
      '2024-03-11',
      '2024-03-14',
      '2024-03-17',
    ]);
  });

  it('keeps its answers until the next refresh or audience edit, then names audiences anew', async () => {
    const { cache } = api.server.context;
    const names = async (): Promise<string[]> => {
      const report = (await (await get('/campaigns/spring')).json()) as CampaignReport;
      const list = (await (await get('/campaigns')).json()) as CampaignList;
      const spring = list.campaigns.find((c) => c.id === 'spring');
      return [...report.campaign.audiences, ...(spring?.audiences ?? [])].map((a) => a.name);
    };
    expect(await names()).toEqual(['Spring buyers', 'Spring buyers']);
    const kept = cache.size;
    expect(await names()).toEqual(['Spring buyers', 'Spring buyers']);
    // Both answers came from the cache: nothing new was kept.
    expect(cache.size).toBe(kept);
    const edited = await api.request('/api/v1/audiences/aud_a', {
      method: 'POST',
      key: api.keys.admin,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Spring buyers, renamed' }),
    });
    expect(edited.status).toBe(200);
    expect(await names()).toEqual(['Spring buyers, renamed', 'Spring buyers, renamed']);
  });

  it('answers an unknown campaign 404 and a wrong day 400, naming the field', async () => {
    const unknown = await get('/campaigns/nope');
    expect(unknown.status).toBe(404);
    const body = (await unknown.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('not_found');
    expect(body.error.message).toMatch(/nope/);
    const wrong = await get('/campaigns?from=2024-02-30');
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toMatch(
      /^query\.from: /,
    );
    const reversed = await get('/campaigns?from=2024-03-02&to=2024-03-01');
    expect(reversed.status).toBe(400);
  });

  it('asks for a key', async () => {
    expect((await api.request('/api/v1/campaigns')).status).toBe(401);
    expect((await api.request('/api/v1/campaigns', { key: api.keys.ingest })).status).toBe(403);
  });
});
