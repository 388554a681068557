import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/ingest/import-file.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';

const ROWS = 300_000;
// Line = row index + 2 (header is line 1). Every 50,000th row is malformed (an extra field),
// every 70,001st has a bad amount; their lines are known in advance.
const malformed = (i: number): boolean => i > 0 && i % 50_000 === 0;
const badAmount = (i: number): boolean => i > 0 && i % 70_001 === 0;

function bigCsv(): string {
  const lines = ['event_id,customer_id,type,timestamp,amount'];
  for (let i = 0; i < ROWS; i += 1) {
    const amount = badAmount(i) ? 'x' : String(i % 1000);
    lines.push(
      `e${i},c${i % 9973},purchase,2024-01-01T00:00:00Z,${amount}${malformed(i) ? ',extra' : ''}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('a large file, read in parallel chunks', () => {
  let t: TempProject;
  beforeAll(async () => {
    t = await tempProject();
  });
  afterAll(() => t.cleanup());

  it('keeps every row on its own line number', async () => {
    const file = await t.file('big.csv', bigCsv());
    const summary = await importFile(t.warehouse, t.project, { file, kind: 'events' });
    const malformedLines = [50_000, 100_000, 150_000, 200_000, 250_000].map((i) => i + 2);
    const badAmountLines = [70_001, 140_002, 210_003, 280_004].map((i) => i + 2);
    expect(summary).toMatchObject({ read: ROWS, inserted: ROWS - 9, duplicates: 0, rejected: 9 });
    const rejects = await t.rejects(summary.rejectsFile);
    expect(rejects.map((r) => r.line)).toEqual(
      [...malformedLines, ...badAmountLines].sort((a, b) => a - b),
    );
    expect(rejects.filter((r) => r.reason === 'non-numeric amount: x')).toHaveLength(4);
    // Every stored event sits on the line its id says, even after the skipped lines.
    const [misplaced] = await t.query<{ n: number }>(
      `SELECT count(*) AS n FROM events WHERE source_line <> substr(event_id, 2)::BIGINT + 2`,
    );
    expect(misplaced?.n).toBe(0);
  });

  it('counts stored and in-file duplicates together when new rows arrive', async () => {
    // 3 rows already stored (one of them was rejected before, so it is new now), 2 new, 1 repeat.
    const file = await t.file(
      'more.csv',
      [
        'event_id,customer_id,type,timestamp,amount',
        'e1,c1,purchase,2024-01-01T00:00:00Z,1',
        'e2,c2,purchase,2024-01-01T00:00:00Z,2',
        'e70001,c3,purchase,2024-01-01T00:00:00Z,3',
        'n1,c4,purchase,2024-01-02T00:00:00Z,4',
        'n2,c5,purchase,2024-01-02T00:00:00Z,5',
        'n1,c4,purchase,2024-01-02T00:00:00Z,4',
      ].join('\n'),
    );
    const summary = await importFile(t.warehouse, t.project, { file, kind: 'events' });
    expect(summary).toMatchObject({ read: 6, inserted: 3, duplicates: 3, rejected: 0 });
    const rows = await t.query(
      `SELECT event_id, amount, source_line FROM events WHERE import_id = 2 ORDER BY event_id`,
    );
    expect(rows).toEqual([
      { event_id: 'e70001', amount: 3, source_line: 4 },
      { event_id: 'n1', amount: 4, source_line: 5 },
      { event_id: 'n2', amount: 5, source_line: 6 },
    ]);
  });
});
