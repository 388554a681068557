import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { Config } from '../config/schema.js';
import { messageOf } from '../shared/errors.js';
import { ident, literal } from '../store/sql-text.js';
import type { Warehouse } from '../store/warehouse.js';
import { rowObject } from './query-answer.js';
import type { ParamValue } from './query-placeholders.js';
import type { ResultColumn } from './worker-protocol.js';
import { datasetTable } from './saved-queries.js';
import { runQuery } from './run-query.js';

/** A dataset as the snapshot lists it: its table and the saved query's words for it. */
export interface MaterialisedDataset {
  table: string;
  description: string;
}

interface DatasetQuery {
  [key: string]: string;
  id: string;
  name: string;
  description: string;
  sql: string;
  defaults: string;
  dataset: string;
}

/**
 * Runs every saved query marked as a dataset on the snapshot being written (`snapshot`, not yet
 * in place), each in a worker under the query limits with its default parameters, and writes
 * its rows to `dataset_<name>` in the store: user SQL never runs on the store's own engine,
 * which only reads the worker's rows back (each column with the type the statement gave it). A dataset
 * whose statement fails keeps its last table, and its saved query records the error; none
 * fails the refresh. Returns the datasets the store holds afterwards.
 */
export async function materialiseDatasets(
  warehouse: Warehouse,
  snapshot: string,
  workDir: string,
  limits: Config['query'],
  refreshId: number,
): Promise<MaterialisedDataset[]> {
  const queries = await warehouse.query<DatasetQuery>(
    `SELECT query_id AS id, name, description, sql, defaults::VARCHAR AS defaults, dataset
     FROM saved_queries WHERE dataset IS NOT NULL ORDER BY dataset`,
  );
  const held: MaterialisedDataset[] = [];
  for (const query of queries) {
    const table = datasetTable(query.dataset);
    const file = join(workDir, `${query.dataset}.jsonl`);
    let rows: number | null = null;
    let error: string | null = null;
    try {
      await mkdir(workDir, { recursive: true });
      const written = await writeRows(query, snapshot, file, limits);
      rows = written.rows;
      await loadRows(warehouse, table, file, written);
    } catch (failure) {
      error = messageOf(failure);
    } finally {
      await rm(file, { force: true });
    }
    await warehouse.run(
      `UPDATE saved_queries SET dataset_refresh_id = $refreshId, dataset_rows = $rows,
         dataset_error = $error WHERE query_id = $id`,
      { id: query.id, refreshId, rows: error === null ? rows : null, error },
    );
    const [present] = await warehouse.query<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM duckdb_tables()
       WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $table`,
      { table },
    );
    if ((present?.n ?? 0) > 0) {
      held.push({ table, description: query.description || `the saved query ${query.name}` });
    }
  }
  return held;
}

/** The statement's rows as JSON lines in `file`; how many, and the column names. */
async function writeRows(
  query: DatasetQuery,
  snapshot: string,
  file: string,
  limits: Config['query'],
): Promise<{ rows: number; columns: ResultColumn[] }> {
  const started = await runQuery({
    snapshot,
    sql: query.sql,
    params: JSON.parse(query.defaults) as Record<string, ParamValue>,
    limit: limits.maxRows,
    timeoutSeconds: limits.timeoutSeconds,
    memoryMb: limits.memoryMb,
  });
  const out = createWriteStream(file);
  for await (const batch of started.batches) {
    const text = batch
      .map((row) => `${JSON.stringify(rowObject(started.columns, row))}\n`)
      .join('');
    if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  out.end();
  await finished(out);
  const end = started.end();
  if (end.truncated) {
    throw new Error(
      `more than query.maxRows (${limits.maxRows}) rows: the dataset was not replaced`,
    );
  }
  return { rows: end.rowCount, columns: started.columns };
}

/** Engine types a column keeps when read back from JSON lines; any other reads as JSON. */
const SCALAR_TYPE =
  /^(BOOLEAN|TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL\(\d+,\d+\)|VARCHAR|DATE|TIMESTAMP|TIME|UUID|JSON)$/;

/**
 * Replaces the dataset's table with the rows of `file`, in one statement, each column with the
 * type the worker's engine gave it (a column of nulls or of decimals is what the statement
 * made, not what its values look like). An empty answer still makes a table, with its columns
 * as text. A result that names a column twice is read back by the values alone.
 */
async function loadRows(
  warehouse: Warehouse,
  table: string,
  file: string,
  written: { rows: number; columns: ResultColumn[] },
): Promise<void> {
  const names = written.columns.map((column) => column.name);
  const empty = names.map((name) => `NULL::VARCHAR AS ${ident(name)}`).join(', ');
  const typed =
    new Set(names).size === names.length
      ? `, columns = {${written.columns
          .map((c) => `${literal(c.name)}: ${literal(SCALAR_TYPE.test(c.type) ? c.type : 'JSON')}`)
          .join(', ')}}`
      : ', sample_size = -1';
  const source =
    written.rows === 0
      ? `SELECT ${empty || 'NULL::VARCHAR AS empty'} LIMIT 0`
      : `SELECT * FROM read_json(${literal(file)}, format = 'newline_delimited'${typed})`;
  await warehouse.run(`CREATE OR REPLACE TABLE main.${table} AS ${source}`);
}
