import { readFile } from 'node:fs/promises';
import { describe, expect } from 'vitest';
import { importFile } from '../../src/ingest/import-file.js';
import { tempProject } from '../helpers/temp-project.js';
import { projectTest } from '../helpers/project-test.js';

const test = projectTest();

const HEADER =
  'event_id,customer_id,type,timestamp,order_id,amount,currency,status,category,action,score,color';
// Line numbers below count the header as line 1.
const MESSY = [
  HEADER,
  'e1,c1,purchase,2024-01-05T10:00:00,o1,10.50,EUR,success,,,,red', // 2 ok
  'e2,c1,purchase,2024-01-20T10:00:00Z,o1,,,returned,,,,', // 3 ok: status change, no amount
  'e3,c2,purchase,2024-02-01,o2,abc,EUR,success,,,,', // 4 non-numeric amount
  'e4,c2,purchase,2024-02-01,o3,-5,EUR,success,,,,', // 5 negative amount
  'e5,,purchase,2024-02-01,o4,5,EUR,success,,,,', // 6 missing customer id
  'e6,c3,purchase,yesterday,o5,5,EUR,success,,,,', // 7 unparseable timestamp
  'e7,c3,purchase,2024-02-02,o6,5,USD,success,,,,', // 8 currency without a rate
  'e8,c3,consent,2024-02-02,,,,,newsletter,accept,,', // 9 ok
  'e9,c3,pageview,2024-02-02,,,,,,,,blue', // 10 ok: unknown type kept as a generic event
  'e10,c3,survey,2024-02-02,,,,,,,11,', // 11 score out of range
  'e11,c3,survey,2024-02-02,,,,,,,9,', // 12 ok
  'e1,c1,purchase,2024-01-05T10:00:00,o1,10.50,EUR,success,,,,red', // 13 duplicate of line 2
  ',c4,purchase,2024-03-01,o9,20,GBP,success,extra', // 14 malformed: too few fields
  ',c4,purchase,2024-03-01,o9,20,GBP,success,,,,', // 15 ok: no event id, hashed
  'e12,c5,purchase,,o10,1,EUR,success,,,,', // 16 missing timestamp
  'e13,c5,,2024-03-01,o10,1,EUR,success,,,,', // 17 missing event type
  'e14,c5,consent,2024-03-01,,,,,,accept,,', // 18 consent without a category
  ',c4,purchase,2024-03-01,o9,20,GBP,success,,,,', // 19 ok: a second purchase identical to line 15
].join('\n');

describe('importing a messy events CSV', () => {
  const test = projectTest(async () => {
    const t = await tempProject({ timezone: 'Europe/Berlin' });
    const rates = await t.file('rates.csv', 'currency,rate_to_base\nGBP,1.17\n');
    await importFile(t.warehouse, t.project, { file: rates, kind: 'rates' });
    return t;
  });

  test('accounts for every row: inserted, duplicate or rejected with line and reason', async ({
    t,
  }) => {
    const file = await t.file('events.csv', MESSY);
    const summary = await importFile(t.warehouse, t.project, { file, kind: 'events' });
    expect(summary).toMatchObject({
      kind: 'events',
      read: 18,
      inserted: 7,
      duplicates: 1,
      rejected: 10,
    });
    expect(summary.read).toBe(summary.inserted + summary.duplicates + summary.rejected);
    expect(summary.rejectsFile).toMatch(/rejects\/2\.csv$/);
    const rejects = (await readFile(summary.rejectsFile ?? '', 'utf8')).trim().split('\n');
    expect(rejects[0]).toBe('line,reason,record');
    const reasons = rejects.slice(1).map((row) => row.split(',').slice(0, 2).join(','));
    expect(reasons).toEqual([
      '4,non-numeric amount: abc',
      '5,negative amount: -5',
      '6,missing customer id',
      '7,unparseable timestamp: yesterday',
      '8,currency without a rate: USD',
      '11,survey score is not a number from 0 to 10: 11',
      '14,malformed row: 9 fields where the header has 12',
      '16,missing timestamp',
      '17,missing event type',
      '18,consent without a category',
    ]);
    // The record is the row as it stood, so it can be fixed and imported again.
    expect(rejects[1]).toBe(
      '4,non-numeric amount: abc,"e3,c2,purchase,2024-02-01,o2,abc,EUR,success,,,,"',
    );
  });

  test('stores typed columns: UTC times from the project zone, base-currency amounts, properties', async ({
    t,
  }) => {
    const file = await t.file('events.csv', MESSY);
    await importFile(t.warehouse, t.project, { file, kind: 'events' });
    const rows = await t.query(`
      SELECT event_id, customer_id, type, kind, strftime(ts, '%Y-%m-%d %H:%M') AS ts, order_id,
             amount, original_amount, currency, status, consent_category, consent_action,
             survey_score, properties::VARCHAR AS properties, source_line
      FROM events ORDER BY source_line`);
    expect(rows).toEqual([
      // 10:00 in Berlin (UTC+1 in January) is 09:00 UTC.
      {
        event_id: 'e1',
        customer_id: 'c1',
        type: 'purchase',
        kind: 'purchase',
        ts: '2024-01-05 09:00',
        order_id: 'o1',
        amount: 10.5,
        original_amount: 10.5,
        currency: 'EUR',
        status: 'success',
        consent_category: null,
        consent_action: null,
        survey_score: null,
        properties: '{"color":"red"}',
        source_line: 2,
      },
      // An explicit zone wins over the project's.
      {
        event_id: 'e2',
        customer_id: 'c1',
        type: 'purchase',
        kind: 'purchase',
        ts: '2024-01-20 10:00',
        order_id: 'o1',
        amount: null,
        original_amount: null,
        currency: null,
        status: 'returned',
        consent_category: null,
        consent_action: null,
        survey_score: null,
        properties: null,
        source_line: 3,
      },
      // A date alone is midnight in the project's zone: 23:00 UTC the day before.
      {
        event_id: 'e8',
        customer_id: 'c3',
        type: 'consent',
        kind: 'consent',
        ts: '2024-02-01 23:00',
        order_id: null,
        amount: null,
        original_amount: null,
        currency: null,
        status: null,
        consent_category: 'newsletter',
        consent_action: 'accept',
        survey_score: null,
        properties: null,
        source_line: 9,
      },
      {
        event_id: 'e9',
        customer_id: 'c3',
        type: 'pageview',
        kind: 'other',
        ts: '2024-02-01 23:00',
        order_id: null,
        amount: null,
        original_amount: null,
        currency: null,
        status: null,
        consent_category: null,
        consent_action: null,
        survey_score: null,
        properties: '{"color":"blue"}',
        source_line: 10,
      },
      {
        event_id: 'e11',
        customer_id: 'c3',
        type: 'survey',
        kind: 'survey',
        ts: '2024-02-01 23:00',
        order_id: null,
        amount: null,
        original_amount: null,
        currency: null,
        status: null,
        consent_category: null,
        consent_action: null,
        survey_score: 9,
        properties: null,
        source_line: 12,
      },
      // 20 GBP at 1.17 = 23.40 EUR, not rounded.
      {
        event_id: expect.stringMatching(/^h:[0-9a-f]{32}:1$/),
        customer_id: 'c4',
        type: 'purchase',
        kind: 'purchase',
        ts: '2024-02-29 23:00',
        order_id: 'o9',
        amount: 20 * 1.17,
        original_amount: 20,
        currency: 'GBP',
        status: 'success',
        consent_category: null,
        consent_action: null,
        survey_score: null,
        properties: null,
        source_line: 15,
      },
      {
        event_id: expect.stringMatching(/^h:[0-9a-f]{32}:2$/),
        customer_id: 'c4',
        type: 'purchase',
        kind: 'purchase',
        ts: '2024-02-29 23:00',
        order_id: 'o9',
        amount: 20 * 1.17,
        original_amount: 20,
        currency: 'GBP',
        status: 'success',
        consent_category: null,
        consent_action: null,
        survey_score: null,
        properties: null,
        source_line: 19,
      },
    ]);
  });

  test('inserts nothing when the same file comes again', async ({ t }) => {
    const file = await t.file('events.csv', MESSY);
    await importFile(t.warehouse, t.project, { file, kind: 'events' });
    const again = await importFile(t.warehouse, t.project, { file, kind: 'events' });
    expect(again).toMatchObject({ read: 18, inserted: 0, duplicates: 8, rejected: 10 });
    const [count] = await t.query<{ n: number }>('SELECT count(*) AS n FROM events');
    expect(count?.n).toBe(7);
    const imports = await t.query(
      'SELECT import_id, kind, rows_read, inserted, duplicates, rejected FROM imports ORDER BY 1',
    );
    expect(imports).toEqual([
      { import_id: 1, kind: 'rates', rows_read: 1, inserted: 1, duplicates: 0, rejected: 0 },
      { import_id: 2, kind: 'events', rows_read: 18, inserted: 7, duplicates: 1, rejected: 10 },
      { import_id: 3, kind: 'events', rows_read: 18, inserted: 0, duplicates: 8, rejected: 10 },
    ]);
  });

  test('fails at once, storing nothing, when a required column is missing', async ({ t }) => {
    const file = await t.file('events.csv', 'customer,type,timestamp\nc1,purchase,2024-01-01\n');
    await expect(importFile(t.warehouse, t.project, { file, kind: 'events' })).rejects.toThrow(
      'the file has no column "customer_id" (columns.customerId); its columns are: customer, type, timestamp',
    );
    const [count] = await t.query<{ n: number }>('SELECT count(*) AS n FROM imports');
    expect(count?.n).toBe(1);
  });

  test('counts an empty file as nothing read', async ({ t }) => {
    const file = await t.file('empty.csv', '');
    const summary = await importFile(t.warehouse, t.project, { file, kind: 'events' });
    expect(summary).toMatchObject({
      read: 0,
      inserted: 0,
      duplicates: 0,
      rejected: 0,
      rejectsFile: null,
    });
  });
});

describe('a shop with its own names', () => {
  test('needs only the config to map its columns, types and status values', async ({ keep }) => {
    const t = await keep(
      tempProject({
        columns: { eventId: 'id', customerId: 'client', type: 'event', timestamp: 'at' },
        purchase: {
          type: 'order',
          orderId: 'order_no',
          amount: 'total',
          currency: 'cur',
          status: 'state',
          successValues: ['completed'],
          canceledValues: ['cancelled'],
          returnedValues: ['refunded'],
        },
        consent: { type: 'optin', category: 'list', action: 'what' },
      }),
    );
    const file = await t.file(
      'shop.csv',
      [
        'id,client,event,at,order_no,total,cur,state,list,what,status',
        'x1,k1,order,2024-05-01T10:00:00Z,A-1,99.9,EUR,completed,,,vip',
        'x2,k1,order,2024-05-03T10:00:00Z,A-1,,,refunded,,,',
        'x3,k1,optin,2024-05-01T10:00:00Z,,,,,newsletter,accept,',
      ].join('\n'),
    );
    const summary = await importFile(t.warehouse, t.project, { file, kind: 'events' });
    expect(summary).toMatchObject({ read: 3, inserted: 3, rejected: 0 });
    expect(
      await t.query(
        `SELECT event_id, customer_id, kind, order_id, amount, status, consent_category,
                consent_action, properties::VARCHAR AS properties FROM events ORDER BY event_id`,
      ),
    ).toEqual([
      // "status" is not this shop's status column, so it is kept as a property.
      {
        event_id: 'x1',
        customer_id: 'k1',
        kind: 'purchase',
        order_id: 'A-1',
        amount: 99.9,
        status: 'completed',
        consent_category: null,
        consent_action: null,
        properties: '{"status":"vip"}',
      },
      {
        event_id: 'x2',
        customer_id: 'k1',
        kind: 'purchase',
        order_id: 'A-1',
        amount: null,
        status: 'refunded',
        consent_category: null,
        consent_action: null,
        properties: null,
      },
      {
        event_id: 'x3',
        customer_id: 'k1',
        kind: 'consent',
        order_id: null,
        amount: null,
        status: null,
        consent_category: 'newsletter',
        consent_action: 'accept',
        properties: null,
      },
    ]);
  });
});

describe('events without ids', () => {
  test('are known by content and occurrence: overlapping exports add only what is new', async ({
    keep,
  }) => {
    const t = await keep(tempProject());
    const header = 'customer_id,type,timestamp,amount';
    const a = 'c1,purchase,2024-01-01,10';
    const b = 'c2,purchase,2024-01-02,20';
    const c = 'c3,purchase,2024-01-03,30';
    const first = await t.file('first.csv', [header, a, a, b].join('\n'));
    // Two identical purchases are two events.
    expect(await importFile(t.warehouse, t.project, { file: first, kind: 'events' })).toMatchObject(
      { read: 3, inserted: 3, duplicates: 0 },
    );
    // A later export repeats both purchases of c1 and b, and brings a third c1 purchase and c.
    const second = await t.file('second.csv', [header, b, a, a, a, c].join('\n'));
    expect(
      await importFile(t.warehouse, t.project, { file: second, kind: 'events' }),
    ).toMatchObject({ read: 5, inserted: 2, duplicates: 3 });
    const rows = await t.query<{ customer_id: string; n: number }>(
      'SELECT customer_id, count(*) AS n FROM events GROUP BY 1 ORDER BY 1',
    );
    expect(rows).toEqual([
      { customer_id: 'c1', n: 3 },
      { customer_id: 'c2', n: 1 },
      { customer_id: 'c3', n: 1 },
    ]);
  });
});
