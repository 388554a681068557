import { describe, expect } from 'vitest';
import { importFile } from '../../src/ingest/import-file.js';
import { projectTest } from '../helpers/project-test.js';

const HEADER = 'event_id,customer_id,type,timestamp,note';

/** Row i (1-based) of an events file: every third has a correctly quoted note with a comma. */
function row(i: number, customer = `C${i}`): string {
  const note = i % 3 === 0 ? '"hello, world"' : 'plain';
  return `e${i},${customer},visit,2024-01-${String(1 + (i % 28)).padStart(2, '0')},${note}`;
}

describe('a stray quote in a CSV file', () => {
  const test = projectTest();

  test('costs its own row only: "C8 in row 8 of 20, among six quoted "hello, world" notes', async ({
    t,
  }) => {
    const lines = [HEADER];
    for (let i = 1; i <= 20; i += 1) lines.push(row(i, i === 8 ? '"C8' : `C${i}`));
    const file = await t.file('events.csv', `${lines.join('\n')}\n`);
    const summary = await importFile(t.warehouse, t.project, { file, kind: 'events' });
    expect(summary).toMatchObject({ read: 20, inserted: 19, rejected: 1 });
    expect(await t.rejects(summary.rejectsFile)).toEqual([
      { line: 9, reason: 'malformed row: a stray quote opens column 2' },
    ]);
    const stored = await t.query<{ customer_id: string; note: string; source_line: number }>(
      `SELECT customer_id, properties->>'note' AS note, source_line FROM events ORDER BY source_line`,
    );
    expect(stored.map((r) => r.customer_id)).toEqual(
      Array.from({ length: 20 }, (_, i) => `C${i + 1}`).filter((id) => id !== 'C8'),
    );
    expect(stored.filter((r) => r.note === 'hello, world')).toHaveLength(6);
    expect(stored.every((r) => r.source_line === Number(r.customer_id.slice(1)) + 1)).toBe(true);
  });

  test('costs its own row only at row 25,000 of 30,000, and every later line number stays true', async ({
    t,
  }) => {
    const lines = [HEADER];
    for (let i = 1; i <= 30_000; i += 1) lines.push(row(i, i === 25_000 ? '"C25000' : `C${i}`));
    const file = await t.file('events.csv', `${lines.join('\n')}\n`);
    const summary = await importFile(t.warehouse, t.project, { file, kind: 'events' });
    expect(summary).toMatchObject({ read: 30_000, inserted: 29_999, rejected: 1 });
    expect(await t.rejects(summary.rejectsFile)).toEqual([
      { line: 25_001, reason: 'malformed row: a stray quote opens column 2' },
    ]);
    const [off] = await t.query<{ n: number; notes: number }>(
      `SELECT count(*) FILTER (WHERE source_line <> substr(event_id, 2)::INTEGER + 1) AS n,
              count(*) FILTER (WHERE properties->>'note' = 'hello, world') AS notes
       FROM events`,
    );
    expect(off).toEqual({ n: 0, notes: 10_000 });
  });

  test('inside a field, after a closing quote, or never closing: each costs its own row', async ({
    t,
  }) => {
    const lines = [
      HEADER,
      row(1),
      'e2,C"2,visit,2024-01-02,plain',
      row(3),
      'e4,"C4"x,visit,2024-01-04,plain',
      row(5),
      'e6,"C6,visit,2024-01-06,the last quote of the file',
      'e7,C7,visit,2024-01-07,plain',
    ];
    const file = await t.file('events.csv', `${lines.join('\n')}\n`);
    const summary = await importFile(t.warehouse, t.project, { file, kind: 'events' });
    expect(summary).toMatchObject({ read: 7, inserted: 4, rejected: 3 });
    expect(await t.rejects(summary.rejectsFile)).toEqual([
      { line: 3, reason: 'malformed row: a stray quote inside column 2' },
      { line: 5, reason: 'malformed row: text after the closing quote of column 2' },
      { line: 7, reason: 'malformed row: a quote that never closes opens column 2' },
    ]);
    expect(await t.query('SELECT customer_id, source_line FROM events ORDER BY 2')).toEqual([
      { customer_id: 'C1', source_line: 2 },
      { customer_id: 'C3', source_line: 4 },
      { customer_id: 'C5', source_line: 6 },
      { customer_id: 'C7', source_line: 8 },
    ]);
  });

  test('leaves legal quoted fields across lines, blank lines and CRLF with their true line numbers', async ({
    t,
  }) => {
    const text = [
      HEADER,
      'e1,C1,visit,2024-01-01,"first line',
      'second line, with a comma',
      'third ""quoted"" line"',
      '',
      'e2,C2,visit,2024-01-02,plain',
      'e3,"C3',
      'Ltd",visit,2024-01-03,',
      '',
      '',
      'e4,C4,visit,2024-01-04,"a,b"',
    ].join('\r\n');
    const file = await t.file('events.csv', text);
    const summary = await importFile(t.warehouse, t.project, { file, kind: 'events' });
    expect(summary).toMatchObject({ read: 4, inserted: 4, rejected: 0 });
    expect(
      await t.query(
        `SELECT event_id, customer_id, properties->>'note' AS note, source_line
         FROM events ORDER BY source_line`,
      ),
    ).toEqual([
      {
        event_id: 'e1',
        customer_id: 'C1',
        note: 'first line\r\nsecond line, with a comma\r\nthird "quoted" line',
        source_line: 2,
      },
      { event_id: 'e2', customer_id: 'C2', note: 'plain', source_line: 6 },
      { event_id: 'e3', customer_id: 'C3\r\nLtd', note: null, source_line: 7 },
      { event_id: 'e4', customer_id: 'C4', note: 'a,b', source_line: 11 },
    ]);
  });

  test('names the line of a header it cannot read, and stores nothing', async ({ t }) => {
    const file = await t.file(
      'events.csv',
      'event_id,"customer_id,type,timestamp\ne1,C1,x,2024-01-01\n',
    );
    await expect(importFile(t.warehouse, t.project, { file, kind: 'events' })).rejects.toThrow(
      /\/events\.csv: line 1, the header, cannot be read: a quote that never closes opens column 2$/,
    );
    expect(await t.query('SELECT count(*)::INTEGER AS n FROM imports')).toEqual([{ n: 0 }]);
  });
});
