import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/ingest/import-file.js';
import { BATCH_SOURCE, ingestBatch } from '../../src/ingest/ingest-batch.js';
import type { Row, SqlParams, Warehouse } from '../../src/store/warehouse.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';
import { projectTest } from '../helpers/project-test.js';

/** A project in Berlin time that knows one rate besides the base currency (import 1). */
async function shop(): Promise<TempProject> {
  const t = await tempProject({ timezone: 'Europe/Berlin' });
  const rates = await t.file('rates.csv', 'currency,rate_to_base\nGBP,1.17\n');
  await importFile(t.warehouse, t.project, { file: rates, kind: 'rates' });
  return t;
}

const purchase = (id: string, extra: object = {}): object => ({
  event_id: id,
  customer_id: 'c1',
  type: 'purchase',
  timestamp: '2024-01-05T10:00:00Z',
  amount: 10,
  ...extra,
});

const MIXED: readonly unknown[] = [
  purchase('p1', { timestamp: '2024-01-05T10:00:00', order_id: 'o1', amount: 10.5, sku: 'A-1' }),
  {
    event_id: 'k1',
    customer_id: 'c1',
    type: 'consent',
    timestamp: '2024-01-06',
    category: 'newsletter',
    action: 'accept',
  },
  42,
  { event_id: 'p2', type: 'purchase', timestamp: '2024-01-07T00:00:00Z', amount: 5 },
  purchase('p3', { timestamp: 'yesterday' }),
  purchase('p4', { amount: 'abc' }),
  purchase('p5', { amount: 7, currency: 'USD' }),
  [1, 2],
  null,
  {
    event_id: 'p6',
    customer_id: 'c1',
    type: 'purchase',
    timestamp: '2024-01-05T10:00:00Z',
    properties: { order_id: 'o6', amount: 20, currency: 'GBP', gift: true },
  },
  { event_id: 'k2', customer_id: 'c3', type: 'consent', timestamp: '2024-01-09', action: 'accept' },
];

const MIXED_REJECTED = [
  { index: 2, reason: 'not a JSON object' },
  { index: 3, reason: 'missing customer id' },
  { index: 4, reason: 'unparseable timestamp: yesterday' },
  { index: 5, reason: 'non-numeric amount: abc' },
  { index: 6, reason: 'currency without a rate: USD' },
  { index: 7, reason: 'not a JSON object' },
  { index: 8, reason: 'not a JSON object' },
  { index: 10, reason: 'consent without a category' },
];

const count = async (t: TempProject, table: string): Promise<number> => {
  const [row] = await t.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
  return row?.n ?? -1;
};

describe('ingesting a batch of events', () => {
  const test = projectTest(() => shop());

  test('accounts for every event by its index, with the reasons of a file import', async ({
    t,
  }) => {
    const outcome = await ingestBatch(t.warehouse, t.project, MIXED);
    expect(outcome).toEqual({
      importId: 2,
      accepted: 3,
      duplicates: [],
      rejected: MIXED_REJECTED,
    });
    const rows = await t.query(
      `SELECT event_id, kind, strftime(ts, '%Y-%m-%d %H:%M') AS ts, order_id, amount, currency,
              consent_category, properties::VARCHAR AS properties, import_id, source_line
       FROM events ORDER BY source_line`,
    );
    expect(rows).toEqual([
      // Zone-less times are Berlin time: 10:00 in January is 09:00 UTC, a date is 23:00 before.
      {
        event_id: 'p1',
        kind: 'purchase',
        ts: '2024-01-05 09:00',
        order_id: 'o1',
        amount: 10.5,
        currency: 'EUR',
        consent_category: null,
        properties: '{"sku":"A-1"}',
        import_id: 2,
        source_line: 1,
      },
      {
        event_id: 'k1',
        kind: 'consent',
        ts: '2024-01-05 23:00',
        order_id: null,
        amount: null,
        currency: null,
        consent_category: 'newsletter',
        properties: null,
        import_id: 2,
        source_line: 2,
      },
      // Fields under `properties` count as top-level ones; the rest stay properties.
      {
        event_id: 'p6',
        kind: 'purchase',
        ts: '2024-01-05 10:00',
        order_id: 'o6',
        amount: 20 * 1.17,
        currency: 'GBP',
        consent_category: null,
        properties: '{"gift":true}',
        import_id: 2,
        source_line: 10,
      },
    ]);
    expect(
      await t.query(
        `SELECT kind, file, format, rows_read, inserted, duplicates, rejected, rejects_file
         FROM imports WHERE import_id = 2`,
      ),
    ).toEqual([
      {
        kind: 'events',
        file: BATCH_SOURCE,
        format: 'ndjson',
        rows_read: 11,
        inserted: 3,
        duplicates: 0,
        rejected: 8,
        rejects_file: null,
      },
    ]);
    // The reasons go back in the reply: no rejects file.
    expect(existsSync(t.project.rejectsDir)).toBe(false);
  });

  test('stores nothing new when the same batch comes again, and says why for each event', async ({
    t,
  }) => {
    await ingestBatch(t.warehouse, t.project, MIXED);
    const again = await ingestBatch(t.warehouse, t.project, MIXED);
    expect(again).toEqual({
      importId: 3,
      accepted: 0,
      duplicates: [
        { index: 0, eventId: 'p1' },
        { index: 1, eventId: 'k1' },
        { index: 9, eventId: 'p6' },
      ],
      rejected: MIXED_REJECTED,
    });
    expect(await count(t, 'events')).toBe(3);
    expect(
      await t.query('SELECT import_id, inserted, duplicates FROM imports WHERE import_id = 3'),
    ).toEqual([{ import_id: 3, inserted: 0, duplicates: 3 }]);
  });

  test('stores an id once: repeats in the batch and ids stored before are duplicates', async ({
    t,
  }) => {
    await ingestBatch(t.warehouse, t.project, [purchase('e1'), purchase('e2')]);
    const outcome = await ingestBatch(t.warehouse, t.project, [
      purchase('e3', { amount: 3 }),
      purchase('e1', { amount: 99 }),
      purchase('e3', { amount: 33 }),
      purchase('e4'),
      'not an event',
      purchase('e4'),
    ]);
    expect(outcome).toEqual({
      importId: 3,
      accepted: 2,
      duplicates: [
        { index: 1, eventId: 'e1' },
        { index: 2, eventId: 'e3' },
        { index: 5, eventId: 'e4' },
      ],
      rejected: [{ index: 4, reason: 'not a JSON object' }],
    });
    // The first of an id wins, stored or in the batch.
    expect(
      await t.query('SELECT event_id, amount, import_id, source_line FROM events ORDER BY 1'),
    ).toEqual([
      { event_id: 'e1', amount: 10, import_id: 2, source_line: 1 },
      { event_id: 'e2', amount: 10, import_id: 2, source_line: 2 },
      { event_id: 'e3', amount: 3, import_id: 3, source_line: 1 },
      { event_id: 'e4', amount: 10, import_id: 3, source_line: 4 },
    ]);
  });

  test('gives id-less events the file import ids, so posting them again adds nothing', async ({
    t,
  }) => {
    const a = { customer_id: 'c1', type: 'purchase', timestamp: '2024-01-01', amount: 10 };
    const b = { customer_id: 'c2', type: 'purchase', timestamp: '2024-01-02', amount: 20 };
    const hashed = (value: object, n: number): string =>
      `h:${createHash('md5').update(JSON.stringify(value)).digest('hex')}:${n}`;
    // Two identical purchases in one batch are two events.
    const first = await ingestBatch(t.warehouse, t.project, [a, a, b]);
    expect(first).toMatchObject({ accepted: 3, duplicates: [] });
    expect(await t.query('SELECT event_id FROM events ORDER BY source_line')).toEqual([
      { event_id: hashed(a, 1) },
      { event_id: hashed(a, 2) },
      { event_id: hashed(b, 1) },
    ]);
    const again = await ingestBatch(t.warehouse, t.project, [a, a, b]);
    expect(again).toEqual({
      importId: 3,
      accepted: 0,
      duplicates: [
        { index: 0, eventId: hashed(a, 1) },
        { index: 1, eventId: hashed(a, 2) },
        { index: 2, eventId: hashed(b, 1) },
      ],
      rejected: [],
    });
    // Occurrences are counted within a batch: `a` alone in a later batch is its first
    // occurrence again, so it is a duplicate, like an event repeated in an overlapping export.
    expect(await ingestBatch(t.warehouse, t.project, [a])).toMatchObject({
      accepted: 0,
      duplicates: [{ index: 0, eventId: hashed(a, 1) }],
    });
    // The ids are those of an NDJSON file of the same lines.
    const file = await t.file('same.ndjson', [a, a, b].map((v) => JSON.stringify(v)).join('\n'));
    expect(await importFile(t.warehouse, t.project, { file, kind: 'events' })).toMatchObject({
      read: 3,
      inserted: 0,
      duplicates: 3,
    });
    expect(await count(t, 'events')).toBe(3);
  });

  test('accepts 9,963 of 10,000 events and names the 37 bad ones', async ({ t }) => {
    const bad = new Set(Array.from({ length: 37 }, (_, k) => 17 + k * 269));
    const reasons = ['missing customer id', 'non-numeric amount: x', 'not a JSON object'];
    const reasonOf = (i: number): string => reasons[i % 3] ?? '';
    const events = Array.from({ length: 10_000 }, (_, i) => {
      if (!bad.has(i)) return purchase(`big${i}`, { customer_id: `c${i % 97}`, amount: i });
      if (i % 3 === 0) return purchase(`big${i}`, { customer_id: null });
      return i % 3 === 1 ? purchase(`big${i}`, { amount: 'x' }) : `event ${i}`;
    });
    const outcome = await ingestBatch(t.warehouse, t.project, events);
    expect(outcome.accepted).toBe(9_963);
    expect(outcome.duplicates).toEqual([]);
    expect(outcome.rejected).toEqual([...bad].map((index) => ({ index, reason: reasonOf(index) })));
    // Every stored event sits on the line its id says.
    const [misplaced] = await t.query<{ n: number }>(
      `SELECT count(*) AS n FROM events WHERE source_line <> substr(event_id, 4)::BIGINT + 1
         OR amount <> source_line - 1`,
    );
    expect(misplaced?.n).toBe(0);
  });

  test('records nothing for an empty batch or one with nothing valid', async ({ t }) => {
    const none = { importId: null, accepted: 0, duplicates: [], rejected: [] };
    expect(await ingestBatch(t.warehouse, t.project, [])).toEqual(none);
    expect(await ingestBatch(t.warehouse, t.project, [1, purchase('x', { amount: -1 })])).toEqual({
      ...none,
      rejected: [
        { index: 0, reason: 'not a JSON object' },
        { index: 1, reason: 'negative amount: -1' },
      ],
    });
    expect(await ingestBatch(t.warehouse, t.project, [[], 'text'])).toEqual({
      ...none,
      rejected: [
        { index: 0, reason: 'not a JSON object' },
        { index: 1, reason: 'not a JSON object' },
      ],
    });
    expect(await count(t, 'imports')).toBe(1);
    expect(await count(t, 'events')).toBe(0);
  });

  test('rejects values that JSON cannot hold without failing the batch', async ({ t }) => {
    // eslint-disable-next-line no-sparse-arrays -- a hole is a value JSON cannot hold
    const events: unknown[] = [, undefined, { amount: 1n }, purchase('ok')];
    const outcome = await ingestBatch(t.warehouse, t.project, events);
    expect(outcome.accepted).toBe(1);
    expect(outcome.rejected).toEqual([
      { index: 0, reason: 'not a JSON object' },
      { index: 1, reason: 'not a JSON object' },
      { index: 2, reason: expect.stringMatching(/^not representable as JSON: .*BigInt/) },
    ]);
  });

  for (const statement of ['INSERT INTO events', 'INSERT INTO imports']) {
    test(`leaves no trace when "${statement}" fails inside the transaction`, async ({ t }) => {
      await ingestBatch(t.warehouse, t.project, [purchase('before')]);
      const failing = failingOn(t.warehouse, statement);
      await expect(ingestBatch(failing, t.project, MIXED)).rejects.toThrow('injected failure');
      expect(await t.query('SELECT event_id FROM events')).toEqual([{ event_id: 'before' }]);
      expect(await count(t, 'imports')).toBe(2);
      // Its scratch tables are gone too (a file import leaves its validated table behind).
      expect(await count(t, "duckdb_tables() WHERE temporary AND table_name LIKE '%batch%'")).toBe(
        0,
      );
      // The store still works, and the same batch then goes in full.
      expect(await ingestBatch(t.warehouse, t.project, MIXED)).toMatchObject({
        importId: 3,
        accepted: 3,
      });
    });
  }
});

describe('a batch is read as the lines of an NDJSON file are', () => {
  it('stores the same rows and gives the same reasons as importing the file', async () => {
    const events: unknown[] = [
      {
        event_id: 'd1',
        customer_id: ' c1 ',
        type: 'purchase',
        timestamp: '2024-03-01T12:00:00',
        amount: 1e21,
        currency: 'gbp',
        meta: { a: null, b: [null, 1], c: { d: null } },
        note: 'line\nbreak',
        empty: '',
      },
      {
        customer_id: 7,
        type: 'consent',
        timestamp: '2024-03-02',
        properties: { category: 'sms', action: 'accept', x: null, y: 1 },
        action: null,
      },
      { event_id: 'd3', customer_id: 'c3', type: 'survey', timestamp: '2024-03-03', score: 11 },
      {
        event_id: 'd4',
        customer_id: 'c4',
        type: 'campaign',
        timestamp: '2024-03-04T00:00:00Z',
        campaign_id: 'K',
        channel: 'email',
        action: 'opened',
        audience_id: 'A',
        order_id: 'stray',
        amount: 3,
      },
      {
        event_id: 'd5',
        customer_id: 'c5',
        type: 'pageview',
        timestamp: '2024-03-05T00:00:00+05:30',
        properties: { order_id: 'o', nested: { keep: null } },
        ['__proto__']: 'p',
        flag: true,
        n: 0.1,
        when: new Date(0),
        gone: undefined,
      },
      'just text',
      { event_id: 'd7', customer_id: 'c7', type: 'purchase', timestamp: '2024-03-05', amount: -2 },
      { event_id: 'd8', customer_id: 'c8', type: '  ', timestamp: '2024-03-05' },
      {
        event_id: 'd9',
        customer_id: 'c9',
        type: 'purchase',
        timestamp: '2024-03-05T00:00:00Z',
        properties: { amount: 4, sku: 'S' },
        amount: 5,
        currency: 'GBP',
        status: 'returned',
      },
      { event_id: 'd10', customer_id: 'c10', type: 'x', timestamp: '2024-03-05', lone: '\ud800' },
      {
        event_id: 'd11',
        customer_id: 'nul\u0000char',
        type: 'other',
        timestamp: '2024-03-05T00:00:00Z',
        tab: 'a\tb',
        q: 'say "hi"',
        ctrl: '\u0001\u0002',
        emoji: '😀',
      },
      { customer_id: 'c1', type: 'purchase', timestamp: '2024-03-06', amount: 1 },
      { customer_id: 'c1', type: 'purchase', timestamp: '2024-03-06', amount: 1 },
    ];
    const viaFile = await shop();
    const viaBatch = await shop();
    try {
      const file = await viaFile.file(
        'events.ndjson',
        events.map((v) => JSON.stringify(v)).join('\n'),
      );
      const summary = await importFile(viaFile.warehouse, viaFile.project, {
        file,
        kind: 'events',
      });
      const outcome = await ingestBatch(viaBatch.warehouse, viaBatch.project, events);
      expect(outcome.accepted).toBe(summary.inserted);
      expect(outcome.rejected.map(({ index, reason }) => ({ line: index + 1, reason }))).toEqual(
        await viaFile.rejects(summary.rejectsFile),
      );
      const stored = `SELECT * EXCLUDE (import_id, properties), properties::VARCHAR AS properties
                      FROM events ORDER BY source_line`;
      const fromFile = await viaFile.query(stored);
      // The purchase of 1e21 is above import.maxAmount: rejected both ways, with its amount
      // written as the engine writes it (1e21) in the reason.
      expect(fromFile).toHaveLength(6);
      expect(await viaBatch.query(stored)).toEqual(fromFile);
    } finally {
      await viaFile.cleanup();
      await viaBatch.cleanup();
    }
  });
});

/** The warehouse, except that a statement containing `statement` fails. */
function failingOn(warehouse: Warehouse, statement: string): Warehouse {
  return {
    dialect: warehouse.dialect,
    generations: warehouse.generations,
    scratch: warehouse.scratch,
    staging: warehouse.staging,
    versioned: warehouse.versioned,
    run: (sql, params) =>
      sql.includes(statement)
        ? Promise.reject(new Error(`injected failure at ${statement}`))
        : warehouse.run(sql, params),
    query<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T[]> {
      return warehouse.query<T>(sql, params);
    },
    stream: (sql, params) => warehouse.stream(sql, params),
    numericColumns: (sql, params) => warehouse.numericColumns(sql, params),
    append: (table, rows) => warehouse.append(table, rows),
    transaction: (work) => warehouse.transaction(work),
    fork: () => warehouse.fork(),
    scratchTag: () => warehouse.scratchTag(),
    withScratchTable: (prefix, work) => warehouse.withScratchTable(prefix, work),
    withMemoryLimit: (megabytes, work) => warehouse.withMemoryLimit(megabytes, work),
    progress: () => warehouse.progress(),
    close: () => warehouse.close(),
  };
}
