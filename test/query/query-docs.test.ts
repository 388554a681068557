import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QUERY_TABLES } from '../../src/query/query-catalog.js';

const ROOT = join(import.meta.dirname, '..', '..');

// The schema endpoint and docs/query.md describe each table with the same line.
describe('docs/query.md', () => {
  it('lists every queryable table with the description the schema gives it, and no other', async () => {
    const text = await readFile(join(ROOT, 'docs', 'query.md'), 'utf8');
    const listed = [...text.matchAll(/^- `([a-z_<>]+)`: (.*)$/gm)].map((m) => [m[1], m[2]]);
    expect(listed.filter(([name]) => name !== 'dataset_<name>')).toEqual(
      QUERY_TABLES.map((table) => [table.name, table.description]),
    );
  });

  it('names no table the snapshot leaves out', () => {
    const names = QUERY_TABLES.map((table) => table.name);
    for (const secret of ['api_keys', 'destinations', 'deliveries', 'imports', 'saved_queries']) {
      expect(names).not.toContain(secret);
    }
  });
});
