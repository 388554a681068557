import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TempProject } from '../helpers/temp-project.js';
import { testServer, type TestServer } from '../helpers/test-server.js';
import { expectErrorShape, rawRequest, refreshedShop } from './http-support.js';

describe('client mistakes answer 4xx naming the field, never 500', () => {
  let shop: TempProject;
  let api: TestServer;
  let auth: Record<string, string>;
  beforeAll(async () => {
    shop = await refreshedShop({ refresh: { cron: null } });
    api = await testServer(shop);
    auth = { authorization: `Bearer ${api.keys.admin}` };
  });
  afterAll(async () => {
    await api.close();
    await shop.cleanup();
  });

  const send = (
    path: string,
    init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ) => rawRequest(api.url, `/api/v1${path}`, { ...init, headers: { ...auth, ...init.headers } });

  it('refuses unknown attribute names, JSON paths among them, naming the known ones', async () => {
    const known =
      'the known ones are "country", "acquisition_channel", "$.acquisition_channel", "$[0", "\\\\x"';
    // The names of the report first ($[, $.*, $..*, \), then others.
    for (const name of ['%24%5B', '%24.*', '%24..*', '%5C', 'nope', '%24', '%2F', '%24.country']) {
      const response = await send(`/customers?attribute=${name}&value=x`);
      expect([name, response.status]).toEqual([name, 400]);
      const error = expectErrorShape(response.text);
      expect(error.code).toBe('bad_input');
      expect(error.message).toMatch(/^attribute: unknown attribute /);
      expect(error.message).toContain(known);
    }
    for (const name of ['%24%5B', '%24.*', '%24..*', '%5C', 'nope']) {
      const response = await send(`/metrics?segment=attribute:${name}`);
      expect([name, response.status]).toEqual([name, 400]);
      expect(expectErrorShape(response.text).message).toMatch(/^segment: unknown attribute /);
      const groups = await send(`/metrics/segments?segment=attribute:${name}`);
      expect([name, groups.status]).toEqual([name, 400]);
    }
  });

  it('looks known attributes up by their exact name, however they read as JSON paths', async () => {
    // Imported as columns of a customers file: c1 has "$.acquisition_channel" = dotted,
    // "$[0" = bracket, "\x" = slash; c1 and c2 have acquisition_channel = social.
    const ids = async (path: string) => {
      const response = await send(path);
      expect([path, response.status]).toEqual([path, 200]);
      return (JSON.parse(response.text) as { items: { customerId: string }[] }).items.map(
        (item) => item.customerId,
      );
    };
    expect(await ids('/customers?attribute=%24%5B0&value=bracket')).toEqual(['c1']);
    expect(await ids('/customers?attribute=%5Cx&value=slash')).toEqual(['c1']);
    expect(await ids('/customers?attribute=%24.acquisition_channel&value=dotted')).toEqual(['c1']);
    // As a JSON path, "$.acquisition_channel" would read the channel.
    expect(await ids('/customers?attribute=%24.acquisition_channel&value=social')).toEqual([]);
    expect(await ids('/customers?attribute=acquisition_channel&value=social')).toEqual([
      'c1',
      'c2',
    ]);
    const groups = await send('/metrics/segments?segment=attribute:%24%5B0');
    expect(groups.status).toBe(200);
    expect((JSON.parse(groups.text) as { groups: unknown[] }).groups).toEqual([
      { segment: 'bracket', customers: 1 },
      { segment: 'other', customers: 3 },
    ]);
  });

  it('refuses dates far outside the data, naming each field', async () => {
    const response = await send('/metrics?from=1900-01-01&to=9999-12-31&series=month');
    expect(response.status).toBe(400);
    const error = expectErrorShape(response.text);
    expect(error.message).toMatch(/^query\.from: must be a day from 1970-01-01 to 2025-03-03/);
    expect(error.message).toContain('; query.to: must be a day from 1970-01-01 to 2025-03-03');
  });

  it('answers POST /imports without a file with 400 (or 415 for another type), and keeps nothing', async () => {
    const cases: [Record<string, string>, string | undefined, number][] = [
      [{}, undefined, 400],
      [{ 'content-type': 'multipart/form-data' }, '', 400],
      [{ 'content-type': 'multipart/form-data; boundary=abc' }, '', 400],
      [{ 'content-type': 'multipart/form-data; boundary=abc' }, '--abc--\r\n', 400],
      [
        { 'content-type': 'multipart/form-data; boundary=abc' },
        '--abc\r\nContent-Disposition: form-data; name="other"\r\n\r\nvalue\r\n--abc--\r\n',
        400,
      ],
      [
        { 'content-type': 'multipart/form-data; boundary=abc' },
        '--abc\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nmonth,ch',
        400,
      ],
      [{ 'content-type': 'application/json' }, '{}', 415],
    ];
    for (const [headers, body, status] of cases) {
      const response = await send('/imports?kind=costs', { method: 'POST', headers, body });
      expect([headers, body, response.status]).toEqual([headers, body, status]);
      const error = expectErrorShape(response.text);
      expect(error.message).toMatch(/^body: /);
    }
    const imports = await api.server.context.reads.use((w) =>
      w.query(`SELECT count(*) AS n FROM imports WHERE kind = 'costs'`),
    );
    expect(imports).toEqual([{ n: 1 }]);
  });
});
