import { gzipSync } from 'node:zlib';
import { describe, expect } from 'vitest';
import { importFile } from '../../src/ingest/import-file.js';
import { literal } from '../../src/store/sql-text.js';
import { projectTest } from '../helpers/project-test.js';

const EVENTS_SQL = `SELECT event_id, customer_id, type, kind, strftime(ts, '%Y-%m-%dT%H:%M:%S') AS ts,
  order_id, amount, campaign_id, campaign_channel, campaign_action, audience_id,
  properties::VARCHAR AS properties, source_line FROM events ORDER BY source_line`;

describe('import formats', () => {
  const test = projectTest();

  test('reads NDJSON with properties flat or nested, and rejects bad lines by number', async ({
    t,
  }) => {
    const file = await t.file(
      'events.ndjson',
      [
        '{"event_id":"n1","customer_id":"c1","type":"purchase","timestamp":"2024-01-05T10:00:00+01:00","properties":{"order_id":"o1","amount":12.5,"sku":"A-1","tags":["x","y"]}}',
        '{bad',
        '',
        '{"event_id":"n2","customer_id":7,"type":"consent","timestamp":"2024-01-06","category":"sms","action":"accept","extra":null}',
        '[1,2]',
        '{"event_id":"n3","customer_id":"c9","type":"campaign","timestamp":"2024-01-07T08:00:00Z","campaign_id":"K1","channel":"email","action":"opened","audience_id":"A","n":2}',
        '{"event_id":"n4","customer_id":"c9","type":"purchase","timestamp":"2024-01-08","amount":"ten"}',
      ].join('\n'),
    );
    const summary = await importFile(t.warehouse, t.project, { file, kind: 'events' });
    expect(summary).toMatchObject({ read: 6, inserted: 3, duplicates: 0, rejected: 3 });
    expect(await t.query(EVENTS_SQL)).toEqual([
      {
        event_id: 'n1',
        customer_id: 'c1',
        type: 'purchase',
        kind: 'purchase',
        ts: '2024-01-05T09:00:00',
        order_id: 'o1',
        amount: 12.5,
        campaign_id: null,
        campaign_channel: null,
        campaign_action: null,
        audience_id: null,
        properties: '{"sku":"A-1","tags":["x","y"]}',
        source_line: 1,
      },
      {
        event_id: 'n2',
        customer_id: '7',
        type: 'consent',
        kind: 'consent',
        ts: '2024-01-06T00:00:00',
        order_id: null,
        amount: null,
        campaign_id: null,
        campaign_channel: null,
        campaign_action: null,
        audience_id: null,
        properties: null,
        source_line: 4,
      },
      {
        event_id: 'n3',
        customer_id: 'c9',
        type: 'campaign',
        kind: 'campaign',
        ts: '2024-01-07T08:00:00',
        order_id: null,
        amount: null,
        campaign_id: 'K1',
        campaign_channel: 'email',
        campaign_action: 'opened',
        audience_id: 'A',
        properties: '{"n":2}',
        source_line: 6,
      },
    ]);
    const rejects = await t.rejects(summary.rejectsFile);
    expect(rejects).toEqual([
      { line: 2, reason: 'malformed JSON' },
      { line: 5, reason: 'not a JSON object' },
      { line: 7, reason: 'non-numeric amount: ten' },
    ]);
  });

  test('reads gzip-compressed CSV', async ({ t }) => {
    const csv =
      'customer_id,type,timestamp,amount\nc1,purchase,2024-01-01T00:00:00Z,5\nc2,purchase,2024-01-02T00:00:00Z,7\n';
    const file = await t.file('events.csv.gz', gzipSync(csv));
    const summary = await importFile(t.warehouse, t.project, { file, kind: 'events' });
    expect(summary).toMatchObject({ read: 2, inserted: 2, rejected: 0 });
    const [sum] = await t.query<{ total: number }>('SELECT sum(amount) AS total FROM events');
    expect(sum?.total).toBe(12);
  });

  test('reads Parquet, typed columns included, with row numbers as lines', async ({ t }) => {
    const file = `${t.dir}/events.parquet`;
    await t.warehouse.run(
      `COPY (SELECT * FROM (VALUES
         ('p1', 'c1', 'purchase', TIMESTAMP '2024-01-01 12:00:00', 19.99, 'gold'), -- amounts are DECIMAL(4,2), written as text with two decimals
         ('p2', NULL, 'purchase', TIMESTAMP '2024-01-02 12:00:00', 5.0, NULL),
         ('p3', 'c2', 'purchase', TIMESTAMP '2024-01-03 12:00:00', -1.0, NULL)
       ) v(event_id, customer_id, type, timestamp, amount, tier)) TO ${literal(file)} (FORMAT parquet)`,
    );
    const summary = await importFile(t.warehouse, t.project, { file, kind: 'events' });
    expect(summary).toMatchObject({ read: 3, inserted: 1, rejected: 2 });
    const rows = await t.query(EVENTS_SQL);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      event_id: 'p1',
      ts: '2024-01-01T12:00:00',
      amount: 19.99,
      properties: '{"tier":"gold"}',
      source_line: 1,
    });
    const rejects = await t.rejects(summary.rejectsFile);
    expect(rejects).toEqual([
      { line: 2, reason: 'missing customer id' },
      { line: 3, reason: 'negative amount: -1.00' },
    ]);
  });

  test('takes the format from --format when the name does not tell', async ({ t }) => {
    const file = await t.file(
      'export.dat',
      '{"customer_id":"c1","type":"x","timestamp":"2024-01-01"}\n',
    );
    await expect(importFile(t.warehouse, t.project, { file, kind: 'events' })).rejects.toThrow(
      'pass `format` csv|ndjson|parquet',
    );
    const summary = await importFile(t.warehouse, t.project, {
      file,
      kind: 'events',
      format: 'ndjson',
    });
    expect(summary).toMatchObject({ read: 1, inserted: 1 });
  });
});
