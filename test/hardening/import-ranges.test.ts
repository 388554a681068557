import { describe, expect } from 'vitest';
import { importFile } from '../../src/ingest/import-file.js';
import { refresh } from '../../src/model/refresh.js';
import { withStore } from '../../src/store/open-store.js';
import { literal } from '../../src/store/sql-text.js';
import { runClv } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';
import { projectTest } from '../helpers/project-test.js';
import { testServer } from '../helpers/test-server.js';

/** Rows no import may accept, each with the reason it must be rejected for. */
const OUT_OF_RANGE: { timestamp: string; amount: string; currency?: string; reason: string }[] = [
  {
    timestamp: '1969-12-31',
    amount: '5',
    reason: 'timestamp before 1970-01-01 (import.minTimestamp): 1969-12-31',
  },
  {
    timestamp: '1900-01-01',
    amount: '5',
    reason: 'timestamp before 1970-01-01 (import.minTimestamp): 1900-01-01',
  },
  {
    timestamp: '0001-01-01',
    amount: '5',
    reason: 'timestamp before 1970-01-01 (import.minTimestamp): 0001-01-01',
  },
  { timestamp: 'infinity', amount: '5', reason: 'timestamp is not a point in time: infinity' },
  { timestamp: '-infinity', amount: '5', reason: 'timestamp is not a point in time: -infinity' },
  { timestamp: '9999-12-31', amount: '5', reason: 'timestamp after ' },
  { timestamp: '2200-01-01', amount: '5', reason: 'timestamp after ' },
  {
    timestamp: '2024-05-01',
    amount: '1e30',
    reason: 'amount above 10000000000000 (import.maxAmount): 1e30',
  },
  { timestamp: '2024-05-01', amount: '1e13', reason: '' },
  {
    timestamp: '2024-05-01',
    amount: '1.797e308',
    currency: 'GBP',
    reason: 'amount above 10000000000000 (import.maxAmount): 1.797e308',
  },
  // Within the limit as given, above it once converted (1.25 EUR a pound).
  {
    timestamp: '2024-05-01',
    amount: '9e12',
    currency: 'GBP',
    reason: 'amount above 10000000000000 (import.maxAmount) once converted to EUR: 9e12 GBP',
  },
  { timestamp: '2024-05-01', amount: '7e12', currency: 'GBP', reason: '' },
];

function eventsFile(): string {
  const rows = OUT_OF_RANGE.map(
    (row, i) => `x${i},c${i % 3},purchase,${row.timestamp},${row.amount},${row.currency ?? ''}`,
  );
  return [
    'event_id,customer_id,type,timestamp,amount,currency',
    'ok1,c1,purchase,2024-01-02,10,',
    ...rows,
  ].join('\n');
}

const expectedRejects = OUT_OF_RANGE.flatMap((row, i) =>
  row.reason ? [{ line: i + 3, reason: row.reason }] : [],
);

describe('the accepted ranges of an import', () => {
  const test = projectTest(async () => {
    const t = await tempProject({ refresh: { cron: null } });
    const rates = await t.file('rates.csv', 'currency,rate_to_base\nGBP,1.25\n');
    await importFile(t.warehouse, t.project, { file: rates, kind: 'rates' });
    return t;
  });

  test('clv import rejects times and amounts outside them with a reason, and refresh then works', async ({
    t,
  }) => {
    const file = await t.file('events.csv', eventsFile());
    await t.warehouse.close();
    const result = await runClv(['import', file, '--kind', 'events', '--project', t.dir, '--json']);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as {
      read: number;
      inserted: number;
      rejected: number;
      rejectsFile: string;
    };
    expect(summary).toMatchObject({ read: 13, inserted: 3, rejected: 10 });
    const refreshed = await runClv(['refresh', '--project', t.dir, '--json']);
    expect(refreshed.stderr).toBe('');
    expect(refreshed.code).toBe(0);
    await withStore(t.project, async (store) => {
      const rejects = await store.query<{ line: number; reason: string }>(
        `SELECT line, reason FROM read_csv(${literal(summary.rejectsFile)}) ORDER BY line`,
      );
      expect(rejects.map((r) => r.line)).toEqual(expectedRejects.map((r) => r.line));
      rejects.forEach((row, i) => expect(row.reason).toContain(expectedRejects[i]?.reason));
      // "a year after the import": the limit named in the reason is the import's time + 1 year.
      const year = new Date().getUTCFullYear() + 1;
      expect(rejects.find((r) => r.line === 8)?.reason).toMatch(
        new RegExp(
          `^timestamp after ${year}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ \\(a year after the import; import.maxTimestamp\\): 9999-12-31$`,
        ),
      );
      const [amounts] = await store.query(
        'SELECT count(*) AS n, bool_and(isfinite(amount)) AS finite, max(amount) AS top FROM events',
      );
      expect(amounts).toEqual({ n: 3, finite: true, top: 1e13 });
    });
  });

  test('POST /events rejects the same events with the same reasons', async ({ t }) => {
    const api = await testServer(t, { keys: false });
    try {
      const events = OUT_OF_RANGE.map((row, i) => ({
        event_id: `x${i}`,
        customer_id: 'c1',
        type: 'purchase',
        timestamp: row.timestamp,
        // As text, so that the reasons quote them as the file does.
        amount: row.amount,
        ...(row.currency ? { currency: row.currency } : {}),
      }));
      const response = await api.request('/api/v1/events', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(events),
      });
      expect(response.status).toBe(200);
      const reply = (await response.json()) as {
        accepted: number;
        rejected: { index: number; reason: string }[];
      };
      expect(reply.accepted).toBe(2);
      expect(reply.rejected.map((r) => r.index + 3)).toEqual(expectedRejects.map((r) => r.line));
      reply.rejected.forEach((row, i) => expect(row.reason).toContain(expectedRejects[i]?.reason));
      const refreshed = await api.request('/api/v1/refresh', { method: 'POST' });
      expect(refreshed.status).toBe(200);
    } finally {
      await api.close();
    }
  });

  test('follows import.minTimestamp, import.maxTimestamp and import.maxAmount, and refresh works with times before 1970', async ({
    keep,
  }) => {
    const t = await keep(
      tempProject({
        refresh: { cron: null },
        import: {
          minTimestamp: '1900-01-01',
          maxTimestamp: '2030-01-01T00:00:00Z',
          maxAmount: 1000,
        },
      }),
    );
    const file = await t.file(
      'events.csv',
      [
        'event_id,customer_id,type,timestamp,amount',
        'a,c1,purchase,1899-12-31T23:59:59,5',
        'b,c1,purchase,1900-01-01,5',
        'c,c1,purchase,1969-12-31,7',
        'd,c2,purchase,2029-12-31,1000',
        'e,c2,purchase,2030-01-01T00:00:01Z,5',
        'f,c2,purchase,2025-01-01,1000.01',
      ].join('\n'),
    );
    const summary = await importFile(t.warehouse, t.project, { file, kind: 'events' });
    expect(summary).toMatchObject({ read: 6, inserted: 3, rejected: 3 });
    expect(await t.rejects(summary.rejectsFile)).toEqual([
      { line: 2, reason: 'timestamp before 1900-01-01 (import.minTimestamp): 1899-12-31T23:59:59' },
      {
        line: 6,
        reason: 'timestamp after 2030-01-01T00:00:00Z (import.maxTimestamp): 2030-01-01T00:00:01Z',
      },
      { line: 7, reason: 'amount above 1000 (import.maxAmount): 1000.01' },
    ]);
    // Times before 1970 order the events of an order as any others do.
    const done = await refresh(t.warehouse, t.project.config);
    expect(done.warnings).toEqual([]);
    const orders = await t.query(
      'SELECT order_key, day::VARCHAR AS day, amount::DOUBLE AS amount FROM orders ORDER BY day',
    );
    expect(orders).toEqual([
      { order_key: 'event:b', day: '1900-01-01', amount: 5 },
      { order_key: 'event:c', day: '1969-12-31', amount: 7 },
      { order_key: 'event:d', day: '2029-12-31', amount: 1000 },
    ]);
  });
});
