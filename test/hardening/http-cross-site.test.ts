import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AllowedHosts, parseHost } from '../../src/server/request-guard.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';
import { testServer, type TestServer } from '../helpers/test-server.js';
import { expectErrorShape, multipartFile, rawRequest } from './http-support.js';

const EVIL = 'http://evil.example';
const EVENT = JSON.stringify([
  {
    event_id: 'x1',
    customer_id: 'c1',
    type: 'purchase',
    timestamp: '2024-01-01T00:00:00Z',
    amount: 5,
  },
]);

describe('an open server (loopback, no key) and pages of other sites', () => {
  let project: TempProject;
  let api: TestServer;
  let port: string;
  beforeAll(async () => {
    project = await tempProject({ refresh: { cron: null, debounceSeconds: 3600 } });
    api = await testServer(project, { keys: false });
    port = new URL(api.url).port;
  });
  afterAll(async () => {
    await api.close();
    await project.cleanup();
  });

  const stored = async (): Promise<number> => {
    const [row] = await api.server.context.reads.use((w) =>
      w.query<{ n: number }>('SELECT count(*) AS n FROM events'),
    );
    return row?.n ?? -1;
  };

  it('refuses state-changing requests sent from another site, and changes nothing', async () => {
    const refreshesBefore = await api.server.context.reads.use((w) =>
      w.query('SELECT * FROM refreshes'),
    );
    const upload = multipartFile('costs.csv', 'month,channel,spend\n2024-04,social,5\n');
    const attempts = [
      // A form post needs no preflight: text/plain, urlencoded and multipart are "simple".
      { path: '/api/v1/events', type: 'text/plain', body: EVENT },
      { path: '/api/v1/events', type: 'application/json', body: EVENT },
      { path: '/api/v1/imports?kind=costs', type: upload.type, body: upload.body },
      { path: '/api/v1/refresh', type: undefined, body: undefined },
      { path: '/api/v1/keys', type: 'text/plain', body: '{"role":"admin"}' },
    ];
    for (const attempt of attempts) {
      const headers: Record<string, string> = { origin: EVIL };
      if (attempt.type) headers['content-type'] = attempt.type;
      const response = await rawRequest(api.url, attempt.path, {
        method: 'POST',
        headers,
        body: attempt.body,
      });
      expect([attempt.path, response.status]).toEqual([attempt.path, 403]);
      expect(expectErrorShape(response.text).message).toContain('cross-site request refused');
    }
    // A browser that sends no Origin still marks the request as cross-site.
    const marked = await rawRequest(api.url, '/api/v1/refresh', {
      method: 'POST',
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(marked.status).toBe(403);
    // A sandboxed page or a file sends "Origin: null".
    const nullOrigin = await rawRequest(api.url, '/api/v1/refresh', {
      method: 'POST',
      headers: { origin: 'null' },
    });
    expect(nullOrigin.status).toBe(403);
    // Another port of this machine is another site's page too (another local app).
    const otherPort = await rawRequest(api.url, '/api/v1/refresh', {
      method: 'POST',
      headers: { origin: `http://127.0.0.1:${Number(port) + 1}` },
    });
    expect(otherPort.status).toBe(403);
    expect(await stored()).toBe(0);
    const keys = await api.server.context.reads.use((w) => w.query('SELECT * FROM api_keys'));
    expect(keys).toEqual([]);
    const refreshesAfter = await api.server.context.reads.use((w) =>
      w.query('SELECT * FROM refreshes'),
    );
    expect(refreshesAfter).toEqual(refreshesBefore);
    expect(api.server.open).toBe(true);
  });

  it('refuses a Host that does not name this server (DNS rebinding), on every path', async () => {
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1.nip.io:${port}`]) {
      for (const path of ['/api/v1/keys', '/api/v1/status', '/']) {
        const response = await rawRequest(api.url, path, { headers: { host } });
        expect([host, path, response.status]).toEqual([host, path, 403]);
        expect(expectErrorShape(response.text).message).toContain('does not name this server');
      }
    }
    // The loopback names at another port are not this server either.
    const otherPort = await rawRequest(api.url, '/api/v1/status', {
      headers: { host: `localhost:${Number(port) + 1}` },
    });
    expect(otherPort.status).toBe(403);
  });

  it('answers its own pages: loopback names at its port, same-origin posts, scripts without Origin', async () => {
    for (const host of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `[::1]:${port}`,
      `LOCALHOST:${port}`,
    ]) {
      const response = await rawRequest(api.url, '/api/v1/keys', { headers: { host } });
      expect([host, response.status]).toEqual([host, 200]);
    }
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      const response = await rawRequest(api.url, '/api/v1/events', {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
        body: '[]',
      });
      expect([origin, response.status]).toEqual([origin, 200]);
    }
    const script = await rawRequest(api.url, '/api/v1/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[]',
    });
    expect(script.status).toBe(200);
  });

  it('takes JSON routes only as JSON (415 otherwise), files only as multipart', async () => {
    const cases = [
      { path: '/api/v1/events', type: 'text/plain', body: EVENT },
      { path: '/api/v1/events', type: 'application/x-www-form-urlencoded', body: 'a=1' },
      { path: '/api/v1/events', type: 'multipart/form-data; boundary=x', body: '--x--' },
      { path: '/api/v1/keys', type: 'text/plain', body: '{"role":"read"}' },
      { path: '/api/v1/keys', type: 'application/x-www-form-urlencoded', body: 'role=read' },
      { path: '/api/v1/model/holdout', type: 'text/plain', body: '{"holdoutFrom":"2024-01-01"}' },
      { path: '/api/v1/refresh', type: 'text/plain', body: 'now' },
      { path: '/api/v1/imports?kind=costs', type: 'application/json', body: '{}' },
    ];
    for (const { path, type, body } of cases) {
      const response = await rawRequest(api.url, path, {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      });
      expect([path, type, response.status]).toEqual([path, type, 415]);
      const error = expectErrorShape(response.text);
      expect(error.code).toBe('unsupported_type');
      expect(error.message).toMatch(/^body: send it as /);
    }
    expect(await stored()).toBe(0);
  });
});

describe('a server with keys and pages of other sites', () => {
  let project: TempProject;
  let api: TestServer;
  beforeAll(async () => {
    project = await tempProject({
      refresh: { cron: null, debounceSeconds: 3600 },
      server: { allowedHosts: ['clv.example.com', 'proxy.example:8443'] },
    });
    api = await testServer(project);
  });
  afterAll(async () => {
    await api.close();
    await project.cleanup();
  });

  it('checks Host and Origin before the key: a valid key from a foreign page gets nothing', async () => {
    const auth = { authorization: `Bearer ${api.keys.admin}` };
    const rebound = await rawRequest(api.url, '/api/v1/keys', {
      headers: { ...auth, host: 'evil.example' },
    });
    expect(rebound.status).toBe(403);
    const foreign = await rawRequest(api.url, '/api/v1/refresh', {
      method: 'POST',
      headers: { ...auth, origin: EVIL },
    });
    expect(foreign.status).toBe(403);
  });

  it('answers the configured names: any port for a name, the given port for name:port', async () => {
    const auth = { authorization: `Bearer ${api.keys.admin}` };
    const statuses: Record<string, number> = {};
    for (const host of [
      'clv.example.com',
      'clv.example.com:443',
      'proxy.example:8443',
      'proxy.example',
      'other.example.com',
    ]) {
      statuses[host] = (
        await rawRequest(api.url, '/api/v1/status', { headers: { ...auth, host } })
      ).status;
    }
    expect(statuses).toEqual({
      'clv.example.com': 200,
      'clv.example.com:443': 200,
      'proxy.example:8443': 200,
      'proxy.example': 403,
      'other.example.com': 403,
    });
    // The dashboard behind the proxy posts with its own origin.
    const posted = await rawRequest(api.url, '/api/v1/events', {
      method: 'POST',
      headers: {
        ...auth,
        host: 'clv.example.com',
        origin: 'https://clv.example.com',
        'content-type': 'application/json',
      },
      body: '[]',
    });
    expect(posted.status).toBe(200);
  });
});

describe('the hosts a server answers to', () => {
  it('on every address (0.0.0.0 or ::), the address a connection came in on, at its port', () => {
    const allowed = new AllowedHosts(['mybox.local']);
    const at = (host: string, local: string) => {
      const parsed = parseHost(host);
      return parsed !== null && allowed.allows(parsed, local, 8080);
    };
    expect(at('192.168.1.5:8080', '192.168.1.5')).toBe(true);
    expect(at('192.168.1.5:8080', '::ffff:192.168.1.5')).toBe(true);
    expect(at('[fe80::1]:8080', 'fe80::1')).toBe(true);
    expect(at('192.168.1.5:9090', '192.168.1.5')).toBe(false);
    expect(at('192.168.1.6:8080', '192.168.1.5')).toBe(false);
    expect(at('localhost:8080', '192.168.1.5')).toBe(true);
    expect(at('mybox.local:8080', '192.168.1.5')).toBe(true);
    expect(at('mybox.local.evil.example:8080', '192.168.1.5')).toBe(false);
    // Port 80 may go unwritten.
    expect(allowed.allows(parseHost('localhost') ?? { name: '', port: 0 }, '127.0.0.1', 80)).toBe(
      true,
    );
  });
});
