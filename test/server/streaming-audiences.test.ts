import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileRule } from '../../src/segments/compile-rule.js';
import { duckdbRuleDialect } from '../../src/segments/duckdb-rule-dialect.js';
import { recordMembership } from '../../src/segments/record-membership.js';
import type { Rule } from '../../src/segments/rule-schema.js';
import { importedShop } from '../helpers/imported-shop.js';
import type { TempProject } from '../helpers/temp-project.js';
import { testServer, type TestServer } from '../helpers/test-server.js';

// Three customers known before the server starts: a subscribed, b not, c with two views.
const EVENTS = `event_id,customer_id,type,timestamp,order_id,amount,category,action
1,a,consent,2024-06-01T00:00:00Z,,,newsletter,accept
2,b,purchase,2024-06-02T00:00:00Z,o1,10,,
3,c,page_view,2024-06-10T00:00:00Z,,,,
4,c,page_view,2024-06-11T00:00:00Z,,,,
`;

const AUDIENCES: Record<string, Rule> = {
  // Streaming: consent and raw events only.
  aud_subscribed: {
    version: 1,
    match: 'all',
    conditions: [{ type: 'consent', channel: 'email', subscribed: true }],
  },
  aud_viewers: {
    version: 1,
    match: 'all',
    conditions: [{ type: 'event', eventType: 'page_view', count: { atLeast: 2 } }],
  },
  // Not streaming: orders come from the refresh's tables, so ingest leaves it alone.
  aud_buyers: {
    version: 1,
    match: 'all',
    conditions: [{ type: 'purchase', outcome: 'success' }],
  },
};

let shop: TempProject;
let api: TestServer;

beforeAll(async () => {
  shop = await importedShop({
    config: { refresh: { cron: null, debounceSeconds: 3600 } },
    files: [{ kind: 'events', content: EVENTS }],
    refresh: 'all',
  });
  for (const [id, rule] of Object.entries(AUDIENCES)) {
    await shop.warehouse.run(
      `INSERT INTO audiences VALUES ($id, $id, '', 'local', $rule::JSON, 1, false, NULL,
         current_timestamp, current_timestamp, 'local', NULL)`,
      { id, rule: JSON.stringify(rule) },
    );
    // Everyone evaluated once, as a refresh does.
    const compiled = compileRule(rule, {
      dialect: duckdbRuleDialect,
      knownAttributes: new Set(),
      resolveAudience: () => null,
    });
    await recordMembership(shop.warehouse, id, compiled, {
      at: '2024-06-30 00:00:00',
      source: 'refresh',
    });
  }
  api = await testServer(shop);
});
afterAll(async () => {
  await api.close();
  await shop.cleanup();
});

async function members(audience: string): Promise<string[]> {
  const rows = await api.server.context.reads.use((w) =>
    w.query<{ customer_id: string }>(
      `SELECT customer_id FROM audience_members
       WHERE audience_id = $audience AND exited_at IS NULL ORDER BY customer_id`,
      { audience },
    ),
  );
  return rows.map((row) => row.customer_id);
}

const event = (id: string, customer: string, fields: object) => ({
  event_id: id,
  customer_id: customer,
  timestamp: '2024-06-20T00:00:00Z',
  ...fields,
});

/** The audiences list's sizes and changes since the refresh, as the API answers them. */
async function listed(): Promise<Record<string, [number | null, number | null, number | null]>> {
  const response = await api.request('/api/v1/audiences', { key: api.keys.read });
  const body = (await response.json()) as {
    audiences: {
      id: string;
      members: number | null;
      entered: number | null;
      exited: number | null;
    }[];
  };
  return Object.fromEntries(body.audiences.map((a) => [a.id, [a.members, a.entered, a.exited]]));
}

describe('streaming audiences', () => {
  it('records the entries and exits of the customers of an ingested batch, behind its acknowledgement', async () => {
    // Read (and kept in the answer cache) before the batch.
    expect(await listed()).toEqual({
      aud_buyers: [1, 1, 0],
      aud_subscribed: [1, 1, 0],
      aud_viewers: [1, 1, 0],
    });
    const response = await api.request('/api/v1/events', {
      method: 'POST',
      key: api.keys.ingest,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        // a revokes, b accepts, d (new) views twice, b buys (not streaming).
        event('s1', 'a', { type: 'consent', category: 'newsletter', action: 'revoke' }),
        event('s2', 'b', { type: 'consent', category: 'newsletter', action: 'accept' }),
        event('s3', 'd', { type: 'page_view' }),
        event('s4', 'd', { type: 'page_view' }),
        event('s5', 'b', { type: 'purchase', order_id: 'o2', amount: 5 }),
      ]),
    });
    expect(response.status).toBe(200);
    // How soon after the acknowledgement is a benchmark's figure (serve: streaming audiences).
    await api.server.context.streaming.idle();
    const status = (await (await api.request('/api/v1/status', { key: api.keys.read })).json()) as {
      streamingAudiences: { evaluations: number; lastLagMs: number; pendingBatches: number };
    };
    expect(status.streamingAudiences).toMatchObject({ evaluations: 1, pendingBatches: 0 });
    expect(status.streamingAudiences.lastLagMs).toBeGreaterThanOrEqual(0);
    expect(await members('aud_subscribed')).toEqual(['b']);
    expect(await members('aud_viewers')).toEqual(['c', 'd']);
    // b's new order waits for the next refresh.
    expect(await members('aud_buyers')).toEqual(['b']);
    const [log] = await api.server.context.reads.use((w) =>
      w.query<{ entered: number; exited: number }>(
        `SELECT sum(entered)::INTEGER AS entered, sum(exited)::INTEGER AS exited
         FROM audience_evaluations WHERE source = 'stream'`,
      ),
    );
    // b entered subscribed and d viewers; a left subscribed; c, not in the batch, stays.
    expect(log).toEqual({ entered: 2, exited: 1 });
    // The list read before the batch is not served again: the evaluation forgot it.
    expect(await listed()).toEqual({
      aud_buyers: [1, 1, 0],
      aud_subscribed: [1, 2, 1],
      aud_viewers: [2, 2, 0],
    });
  });
});
