import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../../src/keys/api-keys.js';
import { redactKeys } from '../../src/server/log-redaction.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';
import { rawRequest, spawnServe } from './http-support.js';

const ID = '0123456789ab';
const SECRET = 'Zm9vYmFyYmF6cXV4X0hFTExPLXdvcmxkXzEyMzQ1Njc';

describe('key-shaped text in the log', () => {
  it('keeps the id and drops the secret, however the key is written', () => {
    const key = `clv_${ID}_${SECRET}`;
    expect(redactKeys(`/api/v1/keys/${key}`)).toBe(`/api/v1/keys/clv_${ID}_[redacted]`);
    expect(redactKeys(`/x?key=${key}&b=1`)).toBe(`/x?key=clv_${ID}_[redacted]&b=1`);
    expect(redactKeys(`/x/clv%5F${ID}%5F${SECRET}`)).toBe(`/x/clv%5F${ID}_[redacted]`);
    // One character too many or too few is still a key to hide.
    expect(redactKeys(`${key}x ${key.slice(0, -1)}`)).toBe(
      `clv_${ID}_[redacted] clv_${ID}_[redacted]`,
    );
    expect(redactKeys(`CLV_${ID.toUpperCase()}_${SECRET}`)).toBe(
      `CLV_${ID.toUpperCase()}_[redacted]`,
    );
    expect(redactKeys('/api/v1/customers/clv_fan?q=clv_')).toBe('/api/v1/customers/clv_fan?q=clv_');
  });
});

describe('the request log of clv serve', () => {
  let project: TempProject;
  let key: string;
  beforeAll(async () => {
    project = await tempProject({ refresh: { cron: null } });
    key = (await createKey(project.warehouse, { role: 'admin', name: 'logged' })).key;
    await project.warehouse.close();
  });
  afterAll(() => project.cleanup());

  it('never holds a key secret, whatever URL it came in', async () => {
    // Every request is logged at debug only; secrets must stay out at every level.
    const server = await spawnServe(project.dir, ['--log-level', 'debug']);
    const auth = { authorization: `Bearer ${key}` };
    const secret = key.slice(`clv_${ID}_`.length);
    const keyId = key.slice(4, 16);
    try {
      const deleted = await rawRequest(server.url, `/api/v1/keys/${key}`, {
        method: 'DELETE',
        headers: auth,
      });
      expect(deleted.status).toBe(404);
      for (const path of [
        `/api/v1/customers/${key}`,
        `/api/v1/customers?q=${key}`,
        `/api/v1/metrics?segment=${encodeURIComponent(key)}`,
        `/api/v1/nowhere/${key}`,
      ]) {
        await rawRequest(server.url, path, { headers: auth });
      }
      // A wrong key in the header, and the right one named in a bad escape.
      await rawRequest(server.url, '/api/v1/status', {
        headers: { authorization: `Bearer ${key.slice(0, -3)}xyz` },
      });
      await rawRequest(server.url, `/api/v1/customers/%E2${key}`, { headers: auth });
    } finally {
      await server.stop();
    }
    const log = server.log();
    expect(log).toContain(`"url":"/api/v1/keys/clv_${keyId}_[redacted]"`);
    expect(log.match(/incoming request/g)?.length).toBeGreaterThanOrEqual(7);
    expect(log).not.toContain(secret);
    expect(log).not.toContain(secret.slice(0, 20));
  });
});
