import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempProject, type TempProject } from '../helpers/temp-project.js';
import { testServer, type TestServer } from '../helpers/test-server.js';

let project: TempProject;
let api: TestServer;

beforeAll(async () => {
  // A 1 MB body limit, so that "too large" is cheap to reach.
  project = await tempProject({ server: { bodyLimitMb: 1 }, refresh: { cron: null } });
  api = await testServer(project);
});
afterAll(async () => {
  await api.close();
  await project.cleanup();
});

const purchase = (id: string, customer = 'c1') => ({
  event_id: id,
  customer_id: customer,
  type: 'purchase',
  timestamp: '2025-03-01T10:00:00Z',
  amount: 10,
  currency: 'EUR',
});

function post(body: string, contentType = 'application/json', key = api.keys.ingest) {
  return api.request('/api/v1/events', {
    method: 'POST',
    key,
    body,
    headers: { 'content-type': contentType },
  });
}

async function stored(): Promise<number> {
  // Counted through the API's own store connection: the test's was closed for the server.
  const [row] = await api.server.context.reads.use((w) =>
    w.query<{ n: number }>('SELECT count(*) AS n FROM events'),
  );
  return row?.n ?? 0;
}

describe('POST /api/v1/events', () => {
  it('stores valid events, and lists each rejected one with its index and reason', async () => {
    const response = await post(
      JSON.stringify([
        purchase('a1'),
        { ...purchase('a2'), amount: 'lots' },
        7,
        { ...purchase('a3'), customer_id: '' },
        purchase('a4'),
      ]),
    );
    expect(response.status).toBe(200);
    const reply = (await response.json()) as {
      accepted: number;
      duplicates: unknown[];
      rejected: { index: number; reason: string }[];
    };
    expect(reply.accepted).toBe(2);
    expect(reply.duplicates).toEqual([]);
    expect(reply.rejected.map((r) => r.index)).toEqual([1, 2, 3]);
    expect(reply.rejected[1]?.reason).toBe('not a JSON object');
    expect(await stored()).toBe(2);
  });

  it('accepts NDJSON, and reports re-posted events as duplicates stored once', async () => {
    const body = [purchase('a1'), purchase('n1'), purchase('n1')]
      .map((e) => JSON.stringify(e))
      .join('\n');
    const first = (await (await post(body, 'application/x-ndjson')).json()) as {
      accepted: number;
      duplicates: { index: number; eventId: string }[];
    };
    expect(first.accepted).toBe(1);
    expect(first.duplicates).toEqual([
      { index: 0, eventId: 'a1' },
      { index: 2, eventId: 'n1' },
    ]);
    const again = (await (await post(body, 'application/x-ndjson')).json()) as {
      accepted: number;
      duplicates: unknown[];
    };
    expect(again.accepted).toBe(0);
    expect(again.duplicates).toHaveLength(3);
    expect(await stored()).toBe(3);
  });

  it('refuses bodies that are not events, naming what is wrong, and stores nothing', async () => {
    const before = await stored();
    const cases: [string, string, number, string][] = [
      ['[{"event_id": "x"', 'application/json', 400, 'bad_input'],
      ['{"event_id": "x"}', 'application/json', 400, 'bad_input'],
      ['{"event_id": "x"}\nnot json', 'application/x-ndjson', 400, 'bad_input'],
      ['event_id\nx', 'text/csv', 415, 'unsupported_type'],
    ];
    for (const [body, type, status, code] of cases) {
      const response = await post(body, type);
      expect(response.status).toBe(status);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    const ndjson = await post('{"event_id": "x"}\nnot json', 'application/x-ndjson');
    expect(((await ndjson.json()) as { error: { message: string } }).error.message).toBe(
      'body: line 2 is not valid JSON',
    );
    expect(await stored()).toBe(before);
  });

  it('answers 413 to a body over the limit and stores none of it', async () => {
    const before = await stored();
    const events = Array.from({ length: 12_000 }, (_, i) => purchase(`big${i}`));
    const response = await post(JSON.stringify(events));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('too_large');
    expect(await stored()).toBe(before);
  });

  it('takes 10,000 events with some bad ones, in batches posted at once (group commit)', async () => {
    const before = await stored();
    const bad = new Set([5, 77, 512, 1999, 2000, 2001, 2499]);
    const batches = Array.from({ length: 4 }, (_, b) =>
      Array.from({ length: 2_500 }, (_, i) =>
        bad.has(i)
          ? { ...purchase(`g${b}-${i}`), timestamp: 'yesterday' }
          : purchase(`g${b}-${i}`, `c${i % 97}`),
      ),
    );
    const replies = (await Promise.all(
      batches.map(async (events) => (await post(JSON.stringify(events))).json()),
    )) as { accepted: number; importId: number; rejected: { index: number }[] }[];
    for (const reply of replies) {
      expect(reply.accepted).toBe(2_500 - bad.size);
      expect(reply.rejected.map((r) => r.index)).toEqual([...bad]);
    }
    expect(await stored()).toBe(before + 4 * (2_500 - bad.size));
    // Requests that waited together were committed together.
    expect(new Set(replies.map((r) => r.importId)).size).toBeLessThan(4);
  });

  it('lets only ingest and admin keys post', async () => {
    expect((await post('[]', 'application/json', api.keys.read)).status).toBe(403);
    expect((await post('[]', 'application/json', api.keys.admin)).status).toBe(200);
  });
});
