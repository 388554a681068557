import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/ingest/import-file.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';
import { memoryLimit } from '../helpers/memory-limit.js';

const ROWS = 50_000;
const PADDING = 'x'.repeat(100);

function wideCsv(): string {
  const lines = ['event_id,customer_id,type,timestamp,amount,note'];
  for (let i = 0; i < ROWS; i += 1) {
    lines.push(`w${i},c${i % 5003},purchase,2024-02-01T10:00:00Z,${i % 97},${PADDING}${i}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('an import held to import.memoryLimitMb', () => {
  let t: TempProject;
  beforeAll(async () => {
    t = await tempProject({ import: { memoryLimitMb: 256 } });
  });
  afterAll(() => t.cleanup());

  it('holds the engine to the limit while it stores, and lifts it after', async () => {
    const before = await memoryLimit(t.warehouse);
    const file = await t.file('wide.csv', wideCsv());
    const reader = await t.warehouse.fork();
    const during: { limit?: Promise<string> } = {};
    try {
      const summary = await importFile(t.warehouse, t.project, {
        file,
        kind: 'events',
        // Asked from another connection while the rows are being stored: the limit is the
        // engine's, so that connection sees it too.
        onProgress: (progress) => {
          if (progress.step === 'storing') during.limit ??= memoryLimit(reader);
        },
      });
      expect(summary).toMatchObject({ read: ROWS, inserted: ROWS, duplicates: 0, rejected: 0 });
      expect(await during.limit).toBe('244.1 MiB');
    } finally {
      await reader.close();
    }
    expect(await memoryLimit(t.warehouse)).toBe(before);
    const [stored] = await t.query<{ n: number; notes: number; total: number }>(
      `SELECT count(*) AS n, count(DISTINCT properties->>'note') AS notes, sum(amount) AS total
       FROM events`,
    );
    // Σ (i mod 97) over 0..49,999: 515 whole cycles of 0..96 (4,656 each) and 0..44.
    expect(stored).toEqual({ n: ROWS, notes: ROWS, total: 515 * 4_656 + (44 * 45) / 2 });
  });

  it('lifts the limit when the import fails too', async () => {
    const before = await memoryLimit(t.warehouse);
    const file = await t.file('missing-columns.csv', 'event_id,amount\nz1,3\n');
    await expect(importFile(t.warehouse, t.project, { file, kind: 'events' })).rejects.toThrow();
    expect(await memoryLimit(t.warehouse)).toBe(before);
  });
});
