import { ident, literal } from '../../sql-text.js';
import type { Warehouse } from '../../warehouse.js';
import { stageCsvCarefully } from './csv-careful.js';
import { isGzip, readCsvHead, scanCsvBytes, type CsvHead } from '../../csv/csv-head.js';
import { lineSizeOptions, MAX_LINE_BYTES } from './line-size.js';

/** The scratch relations a staged CSV file fills. */
export interface CsvTargets {
  /** Readable rows with `__line` (the careful way) or in file order (the fast way). */
  table: string;
  /** Lines that are not rows: line, reason, record. */
  broken: string;
  readerErrors: string;
  readerScans: string;
}

/** How a CSV file was staged: the engine's reader numbers rows by position, ours by line. */
export interface StagedCsv {
  head: CsvHead;
  /** True when `table` holds `__line`; false when rows are numbered by their position. */
  numbered: boolean;
}

/**
 * Stages a CSV file. The engine's reader is the fast way, and it is right for most files;
 * but a stray quote would swallow the lines after it, and a field across lines, or a blank
 * line it skips, would shift the line number of every later row. So the fast read is checked
 * (a search of the file's bytes, run alongside it, and of its values when the file has quotes),
 * and a file it cannot be trusted with is read again, carefully (`stageCsvCarefully`).
 */
export async function stageCsv(
  warehouse: Warehouse,
  file: string,
  name: string,
  targets: CsvTargets,
  scratchDir: string,
  tag: string,
): Promise<StagedCsv> {
  const head = await readCsvHead(file, name);
  // The byte search runs while the engine reads; its failure is the careful reader's to report.
  const scanning = head.plain ? scanCsvBytes(file).catch(() => null) : Promise.resolve(null);
  const fast = head.plain && (await readFast(warehouse, file, head, targets));
  const scanned = await scanning;
  if (
    fast &&
    scanned &&
    !scanned.blankLine &&
    (await fastReadHolds(warehouse, head, targets, scanned))
  ) {
    await warehouse.run(`
      CREATE TEMP TABLE ${targets.broken} AS
      SELECT line::BIGINT AS line,
             'malformed row: ' || fields || CASE WHEN fields = 1 THEN ' field' ELSE ' fields' END
               || ' where the header has ' || ${head.names.length} AS reason,
             csv_line AS record
      FROM (SELECT line, first(csv_line) AS csv_line,
                   len(string_split(first(csv_line), ${literal(head.delimiter)})) AS fields
            FROM ${targets.readerErrors} GROUP BY line)`);
    return { head, numbered: false };
  }
  for (const table of [targets.table, targets.readerErrors, targets.readerScans]) {
    await warehouse.run(`DROP TABLE IF EXISTS ${table}`);
  }
  await stageCsvCarefully(warehouse, file, head, targets, scratchDir, tag);
  return { head, numbered: true };
}

/** The engine's reader, told the dialect (the sniffer is misled by a stray quote); false when it fails. */
async function readFast(
  warehouse: Warehouse,
  file: string,
  head: CsvHead,
  targets: CsvTargets,
): Promise<boolean> {
  const columns = head.names.map((column) => `${literal(column)}: 'VARCHAR'`).join(', ');
  try {
    await warehouse.run(
      `CREATE TEMP TABLE ${targets.table} AS SELECT * FROM read_csv($file, auto_detect = false,
         header = true, delim = ${literal(head.delimiter)}, quote = '"', escape = '"',
         columns = {${columns}}, compression = ${isGzip(file) ? "'gzip'" : "'none'"},
         store_rejects = true, rejects_table = ${literal(targets.readerErrors)},
         rejects_scan = ${literal(targets.readerScans)}, ${lineSizeOptions(MAX_LINE_BYTES)})`,
      { file },
    );
    return true;
  } catch {
    // A lone carriage return, say: the careful reader takes such files.
    return false;
  }
}

/**
 * Whether the fast read numbers every row right and splits it as the careful reader would:
 * no blank line, every rejected line is one line with the wrong number of fields, and, when
 * the file has quotes or carriage returns, no value holds a quote or a line break.
 */
async function fastReadHolds(
  warehouse: Warehouse,
  head: CsvHead,
  targets: CsvTargets,
  bytes: { quotes: boolean; carriageReturns: boolean },
): Promise<boolean> {
  const [errors] = await warehouse.query<{ odd: number }>(
    `SELECT count(*) AS odd FROM ${targets.readerErrors}
     WHERE error_type NOT IN ('TOO MANY COLUMNS', 'MISSING COLUMNS')
        OR regexp_matches(csv_line, '["\\r\\n]')`,
  );
  if ((errors?.odd ?? 0) > 0) return false;
  if (!bytes.quotes && !bytes.carriageReturns) return true;
  const suspect = head.names
    .map((column) => {
      const value = ident(column);
      return `contains(${value}, '"') OR contains(${value}, chr(10)) OR contains(${value}, chr(13))`;
    })
    .join(' OR ');
  const [found] = await warehouse.query<{ any: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM ${targets.table} WHERE ${suspect}) AS any`,
  );
  return !(found?.any ?? false);
}
