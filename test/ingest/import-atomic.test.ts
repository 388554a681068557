import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { describe, expect } from 'vitest';
import { importFile } from '../../src/ingest/import-file.js';
import { type TempProject } from '../helpers/temp-project.js';
import { projectTest } from '../helpers/project-test.js';

const CSV = [
  'event_id,customer_id,type,timestamp,amount',
  'e1,c1,purchase,2024-01-01,10',
  'e2,c2,purchase,2024-01-02,-3',
  'e3,c3,purchase,2024-01-03,12',
].join('\n');

async function counts(t: TempProject) {
  const [row] = await t.query(
    'SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM imports) AS imports',
  );
  return row;
}

describe('an import is one transaction', () => {
  const test = projectTest();

  for (const failAt of ['validating', 'storing', 'writing rejects', 'done']) {
    test(`leaves the store as it was when it fails at "${failAt}"`, async ({ t }) => {
      const file = await t.file('events.csv', CSV);
      const failing = importFile(t.warehouse, t.project, {
        file,
        kind: 'events',
        onProgress: (progress) => {
          if (progress.step === failAt) throw new Error(`injected failure at ${failAt}`);
        },
      });
      await expect(failing).rejects.toThrow(`injected failure at ${failAt}`);
      expect(await counts(t)).toEqual({ events: 0, imports: 0 });
      expect(existsSync(t.project.rejectsDir) ? await readdir(t.project.rejectsDir) : []).toEqual(
        [],
      );
      // The store still works, and the same file then imports in full.
      const summary = await importFile(t.warehouse, t.project, { file, kind: 'events' });
      expect(summary).toMatchObject({ read: 3, inserted: 2, rejected: 1 });
      expect(await counts(t)).toEqual({ events: 2, imports: 1 });
    });
  }

  test('reports its steps in order and ends with the whole file read', async ({ t }) => {
    const file = await t.file('events.csv', CSV);
    const seen: { step: string; bytes: number; rows: number | null }[] = [];
    await importFile(t.warehouse, t.project, {
      file,
      kind: 'events',
      onProgress: ({ step, bytes, rows }) => seen.push({ step, bytes, rows }),
    });
    const steps = seen.map((p) => p.step).filter((step, i, all) => step !== all[i - 1]);
    expect(steps).toEqual(['reading', 'validating', 'storing', 'writing rejects', 'done']);
    expect(seen.at(-1)).toEqual({ step: 'done', bytes: CSV.length, rows: 3 });
  });
});
