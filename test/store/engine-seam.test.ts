import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

async function sourceFiles(): Promise<string[]> {
  const names = await readdir(join(ROOT, 'src'), { recursive: true });
  return names
    .filter((name) => name.endsWith('.ts'))
    .map((name) => `src/${name.split('\\').join('/')}`)
    .filter((file) => !file.startsWith('src/store/duckdb/'))
    .sort();
}

describe("the engine's means stay behind the Warehouse", () => {
  it('makes every scratch table through warehouse.scratch', async () => {
    const spelled: string[] = [];
    for (const file of await sourceFiles()) {
      const text = await readFile(join(ROOT, file), 'utf8');
      if (/CREATE\s+(OR\s+REPLACE\s+)?TEMP(ORARY)?\s+TABLE/i.test(text)) spelled.push(file);
    }
    expect(spelled).toEqual([]);
  });

  it("spells arg_max, arg_min, bool_or, list_contains and COLLATE C through the warehouse's dialect", async () => {
    const spelled: string[] = [];
    for (const file of await sourceFiles()) {
      const text = await readFile(join(ROOT, file), 'utf8');
      if (/\b(arg_max|arg_min|bool_or|list_contains)\(|COLLATE C\b/.test(text)) spelled.push(file);
    }
    expect(spelled).toEqual([
      // The query service's templates: SQL a user reads and edits, in the snapshot's dialect.
      'src/query/query-templates.ts',
      // The audience rules' own dialect object (src/segments/rule-dialect.ts).
      'src/segments/duckdb-rule-dialect.ts',
    ]);
  });

  it("reads the user's files with the engine's readers only through warehouse.staging", async () => {
    const spelled: string[] = [];
    for (const file of await sourceFiles()) {
      const text = await readFile(join(ROOT, file), 'utf8');
      if (/\bread_(csv|json|ndjson|parquet)\w*\(/.test(text)) spelled.push(file);
    }
    // The query service's answers and datasets, which its workers write and read back: the
    // query snapshot is the engine's own as a whole (issue 18 leaves it for later).
    expect(spelled).toEqual(['src/query/materialise-datasets.ts', 'src/query/parquet-answer.ts']);
  });

  it('publishes refreshes through warehouse.generations, not DuckDB schemas or the search path', async () => {
    const spelled: string[] = [];
    for (const file of await sourceFiles()) {
      const text = await readFile(join(ROOT, file), 'utf8');
      if (/search_path|CREATE\s+SCHEMA|DROP\s+SCHEMA|duckdb_schemas\(\)/i.test(text)) {
        spelled.push(file);
      }
    }
    expect(spelled).toEqual([]);
  });
});
