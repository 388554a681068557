import { ident, literal } from '../../sql-text.js';
import type { Warehouse } from '../../warehouse.js';
import { stageCsv } from './stage-csv.js';
import { trimmedOrNull } from './trimmed-text.js';
import type { Staged, StageSource } from '../../staged.js';

/**
 * Stages a CSV or Parquet file. CSV rows carry their line number, or are numbered by their
 * position with the lines the engine's reader rejected in between (see `stageCsv`); Parquet
 * rows carry their row number.
 */
export async function stageTabular(
  warehouse: Warehouse,
  source: StageSource,
  format: 'csv' | 'parquet',
  tag: string,
): Promise<Staged> {
  const { file } = source;
  const relation = `stage_${tag}_rows`;
  const readerErrors = `stage_${tag}_reader_errors`;
  const readerScans = `stage_${tag}_reader_scans`;
  const broken = `stage_${tag}_broken`;
  const table = `stage_${tag}`;
  const tables: string[] = [table, readerErrors, readerScans, broken];
  let numbered = false;
  // The file is copied once, as text (every value exactly as written), into a scratch table.
  if (format === 'csv') {
    const staged = await stageCsv(
      warehouse,
      file,
      source.name,
      { table, broken, readerErrors, readerScans },
      source.scratchDir,
      tag,
    );
    numbered = staged.numbered;
  } else {
    await warehouse.run(
      `CREATE TEMP TABLE ${table} AS SELECT * FROM read_parquet($file, file_row_number = true)`,
      { file },
    );
    await warehouse.run(
      `CREATE TEMP TABLE ${broken} (line BIGINT, reason VARCHAR, record VARCHAR)`,
    );
  }
  const [gapCount] = await warehouse.query<{ n: number }>(`SELECT count(*) AS n FROM ${broken}`);
  await warehouse.run(
    `CREATE TEMP VIEW ${relation} AS ${
      numbered
        ? `SELECT * FROM ${table}`
        : lineNumbered(table, broken, format, (gapCount?.n ?? 0) > 0)
    }`,
  );
  const described = await warehouse.query<{ column_name: string }>(`DESCRIBE ${relation}`);
  const columns = described.map((row) => row.column_name).filter((name) => name !== '__line');

  const byLowerName = new Map(columns.map((name) => [name.toLowerCase(), name]));
  const resolve = (name: string): string | undefined =>
    columns.includes(name) ? name : byLowerName.get(name.toLowerCase());
  const text = (column: string): string => `CAST(${ident(column)} AS VARCHAR)`;
  const carried = columns.map((_, i) => `__carry_${i}`);

  return {
    relation,
    columns,
    sampleFields: () => Promise.resolve(columns),
    field(name) {
      const column = resolve(name);
      if (column === undefined) return 'NULL::VARCHAR';
      // A CSV's columns are text already (the cast is free); a Parquet column's cast is not, and
      // trimmedOrNull reads its value several times.
      return format === 'csv' ? trimmedOrNull(text(column)) : `nullif(trim(${text(column)}), '')`;
    },
    properties(exclude) {
      const skip = new Set(exclude.map((name) => resolve(name)).filter((n) => n !== undefined));
      const kept = columns.filter((name) => !skip.has(name));
      if (kept.length === 0) return 'NULL::JSON';
      const entries = kept.map(
        (name) => `struct_pack(k := ${literal(name)}, v := to_json(${ident(name)}))`,
      );
      // Most rows have no extra fields: skip building the object for them.
      const allNull = kept.map((name) => `${ident(name)} IS NULL`).join(' AND ');
      return `CASE WHEN ${allNull} THEN NULL::JSON ELSE nullif(to_json(map_from_entries(
        list_filter([${entries.join(', ')}], e -> e.v IS NOT NULL AND e.v::VARCHAR <> '""'))), '{}') END`;
    },
    carry: columns
      .map((name, i) => `${format === 'csv' ? text(name) : ident(name)} AS __carry_${i}`)
      .join(', '),
    carried,
    record:
      format === 'csv'
        ? `concat_ws(',', ${carried.map(csvCell).join(', ')})`
        : `to_json(struct_pack(${columns.map((name, i) => `${ident(name)} := __carry_${i}`).join(', ')}))::VARCHAR`,
    hash: `md5(concat_ws(chr(31), ${columns.map((name) => `coalesce(${text(name)}, chr(30))`).join(', ')}))`,
    broken,
    async drop() {
      await warehouse.run(`DROP VIEW IF EXISTS ${relation}`);
      for (const name of tables) await warehouse.run(`DROP TABLE IF EXISTS ${name}`);
    },
  };
}

/**
 * Line numbers of a fast read, whose every record is one line and which skipped no blank line:
 * the n-th readable row (row id n) is the n-th line after the header that the reader did not
 * reject. With rejected lines L0 < L1 < …, row n sits after every Lj with
 * Lj − 2 − j ≤ n (the readable rows before Lj). Parquet rows carry their own number.
 */
function lineNumbered(
  table: string,
  broken: string,
  format: 'csv' | 'parquet',
  hasGaps: boolean,
): string {
  if (format === 'parquet') {
    return `SELECT file_row_number + 1 AS __line, * EXCLUDE (file_row_number) FROM ${table}`;
  }
  if (!hasGaps) return `SELECT rowid + 2 AS __line, * FROM ${table}`;
  return `
    WITH gaps AS (
      SELECT line - 2 - (row_number() OVER (ORDER BY line) - 1) AS before,
             row_number() OVER (ORDER BY line) AS skipped
      FROM ${broken}
    ),
    numbered AS (SELECT rowid AS __n, * FROM ${table})
    SELECT numbered.__n + 2 + coalesce(gaps.skipped, 0) AS __line, numbered.* EXCLUDE (__n)
    FROM numbered ASOF LEFT JOIN gaps ON numbered.__n >= gaps.before`;
}

function csvCell(value: string): string {
  return `CASE WHEN ${value} IS NULL THEN '' WHEN regexp_matches(${value}, '[",\\r\\n]')
    THEN '"' || replace(${value}, '"', '""') || '"' ELSE ${value} END`;
}
