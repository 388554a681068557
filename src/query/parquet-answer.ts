import { DuckDBInstance } from '@duckdb/node-api';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { ident, literal } from '../store/sql-text.js';
import { ndjsonChunks } from './query-answer.js';
import type { StartedQuery } from './query-service.js';

/**
 * Writes the answer as a Parquet file in a new folder under `scratchDir` and returns its path
 * (the caller removes the folder). The worker cannot write files, so its rows go to a JSON
 * lines file that an engine of this process, which runs no user SQL, turns into Parquet; the
 * column types are those the engine reads back from the values.
 */
export async function writeParquetAnswer(query: StartedQuery, scratchDir: string): Promise<string> {
  await mkdir(scratchDir, { recursive: true });
  const dir = await mkdtemp(join(scratchDir, 'query-'));
  const lines = join(dir, 'answer.jsonl');
  const out = createWriteStream(lines);
  let chunks = 0;
  for await (const chunk of ndjsonChunks(query)) {
    chunks += 1;
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  out.end();
  await finished(out);
  const file = join(dir, 'answer.parquet');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    // An empty answer has no values to read types from: its columns are text.
    const source =
      chunks === 0
        ? `SELECT ${query.columns.map((c) => `NULL::VARCHAR AS ${ident(c.name)}`).join(', ') || '1 AS empty'} LIMIT 0`
        : `SELECT * FROM read_json(${literal(lines)}, format = 'newline_delimited')`;
    await connection.run(`COPY (${source}) TO ${literal(file)} (FORMAT parquet)`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return file;
}
