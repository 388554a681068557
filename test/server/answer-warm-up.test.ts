import { readFile, rm, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refresh } from '../../src/model/refresh.js';
import { WARM_UP_HEADER } from '../../src/server/auth.js';
import { FIRST_VISIT_REQUESTS } from '../../src/server/first-visit-requests.js';
import {
  readRecentRequests,
  recentAnswersFile,
  writeRecentRequests,
} from '../../src/server/recent-answers.js';
import { RENEWED_ANSWERS } from '../../src/server/response-cache.js';
import { startServer, type RunningServer } from '../../src/server/start-server.js';
import { Random } from '../../src/shared/random.js';
import { handMadeShop } from '../helpers/hand-made-shop.js';
import type { TempProject } from '../helpers/temp-project.js';
import { testServer } from '../helpers/test-server.js';

// More cases with CLV_THOROUGH=1.
const FUZZ_CASES = process.env['CLV_THOROUGH'] === '1' ? 2_000 : 200;

/** What a team read, the most recent last: three cached answers and the uncached status. */
const READ = [
  '/api/v1/metrics?from=2024-01-01&to=2024-04-01',
  '/api/v1/metrics/deciles',
  '/api/v1/metrics/rfm',
  '/api/v1/status',
  '/api/v1/metrics?from=2024-02-01&to=2024-03-01&segment=email',
] as const;

describe('answers asked again after a restart', () => {
  let shop: TempProject;
  let readKey = '';
  let file = '';
  const before: Record<string, string> = {};

  beforeAll(async () => {
    shop = await handMadeShop({ customers: true, costs: true });
    await refresh(shop.warehouse, shop.project.config);
    file = recentAnswersFile(shop.project.dir);
    const api = await testServer(shop);
    readKey = api.keys.read;
    try {
      for (const url of READ) {
        const response = await api.request(url, { key: readKey });
        expect(response.status, url).toBe(200);
        before[url] = await response.text();
      }
    } finally {
      await api.close();
    }
  });
  afterAll(async () => {
    await shop.cleanup();
  });

  const start = (warmFirstVisit = false) =>
    startServer(shop.project, { port: 0, host: '127.0.0.1', warmFirstVisit });
  const get = (server: RunningServer, url: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${url}`, { headers: { authorization: `Bearer ${readKey}`, ...headers } });

  it('keeps the cached answers’ requests at stop, the most recent first, not the status', async () => {
    expect(await readRecentRequests(file)).toEqual({
      requests: [READ[4], READ[2], READ[1], READ[0]],
      problem: null,
    });
  });

  it('computes them again behind the start, in that order, and answers them from the cache', async () => {
    const server = await start();
    try {
      // From the moment the server answers (the start awaits nothing after opening the store).
      expect(server.context.cache.renewing).toBe(true);
      const warmed = await server.warmUp;
      expect(warmed).toEqual(
        [READ[4], READ[2], READ[1], READ[0]].map((r) => ({ request: r, status: 200 })),
      );
      const status = (await (await get(server, '/api/v1/status')).json()) as {
        answersRenewing: boolean;
      };
      expect(status.answersRenewing).toBe(false);
      // In the cache, in the order they were read before the stop.
      expect(server.context.cache.recentSources()).toEqual([READ[4], READ[2], READ[1], READ[0]]);
      const size = server.context.cache.size;
      for (const url of [READ[0], READ[1], READ[2], READ[4]]) {
        const response = await get(server, url);
        expect(await response.text(), url).toBe(before[url]);
      }
      // Served from what the warm-up computed: the status adds its own three, no answer more.
      expect(server.context.cache.size).toBe(size);
    } finally {
      await server.close();
    }
    // Read again in the order of the first run: the file says so.
    expect((await readRecentRequests(file)).requests).toEqual([READ[4], READ[2], READ[1], READ[0]]);
  });

  it('refuses the warm-up header from anyone else, whatever key comes with it', async () => {
    const server = await start();
    try {
      await server.warmUp;
      for (const [url, method] of [
        [READ[0], 'GET'],
        ['/api/v1/status', 'GET'],
        ['/api/v1/refresh', 'POST'],
      ] as const) {
        for (const secret of ['', 'guess', 'a'.repeat(43)]) {
          const response = await fetch(`${server.url}${url}`, {
            method,
            headers: { authorization: `Bearer ${readKey}`, [WARM_UP_HEADER]: secret },
          });
          expect(response.status, `${method} ${url} with "${secret}"`).toBe(401);
          expect(await response.text()).toContain(`${WARM_UP_HEADER} is the server's own`);
        }
      }
    } finally {
      await server.close();
    }
  });

  it('computes the first visit’s answers when it never served, then keeps what was read', async () => {
    // This shop's refresh built the derived tables only: the answers that need predictions or
    // the campaign tables say so (409), as they would to a visitor; none fails (5xx).
    const needsMore = new Set([
      '/api/v1/model',
      '/api/v1/model/distributions',
      '/api/v1/campaigns',
    ]);
    const answered = FIRST_VISIT_REQUESTS.filter((request) => !needsMore.has(request));
    const last = answered.at(-1) ?? '';
    await rm(file, { force: true });
    const server = await start(true);
    try {
      const warmed = await server.warmUp;
      expect(warmed).toEqual(
        FIRST_VISIT_REQUESTS.map((request) => ({
          request,
          status: needsMore.has(request) ? 409 : 200,
        })),
      );
      // Failed answers are not kept; the overview's counts as the most recently read.
      expect(server.context.cache.recentSources()).toEqual(answered);
      const size = server.context.cache.size;
      expect((await get(server, last)).status).toBe(200);
      // Served from the cache (no entry more), and now the most recently read.
      expect(server.context.cache.size).toBe(size);
      expect(server.context.cache.recentSources()[0]).toBe(last);
    } finally {
      await server.close();
    }
    // A server that served starts from what was read, not from the first visit's list.
    const kept = (await readRecentRequests(file)).requests;
    expect(kept).toEqual([last, ...answered.slice(0, -1)]);
    const again = await start(true);
    try {
      expect((await again.warmUp).map((answer) => answer.request)).toEqual(kept);
    } finally {
      await again.close();
    }
  });

  it('computes nothing behind the start when told to start cold (clv serve --no-warm-up)', async () => {
    const listed = await readRecentRequests(file);
    expect(listed.requests.length).toBeGreaterThan(0);
    const server = await startServer(shop.project, { port: 0, host: '127.0.0.1', warmUp: false });
    try {
      expect(server.context.cache.renewing).toBe(false);
      expect(await server.warmUp).toEqual([]);
      expect(server.context.cache.size).toBe(0);
    } finally {
      await server.close();
    }
    // Nothing was read, so the list stays as it was.
    expect(await readRecentRequests(file)).toEqual(listed);
  });

  it('starts cold, and says nothing is wrong with the store, when the file is not its own', async () => {
    const broken = [
      'not json',
      '{"version":2,"requests":[]}',
      JSON.stringify({ version: 1, requests: ['/etc/passwd'] }),
      JSON.stringify({ version: 1, requests: ['/api/v1/metrics\n'] }),
      JSON.stringify({ version: 1, requests: Array(RENEWED_ANSWERS + 1).fill(READ[0]) }),
    ];
    for (const text of broken) {
      await writeFile(file, text, 'utf8');
      expect((await readRecentRequests(file)).problem, text).toMatch(/: it is ignored$/);
      const server = await start();
      try {
        expect(await server.warmUp).toEqual([]);
        expect((await get(server, READ[1])).status).toBe(200);
      } finally {
        await server.close();
      }
      // Written anew at stop with what was read.
      expect((await readRecentRequests(file)).requests).toEqual([READ[1]]);
    }
  });

  it('asks requests that no longer answer (a route gone, a bad query) and starts anyway', async () => {
    const requests = [
      '/api/v1/metrics/nothing-here',
      '/api/v1/metrics?from=yesterday',
      '/api/v1/keys',
      READ[2],
    ];
    await writeRecentRequests(file, requests);
    const server = await start();
    try {
      expect((await server.warmUp).map((answer) => answer.status)).toEqual([404, 400, 401, 200]);
    } finally {
      await server.close();
    }
  });

  it('a seeded fuzz of the file never stops a start nor answers 500', async () => {
    const random = new Random(20261207);
    const alphabet = '/api/v1metricsdecil?&=%-_.:[]{}"\\\n\u0000é🙂';
    const texts: string[] = [];
    const urls: string[] = [];
    for (let i = 0; i < FUZZ_CASES; i++) {
      const length = random.int(0, 60);
      let text = '';
      for (let c = 0; c < length; c++) text += alphabet[random.int(0, alphabet.length - 1)];
      texts.push(text);
      const url = `/api/v1/${[...text].filter((ch) => ch > ' ').join('')}`;
      urls.push(url);
    }
    // None of them is a list of API requests (none holds `"version":1`): each is refused, and why.
    for (const text of texts) {
      await writeFile(file, text, 'utf8');
      const read = await readRecentRequests(file);
      expect(read, JSON.stringify(text)).toEqual({
        requests: [],
        problem: expect.stringMatching(/: it is ignored$/) as unknown,
      });
    }
    // Requests the file may hold, forty at a time through a real start.
    for (let i = 0; i < urls.length; i += RENEWED_ANSWERS) {
      await writeRecentRequests(file, urls.slice(i, i + RENEWED_ANSWERS));
      const server = await start();
      try {
        const warmed = await server.warmUp;
        expect(warmed.filter((answer) => answer.status >= 500 || answer.status === 0)).toEqual([]);
      } finally {
        await server.close();
      }
    }
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: 1 });
  });
});
